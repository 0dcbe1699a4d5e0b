// sohoa-cli: batch and scripting face of the SoHoa engine. Only argument parsing and printing live
// here; every capability is a call into core/ or scanner/.

#include "CliCommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sohoa-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("SoHoa"));
    QCoreApplication::setApplicationVersion(sohoa::cli::versionString());
    return sohoa::cli::run(QCoreApplication::arguments());
}
