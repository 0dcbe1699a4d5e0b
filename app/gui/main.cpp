// sohoa: the desktop workstation. Parses the command line, picks the language and keeps one main
// window; everything else is in MainWindow and app/workflows.

#include "app/gui/AppSettings.h"
#include "app/gui/MainWindow.h"
#include "app/workflows/Job.h"
#include "core/common/Translations.h"
#include "scanner/SaneRuntime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QTemporaryDir>
#include <QTextStream>

#include <SohoaVersion.h>

#include <cstdio>
#include <memory>

namespace {

bool applyLanguage(const QString &setting)
{
    // The chosen language is also the default locale: the engine's sentences (errors, verification
    // reasons) follow uiLanguage(), and dates and numbers are written the same way as the words.
    if (setting == u"vi" || setting == u"en") {
        const auto language = setting == u"vi" ? sohoa::Language::Vietnamese : sohoa::Language::English;
        QLocale::setDefault(sohoa::localeOf(language));
        return sohoa::installTranslator(language);
    }
    return sohoa::installTranslator();
}

// The options and their help; shared by the normal start and the display-less --help/--version.
void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("sohoa::gui", "SoHoa workstation: scan, sign and file records."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("store"),
                      QCoreApplication::translate("sohoa::gui", "The dossier store folder (default: $SOHOA_STORE, "
                                                                "then the settings)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("demo"),
                      QCoreApplication::translate("sohoa::gui", "Use SANE's virtual scanners (test, pnm).")});
    parser.addOption(
        {QStringLiteral("sign"),
         QCoreApplication::translate("sohoa::gui", "Open the signing desk with the PDFs (or folders) given, "
                                                   "instead of verifying them.")});
    parser.addPositionalArgument(QStringLiteral("FILE.pdf"),
                                 QCoreApplication::translate("sohoa::gui", "Signed PDFs to verify (the verification "
                                                                           "window opens with them)."));
}

bool asksOnlyForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QLoggingCategory::setFilterRules(QStringLiteral("sohoa.*.debug=false\nsohoa.*.info=false"));
    // Help and version need no display (an administrator over ssh, the package's checks).
    if (asksOnlyForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("sohoa"));
        QCoreApplication::setOrganizationName(QStringLiteral("SoHoa"));
        QCoreApplication::setApplicationVersion(QStringLiteral(SOHOA_VERSION_STRING));
        applyLanguage(sohoa::gui::AppSettings().language());
        QCommandLineParser parser;
        describeOptions(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    // Without a display Qt would abort with its own message; say what to do instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        (void)std::fprintf(stderr, "sohoa: không có màn hình (DISPLAY trống) — hãy dùng sohoa-cli.\n"
                                   "sohoa: no display (DISPLAY is empty) — use sohoa-cli instead.\n");
        return 3;
    }
    QApplication app(argc, argv);
    QImageReader::setAllocationLimit(1024);
    QApplication::setApplicationName(QStringLiteral("sohoa"));
    QApplication::setOrganizationName(QStringLiteral("SoHoa"));
    QApplication::setApplicationVersion(QStringLiteral(SOHOA_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("vn.sohoa.SoHoa"));
    sohoa::workflows::Job::registerMetaTypes();

    sohoa::gui::AppSettings settings;
    applyLanguage(settings.language());

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);

    sohoa::gui::WindowOptions options;
    options.storePath = parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store"))
                                                              : qEnvironmentVariable("SOHOA_STORE");
    options.demo = parser.isSet(QStringLiteral("demo"));

    // A language switch in the settings builds the window again in the new language (no batch runs:
    // the settings dialog is modal over an idle window or the switch waits for the next start).
    QPointer<sohoa::gui::MainWindow> window;
    std::function<void()> makeWindow = [&] {
        auto *w = new sohoa::gui::MainWindow(options);
        w->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(w, &sohoa::gui::MainWindow::languageChangeRequested, w, [&, w] {
            applyLanguage(sohoa::gui::AppSettings().language());
            makeWindow(); // first, so that closing the old one does not end the application
            w->close();
        }, Qt::QueuedConnection);
        window = w;
        w->show();
    };
    makeWindow();
    if (parser.isSet(QStringLiteral("sign")))
        window->signFiles(parser.positionalArguments());
    else if (!parser.positionalArguments().isEmpty())
        window->verifyFiles(parser.positionalArguments());
    const int status = app.exec();
    if (sohoa::scanner::SaneRuntime::wasInitialized()) {
        // As sohoa-cli: a SANE backend may leave a libc lock taken in its reader thread; every page
        // and the store are closed and synced by now.
        (void)std::fflush(nullptr); // nothing left to report a failure to
        std::_Exit(status);
    }
    return status;
}
