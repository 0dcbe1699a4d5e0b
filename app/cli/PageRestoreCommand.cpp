// `sohoa-cli page restore CODE --component C --page N`: brings back the page deleted from position N
// (the latest, if several were), at that position.

#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/PageArguments.h"

namespace sohoa::cli {

int pageRestoreCommand(const QStringList &args)
{
    QCommandLineParser parser;
    int exitCode = 0;
    auto command = openPageCommand(parser, args, QStringLiteral("restore"), &exitCode);
    if (!command)
        return exitCode;
    const bool json = command->opened.json;
    DossierStore &store = *command->opened.store;
    auto page = workflows::findDeletedPage(store, command->address);
    if (!page)
        return fail(page.error(), json);
    auto restored = store.restorePage(page->id);
    if (!restored)
        return fail(restored.error(), json);
    return printPageChange(
        *command, QStringLiteral("page-restored"), restored.value(),
        {{QStringLiteral("component"), command->address.component}, {QStringLiteral("position"), restored->position}},
        QStringLiteral("restored %1 / %2 page %3 (%4)")
            .arg(command->address.dossierCode, command->address.component)
            .arg(restored->position)
            .arg(restored->relativePath));
}

} // namespace sohoa::cli
