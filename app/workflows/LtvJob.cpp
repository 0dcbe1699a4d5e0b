#include "app/workflows/LtvJob.h"

#include "core/common/DurableFile.h"
#include "signing/CertificateInfo.h"
#include "signing/PdfDocumentTimestamper.h"
#include "signing/PdfDssWriter.h"
#include "signing/PdfSignatureValidator.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sohoa::workflows {

namespace {

int indexOf(QList<QByteArray> &list, const QByteArray &der)
{
    const qsizetype i = list.indexOf(der);
    if (i >= 0)
        return int(i);
    list.append(der);
    return int(list.size()) - 1;
}

Error ltvError(ErrorCode code, const char *sourceText, const QStringList &args)
{
    return Error::withHint(code, "sohoa::workflows::LtvJob", sourceText, args);
}

} // namespace

LtvResult addLongTermValidation(const QString &input, const QString &output, const LtvOptions &options,
                                const std::shared_ptr<const signing::TrustStore> &trust,
                                const std::shared_ptr<signing::RevocationChecker> &revocation)
{
    LtvResult result;
    result.input = input;
    result.output = output;
    signing::VerifyPolicy policy;
    policy.networkTimeoutMs = options.timeoutMs;
    const signing::PdfVerifyReport report = signing::PdfSignatureValidator(trust, revocation, policy).verify(input);
    if (report.kind == signing::FileVerdict::Error) {
        result.error = report.error;
        return result;
    }
    if (report.kind == signing::FileVerdict::Unsigned) {
        result.error = ltvError(ErrorCode::InvalidArgument,
                                QT_TRANSLATE_NOOP("sohoa::workflows::LtvJob",
                                                  "%1 holds no signature, so there is nothing to keep verifiable."),
                                {input});
        return result;
    }
    signing::DssData dss;
    for (const signing::SignatureReport &s : report.signatures) {
        if (s.verdict == signing::SignatureVerdict::Invalid ||
            s.verdict == signing::SignatureVerdict::ChangedAfterSigning) {
            result.error = ltvError(
                ErrorCode::VerificationFailed,
                QT_TRANSLATE_NOOP("sohoa::workflows::LtvJob",
                                  "Signature %1 of %2 is not intact (%3); validation data is only added to intact "
                                  "signatures. Run sohoa-cli verify on the file to see why."),
                {QString::number(s.index), input, signing::verdictId(s.verdict)});
            return result;
        }
        signing::VriEntry vri;
        vri.signatureContentsDer = s.contentsBytes;
        vri.time = QDateTime::currentDateTimeUtc();
        for (const QList<QByteArray> &chain : {s.chainDer, s.timestampChainDer}) {
            if (chain.isEmpty())
                continue;
            for (qsizetype i = 0; i < chain.size(); ++i) {
                vri.certIndexes.append(indexOf(dss.certificates, chain[i]));
                // A self-issued root has nothing above it to ask.
                if (i + 1 == chain.size()) {
                    if (chain.size() == 1)
                        result.error = ltvError(
                            ErrorCode::RevocationUnknown,
                            QT_TRANSLATE_NOOP("sohoa::workflows::LtvJob",
                                              "The issuer of the certificate of %1 is not known, so its revocation "
                                              "cannot be checked. Give the issuing authority's certificates with "
                                              "--trust."),
                            {s.chain.value(0)});
                    break;
                }
                const signing::RevocationResult r = revocation->check(chain[i], chain[i + 1]);
                const Result<signing::CertificateInfo> info = signing::CertificateInfo::parse(chain[i]);
                const QString who = info ? (info->subjectCommonName.isEmpty() ? info->subjectDn : info->subjectCommonName)
                                         : QString();
                switch (r.state) {
                case signing::RevocationState::Good:
                    (r.evidenceIsOcsp ? vri.ocspIndexes : vri.crlIndexes)
                        .append(indexOf(r.evidenceIsOcsp ? dss.ocspResponses : dss.crls, r.evidenceDer));
                    break;
                case signing::RevocationState::NoSource:
                    result.error = ltvError(
                        ErrorCode::RevocationUnknown,
                        QT_TRANSLATE_NOOP("sohoa::workflows::LtvJob",
                                          "The certificate of %1 names no OCSP or CRL service, so no revocation data "
                                          "can be added for it: the file cannot be made verifiable long-term."),
                        {who});
                    return result;
                case signing::RevocationState::Revoked:
                case signing::RevocationState::Unknown:
                    result.error = r.toError();
                    return result;
                }
            }
            if (result.error.isError())
                return result;
        }
        dss.vri.append(vri);
        ++result.signatures;
    }
    result.certificates = int(dss.certificates.size());
    result.ocspResponses = int(dss.ocspResponses.size());
    result.crls = int(dss.crls.size());
    if (options.tsaUrl.isEmpty()) {
        if (auto r = signing::PdfDssWriter::append(input, output, dss, options.overwrite); !r)
            result.error = r.error();
        return result;
    }
    // B-LTA: the DSS first, then a document timestamp over it.
    const QString staged = QFileInfo(output).dir().filePath(QStringLiteral(".%1.dss.tmp").arg(QFileInfo(output).fileName()));
    QFile::remove(staged);
    if (auto r = signing::PdfDssWriter::append(input, staged, dss, true); !r) {
        result.error = r.error();
        return result;
    }
    signing::DocumentTimestampOptions ts;
    ts.tsaUrl = options.tsaUrl;
    ts.timeoutMs = options.timeoutMs;
    ts.overwrite = options.overwrite;
    const auto stamped = signing::PdfDocumentTimestamper::timestamp(staged, output, ts);
    QFile::remove(staged);
    if (!stamped)
        result.error = stamped.error();
    else
        result.timestamped = true;
    return result;
}

LtvJob::LtvJob(LtvRequest request, QObject *parent) : Job(parent), m_request(std::move(request))
{
    static const int registered = qRegisterMetaType<LtvResult>();
    Q_UNUSED(registered);
}

LtvJob::~LtvJob()
{
    stop();
}

Error LtvJob::run()
{
    const auto trusted = signing::TrustStore::fromPaths(m_request.trustPaths, m_request.systemTrust);
    if (!trusted)
        return trusted.error();
    const std::shared_ptr<signing::TrustStore> &trust = trusted.value();
    signing::RevocationPolicy policy;
    policy.timeoutMs = m_request.options.timeoutMs;
    auto revocation = std::make_shared<signing::RevocationChecker>(policy);
    const QString what = QCoreApplication::translate("sohoa::workflows::LtvJob", "Adding validation data");
    Error first;
    for (qsizetype i = 0; i < m_request.files.size(); ++i) {
        if (isCancelRequested())
            return Error(ErrorCode::Cancelled);
        reportProgress(i, m_request.files.size(), what);
        const auto &[input, output] = m_request.files[i];
        LtvResult r = addLongTermValidation(input, output, m_request.options, trust, revocation);
        if (r.error.isError() && !first.isError())
            first = r.error;
        m_results.append(r);
        Q_EMIT fileDone(r);
    }
    return first;
}

} // namespace sohoa::workflows
