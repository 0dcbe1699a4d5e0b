#pragma once

#include "core/barcode/QrCode.h"
#include "core/common/Corner.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "core/common/WorkControl.h"

#include <QDate>
#include <QList>
#include <QPointF>
#include <QString>

namespace sohoa {

// Which pages get the code: "first", "last", "all" or a list of 1-based numbers and ranges ("1,3,5-7").
class PageSelection
{
public:
    enum class Kind
    {
        First,
        Last,
        All,
        List,
    };

    PageSelection() = default;
    static PageSelection first() { return PageSelection(Kind::First); }
    static PageSelection last() { return PageSelection(Kind::Last); }
    static PageSelection all() { return PageSelection(Kind::All); }
    static Result<PageSelection> parse(QStringView text);

    Kind kind() const { return m_kind; }
    // 0-based page indexes, ascending and unique; InvalidArgument when a listed page is beyond pageCount.
    Result<QList<int>> resolve(int pageCount) const;
    QString toString() const;

private:
    explicit PageSelection(Kind kind) : m_kind(kind) {}
    Kind m_kind = Kind::First;
    QList<std::pair<int, int>> m_ranges; // 1-based, inclusive
};

// Where the code goes on each page, in the page's VISIBLE area (CropBox ∩ MediaBox, as displayed:
// /Rotate applied), so the code is upright at the corner the reader sees.
struct QrPlacement
{

    // Default: bottom right. The top right of page 1 belongs to the Decree 30 signature block of a
    // signed copy (and the national motto of an original), the top left to the issuing agency's name
    // and number; the bottom margin is free on administrative documents (page numbers are at the top).
    Corner corner = Corner::BottomRight;
    bool exact = false;  // true: positionMm instead of a corner
    QPointF positionMm;  // top-left of the code (quiet zone included) from the visible page's top-left
    double marginMm = 7; // distance from both edges at a corner

    // "top-right", "top-left", "bottom-right", "bottom-left" or "Xmm,Ymm" ("X,Y" in mm).
    static Result<QrPlacement> parse(QStringView text);
};

// Values for the payload template's placeholders {dossier_code}, {doc_number} and {url}; {sha256}
// (hex of the input's bytes before stamping) and {date} (yyyy-MM-dd, local) are filled in by the stamper.
struct QrTemplateValues
{
    QString dossierCode;
    QString docNumber;
    QString url;
    QString sha256;
    QDate date;
};

// InvalidArgument for an unknown placeholder or one whose value is empty.
Result<QString> expandQrTemplate(const QString &text, const QrTemplateValues &values);
bool qrTemplateUses(const QString &text, QStringView placeholder);

// The smallest module (one square of the code) a stamped code may have. About 4 dots at 300 dpi: office
// laser printers blur finer squares together, and a phone camera at reading distance or a 300 dpi scan
// no longer separates them. The side of a code is (modules + 2 quiet zones of 4) x module.
constexpr double kQrMinModuleMm = 0.33;

// The side of one module of matrix drawn with sideMm, quiet zone included.
double qrModuleMm(const QrMatrix &matrix, double sideMm);

// The one readability rule of stamped codes, for the stamper and for checks before any work: encodes
// payload (QrPayloadTooLarge when no symbol holds it), then refuses a code whose modules at sizeMm
// would be under kQrMinModuleMm (QrTooDense; its specifics say, in both languages, the module size and
// the smallest side that reads; the detail adds what the lower error-correction levels need).
Result<QrMatrix> encodeReadableQr(const QString &payload, QrErrorCorrection level, double sizeMm);

struct QrStampOptions
{
    QString payloadTemplate; // e.g. "https://dichvucong.example.vn/tra-cuu?ma={dossier_code}"
    QrTemplateValues values; // sha256 and date are filled in (date: today when invalid)
    QrErrorCorrection level = QrErrorCorrection::Medium;
    PageSelection pages; // default: the first page
    QrPlacement placement;
    double sizeMm = 20; // side of the code, 4-module quiet zone included
    QString caption;    // optional text under the code (Liberation Serif 2, embedded subset)
    bool overwrite = false;
    SecureBuffer pdfPassword; // opens an encrypted input (its user or owner password); never logged

    // Optional: target pages prepared of the total, on the calling thread; the cancel is checked
    // between pages and between chunks of the copy (Cancelled, and no output, once set).
    WorkControl *control = nullptr;
};

struct QrStampResult
{
    QString payload;
    QList<int> pages;       // 1-based, stamped
    QList<int> shrunkPages; // pages smaller than the code (at a corner): the code was shrunk to fit, still
                            // readable (a shrink under kQrMinModuleMm is refused: QrTooDense, naming the pages)
    int modules = 0;        // symbol size without quiet zone
    qint64 inputSize = 0;
    qint64 outputSize = 0;
    QString inputSha256; // empty unless the template used {sha256}
};

// Stamps a vector QR code (one shared Form XObject; each stamped page gets a few bytes of content
// and its resources entry) as an incremental update appended to the unchanged input bytes, so
// signatures already in the file stay valid. A code that would not be readable (encodeReadableQr at
// sizeMm, or once shrunk to fit a small page) is refused with QrTooDense before anything is written.
// Encrypted inputs (opened without a password, or with options.pdfPassword) are updated with the same
// encryption when their permissions allow changing the pages (the owner password allows everything).
// The output is written atomically; an existing output is replaced only with overwrite. Safe to run
// off the GUI thread (a QGuiApplication must exist for a caption).
class PdfQrStamper
{
public:
    static Result<QrStampResult> stamp(const QString &inputPath, const QString &outputPath,
                                       const QrStampOptions &options);
};

} // namespace sohoa
