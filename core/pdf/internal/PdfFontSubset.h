#pragma once

// Private to the libraries that draw text with Qt's PDF writer (signature appearances, QR captions,
// cover sheets). Never include this from a public header.

#include <QByteArray>

namespace sohoa::pdf {

// QPdfWriter subsets fonts and tags the FontDescriptor's /FontName ("QMAAAA+LiberationSerif") but
// not the fonts' /BaseFont, so readers (pdffonts, PDF/A checkers) do not see a subset. Returns the
// PDF with the tag added to every /BaseFont whose descriptor has it and the cross-reference offsets
// moved; on anything unexpected (not a single classic cross-reference table as QPdfWriter writes)
// the PDF unchanged. Works on the bytes in memory: the caller writes the result atomically.
QByteArray tagSubsetFonts(const QByteArray &pdf);

} // namespace sohoa::pdf
