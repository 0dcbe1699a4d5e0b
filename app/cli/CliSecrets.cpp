#include "app/cli/CliSecrets.h"

#include "app/cli/CliArgs.h"
#include "core/common/DurableFile.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <cstring>
#include <termios.h>
#include <unistd.h>

namespace sohoa::cli {

namespace {

Result<SecureBuffer> fromEnvironment(const QString &variable)
{
    const QByteArray name = variable.toLocal8Bit();
    if (!qEnvironmentVariableIsSet(name.constData()))
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "the environment variable %1 is not set"), {variable});
    QByteArray value = qgetenv(name.constData());
    SecureBuffer secret(value);
    value.fill('\0');
    return secret;
}

// The first line, without its end of line. Unbuffered: no copy is left in QFile's own buffer.
Result<SecureBuffer> fromFile(const QString &path)
{
    if (auto exists = checkInputFile(path); !exists)
        return exists.error();
    // As ssh does with a key: a secret others may read is not a secret any more (a pipe or
    // /dev/stdin is not a file on disk and passes).
    const QFileInfo info(path);
    if (info.isFile() && (info.permissions() & (QFile::ReadGroup | QFile::ReadOther)))
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "the file %1 may be read by other users: make it readable by "
                                                     "its owner only (chmod 600 %1)"),
                     {path});
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + f.errorString());
    QByteArray content = f.readAll();
    qsizetype n = content.indexOf('\n');
    if (n < 0)
        n = content.size();
    while (n > 0 && content.at(n - 1) == '\r')
        --n;
    SecureBuffer secret(QByteArrayView(content.constData(), n));
    content.fill('\0');
    return secret;
}

// A line typed on the terminal without echo.
Result<SecureBuffer> fromTerminal(const QString &prompt)
{
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "no terminal to ask for the PIN: use --pin-env or --pin-file"));
    // A prompt that cannot be shown is no reason to refuse the PIN typed anyway.
    (void)std::fputs(prompt.toLocal8Bit().constData(), tty);
    (void)std::fflush(tty);
    termios old{};
    const bool haveTerm = tcgetattr(fileno(tty), &old) == 0;
    if (haveTerm) {
        termios noEcho = old;
        noEcho.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(fileno(tty), TCSAFLUSH, &noEcho);
    }
    char buffer[256] = {};
    const bool got = std::fgets(buffer, sizeof buffer, tty) != nullptr;
    if (haveTerm)
        tcsetattr(fileno(tty), TCSAFLUSH, &old);
    (void)std::fputs("\n", tty);
    (void)std::fclose(tty); // opened for the prompt only: nothing written there is kept
    size_t n = got ? std::strlen(buffer) : 0;
    while (n > 0 && (buffer[n - 1] == '\n' || buffer[n - 1] == '\r'))
        --n;
    SecureBuffer secret(QByteArrayView(buffer, qsizetype(n)));
    explicit_bzero(buffer, sizeof buffer);
    return secret;
}

} // namespace

QList<QCommandLineOption> pdfPasswordOptions()
{
    return {
        option("pdf-password-env",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Password of encrypted input PDFs (user or owner), from this environment variable."),
               "VAR"),
        option("pdf-password-file",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Password of encrypted input PDFs (user or owner), first line of this file."),
               "FILE"),
    };
}

Result<SecureBuffer> readPdfPassword(const QCommandLineParser &parser)
{
    const bool fromEnv = parser.isSet(QStringLiteral("pdf-password-env"));
    const bool fromAFile = parser.isSet(QStringLiteral("pdf-password-file"));
    if (fromEnv && fromAFile)
        return usage(
            QT_TRANSLATE_NOOP("sohoa::cli", "give either --pdf-password-env or --pdf-password-file, not both"));
    if (fromEnv)
        return fromEnvironment(parser.value(QStringLiteral("pdf-password-env")));
    if (fromAFile)
        return fromFile(parser.value(QStringLiteral("pdf-password-file")));
    return SecureBuffer();
}

QList<QCommandLineOption> pinOptions()
{
    return {
        option("pin-env", QT_TRANSLATE_NOOP("sohoa::cli", "Read the PIN or password from this environment variable."),
               "VAR"),
        option("pin-file",
               QT_TRANSLATE_NOOP("sohoa::cli", "Read the PIN or password from the first line of this file."), "FILE"),
    };
}

Result<SecureBuffer> readPin(const QCommandLineParser &parser, const QString &prompt)
{
    if (parser.isSet(QStringLiteral("pin-env")))
        return fromEnvironment(parser.value(QStringLiteral("pin-env")));
    if (parser.isSet(QStringLiteral("pin-file")))
        return fromFile(parser.value(QStringLiteral("pin-file")));
    return fromTerminal(prompt);
}

Result<SecureBuffer> readSecretToKeep(const QString &prompt)
{
    if (isatty(STDIN_FILENO))
        return fromTerminal(prompt);
    return fromFile(QStringLiteral("/dev/stdin"));
}

} // namespace sohoa::cli
