// DER from outside, parsed by the signing library: a signature's CMS SignedData (CmsVerifier), an RFC
// 3161 token and a TSA's reply (TimestampClient's checks), a certificate (CertificateInfo, the URLs it
// names), and revocation evidence carried by a file (an OCSP response or a CRL, judged for the test
// signer of fuzz/keys). The first byte chooses the parser, the rest is its input; a TSA reply starts
// with the 8-byte nonce and the 32-byte SHA-256 imprint it must answer.

#include "FuzzSupport.h"

#include "signing/CertificateInfo.h"
#include "signing/CmsVerifier.h"
#include "signing/Pkcs12Key.h"
#include "signing/RevocationChecker.h"
#include "signing/TimestampResponse_p.h"
#include "signing/TrustStore.h"

#include <QCryptographicHash>

using namespace sohoa;
using namespace sohoa::signing;

namespace {

struct TestChain
{
    QByteArray signerDer, rootDer;
};

const TestChain &testChain()
{
    static const TestChain chain = [] {
        TestChain c;
        auto key = Pkcs12Key::load(QStringLiteral(SOHOA_FUZZ_KEYS_DIR "/signer.p12"), QByteArrayLiteral("fuzz"));
        TrustStore root;
        if (!key || !root.addPath(QStringLiteral(SOHOA_FUZZ_KEYS_DIR "/root.pem")) || root.anchorsDer().isEmpty())
            qFatal("fuzz_cms: cannot load the test chain of " SOHOA_FUZZ_KEYS_DIR);
        c.signerDer = key.value()->certificateDer();
        c.rootDer = root.anchorsDer().constFirst();
        return c;
    }();
    return chain;
}

void cms(const QByteArray &der)
{
    // The digest the seeds' signatures were made over (SHA-256 of "fuzz"), so that a seed verifies.
    static const QByteArray digest = QCryptographicHash::hash("fuzz", QCryptographicHash::Sha256);
    (void)CmsVerifier::hashAlgorithmOf(der);
    (void)CmsVerifier::digestNameOf(der);
    if (auto v = CmsVerifier::verify(der, digest); v && v->hasTimestamp)
        (void)CmsVerifier::checkTimestampToken(v->timestampTokenDer);
}

void timestampReply(const QByteArray &input)
{
    if (input.size() < 40)
        return;
    (void)detail::tokenFromTimestampResponse(input.mid(40), input.left(8), input.mid(8, 32), HashAlgorithm::Sha256,
                                             QStringLiteral("http://tsa.fuzz"),
                                             QByteArrayLiteral("application/timestamp-reply"));
}

void certificate(const QByteArray &der)
{
    (void)CertificateInfo::parse(der);
    (void)checkUsableForSigning(der, QDateTime::currentDateTimeUtc());
    (void)RevocationChecker::ocspUrls(der);
    (void)RevocationChecker::crlUrls(der);
}

void revocationEvidence(const QByteArray &der)
{
    RevocationPolicy policy;
    policy.offline = true;
    RevocationChecker checker(policy);
    checker.addEmbeddedOcspResponse(der);
    checker.addEmbeddedCrl(der);
    (void)checker.check(testChain().signerDer, testChain().rootDer);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return -1;
    fuzz::initOnce();
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 5) {
    case 0:
        cms(input);
        break;
    case 1:
        (void)CmsVerifier::checkTimestampToken(input);
        break;
    case 2:
        timestampReply(input);
        break;
    case 3:
        certificate(input);
        break;
    default: // 4
        revocationEvidence(input);
        break;
    }
    return 0;
}
