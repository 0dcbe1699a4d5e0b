// Page cleanup step by step: milliseconds per call of each step on the given images (as a scanner
// delivers them: RGB888 or Grayscale8), median of the runs, and the derived JPEG's encoding.
// Usage: sohoa-cleanup-bench [--dpi N] [--runs N] IMAGE...

#include "core/imaging/PageCleanup.h"
#include "core/imaging/PageEncoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace sohoa;

namespace {

// The median time of f over `runs` calls, each on a fresh copy of the image: the steps keep their grey
// reductions of an image (keyed by its cacheKey), and a repeat on the same image would time the cache.
double medianMs(int runs, const QImage &image, const std::function<void(const QImage &)> &f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const QImage fresh = image.copy();
        QElapsedTimer t;
        t.start();
        f(fresh);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

// An exception out of Qt or the standard library (std::bad_alloc): a message and a failure, not abort().
int main(int argc, char **argv)
try {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int dpi = 300, runs = 5;
    while (!args.isEmpty() && args.first().startsWith(u"--")) {
        const QString name = args.takeFirst();
        const int value = args.isEmpty() ? 0 : args.takeFirst().toInt();
        (name == u"--dpi" ? dpi : runs) = value;
    }
    std::printf("%-22s %9s %9s %9s %9s %9s %9s %9s\n", "image", "skew", "orient", "paper", "blank", "rotate", "run()",
                "jpeg");
    for (const QString &path : std::as_const(args)) {
        QImage image(path);
        image = image.isGrayscale() ? image.convertToFormat(QImage::Format_Grayscale8)
                                    : image.convertToFormat(QImage::Format_RGB888);
        const CleanupOptions all = CleanupOptions::fromList(QStringLiteral("deskew,orient,crop,blank")).value();
        double skew = 0;
        const double tSkew = medianMs(runs, image, [&](const QImage &i) { skew = PageCleanup::detectSkew(i, dpi); });
        const double tOrient = medianMs(runs, image, [&](const QImage &i) { PageCleanup::detectOrientation(i, dpi); });
        const double tPaper = medianMs(runs, image, [&](const QImage &i) { PageCleanup::detectPaper(i, dpi); });
        const double tBlank = medianMs(runs, image, [&](const QImage &i) { PageCleanup::isBlank(i, dpi, all); });
        QImage rotated;
        const double tRotate = medianMs(runs, image, [&](const QImage &i) { rotated = PageCleanup::rotate(i, 1.3); });
        const double tRun = medianMs(runs, image, [&](const QImage &i) { (void)PageCleanup::run(i, dpi, all); });
        ScannedPage page;
        page.image = rotated;
        page.dpi = dpi;
        page.mode = image.format() == QImage::Format_Grayscale8 ? ColorMode::Gray : ColorMode::Color;
        ImageProfile profile;
        profile.format = ImageProfile::Format::Jpeg;
        const double tJpeg = medianMs(runs, image, [&](const QImage &) { (void)PageEncoder::encode(page, profile); });
        std::printf("%-22s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f   (skew %.2f°)\n",
                    qPrintable(QFileInfo(path).fileName().left(22)), tSkew, tOrient, tPaper, tBlank, tRotate, tRun,
                    tJpeg, skew);
    }
    return 0;
} catch (const std::exception &e) {
    qCritical("sohoa-cleanup-bench: %s", e.what());
    return 1;
} catch (...) {
    qCritical("sohoa-cleanup-bench: an unknown exception");
    return 1;
}
