#pragma once

// Private to sohoa_workflows: page work spread over the machine's cores (cleanup, OCR).

#include <QThread>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace sohoa::workflows::detail {

// Hands out the items 0..count-1, each once, to whichever thread asks next.
class ItemCounter
{
public:
    explicit ItemCounter(int count) : m_count(count) {}
    // The next item, or -1 when every item has been handed out.
    int next()
    {
        const int i = m_next++;
        return i < m_count ? i : -1;
    }

private:
    const int m_count;
    std::atomic<int> m_next{0};
};

// Runs `worker` on one thread per core (this thread being one of them, and never more threads than
// items) and returns when every one has returned. Each worker takes its items from the shared
// counter; what it keeps per thread (a recognizer, a database connection) lives in the worker.
inline void onEveryCore(int count, const std::function<void(ItemCounter &)> &worker)
{
    ItemCounter items(count);
    const int threads = std::clamp(QThread::idealThreadCount(), 1, std::max(1, count));
    std::vector<std::thread> pool;
    pool.reserve(size_t(threads - 1));
    for (int t = 1; t < threads; ++t)
        pool.emplace_back([&] { worker(items); });
    worker(items);
    for (std::thread &t : pool)
        t.join();
}

} // namespace sohoa::workflows::detail
