#pragma once

#include "app/workflows/Job.h"
#include "signing/PdfSignatureValidator.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace sohoa::workflows {

struct VerifyPdfRequest
{
    QStringList inputs;     // PDF files, or folders searched (recursively) for *.pdf
    QStringList trustPaths; // root certificates: PEM or DER files, or folders of them
    bool systemTrust = false;
    signing::VerifyPolicy policy;
    QString extractFolder; // not empty: each signature's signed revision is written there
    int threads = 0;       // 0: one per core
};

struct VerifyPdfSummary
{
    int files = 0;
    int valid = 0;    // every signature VALID
    int notValid = 0; // signed, with a signature that is not VALID
    int unsigned_ = 0;
    int unreadable = 0;
};

// Verifies the signatures of many PDFs (signing::PdfSignatureValidator), several files at once on the
// job's own worker threads, reporting each file in the order given as soon as it and those before it
// are done. One revocation checker serves the whole run, so a responder is asked once per certificate.
// finished() carries None even when files are not valid (that is the report's business); an error only
// when the request cannot be carried out (a trust path that holds no certificate, an input that does not
// exist, an extraction folder that cannot be written).
class VerifyPdfJob : public Job
{
    Q_OBJECT
public:
    explicit VerifyPdfJob(VerifyPdfRequest request, QObject *parent = nullptr);
    ~VerifyPdfJob() override;

    const QList<signing::PdfVerifyReport> &reports() const { return m_reports; }
    const VerifyPdfSummary &summary() const { return m_summary; }

    // The PDFs an input list names, folders expanded (sorted), in the order given. FileNotFound for a
    // path that does not exist.
    static Result<QStringList> expandInputs(const QStringList &inputs);

Q_SIGNALS:
    // From the worker, in input order.
    void fileVerified(const sohoa::signing::PdfVerifyReport &report);

protected:
    Error run() override;

private:
    VerifyPdfRequest m_request;
    QList<signing::PdfVerifyReport> m_reports;
    VerifyPdfSummary m_summary;
};

// The JSON of one file (sohoa-cli verify --json, and the GUI's copy as JSON): path, status, signatures.
QJsonObject verifyReportToJson(const signing::PdfVerifyReport &report);

} // namespace sohoa::workflows

Q_DECLARE_METATYPE(sohoa::signing::PdfVerifyReport)
