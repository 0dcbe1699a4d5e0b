#include "app/workflows/PdfPreviewJob.h"

#include "app/render/RenderProtocol.h"
#include "app/workflows/WorkflowsLogging.h"
#include "core/common/DurableFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <csignal>
#include <cstring>

namespace sohoa::workflows {

namespace {

using namespace sohoa::render;

// How often the waiting worker looks at the cancel flag and the clock: cancel() is felt within this.
constexpr int kPollMs = 10;
constexpr int kStartTimeoutMs = 5000;
// Poppler's gmalloc says this on stderr when an allocation fails under RLIMIT_AS; it then either
// aborts or carries on without the part it could not allocate.
constexpr char kPopplerOutOfMemory[] = "Out of memory";
// Enough of the helper's stderr for its error line; the rest (a flood from a damaged file) is dropped.
constexpr qsizetype kStderrKeep = 16 * 1024;

QString executableAt(const QString &path)
{
    const QFileInfo fi(path);
    return !path.isEmpty() && fi.isFile() && fi.isExecutable() ? fi.absoluteFilePath() : QString();
}

QStringList helperArguments(const PdfPreviewRequest &request)
{
    QStringList args{QStringLiteral("--page"), QString::number(request.page)};
    if (request.targetWidth > 0)
        args << QStringLiteral("--width") << QString::number(request.targetWidth);
    else
        args << QStringLiteral("--dpi") << QString::number(request.dpi);
    args << QStringLiteral("--memory-mb") << QString::number(request.memoryLimitMb);
    // The helper's own CPU limit is a backstop behind our wall clock (for a caller that is stopped or
    // dies without killing it): a little above the timeout, so that the timeout is what normally acts.
    args << QStringLiteral("--cpu-seconds") << QString::number(request.timeoutMs / 1000 + 2);
    if (!request.password.isEmpty())
        args << QStringLiteral("--password-fd") << QStringLiteral("0");
    args << QStringLiteral("--") << request.pdfPath;
    return args;
}

// The helper's error line: the last line of its stderr that is a JSON object.
QJsonObject errorLine(const QByteArray &err)
{
    const QList<QByteArray> lines = err.trimmed().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QJsonDocument doc = QJsonDocument::fromJson(*it);
        if (doc.isObject())
            return doc.object();
    }
    return {};
}

Error fromExitStatus(int status, const QByteArray &err, const PdfPreviewRequest &request)
{
    const QJsonObject line = errorLine(err);
    const QString detail =
        QStringLiteral("sohoa-render exit %1: %2 (%3)")
            .arg(status)
            .arg(line.value(QLatin1String(kKeyError)).toString(), line.value(QLatin1String(kKeyDetail)).toString());
    switch (status) {
    case ExitCannotOpen:
    case ExitRenderFailed:
        return Error(ErrorCode::PreviewDamaged, detail);
    case ExitNeedsPassword:
        return Error(ErrorCode::PreviewNeedsPassword,
                     request.password.isEmpty() ? detail : detail + QStringLiteral("; the password given is wrong"));
    case ExitPageOutOfRange:
        return Error(ErrorCode::PreviewPageOutOfRange, detail);
    case ExitTooLarge:
    case ExitOutOfMemory:
        return Error(ErrorCode::PreviewTooLarge, detail);
    case ExitUnreadable:
        return Error(ErrorCode::FileReadFailed, detail);
    default: // ExitUsage and anything unknown: our call or the helper is wrong, not the file
        return Error(ErrorCode::Internal, detail);
    }
}

// The helper died of a signal we did not send.
Error fromSignal(int signal, bool sawOutOfMemory)
{
    const QString detail = QStringLiteral("sohoa-render ended by signal %1").arg(signal);
    if (signal == SIGXCPU) // its RLIMIT_CPU
        return Error(ErrorCode::PreviewTimedOut, detail + QStringLiteral(" (CPU time limit)"));
    if (signal == SIGKILL) // nobody but the kernel's out-of-memory killer sends it in our stead
        return Error(ErrorCode::PreviewTooLarge, detail + QStringLiteral(" (killed, likely out of memory)"));
    if (sawOutOfMemory) // Poppler's gmalloc aborts when RLIMIT_AS refuses it
        return Error(ErrorCode::PreviewTooLarge, detail + QStringLiteral(" after running out of memory"));
    // A crash on this file's content: Poppler could not cope with it.
    return Error(ErrorCode::PreviewDamaged, detail + QStringLiteral(" (crashed on this file)"));
}

QImage::Format formatNamed(const QString &name)
{
    if (name == u"ARGB32")
        return QImage::Format_ARGB32;
    if (name == u"ARGB32_Premultiplied")
        return QImage::Format_ARGB32_Premultiplied;
    if (name == u"RGB32")
        return QImage::Format_RGB32;
    return QImage::Format_Invalid;
}

// Reads the helper's stdout as it arrives (RenderProtocol.h): the header line, then the pixels straight
// into the image, so that a 35 MB page is neither piled up in QProcess nor copied again (that cost
// more than the render). The helper has read a hostile file: its bytes are trusted no further than
// they check out against the header.
class OutputReader
{
public:
    // Takes what is available; false (see error()) once the output breaks the protocol.
    bool read(QProcess &process)
    {
        if (!m_haveHeader) {
            if (!process.canReadLine())
                return process.bytesAvailable() <= kMaxHeader || fail(QStringLiteral("no header line"));
            if (!parseHeader(process.readLine(kMaxHeader).trimmed()))
                return false;
        }
        char *pixels = reinterpret_cast<char *>(m_preview.image.bits());
        while (m_received < m_expected) {
            const qint64 n = process.read(pixels + m_received, m_expected - m_received);
            if (n <= 0)
                break;
            m_received += n;
        }
        return m_received < m_expected || process.bytesAvailable() == 0 || fail(QStringLiteral("more than a page"));
    }

