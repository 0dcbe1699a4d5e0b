#pragma once

#include <QFlags>
#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QString>

namespace sohoa {

// The symbologies SoHoa reads on scanned pages: QR codes (our cover sheets, TTHC receipts) and the
// linear codes of separator sheets (patch-T is Code 39 "PATCHT"; Code 128 for other batch sheets).
enum class BarcodeFormat : unsigned
{
    QrCode = 0x1,
    Code39 = 0x2,
    Code128 = 0x4,
};
Q_DECLARE_FLAGS(BarcodeFormats, BarcodeFormat)
Q_DECLARE_OPERATORS_FOR_FLAGS(BarcodeFormats)

QString barcodeFormatName(BarcodeFormat format); // "qr", "code39", "code128"

struct Barcode
{
    QString text; // decoded content (UTF-8 / ECI handled by the reader)
    BarcodeFormat format = BarcodeFormat::QrCode;
    QPolygonF position; // corners in the pixels of the image given to read(), clockwise from top-left
};

struct BarcodeReadOptions
{
    BarcodeFormats formats = BarcodeFormat::QrCode | BarcodeFormat::Code39 | BarcodeFormat::Code128;
    // Pages at or above twice this resolution are averaged down by an integer factor before decoding: a 600 dpi
    // page is 35 Mpixel. Measured: at 100 dpi a 15 mm QR code of 37 modules (0.4 mm a module, a small
    // receipt code) still decodes at 0-4 degrees of skew, in about 15 ms; 150 dpi reaches 12 mm but
    // costs twice as much on every page.
    int analysisDpi = 100;
    bool tryHarder = true; // rotation (90/180/270 for linear codes) and denser scanning
};

// Reads barcodes from a scanned page with ZXing-C++. Thread-safe (no shared state); meant to run on
// a worker thread, never on the acquisition thread. `dpi` is the page's resolution (0: unknown,
// no downscaling). Every QImage format is accepted; 1-bit pages are averaged to gray.
class BarcodeReader
{
public:
    static QList<Barcode> read(const QImage &image, int dpi, const BarcodeReadOptions &options = {});
};

} // namespace sohoa
