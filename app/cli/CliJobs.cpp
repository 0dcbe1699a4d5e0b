#include "app/cli/CliJobs.h"

#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace sohoa::cli {

namespace {

std::atomic<int> g_signal{0};

extern "C" void onSignal(int sig)
{
    g_signal.store(sig);
}

// Ctrl+C / SIGTERM become a cancel of the running job while it runs; the default action after.
class SignalsCancel
{
public:
    SignalsCancel()
    {
        g_signal.store(0);
        m_int = std::signal(SIGINT, onSignal);
        m_term = std::signal(SIGTERM, onSignal);
    }
    ~SignalsCancel()
    {
        // Cannot fail: valid signals, and handlers signal() itself returned.
        (void)std::signal(SIGINT, m_int);
        (void)std::signal(SIGTERM, m_term);
    }

private:
    void (*m_int)(int) = SIG_DFL;
    void (*m_term)(int) = SIG_DFL;
};

} // namespace

Error runToEnd(workflows::Job &job, const SecretAnswer &answer)
{
    SignalsCancel cancelOnSignals;
    QEventLoop loop;
    QObject::connect(&job, &workflows::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&job, &workflows::Job::secretRequested, &loop,
                     [&job, &answer](const workflows::SecretRequest &request) {
                         if (!answer) {
                             job.declineSecret(Error(ErrorCode::InvalidArgument,
                                                     QStringLiteral("a secret is needed and none can be asked for")));
                             return;
                         }
                         auto secret = answer(request);
                         if (secret)
                             job.provideSecret(std::move(secret).value());
                         else
                             job.declineSecret(secret.error());
                     });
    // A signal handler may only set a flag; the loop looks at it.
    QTimer watcher;
    QObject::connect(&watcher, &QTimer::timeout, &job, [&job] {
        if (g_signal.load() != 0)
            job.cancel();
    });
    watcher.start(50);
    if (!job.start())
        return Error(ErrorCode::Internal, QStringLiteral("job started twice"));
    loop.exec();
    return job.error();
}

} // namespace sohoa::cli
