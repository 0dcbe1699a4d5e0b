// `sohoa-cli page rotate CODE --component C --page N --degrees 90|180|270`: turns a page clockwise,
// losslessly (applied at export as the page's /Rotate; the image file is never re-encoded).

#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/PageArguments.h"

namespace sohoa::cli {

int pageRotateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(option("degrees", QT_TRANSLATE_NOOP("sohoa::cli", "Clockwise: 90, 180 or 270."), "D"));
    int exitCode = 0;
    auto command = openPageCommand(parser, args, QStringLiteral("rotate"), &exitCode);
    if (!command)
        return exitCode;
    const bool json = command->opened.json;
    const int degrees = parser.value(QStringLiteral("degrees")).toInt();
    if (degrees != 90 && degrees != 180 && degrees != 270)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "page rotate needs --degrees 90, 180 or 270"), json);
    DossierStore &store = *command->opened.store;
    auto page = workflows::findPage(store, command->address);
    if (!page)
        return fail(page.error(), json);
    auto rotated = store.rotatePage(page->id, degrees);
    if (!rotated)
        return fail(rotated.error(), json);
    return printPageChange(*command, QStringLiteral("page-rotated"), rotated.value(),
                           {{QStringLiteral("component"), command->address.component},
                            {QStringLiteral("position"), command->address.position},
                            {QStringLiteral("degrees"), degrees},
                            {QStringLiteral("rotation"), rotated->rotation}},
                           QStringLiteral("rotated %1 / %2 page %3 by %4 (now %5)")
                               .arg(command->address.dossierCode, command->address.component)
                               .arg(command->address.position)
                               .arg(degrees)
                               .arg(rotated->rotation));
}

} // namespace sohoa::cli
