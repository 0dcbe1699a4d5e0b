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
    parser.addOptions({storeOption(), jsonOption(), readOnlyOption()});
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    StoreOptions options;
    options.mode = StoreOpenMode::ExistingOrReadOnly;
    auto store = openStore(parser, json, options);
    if (!store)
        return fail(store.error(), json);
    auto list = store.value()->dossiers();
    if (!list)
        return fail(list.error(), json);
    QJsonArray arr;
    for (const DossierInfo &d : list.value()) {
        auto pages = store.value()->dossierPages(d.id);
        const int count = pages ? static_cast<int>(pages->size()) : 0;
        // Page files recovery found missing or damaged: said here, per dossier, not on every command.
        const auto [missing, damaged] = pageProblemCounts(*store.value(), d.id);
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
