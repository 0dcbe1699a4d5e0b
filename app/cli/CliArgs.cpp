#include "app/cli/CliArgs.h"

#include "app/cli/CliOutput.h"

namespace sohoa::cli {

int fail(const Error &error, bool json)
{
    printError(error, json);
    return error.exitStatus();
}

QCommandLineOption option(const char *name, const char *help, const char *value)
{
    return value ? QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value))
                 : QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help));
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

} // namespace sohoa::cli
