// `sohoa-cli dossier verify CODE`: every page file re-read against its SHA-256 (VerifyDossierJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/workflows/VerifyDossierJob.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

int dossierVerifyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    int exitCode = 0;
    auto opened = openDossierCommand(parser, args, QStringLiteral("dossier verify"), StoreOpenMode::ExistingOrReadOnly,
                                     &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    workflows::VerifyDossierJob job(*opened->store, opened->dossier.code);
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    const workflows::DossierCheck &check = job.report();
    if (json) {
        QJsonArray d, m;
        for (const auto &p : check.damaged)
            d.append(p.relativePath);
        for (const auto &p : check.missing)
            m.append(p.relativePath);
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("verified")},
                              {QStringLiteral("dossier"), check.dossier.code},
                              {QStringLiteral("pages"), check.pagesChecked},
                              {QStringLiteral("damaged"), d},
                              {QStringLiteral("missing"), m}});
    } else {
        printLine(QStringLiteral("%1 page(s) checked, %2 damaged, %3 missing")
                      .arg(check.pagesChecked)
                      .arg(check.damaged.size())
                      .arg(check.missing.size()));
    }
    // A deleted page's file is checked and listed too, but does not fail the dossier: it is not
    // exported, and deleting it is what the user was told to do with a page whose file is gone.
    const auto firstVisible = [](const QList<PageRecord> &pages) -> const PageRecord * {
        for (const PageRecord &p : pages)
            if (!p.deleted)
                return &p;
        return nullptr;
    };
    if (const PageRecord *p = firstVisible(check.missing))
        return fail(Error(ErrorCode::PageFileMissing, p->relativePath), false);
    if (const PageRecord *p = firstVisible(check.damaged))
        return fail(Error(ErrorCode::PageFileDamaged, p->relativePath), false);
    return 0;
}

} // namespace sohoa::cli
