// sohoa-render: renders one page of an untrusted PDF with Poppler in a process of its own, under a
// memory and CPU limit it applies to itself, and writes the pixels to stdout (RenderProtocol.h).
// The window runs it through PdfPreviewJob; a hostile file can then only end this process.
//
//   sohoa-render [--page N] [--width PX | --dpi D] [--password-fd FD] [--memory-mb M]
//                [--cpu-seconds S] [--] FILE

#include "app/render/ProcessLimits.h"
#include "app/render/RenderProtocol.h"

#include <poppler-qt6.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

using namespace sohoa::render;

namespace {

struct Options
{
    QString file;
    int page = 1;
    int width = 0; // pixels; 0: by dpi
    double dpi = kDefaultDpi;
    int passwordFd = -1;
    long long memoryMb = kDefaultMemoryLimitMb;
    int cpuSeconds = kDefaultCpuSeconds;
};

[[noreturn]] void fail(ExitStatus status, const char *error, const QString &detail, int pageCount = -1)
{
    QJsonObject line{{QLatin1String(kKeyError), QLatin1String(error)}, {QLatin1String(kKeyDetail), detail}};
    if (pageCount >= 0)
        line.insert(QLatin1String(kKeyPageCount), pageCount);
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, bytes.constData(), size_t(bytes.size()));
    ::_exit(status); // no destructors: Poppler's state after a failure is not worth unwinding
}

