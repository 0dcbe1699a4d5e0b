#pragma once

#include "core/common/WorkControl.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <memory>

class QIODevice;
class QSslSocket;

namespace sohoa::upload {

// A blocking HTTP/1.1 client for one worker thread, over QSslSocket (QtNetwork), keeping its
// connection open from one request to the next. Delivery has it instead of QNetworkAccessManager
// because the latter sends a request body in 16 KB pieces handed between two threads and without
// TCP_NODELAY, so that Nagle's algorithm and the server's delayed ACK cost about 40 ms per file
// (measured: 30 against 100 files of 1 MB per second to nginx on loopback). Here the body goes out in
// large writes on a socket with LowDelayOption, is read from disk only as fast as the socket takes
// it, and every byte that leaves is accounted for (no request re-sent behind the caller's back).
class HttpClient
{
public:
    // `authorization`: the Authorization header's value (empty: none). `pin`: "sha256//BASE64" of the
    // server's SubjectPublicKeyInfo, checked right after the handshake, before a request is written.
    HttpClient(const QSslConfiguration &ssl, const QByteArray &authorization, const QByteArray &pin);
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    enum class Failure
    {
        None,
        Connect,     // no connection (refused, unreachable, name not found)
        Closed,      // the server closed the connection before its whole answer
        Timeout,     // no progress for the request's timeout
        Tls,         // handshake failed: certificate not trusted, wrong name, client certificate refused
        PinMismatch, // the handshake succeeded but the server's key is not the pinned one
        BodyRead,    // the body device could not be read (the file changed or vanished)
        Cancelled,
        Protocol // an answer that is not HTTP/1.x
    };

    struct Request
    {
        QByteArray method;
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray bodyPrefix; // sent before the device's bytes (a multipart form's fields)
        QIODevice *body = nullptr;
        qint64 bodySize = 0; // bytes to read from `body`
        QByteArray bodySuffix;
        bool hashAnswer = false; // SHA-256 of the answer's body, instead of keeping it
        int timeoutMs = 60000;   // without progress
    };

    struct Reply
    {
        int status = 0;
        Failure failure = Failure::None;
        QString errorText;
        QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
        QByteArray body;                             // the first 64 KB, unless hashed
        QString sha256;                              // with hashAnswer
        qint64 bodyBytesSent = 0;

        QByteArray header(const QByteArray &lowerCaseName) const;
    };

    Reply send(const Request &request, WorkControl *control);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa::upload
