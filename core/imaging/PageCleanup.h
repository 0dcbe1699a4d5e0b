#pragma once

#include "core/common/Result.h"

#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>

namespace sohoa {

class WorkControl;

// Which cleanup steps to apply to a scanned page (issue 15), and the thresholds of the blank-page test.
struct CleanupOptions
{
    bool deskew = false, orient = false, crop = false, blank = false, bilevel = false;

    // Blank pages. Ink is counted relative to the local paper background (tinted paper, edge shadows and
    // uneven lighting are not ink), inside a margin that is ignored (punch holes, the scanner's edge
    // shadow), after specks smaller than blankMinSpeckMm on both sides are dropped (dust, JPEG noise).
    // Measured: the corpus' blank pages 0.000 %, one of them with 200 dust specks, an edge shadow, a tea
    // stain and JPEG quality 35 added 0.003 %; a single handwritten-size word 0.058 %, a 2 cm seal ring
    // 0.07 %, a cover sheet (title, code, QR code) 0.73 %, text pages 7–23 %. 0.02 % sits well above
    // the worst blank and below the smallest mark a reader would not want to lose.
    double blankMaxInkPercent = 0.02; // of the page inside the margin
    double blankMinSpeckMm = 0.5;
    double blankMarginMm = 10.0;
    // A pixel is ink when it is darker than its local paper by this many grey levels (of 255).
    int blankInkContrast = 48;

    double maxSkewDeg = 15.0;

    // "deskew,orient,crop,blank,bilevel" (any order, spaces allowed, empty for none) <-> options;
    // "blank=0.05" also sets blankMaxInkPercent (0.001 to 5; toList() writes it only when it is not
    // the default). An unknown word or a bad threshold is InvalidArgument with a sentence in both
    // languages naming it.
    static Result<CleanupOptions> fromList(const QString &list);
    QString toList() const;
    bool any() const;
};

struct CleanupResult
{
    QImage image;                // the derived image; null when no operation changed pixels
    double skewDetectedDeg = 0;  // counter-clockwise positive (the corpus truth.json `skew_deg`)
    double skewConfidence = 0;   // detectSkew's confidence
    double skewCorrectedDeg = 0; // the rotation applied, counter-clockwise positive: −skewDetectedDeg, or 0
                                 // when none (|skew| < 0.05° or deskew off)
    int rotatedDeg = 0;          // clockwise 0/90/180/270 applied to make the page upright
    double orientationConfidence = 0;
    QRect cropRect; // in the deskewed/upright image; null if not cropped
    bool blank = false;
    double inkPercent = 0;
    bool bilevel = false;        // applied
    bool hasColourMarks = false; // coloured seals/signatures found: bilevel is then refused
    QStringList operations;      // for the audit log, e.g. "deskew -3.92°", "rotate 180°", "crop 12,8 2456x3490"
};

// Cleanup of archival scans: deskew, upright orientation, crop to the paper, blank-page flag and adaptive
// bilevel. Pure functions of the image: thread-safe, no widgets, nothing stored.
class PageCleanup
{
public:
    // image: Format_Mono, Format_Grayscale8/16, Format_RGB888/RGBX64 (as ScannedPage delivers); other
    // formats are converted. Output: RGB888 for colour, Grayscale8 for grey, Mono for bilevel.
    // control is checked between steps: cancelled -> ErrorCode::Cancelled.
    static Result<CleanupResult> run(const QImage &image, int dpi, const CleanupOptions &options,
                                     WorkControl *control = nullptr);

    // The building blocks, public for tests and the GUI.
    // Skew of the text lines in degrees, counter-clockwise positive, relative to the nearest axis (a
    // sideways page's lines count as well): rotating the page clockwise by it makes the lines straight.
    // confidence: how far the best angle's profile stands out from the average angle's (about 1 for dust
    // and noise, 2–5 for text); below 1.7 there are no lines to go by and the skew is 0.
    static double detectSkew(const QImage &image, int dpi, double maxDeg = 15.0, double *confidence = nullptr);
    // Clockwise degrees (0, 90, 180, 270) that make the page upright, from the ascenders and descenders of
    // its text (Leptonica); 0 when unsure: too little text (a cover sheet) or no clear winner. confidence
    // is the winner's score: 20–35 on straightened text pages, 5 needed.
    static int detectOrientation(const QImage &image, int dpi, double *confidence = nullptr);
    static bool isBlank(const QImage &image, int dpi, const CleanupOptions &options, double *inkPercent = nullptr);
    // Coloured seals or signatures (saturated red/blue areas of meaningful size): bilevel would lose them.
    static bool hasColourMarks(const QImage &image, int dpi);
    // The paper inside a darker scanner background, in image coordinates; null when there is no clear edge.
    static QRect detectPaper(const QImage &image, int dpi);
    // Adaptive (Sauvola) binarization to Format_Mono.
    static QImage toBilevel(const QImage &image, int dpi);
    // The page rotated counter-clockwise by `degrees` (bilinear), same size; the uncovered corners take the
    // colour of the page's outer band (the paper's margin, or the scanner background around a sheet).
    static QImage rotate(const QImage &image, double degrees);
};

} // namespace sohoa
