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
    if (!check.missing.isEmpty())
        return fail(Error(ErrorCode::PageFileMissing, check.missing.constFirst().relativePath), false);
    if (!check.damaged.isEmpty())
        return fail(Error(ErrorCode::PageFileDamaged, check.damaged.constFirst().relativePath), false);
    return 0;
}

} // namespace sohoa::cli
