#include "core/ocr/TextRecognizer.h"

#include "core/common/CoreLogging.h"

#include <QDir>
#include <QFileInfo>
#include <QtMath>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <dlfcn.h>

#include <cmath>
#include <mutex>

namespace sohoa {

namespace {

// Tesseract runs its LSTM gates on up to 4 OpenMP threads per page. On 2 cores shared with the scanner and
// the other pages that made a page 2.6 times slower (measured: 6.2 s instead of 2.4 s for page-003 of the
// corpus), so it gets one thread and pages run in parallel instead. libgomp reads OMP_THREAD_LIMIT when it
// is loaded, before main(): setting it here only reaches child processes. What reaches this process is
// the runtime's own switch, found by name because libgomp is Tesseract's dependency, not ours: with at most
// 0 active parallel levels every parallel region runs on the calling thread alone. Since GCC 11 that
// setting belongs to the calling thread (an ICV of its implicit task), so every thread that recognizes
// sets it once: set only on the first thread, two recognizers on two threads started 3 OpenMP threads
// each and read 4 pages in 15 s instead of 5.6 s on one thread.
void limitOpenMpOnThisThread()
{
    using SetLevels = void (*)(int);
    static SetLevels setLevels = nullptr;
    static std::once_flag once;
    std::call_once(once, [] {
        if (!qEnvironmentVariableIsSet("OMP_THREAD_LIMIT"))
            qputenv("OMP_THREAD_LIMIT", "1");
        setLevels = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
        if (!setLevels)
            qCInfo(lcCore) << "OCR: no OpenMP runtime found; Tesseract runs single-threaded";
    });
    thread_local bool limited = false;
    if (setLevels && !limited) {
        setLevels(0);
        limited = true;
    }
}

bool cancelCallback(void *control, int /*words*/)
{
    return cancelRequested(static_cast<const WorkControl *>(control));
}

// Percent of the page, as Tesseract counts it; the receiver throttles.
bool progressCallback(tesseract::ETEXT_DESC *monitor, int, int, int, int)
{
    if (monitor && monitor->cancel_this)
        reportProgress(static_cast<WorkControl *>(monitor->cancel_this), monitor->progress, 100);
    return true;
}

QString fromUtf8(const char *text)
{
    QString s = QString::fromUtf8(text ? text : "");
    delete[] text;
    // The LSTM models emit composed letters, but a legacy model or a future one may not: search, the
    // text layer and pdftotext all expect NFC.
    return s.normalized(QString::NormalizationForm_C);
}

QStringList splitLanguages(const QString &languages)
{
    return languages.split(u'+', Qt::SkipEmptyParts);
}

} // namespace

struct TextRecognizer::Private
{
    QString languages;
    Layout layout = Layout::SingleBlock;
    std::unique_ptr<tesseract::TessBaseAPI> api;
};

TextRecognizer::TextRecognizer(const QString &languages, Layout layout) : d(std::make_unique<Private>())
{
    d->languages = languages.trimmed();
    d->layout = layout;
}

TextRecognizer::~TextRecognizer()
{
    if (d->api)
        d->api->End();
}

const QString &TextRecognizer::languages() const
{
    return d->languages;
}

bool TextRecognizer::isOpen() const
{
    return d->api != nullptr;
}

QString TextRecognizer::dataFolder()
{
    const QString prefix = qEnvironmentVariable("TESSDATA_PREFIX");
    if (!prefix.isEmpty()) {
        // Tesseract 5 wants the folder of the .traineddata files; Tesseract 4 setups name its parent.
        const QDir dir(prefix);
        if (!dir.entryList({QStringLiteral("*.traineddata")}, QDir::Files).isEmpty() ||
            !dir.exists(QStringLiteral("tessdata")))
            return dir.absolutePath();
        return dir.absoluteFilePath(QStringLiteral("tessdata"));
    }
    return QStringLiteral("/usr/share/tesseract-ocr/5/tessdata");
}

QStringList TextRecognizer::availableLanguages()
{
    QStringList out;
    const QFileInfoList files =
        QDir(dataFolder()).entryInfoList({QStringLiteral("*.traineddata")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &f : files)
        out.append(f.completeBaseName());
    return out;
}

QString TextRecognizer::packageOf(const QString &language)
{
    // Debian names the packages after Tesseract's language codes, lower case, '_' as '-' (chi_sim ->
    // tesseract-ocr-chi-sim).
    return QStringLiteral("tesseract-ocr-") + language.toLower().replace(u'_', u'-');
}

Result<void> TextRecognizer::open()
{
    if (d->api)
        return {};
    const QStringList wanted = splitLanguages(d->languages);
    if (wanted.isEmpty())
        return Error::withHint(ErrorCode::InvalidArgument, "sohoa::ocr",
                               QT_TRANSLATE_NOOP("sohoa::ocr", "No OCR language was given (for example vie, eng or "
                                                               "vie+eng)."));
    // Checked before Tesseract is asked, which would only print to stderr and fail.
    const QString folder = dataFolder();
    for (const QString &language : wanted) {
        const QString file = QDir(folder).absoluteFilePath(language + QStringLiteral(".traineddata"));
        if (!QFileInfo(file).isReadable())
            return Error::withHint(ErrorCode::OcrLanguageMissing, "sohoa::ocr",
                                   QT_TRANSLATE_NOOP("sohoa::ocr", "The OCR data for the language %1 is missing (%2). "
                                                                   "Install the package %3: sudo apt install %3"),
                                   {language, file, packageOf(language)});
    }

    limitOpenMpOnThisThread();
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    const QByteArray folderBytes = QFile::encodeName(folder);
    const QByteArray languageBytes = d->languages.toUtf8();
    // The LSTM engine only: the legacy one is slower and reads Vietnamese diacritics worse.
    if (api->Init(folderBytes.constData(), languageBytes.constData(), tesseract::OEM_LSTM_ONLY) != 0)
        return Error(ErrorCode::OcrFailed,
                     QStringLiteral("Tesseract could not load %1 from %2").arg(d->languages, folder));
    api->SetPageSegMode(d->layout == Layout::Automatic ? tesseract::PSM_AUTO : tesseract::PSM_SINGLE_BLOCK);
    // Scans do not carry the inverted (white on black) text the check is for; skipping it saves ~10 %.
    api->SetVariable("tessedit_do_invert", "0");
    // Tesseract prints its complaints ("Line cannot be recognized!!" for a speck) on stderr, which is the
    // CLI's channel for our own messages.
    api->SetVariable("debug_file", "/dev/null");
    d->api = std::move(api);
    return {};
}

Result<PageText> TextRecognizer::recognize(const QImage &image, int dpi, WorkControl *control)
{
    if (image.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("OCR: empty image"));
    if (cancelRequested(control))
        return Error(ErrorCode::Cancelled, QStringLiteral("OCR"));
    if (auto r = open(); !r)
        return r.error();

    // Tesseract binarizes a gray image itself (Otsu); handing it gray saves it the colour conversion and
    // keeps the buffer small.
    const QImage gray =
        image.format() == QImage::Format_Grayscale8 ? image : image.convertToFormat(QImage::Format_Grayscale8);
    limitOpenMpOnThisThread(); // this thread may not be the one that opened
    tesseract::TessBaseAPI &api = *d->api;
    api.SetImage(gray.constBits(), gray.width(), gray.height(), 1, int(gray.bytesPerLine()));
    // 0: the image's own density when it has a plausible one (Qt says 72 dpi for "none"), else 300.
    const int own = qRound(image.dotsPerMeterX() * 0.0254);
    const int resolution = dpi > 0 ? dpi : own >= 100 ? own : 300;
    api.SetSourceResolution(resolution);

    tesseract::ETEXT_DESC monitor;
    monitor.cancel = cancelCallback;
    monitor.cancel_this = control;
    monitor.progress_callback2 = progressCallback;
    const int status = api.Recognize(&monitor);
    if (cancelRequested(control)) {
        api.Clear();
        return Error(ErrorCode::Cancelled, QStringLiteral("OCR"));
    }
    if (status != 0) {
        api.Clear();
        return Error(ErrorCode::OcrFailed, QStringLiteral("Tesseract Recognize() returned %1").arg(status));
    }

    PageText page;
    page.imageSize = gray.size();
    page.dpi = resolution;
    page.languages = d->languages;
    page.meanConfidence = api.MeanTextConf();

    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    int block = -1;
    if (it) {
        it->Begin();
        do {
            if (it->Empty(tesseract::RIL_WORD))
                continue;
            if (it->IsAtBeginningOf(tesseract::RIL_BLOCK))
                ++block;
            if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || page.lines.isEmpty()) {
                TextLine line;
                line.block = std::max(block, 0);
                int l = 0, t = 0, r = 0, b = 0;
                if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b))
                    line.box = QRectF(l, t, r - l, b - t);
                int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
                if (it->Baseline(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2) && x2 != x1) {
                    line.baselineSlope = double(y2 - y1) / double(x2 - x1);
                    line.baselineOffset = y1 + line.baselineSlope * (line.box.left() - x1) - line.box.bottom();
                }
                page.lines.append(line);
            }
            TextWord word;
            word.text = fromUtf8(it->GetUTF8Text(tesseract::RIL_WORD)).trimmed();
            int l = 0, t = 0, r = 0, b = 0;
            if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b))
                word.box = QRectF(l, t, r - l, b - t);
            word.confidence = it->Confidence(tesseract::RIL_WORD);
            if (!word.text.isEmpty())
                page.lines.last().words.append(word);
        } while (it->Next(tesseract::RIL_WORD));
    }
    page.lines.removeIf([](const TextLine &line) { return line.words.isEmpty(); });
    api.Clear();
    reportProgress(control, 100, 100);
    return page;
}

} // namespace sohoa