    // After the helper exited with ExitOk and the last read().
    Result<PdfPreview> finish()
    {
        if (!m_error.isError() && !m_haveHeader)
            fail(QStringLiteral("no header"));
        if (!m_error.isError() && m_received != m_expected)
            fail(QStringLiteral("%1 bytes of pixels, %2 expected").arg(m_received).arg(m_expected));
        if (m_error.isError())
            return m_error;
        return std::move(m_preview);
    }

    const Error &error() const { return m_error; }

private:
    static constexpr qint64 kMaxHeader = 4096;

    bool fail(const QString &why)
    {
        if (!m_error.isError())
            m_error = Error(ErrorCode::Internal, QStringLiteral("sohoa-render: ") + why);
        return false;
    }

    bool parseHeader(const QByteArray &line)
    {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        const QJsonObject h = doc.object();
        const int width = h.value(QLatin1String(kKeyWidth)).toInt();
        const int height = h.value(QLatin1String(kKeyHeight)).toInt();
        const qint64 bytesPerLine = h.value(QLatin1String(kKeyBytesPerLine)).toInteger();
        const QImage::Format format = formatNamed(h.value(QLatin1String(kKeyFormat)).toString());
        // 32-bit rows are never padded, in the helper's QImage as in ours: one block of pixels.
        if (!doc.isObject() || width <= 0 || height <= 0 || qint64(width) * height > kMaxPixels ||
            format == QImage::Format_Invalid || bytesPerLine != qint64(width) * 4)
            return fail(QStringLiteral("implausible header"));
        m_preview.image = QImage(width, height, format);
        if (m_preview.image.isNull() || m_preview.image.bytesPerLine() != bytesPerLine) {
            m_error = Error(ErrorCode::PreviewTooLarge,
                            QStringLiteral("no memory here for a %1x%2 image").arg(width).arg(height));
            return false;
        }
        m_expected = bytesPerLine * height;
        m_preview.page = h.value(QLatin1String(kKeyPage)).toInt();
        m_preview.pageCount = h.value(QLatin1String(kKeyPageCount)).toInt();
        m_preview.pageSizePt =
            QSizeF(h.value(QLatin1String(kKeyWidthPt)).toDouble(), h.value(QLatin1String(kKeyHeightPt)).toDouble());
        m_preview.rotation = h.value(QLatin1String(kKeyRotation)).toInt();
        m_preview.dpi = h.value(QLatin1String(kKeyDpi)).toDouble();
        m_haveHeader = true;
        qCDebug(lcWorkflows) << "sohoa-render drew page" << m_preview.page << "of" << m_preview.pageCount << "at"
                             << width << "x" << height << "in" << h.value(QLatin1String(kKeyRenderMs)).toInteger()
                             << "ms";
        return true;
    }

    PdfPreview m_preview;
    bool m_haveHeader = false;
    qint64 m_expected = 0;
    qint64 m_received = 0;
    Error m_error;
};

} // namespace

PdfPreviewJob::PdfPreviewJob(PdfPreviewRequest request, QObject *parent) : Job(parent), m_request(std::move(request)) {}

PdfPreviewJob::~PdfPreviewJob()
{
    stop();
}

