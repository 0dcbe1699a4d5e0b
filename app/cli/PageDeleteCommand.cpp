// `sohoa-cli page delete CODE --component C --page N`: takes a page out of the dossier's order and
// export; its file stays, and `page restore` brings it back.

#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/PageArguments.h"

namespace sohoa::cli {

int pageDeleteCommand(const QStringList &args)
{
    QCommandLineParser parser;
    int exitCode = 0;
    auto command = openPageCommand(parser, args, QStringLiteral("delete"), &exitCode);
    if (!command)
        return exitCode;
    const bool json = command->opened.json;
    DossierStore &store = *command->opened.store;
    auto page = workflows::findPage(store, command->address);
    if (!page)
        return fail(page.error(), json);
    auto deleted = store.deletePage(page->id);
    if (!deleted)
        return fail(deleted.error(), json);
    return printPageChange(*command, QStringLiteral("page-deleted"), deleted.value(),
                           {{QStringLiteral("component"), command->address.component},
                            {QStringLiteral("position"), command->address.position}},
                           QStringLiteral("deleted %1 / %2 page %3 (%4; page restore brings it back)")
                               .arg(command->address.dossierCode, command->address.component)
                               .arg(command->address.position)
                               .arg(deleted->relativePath));
}

} // namespace sohoa::cli
