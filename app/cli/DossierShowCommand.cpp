// `sohoa-cli dossier show CODE`: a dossier with its components and their pages in order.

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

void printPageLine(const PageRecord &p)
{
    QString line = QStringLiteral("     %1 %2x%3 %4dpi %5 %6")
                       .arg(p.relativePath)
                       .arg(p.width)
                       .arg(p.height)
                       .arg(p.dpi)
                       .arg(colorModeName(p.mode), p.sha256);
    if (p.rotation != 0)
        line += QStringLiteral(" rotated %1").arg(p.rotation);
    if (p.cleanup.present) {
        if (p.cleanup.blank)
            line += p.cleanup.blankReview == u"kept" ? QStringLiteral(" BLANK (kept)") : QStringLiteral(" BLANK?");
        if (p.cleanup.skewCorrectedDeg != 0)
            line += QStringLiteral(" deskewed %1°").arg(p.cleanup.skewCorrectedDeg, 0, 'f', 2);
        if (p.cleanup.rotatedDeg != 0)
            line += QStringLiteral(" turned %1°").arg(p.cleanup.rotatedDeg);
    }
    if (p.deleted)
        line = QStringLiteral("     deleted from page %1: ").arg(p.position) + line.trimmed();
    printLine(line);
}

} // namespace

int dossierShowCommand(const QStringList &args)
{
    QCommandLineParser parser;
    int exitCode = 0;
    auto opened =
        openDossierCommand(parser, args, QStringLiteral("dossier show"), StoreOpenMode::ExistingOrReadOnly, &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    DossierStore &store = *opened->store;
    const DossierInfo &dossier = opened->dossier;
    auto comps = store.components(dossier.id);
    if (!comps)
        return fail(comps.error(), json);
    if (!json)
        printLine(QStringLiteral("%1 (%2) created %3")
                      .arg(dossier.code, dossier.status, dossier.createdAt.toString(Qt::ISODate)));
    QJsonArray compArr;
    for (const ComponentInfo &c : comps.value()) {
        auto pages = store.pages(c.id);
        if (!pages)
            return fail(pages.error(), json);
        QJsonArray pageArr;
        if (!json)
            printLine(QStringLiteral("  %1. %2: %3 page(s)").arg(c.position).arg(c.name).arg(pages->size()));
        for (const PageRecord &p : pages.value()) {
            if (json)
                pageArr.append(pageJson(p));
            else
                printPageLine(p);
        }
        // Deleted pages apart: not in the order nor the export, but still there to restore.
        auto deleted = store.deletedPages(c.id);
        if (!deleted)
            return fail(deleted.error(), json);
        QJsonArray deletedArr;
        for (const PageRecord &p : deleted.value()) {
            if (json)
                deletedArr.append(pageJson(p));
            else
                printPageLine(p);
        }
        QJsonObject comp{{QStringLiteral("name"), c.name},
                         {QStringLiteral("position"), c.position},
                         {QStringLiteral("page_count"), pageArr.size()},
                         {QStringLiteral("pages"), pageArr}};
        if (!deletedArr.isEmpty())
            comp.insert(QStringLiteral("deleted_pages"), deletedArr);
        compArr.append(comp);
    }
    // Signed files made from the dossier (the counter's certified copy), oldest first.
    auto signedDocs = store.signedDocuments(dossier.id);
    if (!signedDocs)
        return fail(signedDocs.error(), json);
    QJsonArray signedArr;
    if (!json && !signedDocs->isEmpty())
        printLine(QStringLiteral("  signed: %1 file(s)").arg(signedDocs->size()));
    for (const SignedDocumentRecord &s : signedDocs.value()) {
        if (json) {
            signedArr.append(QJsonObject{{QStringLiteral("path"), s.path},
                                         {QStringLiteral("source"), s.sourcePath},
                                         {QStringLiteral("sha256"), s.sha256},
                                         {QStringLiteral("size"), s.size},
                                         {QStringLiteral("kind"), s.kind},
                                         {QStringLiteral("signer"), s.signer},
                                         {QStringLiteral("verdict"), s.verdict},
                                         {QStringLiteral("lookup_code"), s.lookupCode},
                                         {QStringLiteral("signed_at"), s.signedAt.toString(Qt::ISODate)}});
        } else {
            printLine(QStringLiteral("     %1 %2 %3 %4 by %5 %6")
                          .arg(s.signedAt.toString(Qt::ISODate), s.kind, s.verdict, s.path, s.signer, s.sha256));
        }
    }
    // Deliveries of the dossier's files: where, in what state, when.
    auto uploads = store.uploadJobs(dossier.id);
    if (!uploads)
        return fail(uploads.error(), json);
    QJsonArray uploadArr;
    if (!json && !uploads->isEmpty())
        printLine(QStringLiteral("  uploads: %1").arg(uploads->size()));
    for (const UploadJobRecord &u : uploads.value()) {
        if (json) {
            QJsonObject o{{QStringLiteral("id"), u.id},
                          {QStringLiteral("target"), u.target},
                          {QStringLiteral("path"), u.path},
                          {QStringLiteral("remote_name"), u.remoteName},
                          {QStringLiteral("state"), u.state},
                          {QStringLiteral("attempts"), u.attempts}};
            if (!u.remoteUrl.isEmpty())
                o.insert(QStringLiteral("remote_url"), u.remoteUrl);
            if (u.deliveredAt.isValid())
                o.insert(QStringLiteral("delivered_at"), u.deliveredAt.toString(Qt::ISODate));
            if (!u.lastErrorId.isEmpty() && u.state != u"delivered")
                o.insert(QStringLiteral("error"), u.lastErrorId);
            uploadArr.append(o);
        } else {
            printLine(QStringLiteral("     %1 %2 %3 -> %4 %5")
                          .arg(u.state, u.target, u.path, u.remoteUrl.isEmpty() ? u.remoteName : u.remoteUrl,
                               u.deliveredAt.isValid() ? u.deliveredAt.toString(Qt::ISODate) : u.lastErrorId));
        }
    }
    if (json) {
        QJsonObject o = dossierJson(dossier);
        o.insert(QStringLiteral("signed_documents"), signedArr);
        o.insert(QStringLiteral("uploads"), uploadArr);
        o.insert(QStringLiteral("event"), QStringLiteral("dossier"));
        o.insert(QStringLiteral("components"), compArr);
        printJson(o);
    }
    return 0;
}

} // namespace sohoa::cli
