#include "app/workflows/SignCopyJob.h"

#include "core/common/Sha256.h"
#include "signing/CertificateInfo.h"

#include <QDir>
#include <QFileInfo>

namespace sohoa::workflows {

namespace {

SignBatchRequest batchOf(const SignCopyRequest &r)
{
    SignBatchRequest b;
    b.files.append({r.input, r.output.isEmpty() ? copyOutputPath(r.input) : r.output});
    b.key = r.key;
    b.options = r.options;
    b.options.appearance.kind = signing::AppearanceKind::Copy;
    b.options.overwrite = true; // this export's own copy, signed again after edits (atomically)
    b.qr = r.qr;
    if (b.qr)
        b.qr->values.dossierCode = r.dossierCode;
    b.trustPaths = r.trustPaths;
    b.verifyOutputs = true;
    b.systemTrust = r.systemTrust;
    b.verifyOffline = r.verifyOffline;
    return b;
}

} // namespace

QString copyOutputPath(const QString &input)
{
    const QFileInfo fi(input);
    return fi.dir().filePath(fi.completeBaseName() + QStringLiteral("-ban-sao.pdf"));
}

SignCopyJob::SignCopyJob(DossierStore &store, const SignCopyRequest &request, QObject *parent)
    : SignBatchJob(batchOf(request), parent), m_store(store), m_dossierCode(request.dossierCode)
{
}

SignCopyJob::~SignCopyJob()
{
    stop();
}

Error SignCopyJob::run()
{
    auto dossier = m_store.dossier(m_dossierCode);
    if (!dossier) {
        m_store.releaseThreadConnection();
        return dossier.error();
    }
    Error signedError = SignBatchJob::run();
    if (signedError.isError() || files().isEmpty()) {
        m_store.releaseThreadConnection();
        return signedError;
    }
    const SignedFile &file = files().constFirst();
    SignedDocumentRecord record;
    record.dossierId = dossier->id;
    record.path = file.result.output;
    record.sourcePath = QFileInfo(file.result.input).absoluteFilePath();
    record.kind = QStringLiteral("copy");
    record.signedAt = file.result.signingTime;
    record.lookupCode = file.qrPayload; // the text the stamper put in the code
    if (auto info = signing::CertificateInfo::parse(signerCertificate()); info)
        record.signer = info->subjectDn;
    if (file.verification)
        record.verdict = file.verification->statusId();
    auto digest = sha256HexOfFile(record.path, &record.size);
    if (!digest) {
        m_store.releaseThreadConnection();
        return digest.error();
    }
    record.sha256 = digest.value();
    auto saved = m_store.recordSignedDocument(record);
    m_store.releaseThreadConnection();
    if (!saved)
        return saved.error();
    m_record = saved.value();
    return {};
}

} // namespace sohoa::workflows
