// `sohoa-cli page move CODE --component C --page N --to M [--to-component C2]`: puts a page elsewhere
// in the order (its file is never renamed).

#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/PageArguments.h"

namespace sohoa::cli {

int pageMoveCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({
        option("to", QT_TRANSLATE_NOOP("sohoa::cli", "New position, from 1."), "M"),
        option("to-component", QT_TRANSLATE_NOOP("sohoa::cli", "Move into this component of the same dossier."),
               "NAME"),
    });
    int exitCode = 0;
    auto command = openPageCommand(parser, args, QStringLiteral("move"), &exitCode);
    if (!command)
        return exitCode;
    const bool json = command->opened.json;
    bool ok = false;
    const int to = parser.value(QStringLiteral("to")).toInt(&ok);
    if (!ok || to < 1)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "page move needs --to M (a position from 1)"), json);
    DossierStore &store = *command->opened.store;
    auto page = workflows::findPage(store, command->address);
    if (!page)
        return fail(page.error(), json);
    const QString toName = parser.isSet(QStringLiteral("to-component"))
                               ? parser.value(QStringLiteral("to-component")).trimmed()
                               : command->address.component;
    auto target = workflows::findComponent(store, command->address.dossierCode, toName);
    if (!target)
        return fail(target.error(), json);
    auto moved = store.movePage(page->id, target->id, to);
    if (!moved)
        return fail(moved.error(), json);
    return printPageChange(*command, QStringLiteral("page-moved"), moved.value(),
                           {{QStringLiteral("component"), command->address.component},
                            {QStringLiteral("from"), command->address.position},
                            {QStringLiteral("to_component"), target->name},
                            {QStringLiteral("to"), moved->position}},
                           QStringLiteral("moved %1 / %2 page %3 -> %4 page %5")
                               .arg(command->address.dossierCode, command->address.component)
                               .arg(command->address.position)
                               .arg(target->name)
                               .arg(moved->position));
}

} // namespace sohoa::cli
