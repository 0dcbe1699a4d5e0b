// An untrusted PDF opened to be changed: signed (PdfSigner::signFile — the input's facts, the page box
// of a visible block, PdfSignatureWriter's incremental update and the check of the output before it is
// committed) or stamped with a QR code (PdfQrStamper::stamp). The first byte chooses the operation and
// its options, the rest is the PDF.

#include "FuzzSupport.h"

#include "core/pdf/PdfQrStamper.h"
#include "signing/PdfSignatureInspector.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"

using namespace sohoa;
using namespace sohoa::signing;

namespace {

SigningKey &key()
{
    // A test key of fuzz/keys (RSA 2048, chains to root.pem); loaded once, never freed.
    static SigningKey *const k = [] {
        auto loaded = Pkcs12Key::load(QStringLiteral(SOHOA_FUZZ_KEYS_DIR "/signer.p12"), QByteArrayLiteral("fuzz"));
        if (!loaded)
            qFatal("fuzz_pdf_sign_stamp: cannot load " SOHOA_FUZZ_KEYS_DIR "/signer.p12");
        return static_cast<SigningKey *>(loaded.value().release());
    }();
    return *k;
}

void sign(const QString &input, const QString &output, uint8_t options)
{
    (void)PdfSignatureInspector::facts(input); // what the signing desk shows before signing
    SignOptions o;
    o.overwrite = true;
    if (options & 0x02) {
        o.appearance.kind = AppearanceKind::Copy;
        o.appearance.organizationName = QStringLiteral("UBND phường Bến Nghé");
    }
    o.certifyLevel = (options >> 2) & 0x3;
    if (options & 0x10) {
        o.page = -1;
        o.customPosition = true;
        o.positionMm = QPointF(20, 30);
        o.corner = Corner::BottomLeft;
    }
    o.pades = !(options & 0x20);
    (void)PdfSigner(key()).signFile(input, output, o);
}

void stamp(const QString &input, const QString &output, uint8_t options)
{
    QrStampOptions o;
    o.payloadTemplate = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}&h={sha256}");
    o.values.dossierCode = QStringLiteral("H15.50.05.13-261008-0975");
    o.overwrite = true;
    if (options & 0x02)
        o.caption = QStringLiteral("Tra cứu hồ sơ");
    o.placement.corner = Corner((options >> 2) & 0x3);
    o.pages = options & 0x10 ? PageSelection::all() : PageSelection::first();
    if (options & 0x20) {
        o.placement.exact = true;
        o.placement.positionMm = QPointF(150, 250);
    }
    (void)PdfQrStamper::stamp(input, output, o);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return -1;
    fuzz::initOnce();
    const fuzz::Scratch &scratch = fuzz::Scratch::instance();
    const uint8_t options = data[0];
    const QString input = scratch.write(QStringLiteral("input.pdf"), data + 1, size - 1);
    const QString output = scratch.path(QStringLiteral("output.pdf"));
    if (options & 0x01)
        stamp(input, output, options);
    else
        sign(input, output, options);
    return 0;
}
