#include "app/cli/CliStore.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

void printRecovery(const RecoveryReport &rep, bool json)
{
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
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("recovery")},
                              {QStringLiteral("adopted"), adopted},
                              {QStringLiteral("missing"), missing},
                              {QStringLiteral("damaged"), damaged},
                              {QStringLiteral("removed_temporaries"), removed}});
    }
    for (const auto &p : rep.adoptedPages)
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Recovered a complete page")) + QStringLiteral(": ") +
                     p.relativePath);
    for (const auto &t : rep.removedTemporaries)
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Removed an incomplete temporary file")) +
                     QStringLiteral(": ") + t);
    for (const auto &p : rep.missingPages)
        printWarning(Error(ErrorCode::PageFileMissing, p.relativePath).fullText());
    for (const auto &p : rep.damagedPages)
        printWarning(Error(ErrorCode::PageFileDamaged, p.relativePath).fullText());
}

} // namespace

Result<std::unique_ptr<DossierStore>> openStore(const QCommandLineParser &parser, bool json,
                                                const StoreOptions &options)
{
    const QString dir =
        parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")) : DossierStore::defaultLocation();
    auto store = DossierStore::open(dir, options);
    if (store)
        printRecovery(store.value()->recoveryReport(), json);
    return store;
}

std::optional<OpenedDossier> openDossierCommand(QCommandLineParser &parser, const QStringList &args,
                                                const QString &command, int *exitCode)
{
    parser.addOptions({storeOption(), jsonOption()});
    parser.addPositionalArgument(QStringLiteral("CODE"), QCoreApplication::translate("sohoa::cli", "Dossier code."));
    OpenedDossier opened;
    opened.json = wantsJson(args);
    if (!parseArguments(parser, args, exitCode, opened.json))
        return std::nullopt;
    if (parser.positionalArguments().size() != 1) {
        *exitCode = usageError(command + QStringLiteral(" needs exactly one CODE"), opened.json);
        return std::nullopt;
    }
    auto store = openStore(parser, opened.json);
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
