#include "core/imaging/PageCleanup.h"

#include "core/common/WorkControl.h"
#include "core/imaging/CleanupImage_p.h"

#include <QTransform>

#include <array>
#include <cmath>

namespace sohoa {

namespace {

// The words of the list, in the order toList() writes them.
constexpr std::array<const char *, 5> operationNames{"deskew", "orient", "crop", "blank", "bilevel"};

std::array<bool *, 5> flags(CleanupOptions &o)
{
    return {&o.deskew, &o.orient, &o.crop, &o.blank, &o.bilevel};
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
    const auto words = list.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : words) {
        const QString word = raw.trimmed().toLower();
        if (word.isEmpty())
            continue;
        bool known = false;
        for (size_t i = 0; i < operationNames.size(); ++i) {
            if (word == QLatin1String(operationNames[i])) {
                *flags(options)[i] = true;
                known = true;
            }
        }
        if (!known)
            return Error::withHint(ErrorCode::InvalidArgument, "sohoa::cleanup",
                                   QT_TRANSLATE_NOOP("sohoa::cleanup",
                                                     "\"%1\" is not a page cleanup operation: use deskew, orient, "
                                                     "crop, blank or bilevel, separated by commas."),
                                   {raw.trimmed()});
    }
    return options;
}

QString CleanupOptions::toList() const
{
    QStringList words;
    auto copy = *this;
    const auto f = flags(copy);
    for (size_t i = 0; i < operationNames.size(); ++i) {
        if (*f[i])
            words << QLatin1String(operationNames[i]);
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
        r.skewDetectedDeg = detectSkew(work, dpi, options.maxSkewDeg);
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
