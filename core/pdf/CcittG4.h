#pragma once

#include <QByteArray>

namespace sohoa {

// Encodes a bilevel image as a raw CCITT Group 4 (T.6) stream, as PDF's CCITTFaxDecode wants it
// with /K -1 and /BlackIs1 false: rows of packed bits, most significant bit first, 1 = black.
// Returns an empty array if libtiff fails. Private helper of PdfWriter.
QByteArray encodeCcittG4(const uchar *bits, int width, int height, qsizetype bytesPerLine);

} // namespace sohoa
