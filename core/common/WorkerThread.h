#pragma once

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace sohoa {

// One long-lived thread that runs submitted tasks in order. Everything that talks to SANE runs on
// such a thread, made BEFORE the first SANE call it serves: backends built on sanei_thread cancel
// their reader threads asynchronously, and a thread cancelled inside libc can leave the dynamic
// loader's lock taken, so that a later pthread_create waits forever (seen with the `test` backend
// and a lazily started QThreadPool). Creating threads up front and keeping them keeps us out of
// that trap even where a backend escapes the process-wide deferred cancellation (SaneRuntime.cpp).
class WorkerThread
{
public:
    explicit WorkerThread(QString name = {});
    // Runs what was already submitted, then ends the thread.
    ~WorkerThread();
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    template <typename F> auto submit(F &&work) -> std::future<std::invoke_result_t<F>>
    {
        using R = std::invoke_result_t<F>;
        auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(work));
        std::future<R> result = task->get_future();
        post([task] { (*task)(); });
        return result;
    }
    // Runs work on this thread and waits for it (or runs it at once when called on this thread).
    template <typename F> auto run(F &&work) -> std::invoke_result_t<F>
    {
        if (isCurrentThread())
            return work();
        return submit(std::forward<F>(work)).get();
    }

    bool isCurrentThread() const;

private:
    void post(std::function<void()> task);
    void loop();

    QString m_name;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_done = false;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace sohoa
