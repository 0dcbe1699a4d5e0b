// sohoa-cli: batch and scripting face of the SoHoa engine. Only argument parsing and printing live
// here; every capability is a call into core/ or scanner/.

#include "CliCommands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QImageReader>
#include <QLoggingCategory>

#include <memory>

int main(int argc, char *argv[])
{
    // Diagnostics stay quiet unless asked for (QT_LOGGING_RULES="sohoa.*=true" takes precedence).
    QLoggingCategory::setFilterRules(QStringLiteral("sohoa.*.debug=false\nsohoa.*.info=false"));
    // Signature appearances, QR captions and cover sheets draw text with Qt's PDF writer, which needs a QGuiApplication (offscreen:
    // no display is needed). Scanning does not, and starts faster without it.
    const bool needsGui = argc > 1 && (qstrcmp(argv[1], "sign") == 0 || qstrcmp(argv[1], "stamp-qr") == 0 ||
                                         qstrcmp(argv[1], "coversheet") == 0);
    if (needsGui && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app(needsGui ? new QGuiApplication(argc, argv)
                                                   : new QCoreApplication(argc, argv));
    // A 600 dpi A4 page in 48-bit colour is about 280 MB; Qt refuses images over 256 MB by default.
    QImageReader::setAllocationLimit(1024);
    QCoreApplication::setApplicationName(QStringLiteral("sohoa-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("SoHoa"));
    QCoreApplication::setApplicationVersion(sohoa::cli::versionString());
    return sohoa::cli::run(QCoreApplication::arguments());
}
