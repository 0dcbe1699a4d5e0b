#pragma once

#include "core/common/Error.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "core/common/WorkControl.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace sohoa::workflows {

// Where long work stands: `done` of `total` units (pages, files, bytes; total 0 = not known yet) and
// what it is doing now, in the user's language.
struct JobProgress
{
    qint64 done = 0;
    qint64 total = 0;
    QString what;
};

// A secret the job needs now. The face answers with Job::provideSecret() (a dialog in the GUI, the
// terminal, an environment variable or a file in the CLI) or Job::declineSecret(); it is never stored.
struct SecretRequest
{
    Q_GADGET
public:
    enum class Kind
    {
        KeyFilePassword, // the password of a PKCS#12 file
        TokenPin,        // the user PIN of a PKCS#11 token
        PdfPassword,     // the user or owner password of an encrypted input PDF
    };
    Q_ENUM(Kind)

    Kind kind = Kind::TokenPin;
    QString subject;          // the key file, the token's label or the PDF, for the prompt
    bool pinPad = false;      // the token has its own PIN pad: answer with an empty secret and let it ask
    bool pinCountLow = false; // the token saw a wrong PIN since the last good one
    bool pinFinalTry = false; // one more wrong PIN locks the token
    bool retry = false;       // an earlier answer was wrong (a PDF password)
};

// The one contract for long work (house style rule 5; the shape of ksanecore's scan thread, KeePassXC's
// AsyncTask and Okular's asynchronous verification without their slips):
// - start() runs run() on a thread the job owns (never Qt's global pool), once;
// - progress() is throttled (at most one per kProgressInterval, the last one always);
// - per-item events are the subclasses' own signals, emitted from the worker thread (queued to
//   receivers elsewhere, in order);
// - cancel() may come from any thread at any moment: an atomic flag the work checks, plus
//   cancelled() for subclasses that must interrupt a blocking call (a scanner);
// - secrets are asked with askSecret() on the worker, which waits (no nested event loop anywhere)
//   until the face answers in its own thread;
// - finished() comes exactly once, in the job's thread, after the worker thread has ended, with a
//   typed error (ErrorCode::None on success, Cancelled when cancelled).
// Destroying a running job cancels it and waits for the worker: pages and files already committed
// stay, nothing half-written remains, no signal arrives afterwards.
class Job : public QObject, public WorkControl
{
    Q_OBJECT
public:
    enum class State
    {
        NotStarted,
        Running,
        Finished,
    };
    Q_ENUM(State)

    static constexpr int kProgressIntervalMs = 100;

    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    // Starts the work on the job's own thread; false when already started (a job runs once).
    bool start();
    // Thread-safe; a pending secret request is declined.
    void cancel();
    bool isCancelRequested() const override { return m_cancel.load(); }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    // The job's outcome, valid once finished() was emitted.
    const Error &error() const { return m_error; }

    // Answers the pending secretRequested() (from any thread). The secret is moved into the job,
    // used once and wiped.
    void provideSecret(SecureBuffer secret);
    // The user will not give it: the work ends with `reason` (Cancelled unless said otherwise).
    void declineSecret(const Error &reason = Error(ErrorCode::Cancelled));

    static void registerMetaTypes();

Q_SIGNALS:
    void started();
    void progress(const sohoa::workflows::JobProgress &progress);
    void secretRequested(const sohoa::workflows::SecretRequest &request);
    // Something the user should know that does not stop the work.
    void warning(const sohoa::Error &warning);
    void finished(const sohoa::Error &error);

protected:
    // The work, on the job's thread. Returns the outcome; check isCancelRequested() often.
    virtual Error run() = 0;
    // Called in the cancelling thread, after the flag is set: interrupt a blocking call here.
    virtual void cancelled() {}
    // Every concrete job calls this first in its destructor: cancels a running worker and waits for
    // it, while the subclass's members (which run() uses) still exist.
    void stop();

    // Throttled; `what` (what the job is doing, in the user's language) may be null to keep the last
    // text. Call from the worker. As a WorkControl, the job hands itself to engine calls.
    void reportProgress(qint64 done, qint64 total, const QString &what);
    void reportProgress(qint64 done, qint64 total) override { reportProgress(done, total, QString()); }
    // Waits on the worker until the face answers; Cancelled (or the face's reason) when declined or
    // when the job is cancelled meanwhile.
    Result<SecureBuffer> askSecret(const SecretRequest &request);

private:
    void workerFinished();

    QThread *m_thread = nullptr;
    State m_state = State::NotStarted;
    Error m_error;
    std::atomic<bool> m_cancel{false};

    // Progress throttling (worker thread only).
    QElapsedTimer m_progressClock;
    JobProgress m_lastProgress;
    bool m_progressPending = false;

    // The secret hand-over between the face's thread and the worker.
    std::mutex m_secretMutex;
    std::condition_variable m_secretAnswered;
    bool m_secretWaiting = false;
    std::optional<Result<SecureBuffer>> m_secretAnswer;
};

} // namespace sohoa::workflows

Q_DECLARE_METATYPE(sohoa::workflows::JobProgress)
Q_DECLARE_METATYPE(sohoa::workflows::SecretRequest)
