#pragma once

// Private to core/pdf: the invisible OCR text of a page and the glyph-less font it is shown in. Never
// include this from a public header.

#include "core/common/Result.h"
#include "core/ocr/PageText.h"

#include <QByteArray>
#include <QSize>
#include <QSizeF>

namespace sohoa::pdf {

// Every glyph of the glyph-less font is this wide (1/1000 em): the font program's one glyph advances
// 1024 of 2048 units, and PDF/A wants /DW to agree with it.
inline constexpr int kGlyphlessWidth = 500;

// Content stream operators that lay `text` over a page of pageSizePt (the image drawn at 100 %) in
// text render mode 3 (invisible): one BT/ET per line, horizontal at the height of the line's baseline in
// its middle (see the .cpp for why not turned along a skewed baseline), each word at its box's left,
// stretched (Tz) to the box's width, words separated by a space character. `font` names the resource.
QByteArray textLayerOperators(const PageText &text, const QSizeF &pageSizePt, const QSize &imageSize,
                              const QByteArray &font);

// Tesseract's glyph-less TrueType (pdf.ttf, Apache-2.0, built into the library from libtesseract5):
// two glyphs, .notdef and one blank glyph.
Result<QByteArray> glyphlessFontProgram();
// CIDToGIDMap: every CID (a BMP code point) to glyph 1. 128 KiB before compression.
QByteArray glyphlessCidToGidMap();
// ToUnicode: CID n is U+n, for every BMP code point except surrogates, controls and non-characters.
QByteArray identityToUnicodeCMap();

} // namespace sohoa::pdf
