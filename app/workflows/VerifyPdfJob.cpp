#include "app/workflows/VerifyPdfJob.h"

#include "core/common/DurableFile.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace sohoa::workflows {

VerifyPdfJob::VerifyPdfJob(VerifyPdfRequest request, QObject *parent) : Job(parent), m_request(std::move(request))
{
    static const int registered = qRegisterMetaType<signing::PdfVerifyReport>();
    Q_UNUSED(registered);
}

VerifyPdfJob::~VerifyPdfJob()
{
    stop();
}

Result<QStringList> VerifyPdfJob::expandInputs(const QStringList &inputs)
{
    QStringList files;
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        if (!info.exists())
            return Error(ErrorCode::FileNotFound, input);
        if (!info.isDir()) {
            files.append(input);
            continue;
        }
        QStringList found;
        QDirIterator it(input, {QStringLiteral("*.pdf"), QStringLiteral("*.PDF")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            found.append(it.next());
        found.sort();
        files += found;
    }
    return files;
}

Error VerifyPdfJob::run()
{
    const auto trusted = signing::TrustStore::fromPaths(m_request.trustPaths, m_request.systemTrust);
    if (!trusted)
        return trusted.error();
    const std::shared_ptr<signing::TrustStore> &trust = trusted.value();
    const Result<QStringList> expanded = expandInputs(m_request.inputs);
    if (!expanded)
        return expanded.error();
    const QStringList &files = expanded.value();
    if (!m_request.extractFolder.isEmpty())
        if (auto made = makeDirectoryDurably(m_request.extractFolder); !made)
            return made.error();

    signing::RevocationPolicy revocationPolicy;
    revocationPolicy.offline = m_request.policy.offline;
    revocationPolicy.timeoutMs = m_request.policy.networkTimeoutMs;
    auto revocation = std::make_shared<signing::RevocationChecker>(revocationPolicy);
    const signing::PdfSignatureValidator validator(trust, revocation, m_request.policy);

    const QString what = QCoreApplication::translate("sohoa::workflows::VerifyPdfJob", "Verifying signatures");
    reportProgress(0, files.size(), what);
    std::vector<std::optional<signing::PdfVerifyReport>> results(size_t(files.size()));
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<qsizetype> next{0};
    const int threads = std::max(1, std::min<int>(m_request.threads > 0 ? m_request.threads
                                                                         : int(std::thread::hardware_concurrency()),
                                                  int(files.size())));
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads));
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (qsizetype i = next++; i < files.size() && !isCancelRequested(); i = next++) {
                signing::PdfVerifyReport r = validator.verify(files[i]);
                std::lock_guard lock(mutex);
                results[size_t(i)] = std::move(r);
                ready.notify_all();
            }
        });
    Error outcome;
    for (qsizetype i = 0; i < files.size(); ++i) {
        std::unique_lock lock(mutex);
        std::optional<signing::PdfVerifyReport> &slot = results[size_t(i)];
        ready.wait(lock, [&] { return slot.has_value() || isCancelRequested(); });
        if (!slot.has_value())
            break;
        signing::PdfVerifyReport report = std::move(*slot);
        lock.unlock();
        if (!m_request.extractFolder.isEmpty()) {
            for (const signing::SignatureReport &s : std::as_const(report.signatures)) {
                if (s.revisionEnd <= 0)
                    continue;
                const QString out = QDir(m_request.extractFolder)
                                        .filePath(QStringLiteral("%1.signature-%2.revision-%3.pdf")
                                                      .arg(QFileInfo(report.path).completeBaseName())
                                                      .arg(s.index)
                                                      .arg(s.revision));
                if (auto r = signing::PdfSignatureValidator::extractRevision(report.path, s.revisionEnd, out);
                    !r && !outcome.isError())
                    outcome = r.error();
            }
        }
        ++m_summary.files;
        switch (report.kind) {
        case signing::FileVerdict::Error:
            ++m_summary.unreadable;
            break;
        case signing::FileVerdict::Unsigned:
            ++m_summary.unsigned_;
            break;
        case signing::FileVerdict::Signed:
            ++(report.allValid() ? m_summary.valid : m_summary.notValid);
            break;
        }
        m_reports.append(report);
        Q_EMIT fileVerified(report);
        reportProgress(i + 1, files.size(), what);
    }
    for (std::thread &w : workers)
        w.join();
    if (isCancelRequested())
        return Error(ErrorCode::Cancelled);
    return outcome;
}

