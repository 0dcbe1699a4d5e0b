#pragma once

// What every libFuzzer target of SoHoa shares: one QGuiApplication for the whole process (image plugins,
// fonts, the SQLite driver), quiet logging (a log line per input costs more than most inputs), and one
// scratch folder per process, on tmpfs when there is one (the store and the signer fsync every file),
// removed at exit. Inputs are written to files there because the entry points take paths.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QString>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace sohoa::fuzz {

inline void ignoreMessage(QtMsgType, const QMessageLogContext &, const QString &) {}

// Call first in LLVMFuzzerTestOneInput. The application object is never destroyed: it must outlive every
// static of the target, and libFuzzer may leave through exit() at any point.
inline void initOnce()
{
    static const bool done = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "sohoa-fuzz";
        static char *argv[] = {name, nullptr};
        new QGuiApplication(argc, argv);
        if (qEnvironmentVariableIsEmpty("SOHOA_FUZZ_VERBOSE"))
            qInstallMessageHandler(ignoreMessage);
        return true;
    }();
    (void)done;
}

// One folder per process for the inputs and outputs of every iteration; each iteration overwrites the
// same few names, so nothing accumulates.
class Scratch
{
public:
    static Scratch &instance()
    {
        static Scratch scratch;
        return scratch;
    }
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString write(const QString &name, const uint8_t *data, size_t size) const
    {
        const QString file = path(name);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size)) {
            qFatal("fuzz scratch: cannot write %s", qPrintable(file));
        }
        return file;
    }

private:
    Scratch()
    {
        const QString shm = QStringLiteral("/dev/shm");
        const QString base = QDir(shm).exists() && QFileInfo(shm).isWritable() ? shm : QDir::tempPath();
        m_dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/sohoa-fuzz-XXXXXX"));
        if (!m_dir->isValid())
            qFatal("fuzz scratch: no temporary folder");
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace sohoa::fuzz
