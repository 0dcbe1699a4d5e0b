#pragma once

#include "app/workflows/SignBatchJob.h"
#include "core/dossier/DossierStore.h"

namespace sohoa::workflows {

// The counter's certified copy: a dossier's exported PDF signed with the Decree 30 copy block, the QR
// lookup code stamped first (so the signature covers it), the output verified, and the signed file
// recorded in the dossier (store: signed_documents and a "pdf-signed" audit entry).
struct SignCopyRequest
{
    QString dossierCode;
    QString input;  // the dossier's export
    QString output; // empty: copyOutputPath(input)
    KeySource key;
    signing::SignOptions options;    // the appearance is made a Copy block (organization, copy form kept)
    std::optional<QrStampOptions> qr; // its values' dossierCode is set to the dossier's
    QStringList trustPaths;
    bool systemTrust = false;
    bool verifyOffline = true;
};

// Where a signed copy of `input` goes by default: beside it, "NAME-ban-sao.pdf" (bản sao: copy).
QString copyOutputPath(const QString &input);

// One file through SignBatchJob (one PIN, the same checks and messages), then the record. The output
// of an earlier copy of the same export is replaced (atomically); the store keeps every signing as a
// row. finished() carries the signing error, or the store's when the file was signed but could not be
// recorded (the signed file then stays: it is valid, only its record is missing, and the error says so).
class SignCopyJob : public SignBatchJob
{
    Q_OBJECT
public:
    SignCopyJob(DossierStore &store, const SignCopyRequest &request, QObject *parent = nullptr);
    ~SignCopyJob() override;

    // Valid once finished() came with no error.
    const SignedDocumentRecord &record() const { return m_record; }

protected:
    Error run() override;

private:
    DossierStore &m_store;
    QString m_dossierCode;
    SignedDocumentRecord m_record;
};

} // namespace sohoa::workflows
