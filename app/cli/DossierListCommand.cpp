// `sohoa-cli dossier list`: the dossiers of the store with their page counts.

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

int dossierListCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const bool json = wantsJson(args);
    int exitCode = 0;
    const auto store = openStoreForReading(parser, args, json, &exitCode);
    if (!store)
        return exitCode;
    auto list = store->dossiers();
    if (!list)
        return fail(list.error(), json);
    QJsonArray arr;
    for (const DossierInfo &d : list.value()) {
        auto pages = store->dossierPages(d.id);
        const int count = pages ? static_cast<int>(pages->size()) : 0;
        // Page files recovery found missing or damaged: said here, per dossier, not on every command.
        const auto [missing, damaged] = pageProblemCounts(*store, d.id);
        if (json) {
            QJsonObject o = dossierJson(d);
            o.insert(QStringLiteral("page_count"), count);
            o.insert(QStringLiteral("missing_pages"), missing);
            o.insert(QStringLiteral("damaged_pages"), damaged);
            arr.append(o);
        } else {
            QString line = QStringLiteral("%1\t%2 page(s)\t%3\t%4")
                               .arg(d.code)
                               .arg(count)
                               .arg(d.status, d.updatedAt.toString(Qt::ISODate));
            if (missing > 0 || damaged > 0)
                line += u'\t' + bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "missing %1, damaged %2 (dossier show)"))
                                    .arg(missing)
                                    .arg(damaged);
            printLine(line);
        }
    }
    if (json)
        printJson(
            QJsonObject{{QStringLiteral("event"), QStringLiteral("dossiers")}, {QStringLiteral("dossiers"), arr}});
    return 0;
}

} // namespace sohoa::cli
