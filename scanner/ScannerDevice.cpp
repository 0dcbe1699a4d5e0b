#include "scanner/ScannerDevice.h"

#include "core/common/EnumNames.h"

#include "scanner/DeviceCore_p.h"
#include "scanner/FrameAssembler_p.h"
#include "scanner/SaneRuntime.h"
#include "scanner/SaneRuntime_p.h"
#include "scanner/SaneStatus_p.h"
#include "scanner/ScannerLogging.h"

#include <QElapsedTimer>
#include <QRegularExpression>

#include <cmath>
#include <vector>

namespace sohoa::scanner {

namespace {

constexpr int ReadBufferSize = 256 * 1024;
constexpr double MmPerInch = 25.4;

bool containsCi(const QString &s, QStringView part)
{
    return s.contains(part, Qt::CaseInsensitive);
}

bool isFeederName(const QString &s)
{
    return containsCi(s, u"adf") || containsCi(s, u"feeder") || containsCi(s, u"duplex") ||
           containsCi(s, u"automatic document");
}

// The first allowed string accepted by `pred`, or an empty string.
template <typename Pred> QString findAllowed(const ScanOption *opt, Pred pred)
{
    if (!opt)
        return {};
    const QVariantList allowed = opt->allowedValues();
    for (const QVariant &a : allowed) {
        if (pred(a.toString()))
            return a.toString();
    }
    return {};
}

// The allowed value closest to `wanted` (range: clamped and quantised; list: nearest entry).
double nearestAllowed(const ScanOption *opt, double wanted)
{
    if (opt->constraint() == OptionConstraint::Range) {
        double v = std::clamp(wanted, opt->rangeMin(), opt->rangeMax());
        if (opt->rangeQuant() > 0) {
            v = opt->rangeMin() + std::round((v - opt->rangeMin()) / opt->rangeQuant()) * opt->rangeQuant();
            if (v > opt->rangeMax())
                v -= opt->rangeQuant();
        }
        return v;
    }
    if (opt->constraint() == OptionConstraint::List) {
        double best = wanted;
        double bestDist = -1;
        const QVariantList allowed = opt->allowedValues();
        for (const QVariant &a : allowed) {
            const double dist = std::abs(a.toDouble() - wanted);
            if (bestDist < 0 || dist < bestDist) {
                best = a.toDouble();
                bestDist = dist;
            }
        }
        return best;
    }
    return wanted;
}

Result<void> setNumber(ScanOption *opt, double v)
{
    if (opt->type() == OptionType::Int)
        return opt->setValue(int(std::lround(v)));
    return opt->setValue(v);
}

} // namespace

namespace {

constexpr EnumName<Source> kSourceNames[] = {
    {Source::Flatbed, QLatin1StringView("flatbed")},      {Source::Adf, QLatin1StringView("adf")},
    {Source::AdfDuplex, QLatin1StringView("duplex")},     {Source::Adf, QLatin1StringView("feeder")},
    {Source::AdfDuplex, QLatin1StringView("adf-duplex")},
};

} // namespace

QString sourceName(Source source)
{
    return enumToName(kSourceNames, source);
}

bool sourceFromName(const QString &name, Source *source)
{
    const auto s = enumFromName(kSourceNames, name);
    if (s)
        *source = *s;
    return s.has_value();
}

ScannerDevice::ScannerDevice(std::unique_ptr<detail::DeviceCore> core) : d(std::move(core)) {}

ScannerDevice::~ScannerDevice() = default;

Result<std::unique_ptr<ScannerDevice>> ScannerDevice::open(const QString &name)
{
    if (auto init = SaneRuntime::ensureInitialized(); !init)
        return init.error();
    if (name.isEmpty())
        return Error(ErrorCode::ScannerNotFound, QStringLiteral("no device name given"));
    SANE_Handle handle = nullptr;
    SANE_Status st;
    {
        const std::lock_guard lock(detail::saneGlobalMutex());
        st = sane_open(name.toUtf8().constData(), &handle);
    }
    if (st != SANE_STATUS_GOOD || !handle) {
        // The dll meta-backend and the backends answer INVAL for a name they do not know.
        if (st == SANE_STATUS_INVAL || st == SANE_STATUS_GOOD)
            return Error(ErrorCode::ScannerNotFound,
                         QStringLiteral("%1 (%2)").arg(name, QString::fromLatin1(sane_strstatus(st))));
        return detail::errorFromSaneStatus(st, name, QStringLiteral("sane_open"));
    }
    auto core = std::make_unique<detail::DeviceCore>(handle, name);
    core->reloadOptions();
    qCDebug(lcScanner) << "opened" << name << "with" << core->options().size() << "options";
    return std::unique_ptr<ScannerDevice>(new ScannerDevice(std::move(core)));
}

QString ScannerDevice::name() const
{
    return d->name();
}

QList<ScanOption *> ScannerDevice::options() const
{
    const auto &opts = d->options();
    return QList<ScanOption *>(opts.begin(), opts.end());
}

quint64 ScannerDevice::optionsGeneration() const
{
    return d->reloads;
}

ScanOption *ScannerDevice::option(const QString &name) const
{
    return d->option(name);
}

Result<void> ScannerDevice::setOption(const QString &name, const QString &value)
{
    ScanOption *opt = d->option(name);
    if (!opt)
        return Error(ErrorCode::OptionNotFound, QStringLiteral("%1 [%2]").arg(name, d->name()));
    return opt->setFromString(value);
}

int ScannerDevice::resolution() const
{
    for (const QString &n : {QStringLiteral("resolution"), QStringLiteral("y-resolution")}) {
        if (const ScanOption *opt = d->option(n); opt && opt->isActive()) {
            const QVariant v = opt->value();
            if (v.isValid())
                return int(std::lround(v.toDouble()));
        }
    }
    return 0;
}

bool ScannerDevice::isFeederSelected() const
{
    const ScanOption *opt = d->option(QStringLiteral("source"));
    return opt && opt->isActive() && isFeederName(opt->value().toString());
}

QSizeF ScannerDevice::pageSizeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"a4")
        return {210.0, 297.0};
    if (n == u"a5")
        return {148.0, 210.0};
    if (n == u"letter")
        return {215.9, 279.4};
    static const QRegularExpression re(QStringLiteral(R"(^(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*mm$)"));
    const auto m = re.match(n);
    if (m.hasMatch()) {
        const QSizeF s(m.captured(1).toDouble(), m.captured(2).toDouble());
        if (s.width() > 0 && s.height() > 0)
            return s;
    }
    return {};
}

