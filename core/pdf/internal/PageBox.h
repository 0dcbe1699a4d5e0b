#pragma once

// Internal API of core/pdf, shared with signing/ (the QR stamper and the signature writer place
// their blocks on the page the reader sees): qpdf types appear here. Never include this from a
// public header.

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include <QRectF>
#include <QSizeF>

#include <qpdf/QPDFObjectHandle.hh>

namespace sohoa::pdf {

// What a reader shows of a page: the CropBox cut to the MediaBox (ISO 32000-1 §14.11.2; a missing
// or degenerate CropBox means the MediaBox, a missing MediaBox US Letter), both inheritable, and the
// page turned clockwise by /Rotate (a multiple of 90; anything else is ignored, as readers do).
// /UserUnit is ignored, as Poppler and PDFium do.
struct VisiblePage
{
    QRectF box; // in default user space: left() = llx, top() = lly, right() = urx, bottom() = ury
    int rotation = 0;

    bool isQuarterTurned() const { return rotation == 90 || rotation == 270; }
    // Width and height as displayed (swapped on a quarter turn), in points.
    QSizeF displaySize() const { return isQuarterTurned() ? box.size().transposed() : box.size(); }
};

VisiblePage visiblePageOf(QPDFObjectHandle page);

// An inheritable page attribute (ISO 32000-1 §7.7.3.4), with a guard against /Parent loops; null
// when no node of the chain has it.
QPDFObjectHandle inheritedPageAttribute(QPDFObjectHandle page, const char *key);

} // namespace sohoa::pdf
