#include "app/cli/CliArgs.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitStatus.h"

#include <QCoreApplication>

namespace sohoa::cli {

int fail(const Error &error, bool json)
{
    printError(error, json);
    return exitStatus(error);
}

int usageError(const QString &detail, bool json)
{
    return fail(Error(ErrorCode::InvalidArgument, detail), json);
}

QCommandLineOption option(const char *name, const char *help, const char *value)
{
    const QString text = QCoreApplication::translate("sohoa::cli", help);
    return value ? QCommandLineOption(QString::fromLatin1(name), text, QString::fromLatin1(value))
                 : QCommandLineOption(QString::fromLatin1(name), text);
}

QCommandLineOption storeOption()
{
    return option("store", QT_TRANSLATE_NOOP("sohoa::cli", "Dossier store folder."), "DIR");
}

QCommandLineOption jsonOption()
{
    return option("json", QT_TRANSLATE_NOOP("sohoa::cli", "One JSON object per line."));
}

bool parseArguments(QCommandLineParser &parser, const QStringList &args, int *exitCode, bool json)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        *exitCode = fail(Error(ErrorCode::InvalidArgument, parser.errorText()), json);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        *exitCode = 0;
        return false;
    }
    return true;
}

bool wantsJson(const QStringList &args)
{
    return args.contains(QStringLiteral("--json"));
}

} // namespace sohoa::cli
