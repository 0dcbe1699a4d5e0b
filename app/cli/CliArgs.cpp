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

Error usage(const char *sourceText, const QStringList &args)
{
    return Error::withHint(ErrorCode::InvalidArgument, "sohoa::cli", sourceText, args);
}

int usageError(const char *sourceText, bool json, const QStringList &args)
{
    return fail(usage(sourceText, args), json);
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

QList<QCommandLineOption> trustOptions()
{
    return {option("trust",
                   QT_TRANSLATE_NOOP("sohoa::cli", "Trusted root certificates: a PEM or DER file, or a folder of them "
                                                   "(repeatable)."),
                   "PEM|DIR"),
            option("system-trust", QT_TRANSLATE_NOOP("sohoa::cli", "Also trust the system's root certificates.")),
            option("timeout",
                   QT_TRANSLATE_NOOP("sohoa::cli", "Seconds to wait for each OCSP or CRL server (default 10)."),
                   "SECONDS")};
}

Result<int> networkTimeoutMs(const QCommandLineParser &parser, int fallbackMs)
{
    if (!parser.isSet(QStringLiteral("timeout")))
        return fallbackMs;
    bool ok = false;
    const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 600)
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--timeout must be a number of seconds from 0 to 600"));
    return int(seconds * 1000);
}

bool parseArguments(QCommandLineParser &parser, const QStringList &args, int *exitCode, bool json)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        // Qt's own parser speaks English only: its two common cases are said here in both languages.
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty())
            *exitCode = usageError(QT_TRANSLATE_NOOP("sohoa::cli", "unknown option --%1 (see %2 --help)"), json,
                                   {unknown.constFirst(), args.value(0)});
        else
            *exitCode = fail(Error(ErrorCode::InvalidArgument, parser.errorText()), json);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // "Usage: sohoa-cli dossier show [options] CODE", not the program's path alone.
        QString help = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        if (const qsizetype at = help.indexOf(program); !program.isEmpty() && at >= 0 && at < 40)
            help.replace(at, program.size(), args.value(0));
        printLine(help);
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
