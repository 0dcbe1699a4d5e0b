#include "upload/HttpClient.h"

#include "core/common/Sha256.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QIODevice>
#include <QNetworkProxy>
#include <QSslKey>
#include <QSslSocket>

#include <algorithm>

namespace sohoa::upload {

namespace {

constexpr int kSliceMs = 100;                 // a blocking wait's step, so that cancel and timeouts are seen
constexpr qint64 kBodyChunk = 256 * 1024;   // read from disk per write
constexpr qint64 kMaxUnsent = 1024 * 1024;  // written to the socket and not yet taken by the kernel
constexpr qint64 kMaxBodyKept = 64 * 1024;    // of an answer's body, for its error text
constexpr qint64 kMaxHeaderBytes = 64 * 1024; // an answer's head larger than this is not HTTP we speak

QByteArray hostHeader(const QUrl &url)
{
    const bool tls = url.scheme() == u"https";
    const int port = url.port(tls ? 443 : 80);
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (port != (tls ? 443 : 80))
        host += ':' + QByteArray::number(port);
    return host;
}

} // namespace

QByteArray HttpClient::Reply::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerCaseName)
            return value;
    return {};
}

struct HttpClient::Private
{
    QSslConfiguration ssl;
    QByteArray authorization;
    QByteArray pin;
    std::unique_ptr<QSslSocket> socket;
    QString host;
    int port = 0;
    bool tls = false;

    // Progress of the current request, for its timeout.
    QElapsedTimer sinceProgress;
    int timeoutMs = 60000;
    WorkControl *control = nullptr;

    void drop()
    {
        if (socket) {
            socket->abort();
            socket.reset();
        }
    }
    // Whether waiting may go on; sets the reply's failure when not.
    bool keepWaiting(Reply &reply)
    {
        if (cancelRequested(control)) {
            reply.failure = Failure::Cancelled;
            reply.errorText = QStringLiteral("cancelled");
            return false;
        }
        if (sinceProgress.elapsed() > timeoutMs) {
            reply.failure = Failure::Timeout;
            reply.errorText = QStringLiteral("no answer for %1 s").arg(timeoutMs / 1000);
            return false;
        }
        return true;
    }
    bool pinHolds() const
    {
        if (pin.isEmpty())
            return true;
        const QByteArray digest =
            QCryptographicHash::hash(socket->peerCertificate().publicKey().toDer(), QCryptographicHash::Sha256);
        return "sha256//" + digest.toBase64() == pin;
    }
    // More bytes from the socket onto `buffer` (waiting a slice for them); false at the end of the
    // connection, or when waiting may not go on (the reply says why).
    bool readMore(QByteArray &buffer, Reply &reply)
    {
        if (socket->bytesAvailable() == 0) {
            if (socket->state() != QAbstractSocket::ConnectedState || !keepWaiting(reply))
                return false;
            socket->waitForReadyRead(kSliceMs);
        }
        const QByteArray more = socket->readAll();
        if (!more.isEmpty()) {
            sinceProgress.restart();
            buffer += more;
        }
        return true;
    }
    bool connectTo(const QUrl &url, Reply &reply);
    bool writeAll(const char *data, qint64 size, Reply &reply);
    bool readHead(QByteArray &buffer, Reply &reply, bool *closeAfter);
    bool readBody(QByteArray &buffer, const Request &request, Reply &reply, bool *closeAfter);
};

bool HttpClient::Private::connectTo(const QUrl &url, Reply &reply)
{
    const bool wantTls = url.scheme() == u"https";
    const QString wantHost = url.host();
    const int wantPort = url.port(wantTls ? 443 : 80);
    if (socket && socket->state() == QAbstractSocket::ConnectedState && host == wantHost && port == wantPort &&
        tls == wantTls) {
        // A connection kept open: the server may have closed it while idle (keep-alive timeout); that
        // is seen now, before a byte of the request is written, and a fresh one is made.
        socket->waitForReadyRead(0);
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0)
            return true;
    }
    drop();
    host = wantHost;
    port = wantPort;
    tls = wantTls;
    socket = std::make_unique<QSslSocket>();
    socket->setProxy(QNetworkProxy::NoProxy);
    if (tls) {
        socket->setSslConfiguration(ssl);
        socket->connectToHostEncrypted(host, quint16(port));
    } else {
        socket->connectToHost(host, quint16(port));
    }
    for (;;) {
        const bool ready = tls ? socket->isEncrypted() : socket->state() == QAbstractSocket::ConnectedState;
        if (ready)
            break;
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            const bool handshake = tls && (socket->error() == QAbstractSocket::SslHandshakeFailedError ||
                                           !socket->sslHandshakeErrors().isEmpty());
            reply.failure = handshake ? Failure::Tls : Failure::Connect;
            QStringList why{socket->errorString()};
            for (const QSslError &e : socket->sslHandshakeErrors())
                why.append(e.errorString());
            reply.errorText = why.join(QStringLiteral("; "));
            drop();
            return false;
        }
        if (!keepWaiting(reply)) {
            if (reply.failure == Failure::Timeout)
                reply.failure = Failure::Connect;
            drop();
            return false;
        }
        if (tls)
            socket->waitForEncrypted(kSliceMs);
        else
            socket->waitForConnected(kSliceMs);
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (tls && !pinHolds()) {
        reply.failure = Failure::PinMismatch;
        reply.errorText = QStringLiteral("the server's key is not the pinned one");
        drop();
        return false;
    }
    return true;
}

