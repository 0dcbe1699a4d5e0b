#pragma once

#include "core/common/Result.h"
#include "core/common/WorkControl.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace sohoa {

// One page of the output: an image file in the store (JPEG or PNG) and its resolution.
struct PdfPageSource
{
    QString imagePath;
    int dpi = 0; // 0: take it from the file, else 300
    // Clockwise degrees the page is shown turned by: 0, 90, 180 or 270. Written as the page's /Rotate,
    // so the image (a JPEG above all) is never decoded or re-encoded to turn it.
    int rotation = 0;
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
};

struct PdfWriteOptions
{
    bool overwrite = false;
    // Optional: pages written of the total, and a cancel checked before each page and before the
    // file is committed (Cancelled, no file left).
    WorkControl *control = nullptr;
};

struct PdfWriteReport
{
    int pageCount = 0;
    qint64 fileSize = 0;
    QStringList pageEncodings; // per page: "DCTDecode", "FlateDecode", "CCITTFaxDecode"
};

// Writes one PDF page per image, page size from the image's dpi (100 % scale).
// JPEG files are embedded as DCT streams byte for byte; other colour/gray images as Flate;
// 1-bit images as CCITT G4 or Flate, whichever is smaller. Document information and an XMP
// packet carry the metadata. The file is written atomically (AtomicFileWriter).
class PdfWriter
{
public:
    static Result<PdfWriteReport> write(const QString &outputPath, const QList<PdfPageSource> &pages,
                                        const PdfMetadata &metadata, const PdfWriteOptions &options = {});
};

} // namespace sohoa
