#pragma once

// Private to signing/: the checks TimestampClient applies to a TSA's reply, apart from the HTTP
// exchange, so that the parsing of bytes from the network can be tested and fuzzed on its own.

#include "core/common/Result.h"
#include "signing/SigningKey.h"

#include <QByteArray>
#include <QString>

namespace sohoa::signing::detail {

// Reads `respDer` (a DER TimeStampResp) as the answer to a request with `nonce` (the big-endian bytes of
// the positive INTEGER sent) for `digest` made with `hash`: status granted, same nonce, same imprint.
// Returns the TimeStampToken exactly as sent. TimestampFailed with a detail that starts with `where` (the
// TSA's URL); `contentType` (as the server labelled the reply) only goes into that detail.
Result<QByteArray> tokenFromTimestampResponse(const QByteArray &respDer, const QByteArray &nonce,
                                              const QByteArray &digest, HashAlgorithm hash, const QString &where,
                                              const QByteArray &contentType);

} // namespace sohoa::signing::detail
