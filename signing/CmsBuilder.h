#pragma once

#include "signing/SigningKey.h"

#include <QByteArray>
#include <QDateTime>

namespace sohoa::signing {

struct CmsOptions
{
    HashAlgorithm hash = HashAlgorithm::Sha256;
    RsaPadding padding = RsaPadding::Pkcs1v15;
    // true: ETSI.CAdES.detached (PAdES): no signing-time attribute, signing-certificate-v2 present.
    // false: adbe.pkcs7.detached: signing-time attribute as well.
    bool pades = true;
    // Used only when !pades; invalid means "now".
    QDateTime signingTime;
};

// Builds detached CMS SignedData (RFC 5652) whose signature is made by SigningKey::sign(), so the
// same code serves PKCS#12 files and PKCS#11 tokens.
class CmsBuilder
{
public:
    // `messageDigest` is the hash (options.hash) of the signed bytes, e.g. a PDF's ByteRange.
    // Returns DER: id-data without eContent, certificates = signer + chain, one SignerInfo
    // (issuerAndSerialNumber) with content-type, message-digest, signing-certificate-v2 and,
    // unless pades, signing-time. SigningFailed (or the key's own error) on failure.
    static Result<QByteArray> buildDetached(SigningKey &key, const QByteArray &messageDigest,
                                            const CmsOptions &options);

    // Adds id-aa-signatureTimeStampToken (an RFC 3161 TimeStampToken, DER ContentInfo) as an
    // unsigned attribute of the first SignerInfo. TimestampFailed on malformed input.
    static Result<QByteArray> addTimestampToken(const QByteArray &cmsDer, const QByteArray &timestampTokenDer);

    // The first SignerInfo's signature octets: what a signature timestamp covers. Empty when
    // `cmsDer` is not SignedData.
    static QByteArray signatureValue(const QByteArray &cmsDer);
};

} // namespace sohoa::signing