bool writeAll(const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

std::optional<int> number(const QStringList &args, qsizetype &i, int min, int max)
{
    if (i + 1 >= args.size())
        return std::nullopt;
    bool ok = false;
    const int value = args.at(++i).toInt(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

// The value after option args[i], which must lie in [min, max]; refuses the arguments otherwise.
int optionValue(const QStringList &args, qsizetype &i, int min, int max)
{
    const QString &name = args.at(i);
    if (const std::optional<int> v = number(args, i, min, max))
        return *v;
    fail(ExitUsage, "usage", QStringLiteral("bad argument: %1").arg(name));
}

Options parse(const QStringList &args)
{
    Options o;
    bool optionsEnded = false; // after "--" a name that starts with "--" is a file
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if ((optionsEnded || !a.startsWith(u"--")) && o.file.isEmpty())
            o.file = a;
        else if (optionsEnded)
            fail(ExitUsage, "usage", QStringLiteral("more than one file"));
        else if (a == u"--")
            optionsEnded = true;
        else if (a == u"--page")
            o.page = optionValue(args, i, 1, 1000000);
        else if (a == u"--width")
            o.width = optionValue(args, i, 1, 100000);
        else if (a == u"--dpi")
            o.dpi = optionValue(args, i, 1, 10000);
        else if (a == u"--password-fd")
            o.passwordFd = optionValue(args, i, 0, 65535);
        else if (a == u"--memory-mb")
            o.memoryMb = optionValue(args, i, 64, 1 << 20);
        else if (a == u"--cpu-seconds")
            o.cpuSeconds = optionValue(args, i, 1, 3600);
        else
            fail(ExitUsage, "usage", QStringLiteral("bad argument: %1").arg(a));
    }
    if (o.file.isEmpty())
        fail(ExitUsage, "usage", QStringLiteral("no file given"));
    return o;
}

// The password, read to the end of `fd` (a pipe from the caller: never on the command line, where
// every user of the machine can read it); one trailing newline dropped for `echo secret |`.
std::string readPassword(int fd)
{
    std::string password;
    char buffer[512];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        password.append(buffer, size_t(n));
        if (password.size() > 4096)
            fail(ExitUsage, "usage", QStringLiteral("password longer than 4096 bytes"));
    }
    ::explicit_bzero(buffer, sizeof buffer);
    if (!password.empty() && password.back() == '\n')
        password.pop_back();
    return password;
}

int rotationDegrees(Poppler::Page::Orientation o)
{
    switch (o) {
    case Poppler::Page::Landscape:
        return 90;
    case Poppler::Page::UpsideDown:
        return 180;
    case Poppler::Page::Seascape:
        return 270;
    case Poppler::Page::Portrait:
        break;
    }
    return 0;
}

const char *formatName(QImage::Format format)
{
    switch (format) {
    case QImage::Format_ARGB32:
        return "ARGB32";
    case QImage::Format_ARGB32_Premultiplied:
        return "ARGB32_Premultiplied";
    case QImage::Format_RGB32:
        return "RGB32";
    default:
        return nullptr;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // Core only: Poppler's Splash backend draws with FreeType and hands back a QImage, which needs
    // no platform plugin (starting one would cost time and, under X, a display connection).
    QCoreApplication app(argc, argv);
    const Options o = parse(QCoreApplication::arguments());

    const char *limitFailure = nullptr;
    if (!applyProcessLimits(o.memoryMb, o.cpuSeconds, &limitFailure))
        fail(ExitUsage, "limits", QString::fromLatin1(limitFailure));

    std::string password = o.passwordFd >= 0 ? readPassword(o.passwordFd) : std::string();
    const QFileInfo info(o.file);
    if (!info.isFile() || !info.isReadable())
        fail(ExitUnreadable, "unreadable", o.file);

    // Poppler reports every oddity of a damaged file on stderr; our error line must stay the last one.
    Poppler::setDebugErrorFunction([](const QString &, const QVariant &) {}, QVariant());

    QElapsedTimer clock;
    clock.start();
    const QByteArray pw = QByteArray::fromRawData(password.data(), qsizetype(password.size()));
    std::unique_ptr<Poppler::Document> document = Poppler::Document::load(o.file, pw, pw);
    ::explicit_bzero(password.data(), password.size());
    if (!document)
        fail(ExitCannotOpen, "cannot-open", o.file);
    if (document->isLocked())
        fail(ExitNeedsPassword, "needs-password", o.file);
    const int pageCount = document->numPages();
    if (pageCount <= 0)
        fail(ExitCannotOpen, "cannot-open", QStringLiteral("no pages"), pageCount);
    if (o.page > pageCount)
        fail(ExitPageOutOfRange, "page-out-of-range", QStringLiteral("page %1 of %2").arg(o.page).arg(pageCount),
             pageCount);
    // pdftoppm's defaults, so that our preview and the independent checker draw alike.
    document->setRenderHint(Poppler::Document::Antialiasing);
    document->setRenderHint(Poppler::Document::TextAntialiasing);

    const std::unique_ptr<Poppler::Page> page = document->page(o.page - 1);
    if (!page)
        fail(ExitCannotOpen, "cannot-open", QStringLiteral("page %1 cannot be read").arg(o.page), pageCount);
    const QSizeF size = page->pageSizeF(); // points, as shown: /Rotate already applied
    if (!(size.width() > 0 && size.height() > 0))
        fail(ExitCannotOpen, "cannot-open", QStringLiteral("the page has no size"), pageCount);

    // Splash makes a bitmap of round(points * dpi / 72) pixels each way.
    const double dpi = o.width > 0 ? o.width * 72.0 / size.width() : o.dpi;
    const double pixels = std::round(size.width() * dpi / 72.0) * std::round(size.height() * dpi / 72.0);
    if (!(pixels <= double(kMaxPixels)))
        fail(ExitTooLarge, "too-large",
             QStringLiteral("%1 megapixels at %2 dpi; at most %3")
                 .arg(pixels / 1e6, 0, 'f', 1)
                 .arg(dpi, 0, 'f', 1)
                 .arg(kMaxPixels / 1e6),
             pageCount);
    const double needMb = pixels * kBytesPerPixelWhileRendering / (1024.0 * 1024.0) + kBaseMemoryMb;
    if (needMb > double(o.memoryMb))
        fail(ExitTooLarge, "too-large",
             QStringLiteral("about %1 MB needed, limit %2 MB").arg(qRound64(needMb)).arg(o.memoryMb), pageCount);

    const QImage image = page->renderToImage(dpi, dpi);
    const char *format = formatName(image.format());
    if (image.isNull() || !format)
        fail(ExitRenderFailed, "render-failed", QStringLiteral("Poppler returned no image"), pageCount);

    const QJsonObject header{
        {QLatin1String(kKeyPageCount), pageCount},
        {QLatin1String(kKeyPage), o.page},
        {QLatin1String(kKeyWidthPt), size.width()},
        {QLatin1String(kKeyHeightPt), size.height()},
        {QLatin1String(kKeyRotation), rotationDegrees(page->orientation())},
        {QLatin1String(kKeyDpi), dpi},
        {QLatin1String(kKeyWidth), image.width()},
        {QLatin1String(kKeyHeight), image.height()},
        {QLatin1String(kKeyBytesPerLine), qint64(image.bytesPerLine())},
        {QLatin1String(kKeyFormat), QLatin1String(format)},
        {QLatin1String(kKeyRenderMs), clock.elapsed()},
    };
    const QByteArray line = QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n';
    if (!writeAll(line.constData(), line.size()) ||
        !writeAll(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes()))
        return ExitUsage; // the caller stopped reading: nobody is left to tell
    ::_exit(ExitOk);      // skip tearing down Poppler and Qt: the caller waits for our end
}
