#pragma once

// Blocking HTTP/1.1 for the signing library's network clients (RFC 3161 timestamps, OCSP, CRLs). It
// runs on worker threads that have no event loop, which rules out QNetworkAccessManager; each call
// opens one connection and closes it ("Connection: close").

#include "core/common/Error.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QUrl>

namespace sohoa::signing::detail {

struct HttpRequest
{
    QUrl url;               // http://, or https:// when Qt has TLS; user info is sent as Basic authentication
    QByteArray contentType; // POST only
    QByteArray accept;
    QByteArray body;       // POST only
    int timeoutMs = 10000; // for the whole exchange, redirects included
    qsizetype maxResponseBytes = 4 * 1024 * 1024;
    int maxRedirects = 0;                        // GET only: 3xx answers followed to http(s) locations
    ErrorCode failureCode = ErrorCode::Internal; // the code of every error returned
};

struct HttpResponse
{
    int status = 0;
    QByteArray reason;
    QByteArray contentType;
    QByteArray body;
    QUrl url; // where the body came from, after redirects
};

// Any HTTP status is a response; errors are for what prevents one (connection, timeout, size, a
// malformed answer, too many redirects). Details start with the URL.
Result<HttpResponse> httpPost(const HttpRequest &request);
Result<HttpResponse> httpGet(const HttpRequest &request);

} // namespace sohoa::signing::detail
