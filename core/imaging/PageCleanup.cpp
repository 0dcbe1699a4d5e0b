#include "core/imaging/PageCleanup.h"

#include "core/common/EnumNames.h"
#include "core/common/WorkControl.h"
#include "core/imaging/CleanupImage_p.h"

#include <QTransform>

#include <cmath>

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
    for (const QString &word : list.split(u',', Qt::SkipEmptyParts)) {
        if (word.trimmed().isEmpty())
            continue;
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
        if (flag(copy, entry.value))
            words << QString(entry.name);
    }
    return words.join(u',');
}

bool CleanupOptions::any() const
{
    return deskew || orient || crop || blank || bilevel;
}

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

    QImage work = cleanup::toWorkingFormat(image);
    bool changed = false;

    if (options.deskew) {
        r.skewDetectedDeg = detectSkew(work, dpi, options.maxSkewDeg, &r.skewConfidence);
        if (std::abs(r.skewDetectedDeg) >= minCorrectionDeg) {
            work = cleanup::rotateBilinear(work, -r.skewDetectedDeg, cleanup::edgeColour(work));
            r.skewCorrectedDeg = -r.skewDetectedDeg;
            r.operations << QStringLiteral("deskew ") + degrees(r.skewCorrectedDeg);
            changed = true;
        }
        reportProgress(control, 1, 5);
        if (cancelRequested(control))
            return cancelled();
    }

    if (options.orient) {
        r.rotatedDeg = detectOrientation(work, dpi, &r.orientationConfidence);
        if (r.rotatedDeg != 0) {
            // Quarter turns move pixels without resampling (QTransform angles are clockwise on screen).
            work = work.transformed(QTransform().rotate(r.rotatedDeg));
            r.operations << QStringLiteral("rotate %1°").arg(r.rotatedDeg);
            changed = true;
        }
        reportProgress(control, 2, 5);
        if (cancelRequested(control))
            return cancelled();
    }

    if (options.crop) {
        const QRect paper = detectPaper(work, dpi);
        if (!paper.isNull() && paper != work.rect()) {
            work = work.copy(paper);
            r.cropRect = paper;
            r.operations << QStringLiteral("crop %1,%2 %3x%4")
                                .arg(paper.x())
                                .arg(paper.y())
                                .arg(paper.width())
                                .arg(paper.height());
            changed = true;
        }
        reportProgress(control, 3, 5);
        if (cancelRequested(control))
            return cancelled();
    }

    if (options.blank) {
        r.blank = isBlank(work, dpi, options, &r.inkPercent);
        if (r.blank)
            r.operations << QStringLiteral("blank (ink %1 %)").arg(r.inkPercent, 0, 'f', 3);
        reportProgress(control, 4, 5);
        if (cancelRequested(control))
            return cancelled();
    }

    if (options.bilevel) {
        r.hasColourMarks = cleanup::isColour(work) && hasColourMarks(work, dpi);
        if (!r.hasColourMarks) {
            work = toBilevel(work, dpi);
            r.bilevel = true;
            r.operations << QStringLiteral("bilevel");
            changed = true;
        }
        reportProgress(control, 5, 5);
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
