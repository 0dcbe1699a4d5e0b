#include "core/common/WorkerThread.h"

#include <pthread.h>

namespace sohoa {

WorkerThread::WorkerThread(QString name) : m_name(std::move(name)), m_thread([this] { loop(); }) {}

WorkerThread::~WorkerThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

bool WorkerThread::isCurrentThread() const
{
    return std::this_thread::get_id() == m_thread.get_id();
}

void WorkerThread::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void WorkerThread::loop()
{
    if (!m_name.isEmpty()) // visible in gdb and top; Linux allows 15 bytes
        pthread_setname_np(pthread_self(), m_name.left(15).toUtf8().constData());
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return !m_tasks.empty() || m_done; });
            if (m_tasks.empty())
                return;
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        task();
    }
}

} // namespace sohoa
