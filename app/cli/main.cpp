// sohoa-cli: batch and scripting face of the SoHoa engine. Only argument parsing and printing live
// here; every capability is a job or a call of the application library (app/workflows).

#include "app/cli/CliOutput.h"
#include "app/cli/CommandTable.h"
#include "app/cli/ExitStatus.h"
#include "core/common/Translations.h"
#include "scanner/SaneRuntime.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImageReader>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

// Starting a QGuiApplication asks for the runtime directory; without a login session (cron, CI, a
// service) XDG_RUNTIME_DIR is unset and Qt says so on stderr, in front of a script's own output. Such
// a process gets a folder of its own instead: made under the temporary folder with an unpredictable
// name and mode 0700 (what Qt requires of a runtime directory), removed when the process ends. Nothing
// is written there by the commands that run with it.
std::unique_ptr<QTemporaryDir> privateRuntimeDir()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return nullptr;
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/sohoa-cli-runtime-XXXXXX"));
    if (!dir->isValid())
        return nullptr; // Qt falls back to its own choice, with its warning
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir->path()));
    return dir;
}

} // namespace

int main(int argc, char *argv[])
{
    // The library's diagnostics stay off stderr unless asked for (QT_LOGGING_RULES="sohoa.*=true" takes
    // precedence): what a user must know, the command prints itself, in both languages.
    QLoggingCategory::setFilterRules(QStringLiteral("sohoa.*.debug=false\nsohoa.*.info=false\nsohoa.*.warning=false"));
    // Signature appearances, QR captions and cover sheets draw text with Qt's PDF writer, which needs a QGuiApplication
    // (offscreen: no display is needed). Scanning does not, and starts faster without it.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const QString command = arguments.value(sohoa::cli::commandIndex(arguments));
    const bool needsGui = command == u"sign" || command == u"stamp-qr" || command == u"coversheet";
    if (needsGui && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Declared before the application: removed after it is gone.
    std::unique_ptr<QTemporaryDir> runtimeDir = needsGui ? privateRuntimeDir() : nullptr;
    std::unique_ptr<QCoreApplication> app(needsGui ? new QGuiApplication(argc, argv)
                                                   : new QCoreApplication(argc, argv));
    // A 600 dpi A4 page in 48-bit colour is about 280 MB; Qt refuses images over 256 MB by default.
    QImageReader::setAllocationLimit(1024);
    QCoreApplication::setApplicationName(QStringLiteral("sohoa-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("SoHoa"));
    QCoreApplication::setApplicationVersion(sohoa::cli::versionString());
    // Help texts and progress in the user's language; errors and warnings print both languages anyway.
    sohoa::installTranslator();
    int status = sohoa::cli::runCommand(QCoreApplication::arguments());
    if ((std::fflush(stdout) != 0 || std::ferror(stdout) != 0) && status == 0) {
        const sohoa::Error error(sohoa::ErrorCode::FileWriteFailed, QStringLiteral("standard output"));
        sohoa::cli::printError(error, false);
        status = sohoa::cli::exitStatus(error);
    }
    if (sohoa::scanner::SaneRuntime::wasInitialized()) {
        // A SANE backend may have cancelled its reader thread inside libc (asynchronous cancellation),
        // leaving a libc lock taken: exit() then hung for good in a library destructor (p11-kit's
        // freelocale waiting for the locale lock; seen under load with the `test` backend). Every file
        // and the store are closed and synced when run() returns, so end without library destructors.
        app.reset();
        runtimeDir.reset();
        (void)std::fflush(nullptr); // stdout was checked above; nothing else is read by a script
        std::_Exit(status);
    }
    return status;
}
