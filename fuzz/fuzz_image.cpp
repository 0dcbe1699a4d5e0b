// A page image file as the store imports and exports it: its headers read by probeImageFile, then a
// one-page PDF written from it (PdfWriter: a JPEG passed through, other images decoded by QImageReader
// and re-encoded as Flate, bilevel ones also as CCITT G4). The first byte's low bit asks for the
// archival (PDF/A) output, which converts CMYK JPEGs; the rest is the image file.

#include "FuzzSupport.h"

#include "core/imaging/ImageFileInfo.h"
#include "core/pdf/PdfWriter.h"

#include <QImageReader>

using namespace sohoa;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return -1;
    fuzz::initOnce();
    QImageReader::setAllocationLimit(32); // see fuzz_barcode.cpp
    const fuzz::Scratch &scratch = fuzz::Scratch::instance();
    // No suffix: readers guess the format from the content, as for a page file whose name lies.
    const QString image = scratch.write(QStringLiteral("page"), data + 1, size - 1);
    if (!probeImageFile(image))
        return 0;
    PdfPageSource page;
    page.imagePath = image;
    PdfMetadata metadata;
    metadata.title = QStringLiteral("fuzz");
    metadata.created = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
    PdfWriteOptions options;
    options.overwrite = true;
    options.archival = data[0] & 0x01;
    (void)PdfWriter::write(scratch.path(QStringLiteral("page.pdf")), {page}, metadata, options);
    return 0;
}
