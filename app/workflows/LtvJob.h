#pragma once

#include "app/workflows/Job.h"

#include <QList>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace sohoa::signing {
class RevocationChecker;
class TrustStore;
} // namespace sohoa::signing

namespace sohoa::workflows {

struct LtvOptions
{
    QUrl tsaUrl;            // set: a document timestamp over the validation data (B-LTA)
    int timeoutMs = 10000;  // each OCSP, CRL or TSA request
    bool overwrite = false; // the output may replace an existing file (never the input)
};

struct LtvResult
{
    QString input, output;
    Error error;
    int signatures = 0;
    int certificates = 0, ocspResponses = 0, crls = 0;
    bool timestamped = false;
};

// Makes the signatures of `input` verifiable long after, offline (PAdES B-LT, and B-LTA with a TSA):
// verifies the file, gathers every certificate of every signature's and timestamp's chain with an
// OCSP response or CRL for each (fetched now), appends them as a DSS, then optionally a document
// timestamp over everything. Refuses a file whose signatures are not intact (INVALID or changed), a
// certificate that names no revocation source (a clear error, not a silent gap), and revocation data
// that cannot be had. The input is never modified; the output appears whole or not at all.
LtvResult addLongTermValidation(const QString &input, const QString &output, const LtvOptions &options,
                                const std::shared_ptr<const signing::TrustStore> &trust,
                                const std::shared_ptr<signing::RevocationChecker> &revocation);

struct LtvRequest
{
    QList<QPair<QString, QString>> files; // input -> output (planSignOutputs)
    LtvOptions options;
    QStringList trustPaths;
    bool systemTrust = false;
};

// addLongTermValidation over a batch, one revocation checker for all (a responder is asked once per
// certificate). finished() carries None when every file was done, else the first file's error.
class LtvJob : public Job
{
    Q_OBJECT
public:
    explicit LtvJob(LtvRequest request, QObject *parent = nullptr);
    ~LtvJob() override;
    const QList<LtvResult> &results() const { return m_results; }

Q_SIGNALS:
    void fileDone(const sohoa::workflows::LtvResult &result);

protected:
    Error run() override;

private:
    LtvRequest m_request;
    QList<LtvResult> m_results;
};

} // namespace sohoa::workflows
Q_DECLARE_METATYPE(sohoa::workflows::LtvResult)