Result<void> ScannerDevice::apply(const ScanSettings &settings)
{
    if (settings.source)
        if (auto r = applySource(*settings.source); !r)
            return r;
    if (settings.mode)
        if (auto r = applyMode(*settings.mode); !r)
            return r;
    if (settings.resolution)
        if (auto r = applyResolution(*settings.resolution); !r)
            return r;
    if (settings.pageSizeMm)
        if (auto r = applyPageSize(*settings.pageSizeMm); !r)
            return r;
    return {};
}

Result<void> ScannerDevice::applySource(Source source)
{
    ScanOption *opt = d->option(QStringLiteral("source"));
    QString value;
    switch (source) {
    case Source::Flatbed:
        value = findAllowed(opt, [](const QString &s) { return containsCi(s, u"flatbed"); });
        if (!opt && value.isEmpty())
            return {}; // a device without a source option is a flatbed (or a sheet-fed device)
        break;
    case Source::Adf:
        value = findAllowed(opt, [](const QString &s) { return isFeederName(s) && !containsCi(s, u"duplex"); });
        break;
    case Source::AdfDuplex:
        value = findAllowed(opt, [](const QString &s) { return containsCi(s, u"duplex"); });
        break;
    }
    if (value.isEmpty())
        return Error(ErrorCode::ScannerUnsupported,
                     QStringLiteral("source %1 is not offered by %2").arg(sourceName(source), d->name()));
    return opt->setValue(value);
}

