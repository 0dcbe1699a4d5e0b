#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace sohoa::signing {

// What the application shows and checks about an X.509 certificate, decoded from DER.
struct CertificateInfo
{
    QString subjectCommonName;
    QString subjectOrganization;
    QString subjectDn; // RFC 2253, UTF-8
    QString issuerCommonName;
    QString issuerDn;
    QString serialHex;        // upper-case hex, no separators
    QDateTime notBefore;      // UTC
    QDateTime notAfter;       // UTC
    bool hasKeyUsage = false; // false: no keyUsage extension, every use allowed
    bool digitalSignature = false;
    bool nonRepudiation = false;
    QByteArray sha256Fingerprint; // raw 32 bytes

    // InvalidArgument when `der` is not a certificate.
    static Result<CertificateInfo> parse(const QByteArray &der);
};

// Whether the certificate may sign at `at`: CertificateNotYetValid, CertificateExpired, or
// CertificateKeyUsage when a keyUsage extension allows neither digitalSignature nor
// nonRepudiation. InvalidArgument for something that is not a certificate.
Result<void> checkUsableForSigning(const QByteArray &certDer, const QDateTime &at);

} // namespace sohoa::signing
