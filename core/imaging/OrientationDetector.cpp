// Page orientation by Tesseract's orientation and script detection (OSD): it classifies the page's
// character blobs in the four orientations, which needs no language model and holds for Vietnamese with
// its diacritics as for any Latin text.

#include "core/common/CoreLogging.h"
#include "core/imaging/CleanupImage_p.h"
#include "core/imaging/PageCleanup.h"

#include <QByteArray>

#include <tesseract/baseapi.h>

#include <memory>

namespace sohoa {

namespace {

// Below this, Tesseract's guess is as likely noise as a turned page (its own documentation calls 15
// "reasonably confident"; ocrmypdf turns pages from 14). A wrong turn is worse than none: keep it.
constexpr double minConfidence = 6.0;

// One engine per thread: TessBaseAPI is not thread-safe, and loading osd.traineddata costs more than
// a page's detection, so it is kept for the thread's next pages.
tesseract::TessBaseAPI *osdEngine()
{
    struct Engine
    {
        std::unique_ptr<tesseract::TessBaseAPI> api;
        bool failed = false;
    };
    thread_local Engine engine;
    if (engine.api || engine.failed)
        return engine.api.get();
    // Tesseract's OpenMP threads fight with the workers that run pages in parallel; one page, one core.
    if (qEnvironmentVariableIsEmpty("OMP_THREAD_LIMIT"))
        qputenv("OMP_THREAD_LIMIT", "1");
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // A null data path lets Tesseract honour TESSDATA_PREFIX, then its compiled-in tessdata folder.
    if (api->Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
        qCWarning(lcCore) << "Tesseract OSD unavailable (osd.traineddata not found): orientation left as is";
        engine.failed = true;
        return nullptr;
    }
    api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    engine.api = std::move(api);
    return engine.api.get();
}

} // namespace

int PageCleanup::detectOrientation(const QImage &image, int dpi, double *confidence)
{
    if (confidence)
        *confidence = 0;
    if (image.isNull())
        return 0;
    tesseract::TessBaseAPI *api = osdEngine();
    if (!api)
        return 0;
    // 150 dpi: characters still well above OSD's smallest blobs, a quarter of the pixels of 300 dpi.
    const cleanup::Analysis a = cleanup::analysisImage(image, dpi, 150.0);
    api->SetImage(a.gray.constBits(), a.gray.width(), a.gray.height(), 1, int(a.gray.bytesPerLine()));
    api->SetSourceResolution(int(a.dpi));
    int orientDeg = 0;
    float orientConf = 0, scriptConf = 0;
    const char *script = nullptr;
    const bool ok = api->DetectOrientationScript(&orientDeg, &orientConf, &script, &scriptConf);
    api->Clear();
    if (!ok)
        return 0;
    if (confidence)
        *confidence = orientConf;
    if (orientConf < minConfidence)
        return 0;
    // orientDeg is how far the page is turned clockwise; turning it back is the rest of a full turn.
    return (360 - orientDeg) % 360;
}

} // namespace sohoa
