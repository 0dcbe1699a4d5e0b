// The verification of an untrusted PDF, as `sohoa-cli verify` and the verify window run it: the
// validator (revisions, ByteRange, CMS, change analysis, certificates against a trusted test root,
// embedded revocation evidence, timestamps), then the inspector the signing desk shows, and the
// extraction of each signed revision. Offline: no input may make the target touch the network.

#include "FuzzSupport.h"

#include "signing/PdfSignatureInspector.h"
#include "signing/PdfSignatureValidator.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

using namespace sohoa;
using namespace sohoa::signing;

namespace {

const PdfSignatureValidator &validator()
{
    static const auto *v = [] {
        auto trust = std::make_shared<TrustStore>();
        // The root of fuzz/keys: signed seeds chain to it, so chain building and revocation run too.
        if (!trust->addPath(QStringLiteral(SOHOA_FUZZ_KEYS_DIR "/root.pem")))
            qFatal("fuzz_pdf_verify: no trust root in " SOHOA_FUZZ_KEYS_DIR);
        RevocationPolicy revocation;
        revocation.offline = true;
        VerifyPolicy policy;
        policy.offline = true;
        return new PdfSignatureValidator(trust, std::make_shared<RevocationChecker>(revocation), policy);
    }();
    return *v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initOnce();
    const fuzz::Scratch &scratch = fuzz::Scratch::instance();
    const QString input = scratch.write(QStringLiteral("input.pdf"), data, size);

    const PdfVerifyReport report = validator().verify(input);
    (void)report.statusId();
    const QString revision = scratch.path(QStringLiteral("revision.pdf"));
    for (const SignatureReport &s : report.signatures) {
        QFile::remove(revision); // extractRevision never replaces a file
        (void)PdfSignatureValidator::extractRevision(input, s.revisionEnd, revision);
    }
    (void)PdfSignatureInspector::facts(input);
    if (auto signatures = PdfSignatureInspector::signatures(input)) {
        for (const PdfSignatureInfo &s : signatures.value()) {
            (void)PdfSignatureInspector::checkSignatureRegion(input, s.byteRange, s.contents);
            (void)PdfSignatureInspector::digestOfRanges(input, s.byteRange, QCryptographicHash::Sha256);
        }
    }
    return 0;
}
