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

double medianMs(int runs, const std::function<void()> &f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
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
        const double tSkew = medianMs(runs, [&] { skew = PageCleanup::detectSkew(image, dpi); });
        const double tOrient = medianMs(runs, [&] { PageCleanup::detectOrientation(image, dpi); });
        const double tPaper = medianMs(runs, [&] { PageCleanup::detectPaper(image, dpi); });
        const double tBlank = medianMs(runs, [&] { PageCleanup::isBlank(image, dpi, all); });
        QImage rotated;
        const double tRotate = medianMs(runs, [&] { rotated = PageCleanup::rotate(image, 1.3); });
        const double tRun = medianMs(runs, [&] { (void)PageCleanup::run(image, dpi, all); });
        ScannedPage page;
        page.image = rotated;
        page.dpi = dpi;
        page.mode = image.format() == QImage::Format_Grayscale8 ? ColorMode::Gray : ColorMode::Color;
        ImageProfile profile;
        profile.format = ImageProfile::Format::Jpeg;
        const double tJpeg = medianMs(runs, [&] { (void)PageEncoder::encode(page, profile); });
        std::printf("%-22s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f   (skew %.2f°)\n",
                    qPrintable(QFileInfo(path).fileName().left(22)), tSkew, tOrient, tPaper, tBlank, tRotate, tRun,
                    tJpeg, skew);
    }
    return 0;
}
