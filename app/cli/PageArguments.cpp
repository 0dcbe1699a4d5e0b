#include "app/cli/PageArguments.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"

namespace sohoa::cli {

std::optional<PageCommand> openPageCommand(QCommandLineParser &parser, const QStringList &args, const QString &verb,
                                           int *exitCode)
{
    parser.addOptions({
        option("component", QT_TRANSLATE_NOOP("sohoa::cli", "Component of the page."), "NAME"),
        option("page", QT_TRANSLATE_NOOP("sohoa::cli", "Position of the page in the component, from 1."), "N"),
    });
    const QString command = QStringLiteral("page ") + verb;
    auto opened = openDossierCommand(parser, args, command, StoreOpenMode::Existing, exitCode);
    if (!opened)
        return std::nullopt;
    const bool json = opened->json;
    if (!parser.isSet(QStringLiteral("component"))) {
        *exitCode = usageError(QT_TRANSLATE_NOOP("sohoa::cli", "%1 needs --component NAME"), json, {command});
        return std::nullopt;
    }
    bool ok = false;
    const int position = parser.value(QStringLiteral("page")).toInt(&ok);
    if (!ok || position < 1) {
        *exitCode =
            usageError(QT_TRANSLATE_NOOP("sohoa::cli", "%1 needs --page N (a position from 1)"), json, {command});
        return std::nullopt;
    }
    PageCommand c{std::move(*opened), {}};
    c.address = {c.opened.dossier.code, parser.value(QStringLiteral("component")).trimmed(), position};
    return c;
}

int printPageChange(const PageCommand &command, const QString &event, const PageRecord &page, QJsonObject extra,
                    const QString &line)
{
    if (command.opened.json) {
        extra.insert(QStringLiteral("event"), event);
        extra.insert(QStringLiteral("dossier"), command.address.dossierCode);
        extra.insert(QStringLiteral("page"), pageJson(page));
        printJson(extra);
    } else {
        printLine(line);
    }
    return 0;
}

} // namespace sohoa::cli
