#pragma once

// Private: turns the bytes of one page's SANE frames into a QImage.

#include "core/common/Result.h"

#include <QByteArray>
#include <QImage>

#include <sane/sane.h>

#include <vector>

namespace sohoa::scanner::detail {

struct Frame
{
    SANE_Parameters params{};
    QByteArray data;
    // Fast path: a one-frame page whose lines have the QImage's layout is read straight into the
    // image (no copy, no second 26 MB buffer per A4 colour page at 300 dpi).
    QImage direct;
    qint64 directBytes = 0;
};

// The most memory a frame's announced size may take before its data arrives: 1 GiB (an A4 page at
// 1200 dpi in 8-bit colour is 418 MB). The backend's numbers are not trusted with more; a larger page is
// still read, its buffer growing with the data that really comes (threat model W15).
constexpr qint64 kMaxUpfrontFrameBytes = qint64(1) << 30;

// An image to read the frame into directly, or a null image when the frame needs assembling
// (three-pass, unknown height, padded lines, 16-bit colour) or announces more than kMaxUpfrontFrameBytes.
QImage directTarget(const SANE_Parameters &params);

struct AssembledImage
{
    QImage image;
    bool heightWasUnknown = false;
};

// One GRAY or RGB frame, or three RED/GREEN/BLUE frames in any order. Lines shorter than
// announced are cropped to what arrived; lines == -1 (hand scanner) takes the height from the data.
Result<AssembledImage> assembleFrames(const std::vector<Frame> &frames);

} // namespace sohoa::scanner::detail
