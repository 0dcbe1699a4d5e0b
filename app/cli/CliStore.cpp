#include "app/cli/CliStore.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace sohoa::cli {

namespace {

// Pages of `all` that belong to the dossier.
QList<PageRecord> ofDossier(const DossierStore &store, qint64 dossierId, const QList<PageRecord> &all)
{
    QList<PageRecord> out;
    if (all.isEmpty() || dossierId == 0)
        return out;
    auto pages = store.dossierPages(dossierId);
    if (!pages)
        return out;
    QSet<qint64> ids;
    for (const PageRecord &p : pages.value())
        ids.insert(p.id);
    for (const PageRecord &p : all)
        if (ids.contains(p.id))
            out.append(p);
    return out;
}

void printRecovery(const DossierStore &store, const QString &dossierCode, bool json)
{
    RecoveryReport rep = store.recoveryReport();
    const auto dossier =
        dossierCode.isEmpty() ? Result<DossierInfo>(Error(ErrorCode::DossierNotFound)) : store.dossier(dossierCode);
    const qint64 dossierId = dossier ? dossier->id : 0;
    rep.missingPages = ofDossier(store, dossierId, rep.missingPages);
    rep.damagedPages = ofDossier(store, dossierId, rep.damagedPages);
    if (rep.isClean())
        return;
    if (json) {
        QJsonArray adopted, missing, damaged, removed;
        for (const auto &p : rep.adoptedPages)
            adopted.append(p.relativePath);
        for (const auto &p : rep.missingPages)
            missing.append(p.relativePath);
        for (const auto &p : rep.damagedPages)
            damaged.append(p.relativePath);
        for (const auto &t : rep.removedTemporaries)
            removed.append(t);
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("recovery")},
                      {QStringLiteral("adopted"), adopted},
                      {QStringLiteral("missing"), missing},
                      {QStringLiteral("damaged"), damaged},
                      {QStringLiteral("removed_temporaries"), removed}};
        if (rep.notDone)
            o.insert(QStringLiteral("not_done"), true); // read-only: adopted/removed are what would be done
        printJson(o);
    }
    // A read-only store is only looked at: its findings are what the next writable open will do.
    const char *adoptedText =
        rep.notDone ? QT_TRANSLATE_NOOP("sohoa::cli", "Read-only store: a complete page would be recovered")
                    : QT_TRANSLATE_NOOP("sohoa::cli", "Recovered a complete page");
    const char *removedText =
        rep.notDone ? QT_TRANSLATE_NOOP("sohoa::cli", "Read-only store: an incomplete temporary file would be removed")
                    : QT_TRANSLATE_NOOP("sohoa::cli", "Removed an incomplete temporary file");
    for (const auto &p : rep.adoptedPages)
        printWarning(bilingual(adoptedText) + QStringLiteral(": ") + p.relativePath);
    for (const auto &t : rep.removedTemporaries)
        printWarning(bilingual(removedText) + QStringLiteral(": ") + t);
    // With what to do about it: delete the page, or scan it again in its place.
    const auto printProblem = [&](ErrorCode code, const PageRecord &p) {
        auto component = store.componentById(p.componentId);
        printWarning(Error(code, p.relativePath).fullText());
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Page %1 of %2: delete it (page delete) or scan it "
                                                               "again in its place (scan --at %1 --replace)"))
                         .arg(p.position)
                         .arg(component ? component->name : QString()));
    };
    for (const auto &p : rep.missingPages)
        printProblem(ErrorCode::PageFileMissing, p);
    for (const auto &p : rep.damagedPages)
        printProblem(ErrorCode::PageFileDamaged, p);
}

} // namespace

QCommandLineOption readOnlyOption()
{
    return option("read-only", QT_TRANSLATE_NOOP("sohoa::cli",
                                                 "Open the store read-only: nothing in it is written, not even "
                                                 "recovery (a store that cannot be written is read this way anyway)."));
}

std::pair<int, int> pageProblemCounts(const DossierStore &store, qint64 dossierId)
{
    const RecoveryReport &rep = store.recoveryReport();
    return {static_cast<int>(ofDossier(store, dossierId, rep.missingPages).size()),
            static_cast<int>(ofDossier(store, dossierId, rep.damagedPages).size())};
}

std::unique_ptr<DossierStore> openStoreForReading(QCommandLineParser &parser, const QStringList &args, bool json,
                                                  int *exitCode)
{
    parser.addOptions({storeOption(), jsonOption(), readOnlyOption()});
    if (!parseArguments(parser, args, exitCode, json))
        return nullptr;
    StoreOptions options;
    options.mode = StoreOpenMode::ExistingOrReadOnly;
    auto store = openStore(parser, json, options);
    if (!store) {
        *exitCode = fail(store.error(), json);
        return nullptr;
    }
    return std::move(store).value();
}

Result<std::unique_ptr<DossierStore>> openStore(const QCommandLineParser &parser, bool json, StoreOptions options,
                                                const QString &dossierCode)
{
    const QString dir =
        parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")) : DossierStore::defaultLocation();
    const bool asked = options.mode == StoreOpenMode::ExistingOrReadOnly && parser.isSet(QStringLiteral("read-only"));
    if (asked)
        options.mode = StoreOpenMode::ReadOnly;
    auto store = DossierStore::open(dir, options);
    if (!store)
        return store;
    if (store.value()->isReadOnly() && !asked && options.mode != StoreOpenMode::ReadOnly)
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli",
                                                 "The store cannot be written here; it is read without changing it")) +
                     QStringLiteral(": ") + store.value()->rootPath());
    printRecovery(*store.value(), dossierCode, json);
    return store;
}

std::optional<OpenedDossier> openDossierCommand(QCommandLineParser &parser, const QStringList &args,
                                                const QString &command, StoreOpenMode mode, int *exitCode)
{
    parser.addOptions({storeOption(), jsonOption()});
    if (mode == StoreOpenMode::ExistingOrReadOnly)
        parser.addOption(readOnlyOption());
    parser.addPositionalArgument(QStringLiteral("CODE"), QCoreApplication::translate("sohoa::cli", "Dossier code."));
    OpenedDossier opened;
    opened.json = wantsJson(args);
    if (!parseArguments(parser, args, exitCode, opened.json))
        return std::nullopt;
    if (parser.positionalArguments().size() != 1) {
        *exitCode = usageError(QT_TRANSLATE_NOOP("sohoa::cli", "%1 needs exactly one CODE"), opened.json, {command});
        return std::nullopt;
    }
    StoreOptions options;
    options.mode = mode;
    auto store = openStore(parser, opened.json, options, parser.positionalArguments().constFirst());
    if (!store) {
        *exitCode = fail(store.error(), opened.json);
        return std::nullopt;
    }
    auto dossier = store.value()->dossier(parser.positionalArguments().constFirst());
    if (!dossier) {
        *exitCode = fail(dossier.error(), opened.json);
        return std::nullopt;
    }
    opened.store = std::move(store).value();
    opened.dossier = dossier.value();
    return opened;
}

} // namespace sohoa::cli