Result<void> ScannerDevice::applyMode(ColorMode mode)
{
    ScanOption *modeOpt = d->option(QStringLiteral("mode"));
    auto setDepth = [this](int depth) -> Result<void> {
        ScanOption *depthOpt = d->option(QStringLiteral("depth"));
        if (!depthOpt || !depthOpt->isActive() || !depthOpt->isSettable())
            return {};
        if (depthOpt->constraint() == OptionConstraint::List && !depthOpt->allowedValues().contains(QVariant(depth)))
            return {};
        return depthOpt->setValue(depth);
    };
    auto unsupported = [this, mode] {
        return Error(ErrorCode::ScannerUnsupported,
                     QStringLiteral("mode %1 is not offered by %2").arg(colorModeName(mode), d->name()));
    };
    if (!modeOpt)
        return unsupported();
    QString value;
    switch (mode) {
    case ColorMode::Color:
        value = findAllowed(modeOpt, [](const QString &s) { return s.compare(u"Color", Qt::CaseInsensitive) == 0; });
        if (value.isEmpty())
            value = findAllowed(modeOpt,
                                [](const QString &s) { return containsCi(s, u"color") || containsCi(s, u"colour"); });
        break;
    case ColorMode::Gray:
        value = findAllowed(modeOpt, [](const QString &s) {
            return s.compare(u"Gray", Qt::CaseInsensitive) == 0 || s.compare(u"Grey", Qt::CaseInsensitive) == 0;
        });
        if (value.isEmpty())
            value =
                findAllowed(modeOpt, [](const QString &s) { return containsCi(s, u"gray") || containsCi(s, u"grey"); });
        break;
    case ColorMode::Lineart:
        value = findAllowed(modeOpt, [](const QString &s) {
            return containsCi(s, u"lineart") || containsCi(s, u"line art") ||
                   s.compare(u"Binary", Qt::CaseInsensitive) == 0 || containsCi(s, u"black & white") ||
                   containsCi(s, u"black and white");
        });
        if (value.isEmpty()) {
            // No lineart mode (the `test` backend): 1-bit gray is the same thing.
            const QString gray =
                findAllowed(modeOpt, [](const QString &s) { return containsCi(s, u"gray") || containsCi(s, u"grey"); });
            const ScanOption *depthOpt = d->option(QStringLiteral("depth"));
            if (gray.isEmpty() || !depthOpt || !depthOpt->allowedValues().contains(QVariant(1)))
                return unsupported();
            if (auto r = modeOpt->setValue(gray); !r)
                return r;
            if (ScanOption *depth = d->option(QStringLiteral("depth")))
                return depth->setValue(1);
            return unsupported();
        }
        return modeOpt->setValue(value);
    }
    if (value.isEmpty())
        return unsupported();
    if (auto r = modeOpt->setValue(value); !r)
        return r;
    return setDepth(8);
}

Result<void> ScannerDevice::applyResolution(int dpi)
{
    if (dpi <= 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("resolution %1").arg(dpi));
    bool any = false;
    for (const QString &n :
         {QStringLiteral("resolution"), QStringLiteral("x-resolution"), QStringLiteral("y-resolution")}) {
        ScanOption *opt = d->option(n);
        if (!opt || !opt->isActive() || !opt->isSettable())
            continue;
        any = true;
        // A value beyond what the device offers is refused, not clamped: 99999 is a typo, not "the most".
        double lo = opt->rangeMin(), hi = opt->rangeMax();
        if (opt->constraint() == OptionConstraint::List && !opt->allowedValues().isEmpty()) {
            lo = hi = opt->allowedValues().constFirst().toDouble();
            for (const QVariant &a : opt->allowedValues()) {
                lo = std::min(lo, a.toDouble());
                hi = std::max(hi, a.toDouble());
            }
        }
        if (opt->constraint() != OptionConstraint::None && (dpi < lo || dpi > hi))
            return Error::withHint(
                ErrorCode::OptionInvalidValue, "sohoa::scanner",
                QT_TRANSLATE_NOOP("sohoa::scanner", "The resolution %1 dpi is outside what %2 offers: %3 to %4 dpi."),
                {QString::number(dpi), d->name(), QString::number(std::lround(lo)), QString::number(std::lround(hi))});
        const double v = nearestAllowed(opt, dpi);
        if (std::lround(v) != dpi)
            qCInfo(lcScanner) << "resolution" << dpi << "is not offered by" << d->name() << "; using" << v;
        if (auto r = setNumber(opt, v); !r)
            return r;
    }
    if (!any)
        return Error(ErrorCode::ScannerUnsupported, QStringLiteral("%1 has no resolution option").arg(d->name()));
    return {};
}

