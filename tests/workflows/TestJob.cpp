// The one contract for long work (app/workflows/Job.h), on small jobs made for the test: throttled
// progress with the last value always delivered, exactly one finished() in the job's thread after the
// worker ended, cancel at any moment, secrets asked of the face and answered from its thread, and a
// job destroyed while running.

#include "JobTestSupport.h"
#include "app/workflows/Job.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace sohoa;
using namespace sohoa::workflows;
using namespace sohoa::test;

namespace {

// Counts to `steps`, reporting each step, a few microseconds apart.
class CountingJob : public Job
{
public:
    explicit CountingJob(int steps, std::atomic<bool> *workerEnded = nullptr)
        : m_steps(steps), m_workerEnded(workerEnded)
    {}
    ~CountingJob() override { stop(); }
    int reached() const { return m_reached; }

protected:
    Error run() override
    {
        struct Ended
        {
            std::atomic<bool> *flag;
            ~Ended()
            {
                if (flag)
                    flag->store(true);
            }
        } ended{m_workerEnded};
        for (int i = 1; i <= m_steps; ++i) {
            if (isCancelRequested())
                return Error(ErrorCode::Cancelled, QStringLiteral("at %1").arg(i));
            std::this_thread::sleep_for(std::chrono::microseconds(100));
            m_reached = i;
            reportProgress(i, m_steps, QStringLiteral("step"));
        }
        return {};
    }

private:
    int m_steps;
    std::atomic<bool> *m_workerEnded;
    int m_reached = 0;
};

// Asks for a PIN and keeps what it got.
class SecretJob : public Job
{
public:
    ~SecretJob() override { stop(); }
    QByteArray received;

protected:
    Error run() override
    {
        SecretRequest request;
        request.kind = SecretRequest::Kind::TokenPin;
        request.subject = QStringLiteral("van-thu");
        auto secret = askSecret(request);
        if (!secret)
            return secret.error();
        received = QByteArray(secret->data(), qsizetype(secret->size()));
        return {};
    }
};

} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void progressIsThrottledAndTheLastOneAlwaysArrives()
    {
        CountingJob job(5000);
        QSignalSpy progress(&job, &Job::progress);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(runJobToEnd(job), 1);
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(job.error().code(), ErrorCode::None);
        // 5000 reports, at most one per interval (plus the first and the last).
        QVERIFY2(progress.size() <= elapsed / Job::kProgressIntervalMs + 2,
                 qPrintable(QStringLiteral("%1 signals in %2 ms").arg(progress.size()).arg(elapsed)));
        QVERIFY(progress.size() >= 2);
        const JobProgress last = progress.last().at(0).value<JobProgress>();
        QCOMPARE(last.done, 5000);
        QCOMPARE(last.total, 5000);
        QCOMPARE(last.what, QStringLiteral("step"));
        QCOMPARE(progress.first().at(0).value<JobProgress>().done, 1); // the first at once
    }

    void finishedComesOnceInTheJobsThreadAfterTheWorkerEnded()
    {
        std::atomic<bool> workerEnded{false};
        CountingJob job(50, &workerEnded);
        QThread *finishedIn = nullptr;
        bool endedBeforeFinished = false;
        Job::State stateAtFinished = Job::State::NotStarted;
        connect(&job, &Job::finished, this, [&] {
            finishedIn = QThread::currentThread();
            endedBeforeFinished = workerEnded.load();
            stateAtFinished = job.state();
        });
        QSignalSpy started(&job, &Job::started);
        QCOMPARE(job.state(), Job::State::NotStarted);
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(finishedIn, QThread::currentThread());
        QVERIFY(endedBeforeFinished);
        QCOMPARE(stateAtFinished, Job::State::Finished);
        QCOMPARE(job.reached(), 50);
    }

    void aJobRunsOnce()
    {
        CountingJob job(3);
        QCOMPARE(runJobToEnd(job), 1);
        QVERIFY(!job.start());
        QTest::qWait(50);
        QCOMPARE(job.state(), Job::State::Finished);
    }

    void cancelAtAnyMomentGivesExactlyOneFinished()
    {
        QRandomGenerator random(replayableSeed());
        for (int trial = 0; trial < 40; ++trial) {
            CountingJob job(200);
            QSignalSpy finished(&job, &Job::finished);
            job.start();
            const int delayUs = int(random.bounded(30000));
            std::this_thread::sleep_for(std::chrono::microseconds(delayUs));
            job.cancel();
            job.cancel(); // twice is harmless
            QVERIFY(finished.wait(5000));
            QTest::qWait(5);
            QCOMPARE(finished.size(), 1);
            const ErrorCode code = finished.first().at(0).value<Error>().code();
            QVERIFY(code == ErrorCode::Cancelled || (code == ErrorCode::None && job.reached() == 200));
            QVERIFY(job.isCancelRequested());
        }
    }

    void cancelBeforeStartEndsAtOnce()
    {
        CountingJob job(100000);
        job.cancel();
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::Cancelled);
        QCOMPARE(job.reached(), 0);
    }

    void aSecretIsAskedOfTheFaceAndAnsweredFromItsThread()
    {
        SecretJob job;
        QThread *askedIn = nullptr;
        SecretRequest asked;
        connect(&job, &Job::secretRequested, this, [&](const SecretRequest &r) {
            askedIn = QThread::currentThread();
            asked = r;
            job.provideSecret(SecureBuffer(QByteArrayView("1234")));
        });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::None);
        QCOMPARE(askedIn, QThread::currentThread());
        QCOMPARE(asked.kind, SecretRequest::Kind::TokenPin);
        QCOMPARE(asked.subject, QStringLiteral("van-thu"));
        QCOMPARE(job.received, QByteArray("1234"));
    }

    void aDeclinedSecretEndsTheJobWithTheFacesReason()
    {
        SecretJob job;
        connect(&job, &Job::secretRequested, this,
                [&] { job.declineSecret(Error(ErrorCode::InvalidArgument, QStringLiteral("no terminal"))); });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(job.error().detail(), QStringLiteral("no terminal"));
        QVERIFY(job.received.isEmpty());
    }

    void cancelWhileWaitingForASecret()
    {
        SecretJob job;
        QSignalSpy asked(&job, &Job::secretRequested);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        // Spies record in the emitting (worker) thread: the request may come before a wait() starts.
        QTRY_COMPARE_WITH_TIMEOUT(asked.count(), 1, 5000);
        // The dialog is still open when the user cancels the whole job.
        job.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.error().code(), ErrorCode::Cancelled);
        // An answer that comes too late is dropped, not kept.
        job.provideSecret(SecureBuffer(QByteArrayView("late")));
        QVERIFY(job.received.isEmpty());
    }

    void anAnswerNobodyAskedForIsDropped()
    {
        SecretJob job;
        job.provideSecret(SecureBuffer(QByteArrayView("early"))); // before the question: ignored
        connect(&job, &Job::secretRequested, this, [&] { job.provideSecret(SecureBuffer(QByteArrayView("right"))); });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.received, QByteArray("right"));
    }

    void aJobDestroyedWhileRunningStopsItsWorker()
    {
        std::atomic<bool> workerEnded{false};
        int finishedCount = 0;
        {
            auto *job = new CountingJob(1000000, &workerEnded);
            connect(job, &Job::finished, this, [&] { ++finishedCount; });
            job->start();
            QTest::qWait(30);
            QVERIFY(!workerEnded.load());
            delete job; // cancels and waits for the worker
        }
        QVERIFY(workerEnded.load());
        QTest::qWait(50);
        QCOMPARE(finishedCount, 0); // nobody is told anything by an object that is gone
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "TestJob.moc"
