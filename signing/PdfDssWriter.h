#pragma once

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace sohoa::signing {

// Validation data for one signature (a VRI dictionary): which of the DssData entries it needs.
struct VriEntry
{
    // The signature's /Contents string, as its bytes are in the file: the key of its VRI dictionary
    // is the uppercase hex SHA-1 of exactly these bytes (vriKey()). Adobe and pyHanko hash the whole
    // string, the zero padding after the DER included: to be found by them, pass it with its padding.
    QByteArray signatureContentsDer;
    QList<int> certIndexes, ocspIndexes, crlIndexes; // into DssData's lists
    QDateTime time;                                  // /TU: when the data was gathered; invalid = none
};

// DER encodings: X.509 certificates, OCSPResponse (RFC 6960), CertificateList (RFC 5280).
struct DssData
{
    QList<QByteArray> certificates, ocspResponses, crls;
    QList<VriEntry> vri;
};

// Appends the document security store of PAdES B-LT (ETSI EN 319 142-1 §5.4; ISO 32000-2 §12.8.4)
// in an incremental update: the catalog's /DSS with /Certs, /OCSPs and /CRLs (one stream per DER)
// and /VRI, declaring the ESIC extension in a PDF 1.x file. An existing DSS is kept and merged: a
// DER already in it (the same bytes) is referred to, not stored again, and a VRI entry for the same
// signature gains the references it lacked. The update changes no signed byte and is a change every
// DocMDP level allows, so earlier signatures stay valid.
class PdfDssWriter
{
public:
    // The output appears atomically or not at all and is never an existing file unless overwrite;
    // the input is never modified. When everything is in the input's DSS already, the output is a
    // copy of the input. pdfPassword opens an encrypted input; the update is encrypted like it.
    // InvalidArgument for an index outside its list or empty data.
    static Result<void> append(const QString &input, const QString &output, const DssData &data, bool overwrite,
                               const SecureBuffer &pdfPassword = {});

    // The VRI key of a signature: uppercase hex SHA-1 of its /Contents bytes.
    static QString vriKey(const QByteArray &signatureContents);
};

} // namespace sohoa::signing
