#pragma once

#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>

namespace sohoa {

// What OCR read on one page, in the page image's pixels (top-left origin, y downwards), with no
// Tesseract type in sight: the PDF writer lays its invisible text layer from it, the store may keep it.
// Every text is Unicode NFC (Vietnamese composed: "ắ" is one code point, U+1EAF), as search and
// pdftotext expect it.

struct TextWord
{
    QString text;
    QRectF box;
    double confidence = 0; // 0..100
};

struct TextLine
{
    QList<TextWord> words; // in reading order
    QRectF box;
    // The baseline as y = box.bottom() + baselineSlope * (x - box.left()) + baselineOffset, in pixels
    // (Tesseract's own description). A skewed line has a non-zero slope; the text layer follows it.
    double baselineSlope = 0;
    double baselineOffset = 0;
    // Lines of one block (a paragraph, a column of a heading) share a number; a new block starts a new
    // paragraph in plainText().
    int block = 0;
};

struct PageText
{
    QSize imageSize; // the image the boxes are measured in
    int dpi = 0;
    QString languages;         // as given to the recognizer: "vie", "vie+eng"
    QList<TextLine> lines;     // in reading order
    double meanConfidence = 0; // 0..100, Tesseract's mean word confidence

    bool isEmpty() const { return lines.isEmpty(); }
    // Words joined by a space, lines by a line break, blocks by an empty line.
    QString plainText() const;
};

} // namespace sohoa
