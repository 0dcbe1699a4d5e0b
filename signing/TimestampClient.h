#pragma once

#include "signing/SigningKey.h"

#include <QByteArray>
#include <QUrl>

namespace sohoa::signing {

// RFC 3161 over HTTP. Blocking, with no event loop: call it from a worker thread.
class TimestampClient
{
public:
    // Asks `tsaUrl` (http://, or https:// when Qt has TLS) to stamp hash(dataToStamp) with a
    // random nonce and certReq, and checks the reply: status granted, same nonce, same imprint.
    // Returns the TimeStampToken (DER ContentInfo) exactly as the TSA sent it. User info in the
    // URL is sent as HTTP Basic authentication. TimestampFailed with a detail on any failure
    // (connection, timeout, HTTP status, PKIStatus text).
    static Result<QByteArray> requestToken(const QUrl &tsaUrl, const QByteArray &dataToStamp, HashAlgorithm hash,
                                           int timeoutMs = 15000);
    // The same for data already hashed with `hash` (a PDF's /ByteRange digest, say): `digest` is the
    // message imprint sent and checked in the reply.
    static Result<QByteArray> requestTokenForDigest(const QUrl &tsaUrl, const QByteArray &digest, HashAlgorithm hash,
                                                    int timeoutMs = 15000);
};

} // namespace sohoa::signing
