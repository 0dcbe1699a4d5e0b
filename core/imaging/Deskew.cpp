// Skew detection by projection profiles (the method of unpaper's and Leptonica's deskew, written here for
// our pages): the lower edges of the ink, projected along a candidate angle, pile up into sharp peaks at
// the text's baselines when the angle is right; the sum of the squared bin counts is then largest.

#include "core/imaging/CleanupImage_p.h"
#include "core/imaging/PageCleanup.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace sohoa {

namespace {

struct Edges
{
    std::vector<float> x, y;
    int width = 0, height = 0;
};

// Every k-th edge, so that at most `most` remain.
Edges sample(const Edges &all, size_t most)
{
    if (all.x.size() <= most)
        return all;
    const size_t stride = (all.x.size() + most - 1) / most;
    Edges e;
    e.width = all.width;
    e.height = all.height;
    for (size_t i = 0; i < all.x.size(); i += stride) {
        e.x.push_back(all.x[i]);
        e.y.push_back(all.y[i]);
    }
    return e;
}

// The edges of ink facing the lines' baselines: lower edges (ink above, paper below) for an upright page,
// right edges (ink left, paper right) for a sideways one. They pile up along the lines.
// Each is placed at a fixed pseudo-random spot inside its pixel: on the bare pixel grid every edge
// falls on a whole bin at exactly 0° and between two bins just beside it, which made the score favour
// 0° and left straight pages reading ±0.05°.
Edges inkEdges(const cleanup::Mask &ink, bool sideways)
{
    Edges e;
    e.width = ink.width;
    e.height = ink.height;
    uint32_t seed = 0x9e3779b9u;
    const auto dither = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return float(seed >> 8) / float(1u << 24) - 0.5f;
    };
    const int next = sideways ? 1 : ink.width;
    const int centreX = ink.width / 2, centreY = ink.height / 2; // whole pixels: only centres the fit
    for (int y = 0; y + (sideways ? 0 : 1) < ink.height; ++y) {
        const uint8_t *row = ink.bits.data() + size_t(y) * size_t(ink.width);
        for (int x = 0; x + (sideways ? 1 : 0) < ink.width; ++x) {
            if (row[x] && !row[x + next]) {
                e.x.push_back(float(x - centreX) + dither());
                e.y.push_back(float(y - centreY) + dither());
            }
        }
    }
    // A page of ruled lines or a halftone has ten times the edges of a page of text; past this many
    // an even sample of them finds the same peaks at a fraction of the cost.
    return sample(e, 120000);
}

// How sharply the edges line up along a skew of `deg` (counter-clockwise positive); `sideways` projects
// onto the x axis, for a page turned by 90°. Each edge is shared between the two nearest bins, so the
// score changes smoothly with the angle and the refinement below can home in on hundredths of a degree.
double score(const Edges &e, double deg, bool sideways, std::vector<double> &bins)
{
    const double t = std::tan(qDegreesToRadians(deg));
    const double span = std::ceil(sideways ? e.width / 2.0 + std::abs(t) * e.height / 2.0 + 2
                                           : e.height / 2.0 + std::abs(t) * e.width / 2.0 + 2);
    bins.assign(size_t(2 * span + 2), 0.0);
    const size_t n = e.x.size();
    // A horizontal line turned counter-clockwise by deg rises to the right: y + x·tan(deg) stays constant
    // along it (y grows downwards). A vertical one leans left at the top: x − y·tan(deg) is constant.
    const float *a = sideways ? e.x.data() : e.y.data();
    const float *b = sideways ? e.y.data() : e.x.data();
    const double k = sideways ? -t : t;
    for (size_t i = 0; i < n; ++i) {
        const double p = a[i] + b[i] * k + span;
        const auto lo = size_t(p);
        const double frac = p - double(lo);
        bins[lo] += 1.0 - frac;
        bins[lo + 1] += frac;
    }
    double sum = 0;
    for (const double v : bins)
        sum += v * v;
    return sum;
}

// The least peak-to-average of the projection profiles that means lines: measured 2.3–4.4 on the
// corpus' text and cover pages and the real scans, 1.16–1.28 on its blank pages (dust, edge shadows).
constexpr double minPeak = 1.7;