Result<void> ScannerDevice::applyPageSize(const QSizeF &mm)
{
    if (!mm.isValid() || mm.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("page size %1x%2 mm").arg(mm.width()).arg(mm.height()));
    const int dpi = resolution();
    // Value of `mmValue` in the option's unit, clamped to its range; a request more than 2 mm
    // beyond the scan area is refused rather than silently cut.
    auto setLength = [&](const QString &name, double mmValue) -> Result<void> {
        ScanOption *opt = d->option(name);
        if (!opt || !opt->isActive() || !opt->isSettable())
            return {};
        double v = mmValue;
        double tolerance = 2.0;
        if (opt->unit() == OptionUnit::Pixel) {
            if (dpi <= 0)
                return Error(ErrorCode::ScannerUnsupported,
                             QStringLiteral("%1 is in pixels and the resolution is unknown").arg(name));
            v = mmValue / MmPerInch * dpi;
            tolerance = 2.0 / MmPerInch * dpi;
        }
        if (opt->constraint() == OptionConstraint::Range && v > opt->rangeMax() + tolerance)
            return Error(ErrorCode::ScannerUnsupported,
                         QStringLiteral("%1 mm is larger than the scan area of %2 (%3 = %4 max)")
                             .arg(mmValue)
                             .arg(d->name(), name)
                             .arg(opt->rangeMax()));
        return setNumber(opt, nearestAllowed(opt, v));
    };
    // Sheet-fed backends size the paper first; br-x/br-y are limited by it.
    if (auto r = setLength(QStringLiteral("page-width"), mm.width()); !r)
        return r;
    if (auto r = setLength(QStringLiteral("page-height"), mm.height()); !r)
        return r;
    if (!d->option(QStringLiteral("br-x")) || !d->option(QStringLiteral("br-y")))
        return Error(ErrorCode::ScannerUnsupported, QStringLiteral("%1 has no scan area options").arg(d->name()));
    for (const auto &[n, v] :
         {std::pair{QStringLiteral("tl-x"), 0.0}, std::pair{QStringLiteral("tl-y"), 0.0},
          std::pair{QStringLiteral("br-x"), mm.width()}, std::pair{QStringLiteral("br-y"), mm.height()}}) {
        if (auto r = setLength(n, v); !r)
            return r;
    }
    return {};
}

void ScannerDevice::cancel()
{
    d->cancelRequested = true;
    // sane_cancel is the one SANE call the standard allows from another thread (or a signal
    // handler) while sane_read blocks; the read then returns CANCELLED.
    if (d->scanning)
        sane_cancel(d->handle());
}

void ScannerDevice::clearCancelRequest()
{
    d->cancelRequested = false;
}

namespace {

enum class PageEnd
{
    Page,
    NoDocs,
    Failed
};

struct PageResult
{
    PageEnd end = PageEnd::Failed;
    detail::AssembledImage image;
    Error error;
};

} // namespace