bool HttpClient::Private::writeAll(const char *data, qint64 size, Reply &reply)
{
    if (size > 0 && socket->write(data, size) != size) {
        reply.failure = Failure::Closed;
        reply.errorText = socket->errorString();
        return false;
    }
    socket->flush(); // to the kernel now, while the next piece is read from disk
    // Let the kernel take most of it before more is read from disk (memory stays flat).
    while (socket->bytesToWrite() > kMaxUnsent) {
        if (socket->bytesAvailable() > 0)
            return true; // the server answered before the body was whole: the caller stops sending
        const qint64 before = socket->bytesToWrite();
        if (!keepWaiting(reply))
            return false;
        socket->waitForBytesWritten(kSliceMs);
        if (socket->state() != QAbstractSocket::ConnectedState) {
            reply.failure = Failure::Closed;
            reply.errorText = QStringLiteral("the server closed the connection after %1 bytes of the body (%2)")
                                  .arg(reply.bodyBytesSent)
                                  .arg(socket->errorString());
            return false;
        }
        if (socket->bytesToWrite() < before)
            sinceProgress.restart();
    }
    return true;
}

bool HttpClient::Private::readHead(QByteArray &buffer, Reply &reply, bool *closeAfter)
{
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            buffer.remove(0, end + 4);
            const QList<QByteArray> status = lines.first().trimmed().split(' ');
            bool ok = false;
            reply.status = status.value(1).toInt(&ok);
            if (!status.first().startsWith("HTTP/1.") || !ok) {
                reply.failure = Failure::Protocol;
                reply.errorText = QStringLiteral("not an HTTP answer: %1").arg(QString::fromLatin1(lines.first().left(80)));
                return false;
            }
            reply.headers.clear();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    reply.headers.append({lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed()});
            }
            const QByteArray connection = reply.header("connection").toLower();
            if (connection.contains("close") || (status.first() == "HTTP/1.0" && !connection.contains("keep-alive")))
                *closeAfter = true;
            if (reply.status >= 100 && reply.status < 200)
                continue; // 100 Continue and the like: the real answer follows
            return true;
        }
        if (buffer.size() > kMaxHeaderBytes) {
            reply.failure = Failure::Protocol;
            reply.errorText = QStringLiteral("an answer's head larger than %1 bytes").arg(kMaxHeaderBytes);
            return false;
        }
        if (!readMore(buffer, reply)) {
            if (reply.failure == Failure::None) {
                reply.failure = Failure::Closed;
                reply.errorText = QStringLiteral("the server closed the connection without answering (%1)")
                                      .arg(socket->errorString());
            }
            return false;
        }
    }
}

bool HttpClient::Private::readBody(QByteArray &buffer, const Request &request, Reply &reply, bool *closeAfter)
{
    Sha256 hash;
    const auto take = [&](const QByteArray &bytes) {
        if (request.hashAnswer)
            hash.addData(bytes);
        else if (reply.body.size() < kMaxBodyKept)
            reply.body += bytes.left(kMaxBodyKept - reply.body.size());
    };
    const auto fill = [&] { return readMore(buffer, reply); };
    const auto closedEarly = [&] {
        if (reply.failure == Failure::None) {
            reply.failure = Failure::Closed;
            reply.errorText = QStringLiteral("the server closed the connection in the middle of its answer");
        }
        return false;
    };
    const bool noBody = request.method == "HEAD" || reply.status == 204 || reply.status == 304;
    const bool chunked = reply.header("transfer-encoding").toLower().contains("chunked");
    bool haveLength = false;
    const qint64 length = reply.header("content-length").toLongLong(&haveLength);
    if (noBody) {
        // nothing
    } else if (chunked) {
        for (;;) {
            qsizetype eol;
            while ((eol = buffer.indexOf("\r\n")) < 0)
                if (!fill())
                    return closedEarly();
            bool ok = false;
            const qint64 size = buffer.left(eol).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                reply.failure = Failure::Protocol;
                reply.errorText = QStringLiteral("a chunked answer that does not parse");
                return false;
            }
            buffer.remove(0, eol + 2);
            if (size == 0) {
                // Trailers, up to the empty line.
                while (buffer.indexOf("\r\n") != 0) {
                    const qsizetype trailerEnd = buffer.indexOf("\r\n");
                    if (trailerEnd > 0) {
                        buffer.remove(0, trailerEnd + 2);
                        continue;
                    }
                    if (!fill())
                        return closedEarly();
                }
                buffer.remove(0, 2);
                break;
            }
            while (buffer.size() < size + 2)
                if (!fill())
                    return closedEarly();
            take(buffer.left(size));
            buffer.remove(0, size + 2);
        }
    } else if (haveLength) {
        qint64 left = length;
        for (;;) {
            const qint64 n = std::min<qint64>(left, buffer.size());
            take(buffer.left(n));
            buffer.remove(0, n);
            left -= n;
            if (left == 0)
                break;
            if (!fill())
                return closedEarly();
        }
    } else {
        // Delimited by the end of the connection.
        *closeAfter = true;
        for (;;) {
            take(buffer);
            buffer.clear();
            if (!fill())
                break;
        }
        if (reply.failure == Failure::Cancelled || reply.failure == Failure::Timeout)
            return false;
    }
    if (request.hashAnswer)
        reply.sha256 = hash.hexResult();
    return true;
}

