#pragma once

#include "core/common/Error.h"
#include "core/common/SecureBuffer.h"
#include "core/common/WorkControl.h"
#include "upload/UploadTarget.h"

#include <QSet>
#include <QString>

#include <memory>
#include <mutex>

namespace sohoa::upload {

struct DeliveryRequest
{
    QString localPath;
    QString sha256; // of the file when it was queued: a file that changed since is not sent
    qint64 size = 0;
    QString remoteName; // relative to the target's location, '/'-separated
    QString idempotencyKey;
    QString dossierCode; // empty for a file of no dossier
    int timeoutMs = 60000; // without progress
};

struct DeliveryResult
{
    Error error;              // None when the file is there, whole
    bool alreadyThere = false; // found complete at its place (an earlier attempt got through)
    QString remoteUrl;        // where it is (a URL, or the folder's path)
    int retryAfterSeconds = 0; // the server's Retry-After, for a busy server
};

// Whether an error is worth another attempt later (a network fault, a busy server) rather than a
// person's attention (credentials, a refusal, a TLS failure, a different file in the way).
bool isTransient(ErrorCode code);

// A bandwidth limit shared by the transfers to one target (they may run on several threads).
class RateLimit
{
public:
    explicit RateLimit(qint64 bytesPerSecond);
    ~RateLimit();
    RateLimit(const RateLimit &) = delete;
    RateLimit &operator=(const RateLimit &) = delete;

    // How many of `wanted` bytes may go now, after waiting (at most a second) for the pace to allow
    // some; at least one.
    qint64 take(qint64 wanted);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// What the couriers of one target share across threads during a run: the bandwidth limit, and the
// collections known to exist (made one at a time: two MKCOLs of one collection at once make some
// servers answer 403 to the second).
struct CourierShare
{
    explicit CourierShare(qint64 bytesPerSecond) : limit(bytesPerSecond) {}
    RateLimit limit;
    std::mutex collectionsMutex;
    QSet<QString> collections;
};

// Delivers files to one target, blocking, on the calling (worker) thread; create-only and checked:
// - folder: copied under a temporary name, fsynced, renamed without replacing anything;
// - WebDAV: the missing collections made (MKCOL, once per run), the remote name looked at first
//   (HEAD; a file of the same size is read back and compared by SHA-256, since nginx ignores
//   If-None-Match), then PUT with If-None-Match: * streamed from disk, then HEAD again for the size;
// - HTTP POST: multipart/form-data with an Idempotency-Key that is the same for every attempt.
// The file is hashed while it is sent: one that no longer matches its queued SHA-256 is cut off
// before its last byte, so no server ever holds it whole (UploadFileChanged).
// A file already at its place with the same content counts as delivered (alreadyThere): a delivery
// interrupted after the server stored the file is not sent twice. A courier keeps its connections
// open between deliveries (keep-alive); make one per worker thread and keep it for the run.
// `control` may cancel (Cancelled) and hears the bytes sent as progress.
class Courier
{
public:
    Courier(const TargetConfig &target, const SecureBuffer &secret, std::shared_ptr<CourierShare> share = {});
    ~Courier();
    Courier(const Courier &) = delete;
    Courier &operator=(const Courier &) = delete;

    DeliveryResult deliver(const DeliveryRequest &request, WorkControl *control = nullptr);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// One delivery through a courier of its own.
DeliveryResult deliver(const TargetConfig &target, const SecureBuffer &secret, const DeliveryRequest &request,
                       WorkControl *control = nullptr);

} // namespace sohoa::upload
