#pragma once

#include "core/common/Result.h"
#include "core/common/WorkControl.h"
#include "core/ocr/PageText.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <memory>

namespace sohoa {

// Reads the text of page images with Tesseract 5 (its LSTM engine) through its C++ library.
//
// One instance per thread, reused across pages: open() loads the language models once (0.15-0.3 s for
// "vie"), recognize() then costs only the page (about 1.3 s of CPU for an A4 page at 200 or 300 dpi).
// Tesseract's own OpenMP threads are switched off for the whole process on first use (see the .cpp): on
// our 2-core machines they made a page 2.6 times slower; pages run in parallel instead, one recognizer
// per thread.
class TextRecognizer
{
public:
    // How the page is cut into lines before they are read.
    enum class Layout
    {
        // The page is one block of text (Tesseract's PSM 6). The default: measured on the corpus of
        // administrative pages it reads every page at 96-97 %, where the automatic layout lost most of a
        // skewed page (38 %) to a wrong column split. Headings side by side (the organ and the national
        // motto) come out as one line, left then right.
        SingleBlock,
        // Tesseract's automatic page segmentation (PSM 3): columns, tables; for pages that really have
        // columns, after deskewing.
        Automatic,
    };

    // languages: Tesseract's names joined by '+': "vie", "eng", "vie+eng".
    explicit TextRecognizer(const QString &languages = QStringLiteral("vie"), Layout layout = Layout::SingleBlock);
    ~TextRecognizer();
    TextRecognizer(const TextRecognizer &) = delete;
    TextRecognizer &operator=(const TextRecognizer &) = delete;

    // Loads the language models. OcrLanguageMissing (naming the Debian package to install) when a
    // language's traineddata is not in the data folder; OcrFailed when Tesseract refuses to start.
    // recognize() opens on first use when this was not called.
    Result<void> open();
    bool isOpen() const;

    // Reads one page. dpi is the image's resolution (Tesseract sizes its expectations of letters from
    // it); 0 takes the image's own (dotsPerMeterX) when it is at least 100 dpi, else 300. Cancelled promptly (between
    // words) once control asks for it; progress is reported in percent of the page.
    Result<PageText> recognize(const QImage &image, int dpi, WorkControl *control = nullptr);

    const QString &languages() const;

    // The folder of the language data: $TESSDATA_PREFIX when set (the folder itself, or a folder with a
    // tessdata/ inside, as Tesseract 4 wanted), else Debian's /usr/share/tesseract-ocr/5/tessdata.
    static QString dataFolder();
    // The languages whose traineddata is installed ("eng", "osd", "vie"), sorted.
    static QStringList availableLanguages();
    // The Debian package that installs a language: "tesseract-ocr-vie".
    static QString packageOf(const QString &language);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa
