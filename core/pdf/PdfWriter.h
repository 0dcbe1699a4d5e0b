#pragma once

#include "core/common/Result.h"
#include "core/common/WorkControl.h"
#include "core/ocr/PageText.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace sohoa {

// One page of the output: an image file in the store (JPEG or PNG) and its resolution.
struct PdfPageSource
{
    QString imagePath;
    int dpi = 0; // 0: take it from the file, else 300
    // Clockwise degrees the page is shown turned by: 0, 90, 180 or 270. Written as the page's /Rotate,
    // so the image (a JPEG above all) is never decoded or re-encoded to turn it.
    int rotation = 0;
    // What OCR read on the page (boxes in the pixels of text.imageSize, which may differ from the
    // file's: OCR on an upscaled copy): written as invisible text over the image, so that the page can be
    // searched and copied. No lines: no text layer.
    PageText text;
};

// The namespaces of the Decree 30/2020 Appendix VI record in the XMP (docs/archival-metadata.md).
inline constexpr char kNd30Namespace[] = "https://sohoa.vn/ns/nd30/1.0/";
inline constexpr char kNd30Prefix[] = "nd30";
inline constexpr char kNd30DocumentNamespace[] = "https://sohoa.vn/ns/nd30/1.0/document/";
inline constexpr char kNd30DocumentPrefix[] = "nd30doc";

// Decree 30/2020 Appendix VI metadata, written in the XMP under our own namespace with the PDF/A
// extension schema that declares it. Keys are the decree's field names; unknown keys and empty values are
// left out (an undeclared property would break PDF/A), the decree's order is kept.
struct PdfArchivalRecord
{
    // FileCode, OrganId, FileNotation, Title, Maintenance, Rights, Creator, Language, StartDate, EndDate,
    // DocTotal, PageTotal, Description
    QList<std::pair<QString, QString>> dossier;
    // Per document: CodeNumber, CodeNotation, IssuedDate, OrganName, Subject, PageAmount, SignerInfo,
    // Description
    QList<QList<std::pair<QString, QString>>> documents;

    bool isEmpty() const { return dossier.isEmpty() && documents.isEmpty(); }
};

struct PdfMetadata
{
    QString title; // e.g. "H15.50.05.13-261008-0975 — Đơn đề nghị"
    QString subject;
    QString author;
    QString keywords;
    QString creator = QStringLiteral("SoHoa");
    QDateTime created;  // invalid: now
    QDateTime modified; // invalid: created
    QString language = QStringLiteral("vi-VN");
    // 32 hex digits (16 bytes): the first half of the trailer /ID and xmpMM:DocumentID, the same for every
    // version of one document. Empty: derived from the title, creation time and page files, so exporting
    // the same dossier again gives the same id. Each write gets a new instance id.
    QString documentId;
    PdfArchivalRecord record;
};

struct PdfWriteOptions
{
    bool overwrite = false;
    // Optional: pages written of the total, and a cancel checked before each page and before the
    // file is committed (Cancelled, no file left).
    WorkControl *control = nullptr;
    // PDF/A-2b (ISO 19005-2, level B): PDF 1.7, an sRGB output intent (which also covers DeviceGray:
    // gray and 1-bit pages stay as they are), pdfaid in the XMP. CMYK JPEGs are converted to RGB (Flate):
    // DeviceCMYK would need a CMYK intent; the only case where an image is not passed through as it is.
    bool archival = false;
};

struct PdfWriteReport
{
    int pageCount = 0;
    qint64 fileSize = 0;
    QStringList pageEncodings;      // per page: "DCTDecode", "FlateDecode", "CCITTFaxDecode"
    qint64 textLayerBytes = 0;      // the text layer's share of fileSize: page text operators and the font
    QString documentId, instanceId; // the trailer /ID, 32 hex digits each
};

// Writes one PDF page per image, page size from the image's dpi (100 % scale).
// JPEG files are embedded as DCT streams byte for byte; other colour/gray images as Flate;
// 1-bit images as CCITT G4 or Flate, whichever is smaller. Document information and an XMP
// packet carry the metadata. A page's OCR text is laid over its image as invisible text (a glyph-less
// embedded font whose codes are the Unicode code points, as Tesseract's own PDFs do). The file is
// written atomically (AtomicFileWriter).
class PdfWriter
{
public:
    static Result<PdfWriteReport> write(const QString &outputPath, const QList<PdfPageSource> &pages,
                                        const PdfMetadata &metadata, const PdfWriteOptions &options = {});
};

} // namespace sohoa
