#include "core/imaging/PageCleanup.h"

#include "core/common/EnumNames.h"
#include "core/common/WorkControl.h"
#include "core/imaging/CleanupImage_p.h"

#include <QTransform>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

namespace sohoa {

namespace {

enum class Step
{
    Deskew,
    Orient,
    Crop,
    Blank,
    Bilevel
};

// The words of the list, in the order toList() writes them (and run() applies them).
constexpr EnumName<Step> stepNames[] = {{Step::Deskew, QLatin1StringView("deskew")},
                                        {Step::Orient, QLatin1StringView("orient")},
                                        {Step::Crop, QLatin1StringView("crop")},
                                        {Step::Blank, QLatin1StringView("blank")},
                                        {Step::Bilevel, QLatin1StringView("bilevel")}};

bool &flag(CleanupOptions &o, Step step)
{
    switch (step) {
    case Step::Deskew:
        return o.deskew;
    case Step::Orient:
        return o.orient;
    case Step::Crop:
        return o.crop;
    case Step::Blank:
        return o.blank;
    case Step::Bilevel:
        break;
    }
    return o.bilevel;
}

// Below this the rotation's resampling would blur the page more than the skew disturbs a reader.
constexpr double minCorrectionDeg = 0.05;

QString degrees(double value)
{
    return QString::number(value, 'f', 2) + u'°';
}

Error cancelled()
{
    return Error(ErrorCode::Cancelled, QStringLiteral("page cleanup"));
}

} // namespace

Result<CleanupOptions> CleanupOptions::fromList(const QString &list)
{
    CleanupOptions options;
    for (QString word : list.split(u',', Qt::SkipEmptyParts)) {
        word = word.trimmed();
        if (word.isEmpty())
            continue;
        // blank=PERCENT: the most ink a page may carry and still be flagged blank.
        if (const qsizetype eq = word.indexOf(u'=');
            eq > 0 && word.left(eq).trimmed().compare(u"blank", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const double percent = word.mid(eq + 1).trimmed().toDouble(&ok);
            if (!ok || percent < 0.001 || percent > 5.0)
                return Error::withHint(
                    ErrorCode::InvalidArgument, "sohoa::cleanup",
                    QT_TRANSLATE_NOOP("sohoa::cleanup", "\"%1\": the blank-page threshold is the most ink a blank page "
                                                        "may carry, in percent of the page, from 0.001 to 5 (the "
                                                        "default is 0.02), for example blank=0.05."),
                    {word});
            options.blank = true;
            options.blankMaxInkPercent = percent;
            continue;
        }
        const auto step = enumFromName(stepNames, word);
        if (!step)
            return Error::withHint(ErrorCode::InvalidArgument, "sohoa::cleanup",
                                   QT_TRANSLATE_NOOP("sohoa::cleanup",
                                                     "\"%1\" is not a page cleanup operation: use deskew, orient, "
                                                     "crop, blank or bilevel, separated by commas."),
                                   {word.trimmed()});
        flag(options, *step) = true;
    }
    return options;
}

QString CleanupOptions::toList() const
{
    QStringList words;
    auto copy = *this;
    for (const auto &entry : stepNames) {
        if (!flag(copy, entry.value))
            continue;
        if (entry.value == Step::Blank && blankMaxInkPercent != CleanupOptions().blankMaxInkPercent)
            words << QStringLiteral("blank=") + QString::number(blankMaxInkPercent);
        else
            words << QString(entry.name);
    }
    return words.join(u',');
}

bool CleanupOptions::any() const
{
    return deskew || orient || crop || blank || bilevel;
}

namespace {

// What one step of run() learns that spares a later one work.
struct Findings
{
    bool linesAcross = false; // deskew found lines running across the page: it is upright or upside down
};

// The steps of run(), in their order: each changes `work` when it has to and says whether it did.
// Lineart stays Mono until a step has to resample it (deskew) or is asked to make it bilevel.
bool deskewStep(QImage &work, int dpi, const CleanupOptions &options, CleanupResult &r, Findings &found)
{
    cleanup::LineAxis axis = cleanup::LineAxis::None;
    r.skewDetectedDeg = cleanup::detectSkew(work, dpi, options.maxSkewDeg, &r.skewConfidence, &axis);
    found.linesAcross = axis == cleanup::LineAxis::Across;
    if (std::abs(r.skewDetectedDeg) < minCorrectionDeg)
        return false;
    const QImage source = cleanup::toWorkingFormat(work);
    work = cleanup::rotateBilinear(source, -r.skewDetectedDeg, cleanup::edgeColour(source));
    r.skewCorrectedDeg = -r.skewDetectedDeg;
    r.operations << QStringLiteral("deskew ") + degrees(r.skewCorrectedDeg);
    return true;
}

bool orientStep(QImage &work, int dpi, const CleanupOptions &, CleanupResult &r, Findings &found)
{
    r.rotatedDeg = found.linesAcross ? cleanup::detectUpsideDown(work, dpi, &r.orientationConfidence)
                                     : PageCleanup::detectOrientation(work, dpi, &r.orientationConfidence);
    if (r.rotatedDeg == 0)
        return false;
    // Quarter turns move pixels without resampling (QTransform angles are clockwise on screen).
    work = work.transformed(QTransform().rotate(r.rotatedDeg));
    r.operations << QStringLiteral("rotate %1°").arg(r.rotatedDeg);
    return true;
}

bool cropStep(QImage &work, int dpi, const CleanupOptions &, CleanupResult &r, Findings &)
{
    const QRect paper = PageCleanup::detectPaper(work, dpi);
    if (paper.isNull() || paper == work.rect())
        return false;
    work = work.copy(paper);
    r.cropRect = paper;
    r.operations
        << QStringLiteral("crop %1,%2 %3x%4").arg(paper.x()).arg(paper.y()).arg(paper.width()).arg(paper.height());
    return true;
}

bool blankStep(QImage &work, int dpi, const CleanupOptions &options, CleanupResult &r, Findings &)
{
    r.blank = PageCleanup::isBlank(work, dpi, options, &r.inkPercent);
    if (r.blank)
        r.operations << QStringLiteral("blank (ink %1 %)").arg(r.inkPercent, 0, 'f', 3);
    return false; // a flag: the page is kept as it is
}

bool bilevelStep(QImage &work, int dpi, const CleanupOptions &, CleanupResult &r, Findings &)
{
    if (work.format() == QImage::Format_Mono) {
        r.bilevel = true; // lineart already
        return false;
    }
    r.hasColourMarks = cleanup::isColour(work) && PageCleanup::hasColourMarks(work, dpi);
    if (r.hasColourMarks)
        return false;
    work = PageCleanup::toBilevel(work, dpi);
    r.bilevel = true;
    r.operations << QStringLiteral("bilevel");
    return true;
}

} // namespace

Result<CleanupResult> PageCleanup::run(const QImage &image, int dpi, const CleanupOptions &options,
                                       WorkControl *control)
{
    if (cancelRequested(control))
        return cancelled();
    CleanupResult r;
    if (image.isNull() || !options.any())
        return r;
    if (dpi <= 0)
        dpi = image.dotsPerMeterX() > 0 ? int(std::lround(image.dotsPerMeterX() * 0.0254)) : 200;

    using StepFunction = bool (*)(QImage &, int, const CleanupOptions &, CleanupResult &, Findings &);
    const std::pair<bool, StepFunction> steps[] = {{options.deskew, deskewStep},
                                                   {options.orient, orientStep},
                                                   {options.crop, cropStep},
                                                   {options.blank, blankStep},
                                                   {options.bilevel, bilevelStep}};
    const auto total = std::count_if(std::begin(steps), std::end(steps), [](const auto &s) { return s.first; });

    QImage work = image.format() == QImage::Format_Mono || image.format() == QImage::Format_MonoLSB
                      ? image.convertToFormat(QImage::Format_Mono)
                      : cleanup::toWorkingFormat(image);
    bool changed = false;
    qint64 done = 0;
    Findings found;
    // A blank page first: there is nothing on it to straighten, turn, crop or binarize, and a flagged
    // page keeps the scan as it is (no derived image, no second JPEG generation) for the person who
    // reviews it.
    if (options.blank) {
        blankStep(work, dpi, options, r, found);
        reportProgress(control, ++done, total);
        if (cancelRequested(control))
            return cancelled();
        if (r.blank)
            return r;
    }
    for (const auto &[on, step] : steps) {
        if (!on || step == blankStep)
            continue;
        changed = step(work, dpi, options, r, found) || changed;
        reportProgress(control, ++done, total);
        if (cancelRequested(control))
            return cancelled();
    }
    if (changed) {
        work.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
        work.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
        r.image = std::move(work);
    }
    return r;
}

} // namespace sohoa
