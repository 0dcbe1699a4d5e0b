#pragma once

#include "core/common/Error.h"
#include "core/common/SecureBuffer.h"
#include "core/common/WorkControl.h"
#include "upload/UploadTarget.h"

#include <QString>

namespace sohoa::upload {

struct DeliveryRequest
{
    QString localPath;
    QString sha256; // of the file when it was queued: a file that changed since is not sent
    qint64 size = 0;
    QString remoteName; // relative to the target's location, '/'-separated
    QString idempotencyKey;
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

// Delivers one file, blocking, on the calling (worker) thread; create-only and checked:
// - folder: copied under a temporary name, fsynced, renamed without replacing anything;
// - WebDAV: the missing collections made (MKCOL), the remote name looked at first (HEAD; a file of the
//   same size is read back and compared by SHA-256, since nginx ignores If-None-Match), then PUT with
//   If-None-Match: * streamed from disk, then HEAD again for the size;
// A file already at its place with the same content counts as delivered (alreadyThere): a delivery
// interrupted after the server stored the file is not sent twice. `control` may cancel (Cancelled).
DeliveryResult deliver(const TargetConfig &target, const SecureBuffer &secret, const DeliveryRequest &request,
                       const WorkControl *control = nullptr);

} // namespace sohoa::upload
