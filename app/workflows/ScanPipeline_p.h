#pragma once

// Private to sohoa_workflows: the stages of a scan batch (ScanBatchJob) and the queues between them.

#include "core/barcode/Separation.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/ScannedPage.h"
#include "core/imaging/PageEncoder.h"

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <optional>

namespace sohoa::workflows::detail {

// Between stages at most this many pages wait: with 300 dpi A4 colour (26 MB a raw page) this
// bounds the pipeline's memory while still letting the scanner run ahead of the encoder.
constexpr size_t kQueueCapacity = 2;

template <typename T> class BoundedQueue
{
public:
    // Blocks while the queue is full. Returns false if the consumer has stopped.
    bool push(T &&item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < kQueueCapacity || m_consumerStopped; });
        if (m_consumerStopped)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }

    // Blocks until an item arrives; nullopt once the producer is done and the queue is empty.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_producerDone; });
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }

    void producerDone()
    {
        std::lock_guard lock(m_mutex);
        m_producerDone = true;
        m_notEmpty.notify_all();
    }

    void consumerStopped()
    {
        std::lock_guard lock(m_mutex);
        m_consumerStopped = true;
        m_items.clear();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<T> m_items;
    bool m_producerDone = false;
    bool m_consumerStopped = false;
};

struct AcquiredPage
{
    ScannedPage page;
    std::shared_future<SheetClass> sheet; // barcode search; invalid without separation by barcode
};

struct EncodedPage
{
    ScannedPage page; // metadata only: the pixels are dropped once encoded
    Result<EncodedImage> encoded;
    SheetClass sheet;
    QImage pixels; // kept only for cleanup (shared, not copied)
};

// A saved page on its way to cleanup, with its pixels (no need to decode the file again).
struct SavedPage
{
    PageRecord record;
    QImage pixels;
};

} // namespace sohoa::workflows::detail
