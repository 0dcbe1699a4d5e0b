// `sohoa-cli store rebuild`: re-creates the store's index from its folders, dossier manifests and page
// files (StoreRebuildJob) when it is missing, empty or damaged; the previous index is moved aside.

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/Commands.h"
#include "app/workflows/StoreRebuildJob.h"
#include "core/dossier/DossierStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

QJsonObject reportJson(const RebuildReport &r)
{
    QJsonArray dossiers, pending;
    for (const RebuiltDossier &d : r.dossiers)
        dossiers.append(QJsonObject{{QStringLiteral("code"), d.code},
                                    {QStringLiteral("folder"), d.folder},
                                    {QStringLiteral("from_manifest"), d.fromManifest},
                                    {QStringLiteral("components"), d.components},
                                    {QStringLiteral("pages"), d.pages},
                                    {QStringLiteral("deleted_pages"), d.deletedPages}});
    for (const PendingChange &p : r.pendingChanges) {
        QJsonObject o = p.change;
        o.insert(QStringLiteral("dossier"), p.dossier);
        pending.append(o);
    }
    const auto list = [](const QStringList &l) {
        return QJsonArray::fromStringList(l);
    };
    return QJsonObject{{QStringLiteral("event"), QStringLiteral("rebuilt")},
                       {QStringLiteral("store"), r.root},
                       {QStringLiteral("previous_index"), r.previousIndex},
                       {QStringLiteral("previous_index_problem"), r.previousIndexProblem},
                       {QStringLiteral("moved_aside"), list(r.movedAside)},
                       {QStringLiteral("dossiers"), dossiers},
                       {QStringLiteral("pages"), r.pages},
                       {QStringLiteral("unlisted"), list(r.unlistedFiles)},
                       {QStringLiteral("missing"), list(r.missingFiles)},
                       {QStringLiteral("damaged"), list(r.damagedFiles)},
                       {QStringLiteral("manifest_problems"), list(r.manifestProblems)},
                       {QStringLiteral("skipped"), list(r.skippedFiles)},
                       {QStringLiteral("pending"), pending}};
}

void printText(const RebuildReport &r)
{
    printLine(QStringLiteral("rebuilt the index of %1: %2 dossier(s), %3 page(s)")
                  .arg(r.root)
                  .arg(r.dossiers.size())
                  .arg(r.pages));
    for (const RebuiltDossier &d : r.dossiers)
        printLine(QStringLiteral("  %1\t%2 page(s), %3 deleted\tfrom %4")
                      .arg(d.code)
                      .arg(d.pages)
                      .arg(d.deletedPages)
                      .arg(d.fromManifest ? QStringLiteral("its manifest") : QStringLiteral("folder names")));
    if (!r.movedAside.isEmpty())
        printLine(QStringLiteral("previous index (%1) kept as %2").arg(r.previousIndex, r.movedAside.join(u' ')));
}

// What the rebuild could not take as it was: on stderr, in both languages, whatever the output format.
void printFindings(const RebuildReport &r)
{
    const auto each = [](const QStringList &items, const char *text) {
        for (const QString &item : items)
            printWarning(bilingual(text) + QStringLiteral(": ") + item);
    };
    each(r.unlistedFiles,
         QT_TRANSLATE_NOOP("sohoa::cli", "A page file its dossier's manifest does not list was added from its folder"));
    for (const QString &path : r.missingFiles)
        printWarning(Error(ErrorCode::PageFileMissing, path).fullText());
    for (const QString &path : r.damagedFiles)
        printWarning(Error(ErrorCode::PageFileDamaged, path).fullText());
    each(r.manifestProblems,
         QT_TRANSLATE_NOOP("sohoa::cli", "A dossier manifest could not be used; its folder was read by file names"));
    for (const RebuiltDossier &d : r.dossiers) {
        if (!d.fromManifest)
            printWarning(
                bilingual(QT_TRANSLATE_NOOP(
                    "sohoa::cli", "Rebuilt from folder and file names alone (no usable manifest): the procedure, the "
                                  "applicant, rotations, deleted pages and the order after moves are not known")) +
                QStringLiteral(": %1 (%2)").arg(d.code, d.folder));
    }
    for (const PendingChange &p : r.pendingChanges)
        printWarning(
            bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "A change may not have been saved before the index was lost; the "
                                                      "dossier is as it was before it")) +
            QStringLiteral(": %1 %2").arg(p.dossier, p.change.value(QStringLiteral("action")).toString()));
    each(r.skippedFiles, QT_TRANSLATE_NOOP("sohoa::cli", "Left alone (not a page image of a dossier folder)"));
}

} // namespace

int storeRebuildCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "sohoa::cli", "Rebuild the store's index from its dossier folders, manifests and page files."));
    parser.addOptions({
        storeOption(),
        jsonOption(),
        option("force", QT_TRANSLATE_NOOP("sohoa::cli", "Rebuild even an index that opens without error.")),
    });
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "store rebuild takes no arguments"), json);
    const QString dir =
        parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")) : DossierStore::defaultLocation();
    RebuildOptions options;
    options.force = parser.isSet(QStringLiteral("force"));
    workflows::StoreRebuildJob job(dir, options);
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    if (json)
        printJson(reportJson(job.report()));
    else
        printText(job.report());
    printFindings(job.report());
    return 0;
}

} // namespace sohoa::cli
