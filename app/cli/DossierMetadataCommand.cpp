// `sohoa-cli dossier metadata CODE [--component NAME] [--set FIELD=VALUE]...`: the Decree 30 (Appendix VI)
// metadata of a dossier and its documents: sets what is given, then prints the record as the archival
// export will write it (typed and computed fields).

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/workflows/ArchivalRecord.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

QJsonObject fieldsJson(const QList<std::pair<QString, QString>> &fields)
{
    QJsonObject o;
    for (const auto &[name, value] : fields)
        o.insert(name, value);
    return o;
}

} // namespace

int dossierMetadataCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({
        option("component", QT_TRANSLATE_NOOP("sohoa::cli", "Set fields of this document (component)."), "NAME"),
        option("set",
               QT_TRANSLATE_NOOP("sohoa::cli", "FIELD=VALUE; an empty VALUE removes the field. May be repeated."),
               "FIELD=VALUE"),
    });
    const bool setting = args.contains(QStringLiteral("--set")) ||
                         std::any_of(args.cbegin(), args.cend(), [](const QString &a) { return a.startsWith(u"--set="); });
    int exitCode = 0;
    auto opened = openDossierCommand(parser, args, QStringLiteral("dossier metadata"),
                                     setting ? StoreOpenMode::Existing : StoreOpenMode::ExistingOrReadOnly, &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    if (parser.isSet(QStringLiteral("set"))) {
        if (auto r = workflows::setArchivalMetadata(*opened->store, opened->dossier.code,
                                                    parser.value(QStringLiteral("component")),
                                                    parser.values(QStringLiteral("set")));
            !r)
            return fail(r.error(), json);
    } else if (parser.isSet(QStringLiteral("component"))) {
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--component is for --set"), json);
    }
    auto record = workflows::archivalRecord(*opened->store, opened->dossier);
    if (!record)
        return fail(record.error(), json);
    if (json) {
        QJsonArray docs;
        for (const workflows::ArchivalDocument &d : record->documents)
            docs.append(QJsonObject{{QStringLiteral("component"), d.component},
                                    {QStringLiteral("first_page"), d.firstPage},
                                    {QStringLiteral("fields"), fieldsJson(d.fields)}});
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("metadata")},
                              {QStringLiteral("dossier"), opened->dossier.code},
                              {QStringLiteral("file"), fieldsJson(record->file)},
                              {QStringLiteral("documents"), docs}});
        return 0;
    }
    printLine(opened->dossier.code);
    for (const auto &[name, value] : record->file)
        printLine(QStringLiteral("  %1: %2").arg(name, value));
    for (const workflows::ArchivalDocument &d : record->documents) {
        printLine(QStringLiteral("  [%1] (page %2)").arg(d.component).arg(d.firstPage));
        for (const auto &[name, value] : d.fields)
            printLine(QStringLiteral("    %1: %2").arg(name, value));
    }
    return 0;
}

} // namespace sohoa::cli
