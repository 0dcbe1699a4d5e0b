// A scanned page from outside (an imported image file) decoded as the separation and cover-sheet
// readers see it: QImage::fromData, then BarcodeReader::read. The first byte chooses the page's
// resolution (which decides the averaging before decoding) and the symbologies; the rest is the image.

#include "FuzzSupport.h"

#include "core/barcode/BarcodeReader.h"

#include <QImageReader>

using namespace sohoa;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return -1;
    fuzz::initOnce();
    // The application allows 1024 MB; a fuzzer's image stays small, or every input with a big header
    // is a 20-second decode and an RSS limit hit rather than a finding.
    QImageReader::setAllocationLimit(32);
    const uint8_t options = data[0];
    const QImage image = QImage::fromData(QByteArrayView(data + 1, qsizetype(size - 1)));
    if (image.isNull())
        return 0;
    static constexpr int kDpis[] = {0, 100, 150, 200, 300, 600, 72, 1200};
    BarcodeReadOptions read;
    read.tryHarder = options & 0x08;
    if (options & 0x10)
        read.formats = BarcodeFormat::QrCode;
    (void)BarcodeReader::read(image, kDpis[options & 0x7], read);
    return 0;
}