namespace {

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonArray reasonsJson(const QList<signing::VerifyReason> &reasons)
{
    QJsonArray out;
    for (const signing::VerifyReason &r : reasons)
        out.append(QJsonObject{{QStringLiteral("id"), r.id},
                               {QStringLiteral("message_en"), r.en},
                               {QStringLiteral("message_vi"), r.vi}});
    return out;
}

} // namespace

QJsonObject verifyReportToJson(const signing::PdfVerifyReport &report)
{
    QJsonObject file{{QStringLiteral("path"), report.path},
                     {QStringLiteral("status"), report.statusId()},
                     {QStringLiteral("revisions"), report.revisions}};
    if (report.kind == signing::FileVerdict::Error)
        file.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("id"), report.error.id()},
                                                         {QStringLiteral("message_en"), report.error.messageEn()},
                                                         {QStringLiteral("message_vi"), report.error.messageVi()},
                                                         {QStringLiteral("detail"), report.error.detail()}});
    QJsonArray signatures;
    for (const signing::SignatureReport &s : report.signatures) {
        QJsonArray modifications, byteRange, chain;
        for (const signing::Modification &m : s.modifications)
            modifications.append(QJsonObject{{QStringLiteral("id"), m.id},
                                             {QStringLiteral("allowed"), m.allowed},
                                             {QStringLiteral("message_en"), m.en},
                                             {QStringLiteral("message_vi"), m.vi}});
        for (qint64 v : s.byteRange)
            byteRange.append(v);
        for (const QString &c : s.chain)
            chain.append(c);
        signatures.append(QJsonObject{
            {QStringLiteral("index"), s.index},
            {QStringLiteral("field"), s.field},
            {QStringLiteral("kind"), s.documentTimestamp ? QStringLiteral("document-timestamp")
                                                         : QStringLiteral("signature")},
            {QStringLiteral("sub_filter"), s.subFilter},
            {QStringLiteral("status"), signing::verdictId(s.verdict)},
            {QStringLiteral("reasons"), reasonsJson(s.reasons)},
            {QStringLiteral("signer"), s.signer},
            {QStringLiteral("organization"), s.signerOrganization},
            {QStringLiteral("issuer"), s.issuer},
            {QStringLiteral("serial"), s.serialHex},
            {QStringLiteral("chain"), chain},
            {QStringLiteral("certification_level"), s.certificationLevel},
            {QStringLiteral("signing_time"), timeJson(s.signingTime)},
            {QStringLiteral("time_trusted"), s.timeTrusted},
            {QStringLiteral("time_source"), s.timeSource},
            {QStringLiteral("timestamp"),
             s.timestamp.present ? QJsonValue(QJsonObject{{QStringLiteral("time"), timeJson(s.timestamp.time)},
                                                          {QStringLiteral("valid"), s.timestamp.valid},
                                                          {QStringLiteral("trusted"), s.timestamp.trusted},
                                                          {QStringLiteral("tsa"), s.timestamp.tsa}})
                                 : QJsonValue()},
            {QStringLiteral("coverage"),
             QJsonObject{{QStringLiteral("byte_range"), byteRange},
                         {QStringLiteral("revision"), s.revision},
                         {QStringLiteral("revisions"), s.revisions},
                         {QStringLiteral("whole_file"), s.coversWholeFile},
                         {QStringLiteral("present_now"), s.presentNow}}},
            {QStringLiteral("hash"), s.hashAlgorithm},
            {QStringLiteral("modifications"), modifications},
            {QStringLiteral("revocation"),
             QJsonObject{{QStringLiteral("state"), s.revocation.state},
                         {QStringLiteral("source"), s.revocation.source},
                         {QStringLiteral("revocation_time"), timeJson(s.revocation.revocationTime)},
                         {QStringLiteral("detail"), s.revocation.detail}}},
        });
    }
    file.insert(QStringLiteral("signatures"), signatures);
    return file;
}

} // namespace sohoa::workflows