HttpClient::HttpClient(const QSslConfiguration &ssl, const QByteArray &authorization, const QByteArray &pin)
    : d(new Private)
{
    d->ssl = ssl;
    d->authorization = authorization;
    d->pin = pin;
}

HttpClient::~HttpClient()
{
    d->authorization.fill('\0');
    d->drop();
}

HttpClient::Reply HttpClient::send(const Request &request, WorkControl *control)
{
    Reply reply;
    d->control = control;
    d->timeoutMs = request.timeoutMs;
    d->sinceProgress.start();
    if (!d->connectTo(request.url, reply))
        return reply;

    QByteArray target = request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!target.startsWith('/'))
        target.prepend('/');
    QByteArray head = request.method + ' ' + target + " HTTP/1.1\r\nHost: " + hostHeader(request.url) +
                      "\r\nUser-Agent: SoHoa\r\n";
    if (!d->authorization.isEmpty())
        head += "Authorization: " + d->authorization + "\r\n";
    for (const auto &[name, value] : request.headers)
        head += name + ": " + value + "\r\n";
    const qint64 contentLength = request.bodyPrefix.size() + (request.body ? request.bodySize : 0) + request.bodySuffix.size();
    if (contentLength > 0 || request.method == "PUT" || request.method == "POST")
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    head += "\r\n";
    bool closeAfter = false;
    const auto failed = [&] {
        d->drop();
        head.fill('\0'); // it holds the credentials
        return reply;
    };
    if (!d->writeAll(head.constData(), head.size(), reply))
        return failed();
    head.fill('\0');
    if (!d->writeAll(request.bodyPrefix.constData(), request.bodyPrefix.size(), reply))
        return failed();
    bool answeredEarly = false;
    if (request.body) {
        QByteArray chunk(kBodyChunk, Qt::Uninitialized);
        qint64 left = request.bodySize;
        while (left > 0) {
            if (!d->keepWaiting(reply))
                return failed();
            // A server that answers before the body is whole (401, 413) will not read the rest.
            if (d->socket->bytesAvailable() > 0 || d->socket->state() != QAbstractSocket::ConnectedState) {
                answeredEarly = true;
                break;
            }
            const qint64 n = request.body->read(chunk.data(), std::min<qint64>(chunk.size(), left));
            if (n <= 0) {
                // The file changed or cannot be read: the request is cut off here, so the server never
                // holds a whole body.
                reply.failure = Failure::BodyRead;
                reply.errorText = request.body->errorString();
                return failed();
            }
            if (!d->writeAll(chunk.constData(), n, reply))
                return failed();
            left -= n;
            reply.bodyBytesSent += n;
            d->sinceProgress.restart();
        }
    }
    if (!answeredEarly && !d->writeAll(request.bodySuffix.constData(), request.bodySuffix.size(), reply))
        return failed();
    while (!answeredEarly && d->socket->bytesToWrite() > 0 && d->socket->state() == QAbstractSocket::ConnectedState) {
        if (!d->keepWaiting(reply))
            return failed();
        if (d->socket->waitForBytesWritten(kSliceMs))
            d->sinceProgress.restart();
    }
    QByteArray buffer;
    if (!d->readHead(buffer, reply, &closeAfter))
        return failed();
    if (!d->readBody(buffer, request, reply, &closeAfter))
        return failed();
    if (closeAfter || answeredEarly || !buffer.isEmpty())
        d->drop();
    return reply;
}

} // namespace sohoa::upload
