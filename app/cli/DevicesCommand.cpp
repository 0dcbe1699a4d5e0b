// `sohoa-cli devices`: the scanners SANE finds.

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/Commands.h"
#include "app/workflows/ListDevicesJob.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

int devicesCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(jsonOption());
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    workflows::ListDevicesJob job;
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    QJsonArray list;
    for (const auto &dev : job.devices()) {
        if (json) {
            list.append(QJsonObject{{QStringLiteral("name"), dev.name},
                                    {QStringLiteral("vendor"), dev.vendor},
                                    {QStringLiteral("model"), dev.model},
                                    {QStringLiteral("type"), dev.type}});
        } else {
            printLine(QStringLiteral("%1\t%2 %3 (%4)").arg(dev.name, dev.vendor, dev.model, dev.type));
        }
    }
    if (json)
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("devices")}, {QStringLiteral("devices"), list}});
    else if (job.devices().isEmpty())
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "No scanners found.")));
    return 0;
}

} // namespace sohoa::cli
