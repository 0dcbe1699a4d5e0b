#include "signing/VerifyReasons_p.h"

#include "core/common/Translations.h"

#include <QtGlobal>

#include <cstring>

namespace sohoa::signing::detail {

namespace {

constexpr char kContext[] = "sohoa::signing::VerifyReason";

struct ReasonText
{
    const char *id; // stable: in JSON output, never translated
    const char *en; // its Vietnamese is in resources/translations/sohoa_vi.ts
};

// Each sentence says what was found and, where it matters, what it means for the reader of the file.
constexpr ReasonText kTexts[] = {
    // Structure: the signature proves nothing (INVALID).
    {"contents-missing",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature has no usable /Contents (missing, null, empty or not a string), so it signs "
                       "nothing (Universal Signature Forgery).")},
    {"byte-range-missing",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature has no usable /ByteRange (missing, null or not an array of four whole numbers), "
                       "so it is not known what it signs (Universal Signature Forgery).")},
    {"byte-range-malformed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The /ByteRange %1 is not two ranges [0 a b c] that start at the beginning of the file, do not "
                       "overlap and stay inside it (Signature Wrapping).")},
    {"contents-gap-mismatch",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The unsigned gap the /ByteRange leaves is not exactly this signature's /Contents hexadecimal "
                       "string (Signature Wrapping).")},
    {"revision-end-mismatch",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signed bytes do not end where a revision of the file ends (startxref and %%EOF), so the "
                       "signature covers part of a revision (Signature Wrapping).")},
    {"xref-into-gap",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "A cross-reference entry (object %1) points into the unsigned /Contents gap of the signature.")},
    {"signature-dictionary-misplaced",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature dictionary is not an uncompressed object of the signed revision that holds the "
                       "unsigned gap.")},
    {"signature-dictionary-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature dictionary was replaced or changed after signing.")},
    {"subfilter-unsupported",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature format (/SubFilter %1) is not one SoHoa accepts (adbe.pkcs7.detached, "
                       "ETSI.CAdES.detached, ETSI.RFC3161).")},
    {"xref-damaged",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The file's cross-reference data is damaged (%1). A signed file is never repaired before "
                       "checking, so this signature cannot be relied on.")},
    {"signed-revision-unreadable",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The signed revision cannot be read strictly: %1.")},
    // Cryptography.
    {"cms-unreadable",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature value is not a CMS signature with the signer's certificate: %1.")},
    {"cms-signer-count",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The signature holds %1 signers instead of exactly one.")},
    {"digest-mismatch",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signed bytes do not match the digest in the signature: they were altered after signing.")},
    {"signature-invalid",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The cryptographic signature does not verify with the signer's public key.")},
    {"signing-certificate-mismatch",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signing-certificate attribute does not name the certificate that signed.")},
    {"signing-certificate-missing",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The PAdES signature lacks the signing-certificate-v2 attribute that binds it to its "
                       "certificate.")},
    {"weak-digest",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature uses the digest algorithm %1, which is no longer accepted (SHA-256 or stronger "
                       "is required).")},
    {"weak-key",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signer's RSA key has %1 bits; at least %2 are required.")},
    {"document-timestamp-mismatch",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The document timestamp does not stamp the bytes it covers: %1.")},
    {"timestamp-invalid",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signature's timestamp does not verify (%1); the signing time is only claimed.")},
    // Changes after signing.
    {"changed-after-signing",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The document was changed after this signature in a way it does not allow; what is shown now "
                       "is not what was signed (see the modifications).")},
    {"certification-forbids",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The document is certified at level %1 and a later change is not permitted by it.")},
    {"signature-removed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "This signature is in an earlier revision of the file but was removed from the form since.")},
    // Certificates and time.
    {"chain-untrusted",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signer's certificate does not chain to a trusted root (%1). Give the issuing authority's "
                       "root certificate with --trust to check it.")},
    {"key-usage",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signer's certificate is not allowed to make digital signatures (key usage).")},
    {"certificate-expired",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The certificate of %1 was not valid at the signing time %2 (valid from %3 until %4).")},
    {"time-claimed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The signing time %1 is what the signer's computer claimed; no trusted timestamp proves it.")},
    {"timestamp-untrusted",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The timestamp authority's certificate does not chain to a trusted root (%1), so the timestamp "
                       "time is not relied on.")},
    {"revoked",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The certificate of %1 was revoked on %2 (%3), before the signing time.")},
    {"revoked-after-signing",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The certificate of %1 was revoked on %2, after the time the timestamp proves; the signature "
                       "stays valid.")},
    {"revocation-unknown",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The revocation status of the certificate of %1 could not be determined: %2.")},
    {"revocation-no-source",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The certificate of %1 names no revocation service (no OCSP, no CRL); it was not checked for "
                       "revocation.")},
    // Modifications, allowed or not.
    {"signature-added", QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "A signature was added in the field %1.")},
    {"timestamp-added",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "A document timestamp was added in the field %1.")},
    {"signature-field-added",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "An empty, invisible signature field %1 was added.")},
    {"signature-field-visible-unsigned",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "An unsigned signature field %1 with a visible appearance was added (Sneaky Signature).")},
    {"dss-updated",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "Validation data (certificates, OCSP, CRL) were added.")},
    {"form-filled", QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The form field %1 was filled in.")},
    {"annotation-added",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "An annotation (%1) was added on page %2.")},
    {"annotation-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "An annotation on page %1 was changed.")},
    {"annotation-removed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "An annotation was removed from page %1.")},
    {"info-updated",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The document information (/Info) was updated.")},
    {"metadata-updated", QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The XMP metadata was updated.")},
    {"page-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "Page %1 was changed after signing (%2).")},
    {"pages-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "The pages were changed: the document had %1 pages when signed and has %2 now.")},
    {"object-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "Object %1 (%2) was changed after signing.")},
    {"object-deleted",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "Object %1 (%2) was deleted after signing.")},
    {"object-defined-late",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "Object %1, which the signed revision refers to but did not contain, was defined after "
                       "signing.")},
    {"generation-reused",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "Object number %1 is defined again with another generation number, which readers resolve "
                       "differently.")},
    {"catalog-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The document catalog's entry %1 was changed.")},
    {"catalog-replaced",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The document catalog was replaced by another object.")},
    {"form-changed", QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The form's entry %1 was changed.")},
    {"field-added",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "A form field %1 that is not a signature was added.")},
    {"field-removed", QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The form field %1 was removed.")},
    {"signed-field-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The already signed field %1 was changed.")},
    {"trailer-changed",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason", "The file trailer's entry %1 was changed.")},
    {"trailing-data",
     QT_TRANSLATE_NOOP("sohoa::signing::VerifyReason",
                       "%1 bytes that belong to no revision follow the end of the file's last revision.")},
};

const ReasonText *find(const char *id)
{
    for (const ReasonText &t : kTexts)
        if (std::strcmp(t.id, id) == 0)
            return &t;
    return nullptr;
}

QString fill(QString text, const QStringList &args)
{
    // One pass, so that an argument holding "%2" is not filled again.
    QString out;
    out.reserve(text.size() + 32);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'%' && i + 1 < text.size() && text[i + 1].isDigit()) {
            const int n = text[i + 1].digitValue();
            if (n >= 1 && n <= args.size()) {
                out += args[n - 1];
                ++i;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

} // namespace

VerifyReason reason(const char *id, const QStringList &args)
{
    const ReasonText *t = find(id);
    Q_ASSERT_X(t, "reason", id);
    if (!t)
        return {QString::fromLatin1(id), QString::fromLatin1(id), QString::fromLatin1(id)};
    return {QString::fromLatin1(t->id), fill(translated(Language::English, kContext, t->en), args),
            fill(translated(Language::Vietnamese, kContext, t->en), args)};
}

Modification modification(const char *id, bool allowed, const QStringList &args)
{
    const VerifyReason r = reason(id, args);
    return {r.id, allowed, r.en, r.vi};
}

QStringList knownReasonIds()
{
    QStringList ids;
    for (const ReasonText &t : kTexts)
        ids.append(QString::fromLatin1(t.id));
    return ids;
}

} // namespace sohoa::signing::detail