BatchOutcome ScannerDevice::scanBatch(const BatchCallbacks &cb, int maxPages)
{
    BatchOutcome outcome;
    const bool feeder = isFeederSelected();
    const int dpi = resolution();
    SANE_Handle h = d->handle();
    std::vector<unsigned char> buffer(ReadBufferSize);

    auto statusError = [this](SANE_Status st, const QString &what) {
        return detail::errorFromSaneStatus(st, d->name(), what);
    };
    auto cancelled = [this] {
        return Error(ErrorCode::Cancelled, d->name());
    };

    // One page: every frame from sane_start to the last frame's EOF.
    auto acquirePage = [&](int pageIndex) -> PageResult {
        PageResult r;
        std::vector<detail::Frame> frames;
        bool started = false;
        qint64 pageBytes = 0;
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        double lastFraction = -1;
        for (int frameIndex = 0;; ++frameIndex) {
            if (d->cancelRequested) {
                r.error = cancelled();
                return r;
            }
            const SANE_Status st = sane_start(h);
            if (st == SANE_STATUS_NO_DOCS && frameIndex == 0) {
                r.end = PageEnd::NoDocs;
                return r;
            }
            if (st != SANE_STATUS_GOOD) {
                r.error = statusError(st, QStringLiteral("sane_start"));
                return r;
            }
            d->scanning = true;
            if (d->cancelRequested) { // cancel() raced with sane_start and may have missed sane_cancel
                r.error = cancelled();
                return r;
            }
            sane_set_io_mode(h, SANE_FALSE); // blocking reads; a failure leaves the default (blocking)
            detail::Frame frame;
            if (const SANE_Status ps = sane_get_parameters(h, &frame.params); ps != SANE_STATUS_GOOD) {
                r.error = statusError(ps, QStringLiteral("sane_get_parameters"));
                return r;
            }
            if (!started) {
                started = true;
                if (cb.pageStarted)
                    cb.pageStarted(pageIndex);
            }
            const SANE_Parameters &p = frame.params;
            const bool threePass =
                p.format == SANE_FRAME_RED || p.format == SANE_FRAME_GREEN || p.format == SANE_FRAME_BLUE;
            const int frameCount = threePass ? 3 : 1;
            const qint64 expected = p.lines > 0 && p.bytes_per_line > 0 ? qint64(p.lines) * p.bytes_per_line : 0;
            frame.direct = detail::directTarget(p);
            const qint64 directCapacity = frame.direct.isNull() ? 0 : frame.direct.sizeInBytes();
            if (expected > 0 && frame.direct.isNull())
                frame.data.reserve(std::min(expected, detail::kMaxUpfrontFrameBytes));
            qint64 received = 0;
            for (;;) {
                SANE_Int len = 0;
                SANE_Status rs;
                if (directCapacity > frame.directBytes) {
                    const qint64 room = std::min<qint64>(directCapacity - frame.directBytes, 1 << 20);
                    rs = sane_read(h, frame.direct.bits() + frame.directBytes, SANE_Int(room), &len);
                    if (len > 0)
                        frame.directBytes += len;
                } else {
                    // Slow path, or a backend sending more than it announced (the surplus is dropped).
                    rs = sane_read(h, buffer.data(), SANE_Int(buffer.size()), &len);
                    if (len > 0 && frame.direct.isNull())
                        frame.data.append(reinterpret_cast<const char *>(buffer.data()), len);
                }
                if (len > 0) {
                    received += len;
                    pageBytes += len;
                }
                // Checked before EOF: a backend cut short by sane_cancel may well report EOF.
                if (d->cancelRequested) {
                    r.error = cancelled();
                    return r;
                }
                if (rs == SANE_STATUS_EOF)
                    break;
                if (rs == SANE_STATUS_NO_DOCS && pageBytes == 0 && frameIndex == 0) {
                    r.end = PageEnd::NoDocs; // some backends only notice the empty feeder on read
                    return r;
                }
                if (rs != SANE_STATUS_GOOD) {
                    r.error = statusError(rs, QStringLiteral("sane_read"));
                    return r;
                }
                if (cb.progress && expected > 0) {
                    const double fraction =
                        std::min(1.0, (frameIndex % frameCount + double(received) / double(expected)) / frameCount);
                    if (fraction - lastFraction >= 0.01 || sinceProgress.elapsed() >= 100) {
                        cb.progress(pageIndex, fraction);
                        lastFraction = fraction;
                        sinceProgress.restart();
                    }
                }
            }
            const bool last = p.last_frame != SANE_FALSE;
            frames.push_back(std::move(frame));
            if (last || frames.size() >= 3)
                break;
        }
        auto image = detail::assembleFrames(frames);
        if (!image) {
            r.error = Error(image.error().code(), image.error().detail() + u" [" + d->name() + u']');
            return r;
        }
        if (cb.progress && lastFraction < 1.0)
            cb.progress(pageIndex, 1.0);
        r.end = PageEnd::Page;
        r.image = std::move(image.value());
        return r;
    };

    ColorMode mode = ColorMode::Color;
    int bitDepth = 8;
    for (;;) {
        if (maxPages > 0 && outcome.pagesAcquired >= maxPages)
            break;
        if (d->cancelRequested) {
            outcome.error = cancelled();
            break;
        }
        PageResult page = acquirePage(outcome.pagesAcquired);
        if (page.end == PageEnd::NoDocs) {
            if (outcome.pagesAcquired == 0)
                outcome.error = Error(ErrorCode::FeederEmpty, d->name());
            break;
        }
        if (page.end == PageEnd::Failed) {
            outcome.error = page.error;
            qCWarning(lcScanner) << "page" << outcome.pagesAcquired + 1 << "failed:" << page.error.detail();
            break;
        }
        const QImage &img = page.image.image;
        if (img.format() == QImage::Format_Mono) {
            mode = ColorMode::Lineart;
            bitDepth = 1;
        } else {
            mode = img.format() == QImage::Format_Grayscale8 || img.format() == QImage::Format_Grayscale16
                       ? ColorMode::Gray
                       : ColorMode::Color;
            bitDepth = img.format() == QImage::Format_Grayscale16 || img.format() == QImage::Format_RGBX64 ? 16 : 8;
        }
        ScannedPage sp;
        sp.image = std::move(page.image.image);
        sp.dpi = dpi;
        if (dpi > 0) {
            const int dpm = int(std::lround(dpi / 0.0254));
            sp.image.setDotsPerMeterX(dpm);
            sp.image.setDotsPerMeterY(dpm);
        }
        sp.mode = mode;
        sp.bitDepth = bitDepth;
        sp.device = d->name();
        sp.acquiredAt = QDateTime::currentDateTime();
        sp.heightWasUnknown = page.image.heightWasUnknown;
        ++outcome.pagesAcquired;
        d->scanning = false;
        const bool more = cb.pageAcquired ? cb.pageAcquired(std::move(sp)) : true;
        if (!more || !feeder)
            break;
    }
    // Ends the batch (and, after a fault, puts the device back into a state where it can scan
    // again: the next sane_start continues with the next sheet).
    d->scanning = false;
    sane_cancel(h);
    d->cancelRequested = false;
    qCDebug(lcScanner) << d->name() << "batch ended after" << outcome.pagesAcquired << "pages"
                       << (outcome.error.isError() ? outcome.error.id() : QString());
    return outcome;
}

} // namespace sohoa::scanner