struct Best
{
    double deg = 0, score = -1;
    double mean = 0; // of all the angles tried
};

Best search(const Edges &e, bool sideways, double from, double to, double step, std::vector<double> &bins)
{
    Best best;
    double sum = 0;
    int n = 0;
    for (;; ++n) {
        const double d = from + n * step; // counted, not summed: no drift over many steps
        if (d > to + 1e-9)
            break;
        const double s = score(e, d, sideways, bins);
        sum += s;
        if (s > best.score)
            best = {d, s, 0};
    }
    best.mean = n > 0 ? sum / n : 0;
    return best;
}

} // namespace

double PageCleanup::detectSkew(const QImage &image, int dpi, double maxDeg, double *confidence)
{
    return cleanup::detectSkew(image, dpi, maxDeg, confidence, nullptr);
}

double cleanup::detectSkew(const QImage &image, int dpi, double maxDeg, double *confidence, LineAxis *axis)
{
    if (confidence)
        *confidence = 0;
    if (axis)
        *axis = LineAxis::None;
    if (image.isNull())
        return 0;
    // 100 dpi or a little more: a text line still a few pixels high, a 0.1° error still a pixel over a
    // 6 cm line, and a few tens of thousands of edges to project. Never less (150 dpi is not halved):
    // a cover sheet's two lines of text lost their last hundredths at 75 dpi.
    const cleanup::Analysis a = cleanup::analysisImageReduced(image, dpi, std::max(1, dpi / 100));
    const cleanup::Mask ink = cleanup::inkMask(a.gray, a.dpi, 48);
    const Edges lower = inkEdges(ink, false), right = inkEdges(ink, true);
    if (lower.x.size() < 50 || right.x.size() < 50)
        return 0;
    maxDeg = std::clamp(maxDeg, 0.5, 44.0);
    std::vector<double> bins;
    // Coarse: 0.25° steps, finer than the width of a long line's peak, over both the upright and the
    // sideways families of lines; then a ±0.3° search in 0.05° steps and ±0.06° in 0.01° steps.
    // The coarse sweep goes by an even sample of at most 30000 edges (a page of text at 100 dpi has
    // 20000-60000): the peak it must find is a quarter degree wide; the refinement uses them all.
    const Edges lowerSample = sample(lower, 30000), rightSample = sample(right, 30000);
    const Best upright = search(lowerSample, false, -maxDeg, maxDeg, 0.25, bins);
    const Best sideways = search(rightSample, true, -maxDeg, maxDeg, 0.25, bins);
    // Compared per edge squared: how concentrated the profile is, whatever the number of edges.
    const auto n2 = [](const Edges &e) {
        return double(e.x.size()) * double(e.x.size());
    };
    const bool side = sideways.score / n2(rightSample) > upright.score / n2(lowerSample);
    const Edges &e = side ? right : lower;
    Best best = side ? sideways : upright;
    const double peak = best.mean > 0 ? best.score / best.mean : 0;
    if (confidence)
        *confidence = peak;
    if (peak < minPeak)
        return 0;
    if (axis)
        *axis = side ? LineAxis::Down : LineAxis::Across;
    best = search(e, side, best.deg - 0.3, best.deg + 0.3, 0.05, bins);
    best = search(e, side, best.deg - 0.06, best.deg + 0.06, 0.01, bins);
    // Parabola through the best and its neighbours: the peak between the hundredths.
    const double sl = score(e, best.deg - 0.01, side, bins), sr = score(e, best.deg + 0.01, side, bins);
    const double denom = sl - 2 * best.score + sr;
    double deg = best.deg;
    if (denom < 0)
        deg += std::clamp(0.5 * (sl - sr) / denom, -0.5, 0.5) * 0.01;
    return std::clamp(deg, -maxDeg, maxDeg);
}

QImage PageCleanup::rotate(const QImage &image, double degrees)
{
    const QImage working = cleanup::toWorkingFormat(image);
    return cleanup::rotateBilinear(working, degrees, cleanup::edgeColour(working));
}

} // namespace sohoa
