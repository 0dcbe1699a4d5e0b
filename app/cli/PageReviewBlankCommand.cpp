// `sohoa-cli page blank CODE --component C --page N (--keep | --remove)`: a person's review of a page
// that blank detection flagged (the detector only flags: nothing leaves a dossier without a person).

#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/PageArguments.h"

namespace sohoa::cli {

int pageReviewBlankCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({
        option("keep", QT_TRANSLATE_NOOP("sohoa::cli", "The page is wanted (e.g. a back with a faint stamp).")),
        option("remove", QT_TRANSLATE_NOOP("sohoa::cli", "Take the page out (restorable with page restore).")),
    });
    int exitCode = 0;
    auto command = openPageCommand(parser, args, QStringLiteral("blank"), &exitCode);
    if (!command)
        return exitCode;
    const bool json = command->opened.json;
    const bool keep = parser.isSet(QStringLiteral("keep"));
    if (keep == parser.isSet(QStringLiteral("remove")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give --keep or --remove"), json);
    DossierStore &store = *command->opened.store;
    auto page = workflows::findPage(store, command->address);
    if (!page)
        return fail(page.error(), json);
    if (!page->cleanup.blank)
        return fail(Error(ErrorCode::InvalidArgument,
                          QStringLiteral("page %1 of %2 is not flagged blank")
                              .arg(command->address.position)
                              .arg(command->address.component)),
                    json);
    auto reviewed = store.reviewBlankPage(page->id, keep);
    if (!reviewed)
        return fail(reviewed.error(), json);
    return printPageChange(*command, keep ? QStringLiteral("blank-page-kept") : QStringLiteral("page-deleted"),
                           reviewed.value(),
                           {{QStringLiteral("component"), command->address.component},
                            {QStringLiteral("position"), command->address.position}},
                           keep ? QStringLiteral("kept blank page %1 of %2 / %3")
                                      .arg(command->address.position)
                                      .arg(command->address.dossierCode, command->address.component)
                                : QStringLiteral("removed blank page %1 of %2 / %3 (page restore brings it back)")
                                      .arg(command->address.position)
                                      .arg(command->address.dossierCode, command->address.component));
}

} // namespace sohoa::cli