QString PdfPreviewJob::helperPath()
{
    if (qEnvironmentVariableIsSet("SOHOA_RENDER_PATH"))
        return executableAt(qEnvironmentVariable("SOHOA_RENDER_PATH")); // said explicitly: nothing else
    const QString name = QStringLiteral("sohoa-render");
    QStringList places;
    // An installed program uses the helper installed with it (PREFIX/bin -> PREFIX/libexec/sohoa), a
    // program in the build tree the one built with it: never a mix, whose protocols may differ.
    const QString programDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    bool inBuildTree = programDir.isEmpty();
#ifdef SOHOA_BUILD_DIR
    inBuildTree = inBuildTree || programDir.startsWith(QStringLiteral(SOHOA_BUILD_DIR "/"));
#endif
    if (!programDir.isEmpty())
        places << programDir + u'/' + name;
#ifdef SOHOA_RENDER_BUILD_PATH
    if (inBuildTree)
        places << QStringLiteral(SOHOA_RENDER_BUILD_PATH);
#endif
    if (!programDir.isEmpty())
        places << QDir::cleanPath(programDir + QStringLiteral("/../libexec/sohoa/") + name);
    places << QStringLiteral("/usr/libexec/sohoa/") + name;
    for (const QString &place : std::as_const(places)) {
        QString found = executableAt(place);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

Error PdfPreviewJob::run()
{
    reportProgress(0, 1, QCoreApplication::translate("sohoa::workflows::PdfPreviewJob", "Drawing the page"));
    Result<PdfPreview> rendered = renderNow(m_request, this);
    if (!rendered)
        return rendered.error();
    m_preview = std::move(rendered).value();
    if (m_preview.incomplete)
        Q_EMIT warning(
            Error(ErrorCode::PreviewTooLarge,
                  QStringLiteral("Poppler ran out of memory on part of the page: the preview may be incomplete")));
    reportProgress(1, 1);
    return {};
}

Result<PdfPreview> PdfPreviewJob::renderNow(const PdfPreviewRequest &request, const WorkControl *control)
{
    if (request.page < 1 || request.timeoutMs <= 0 || request.memoryLimitMb < 64 ||
        (request.targetWidth <= 0 && request.dpi <= 0))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("page %1, timeout %2 ms, memory %3 MB, width %4, dpi %5")
                         .arg(request.page)
                         .arg(request.timeoutMs)
                         .arg(request.memoryLimitMb)
                         .arg(request.targetWidth)
                         .arg(request.dpi));
    if (Result<void> input = checkInputFile(request.pdfPath); !input)
        return input.error();
    const QString helper = helperPath();
    if (helper.isEmpty())
        return Error(ErrorCode::PreviewHelperMissing,
                     QStringLiteral("sohoa-render not found (SOHOA_RENDER_PATH, beside the program, "
                                    "the build tree, PREFIX/libexec/sohoa, /usr/libexec/sohoa)"));

    // The process lives on this (worker) thread, which has no event loop: QProcess's waitFor*()
    // calls read its pipes, and a short poll lets the cancel flag and the clock act at once.
    QProcess process;
    process.setProgram(helper);
    process.setArguments(helperArguments(request));
    process.start();
    if (!process.waitForStarted(kStartTimeoutMs))
        return Error(ErrorCode::PreviewHelperMissing, helper + QStringLiteral(": ") + process.errorString());
    if (!request.password.isEmpty()) // by pipe, never on the command line (readable by every user)
        process.write(request.password.data(), qint64(request.password.size()));
    process.closeWriteChannel();

    enum class Stopped
    {
        No,
        Cancelled,
        TimedOut,
        Garbled,
    };
    Stopped stopped = Stopped::No;
    QElapsedTimer clock;
    clock.start();
    OutputReader output;
    QByteArray err;
    bool sawOutOfMemory = false;
    const auto readErr = [&] {
        err += process.readAllStandardError();
        sawOutOfMemory = sawOutOfMemory || err.contains(kPopplerOutOfMemory);
        if (err.size() > kStderrKeep)
            err = err.right(kStderrKeep / 2);
    };
    while (process.state() != QProcess::NotRunning) {
        if (cancelRequested(control))
            stopped = Stopped::Cancelled;
        else if (clock.elapsed() >= request.timeoutMs)
            stopped = Stopped::TimedOut;
        if (stopped != Stopped::No) {
            process.kill();
            process.waitForFinished(kStartTimeoutMs);
            break;
        }
        process.waitForFinished(kPollMs);
        readErr();
        if (!output.read(process)) {
            stopped = Stopped::Garbled;
            process.kill();
            process.waitForFinished(kStartTimeoutMs);
            break;
        }
    }
    readErr();
    const qint64 ms = clock.elapsed();

    switch (stopped) {
    case Stopped::Cancelled:
        return Error(ErrorCode::Cancelled, QStringLiteral("preview cancelled; sohoa-render killed"));
    case Stopped::TimedOut:
        return Error(ErrorCode::PreviewTimedOut,
                     QStringLiteral("sohoa-render killed after %1 ms (timeout %2 ms): %3, page %4")
                         .arg(ms)
                         .arg(request.timeoutMs)
                         .arg(request.pdfPath)
                         .arg(request.page));
    case Stopped::Garbled:
        return output.error();
    case Stopped::No:
        break;
    }
    // Qt gives the signal's number as the exit code of a crashed process.
    if (process.exitStatus() == QProcess::CrashExit)
        return fromSignal(process.exitCode(), sawOutOfMemory);
    if (process.exitCode() != ExitOk)
        return fromExitStatus(process.exitCode(), err, request);
    output.read(process); // what came between the last poll and the end
    Result<PdfPreview> preview = output.finish();
    if (preview)
        preview->incomplete = sawOutOfMemory;
    return preview;
}

} // namespace sohoa::workflows
