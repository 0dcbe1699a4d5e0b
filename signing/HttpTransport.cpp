#include "signing/HttpTransport_p.h"

#include <QDeadlineTimer>
#include <QList>
#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

#include <limits>
#include <memory>

namespace sohoa::signing::detail {

namespace {

int remaining(const QDeadlineTimer &deadline)
{
    return int(qBound<qint64>(0, deadline.remainingTime(), qint64(std::numeric_limits<int>::max())));
}

// Chunked transfer coding (RFC 9112 7.1): true once the last chunk has arrived.
bool decodeChunked(const QByteArray &in, QByteArray &out)
{
    out.clear();
    qsizetype pos = 0;
    for (;;) {
        const qsizetype eol = in.indexOf("\r\n", pos);
        if (eol < 0)
            return false;
        QByteArray sizeField = in.mid(pos, eol - pos);
        const qsizetype ext = sizeField.indexOf(';');
        if (ext >= 0)
            sizeField.truncate(ext);
        bool ok = false;
        const qsizetype size = sizeField.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return false;
        if (size == 0)
            return true; // trailers, if any, are not needed
        if (in.size() < eol + 2 + size + 2)
            return false;
        out += in.mid(eol + 2, size);
        pos = eol + 2 + size + 2;
    }
}

struct Exchange
{
    const HttpRequest &request;
    QUrl url;
    QByteArray method;
    QDeadlineTimer deadline;

    QString where() const { return url.toString(QUrl::RemoveUserInfo); }
    Error failed(const QString &why) const { return Error(request.failureCode, where() + u": " + why); }
};

Result<std::unique_ptr<QTcpSocket>> connectTo(const Exchange &x)
{
    if (x.url.scheme() == u"https") {
#if QT_CONFIG(ssl)
        if (!QSslSocket::supportsSsl())
            return x.failed(QStringLiteral("TLS is not available"));
        auto ssl = std::make_unique<QSslSocket>();
        ssl->connectToHostEncrypted(x.url.host(), quint16(x.url.port(443)));
        if (!ssl->waitForEncrypted(remaining(x.deadline)))
            return x.failed(ssl->errorString());
        return Result<std::unique_ptr<QTcpSocket>>(std::unique_ptr<QTcpSocket>(std::move(ssl)));
#else
        return x.failed(QStringLiteral("https is not supported by this build"));
#endif
    }
    if (x.url.scheme() != u"http")
        return x.failed(QStringLiteral("only http and https are supported"));
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(x.url.host(), quint16(x.url.port(80)));
    if (!socket->waitForConnected(remaining(x.deadline)))
        return x.failed(socket->errorString());
    return Result<std::unique_ptr<QTcpSocket>>(std::move(socket));
}

QByteArray requestHead(const Exchange &x)
{
    const QUrl &url = x.url;
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = QByteArrayLiteral("/");
    if (url.hasQuery())
        path += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    QByteArray head = x.method + ' ' + path + QByteArrayLiteral(" HTTP/1.1\r\nHost: ") + host +
                      QByteArrayLiteral("\r\nConnection: close\r\n");
    if (!x.request.accept.isEmpty())
        head += QByteArrayLiteral("Accept: ") + x.request.accept + QByteArrayLiteral("\r\n");
    if (x.method == "POST")
        head += QByteArrayLiteral("Content-Type: ") + x.request.contentType +
                QByteArrayLiteral("\r\nContent-Length: ") + QByteArray::number(x.request.body.size()) +
                QByteArrayLiteral("\r\n");
    if (!url.userName().isEmpty()) {
        const QByteArray credentials =
            (url.userName(QUrl::FullyDecoded) + u':' + url.password(QUrl::FullyDecoded)).toUtf8().toBase64();
        head += QByteArrayLiteral("Authorization: Basic ") + credentials + QByteArrayLiteral("\r\n");
    }
    return head + QByteArrayLiteral("\r\n");
}

struct Head
{
    qsizetype contentLength = -1;
    bool chunked = false;
    QByteArray location;
};

bool parseHead(const QByteArray &headText, HttpResponse &response, Head &head)
{
    const QList<QByteArray> lines = headText.split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    bool ok = false;
    response.status = statusLine.value(1).toInt(&ok);
    if (!statusLine.value(0).startsWith("HTTP/") || !ok)
        return false;
    response.reason = statusLine.mid(2).join(' ');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed().toLower();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        if (name == "content-length")
            head.contentLength = value.toLongLong();
        else if (name == "transfer-encoding")
            head.chunked = value.toLower().contains("chunked");
        else if (name == "content-type")
            response.contentType = value;
        else if (name == "location")
            head.location = value;
    }
    return true;
}

Result<HttpResponse> readResponse(const Exchange &x, QTcpSocket &socket, Head &head)
{
    QByteArray buffer;
    qsizetype headerEnd = -1;
    HttpResponse response;
    response.url = x.url;
    for (;;) {
        buffer += socket.readAll();
        if (buffer.size() > x.request.maxResponseBytes)
            return x.failed(u"response larger than " + QString::number(x.request.maxResponseBytes) + u" bytes");
        if (headerEnd < 0) {
            headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd >= 0 && !parseHead(buffer.left(headerEnd), response, head))
                return x.failed(QStringLiteral("not an HTTP response"));
        }
        if (headerEnd >= 0) {
            const QByteArray raw = buffer.mid(headerEnd + 4);
            if (head.chunked) {
                if (decodeChunked(raw, response.body))
                    return response;
            } else if (head.contentLength >= 0 && raw.size() >= head.contentLength) {
                response.body = raw.left(head.contentLength);
                return response;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            if (headerEnd >= 0 && !head.chunked && head.contentLength < 0) {
                response.body = buffer.mid(headerEnd + 4); // delimited by the connection closing
                return response;
            }
            return x.failed(QStringLiteral("connection closed before the whole response arrived"));
        }
        const bool timedOut = x.deadline.hasExpired() || (!socket.waitForReadyRead(remaining(x.deadline)) &&
                                                          socket.error() == QAbstractSocket::SocketTimeoutError);
        if (timedOut)
            return x.failed(u"no complete response within " + QString::number(x.request.timeoutMs) + u" ms");
        if (socket.error() != QAbstractSocket::UnknownSocketError &&
            socket.error() != QAbstractSocket::RemoteHostClosedError &&
            socket.state() == QAbstractSocket::ConnectedState)
            return x.failed(socket.errorString());
    }
}

Result<HttpResponse> exchangeOnce(const Exchange &x, Head &head)
{
    Result<std::unique_ptr<QTcpSocket>> socket = connectTo(x);
    if (!socket)
        return socket.error();
    QTcpSocket &s = *socket.value();
    s.write(requestHead(x) + (x.method == "POST" ? x.request.body : QByteArray()));
    while (s.bytesToWrite() > 0) {
        if (!s.waitForBytesWritten(remaining(x.deadline)))
            return x.failed(u"sending the request: " + s.errorString());
    }
    return readResponse(x, s, head);
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

Result<HttpResponse> httpPost(const HttpRequest &request)
{
    Exchange x{request, request.url, QByteArrayLiteral("POST"), QDeadlineTimer(request.timeoutMs)};
    Head head;
    return exchangeOnce(x, head);
}

Result<HttpResponse> httpGet(const HttpRequest &request)
{
    Exchange x{request, request.url, QByteArrayLiteral("GET"), QDeadlineTimer(request.timeoutMs)};
    for (int redirects = 0;; ++redirects) {
        Head head;
        Result<HttpResponse> response = exchangeOnce(x, head);
        if (!response || !isRedirect(response->status) || head.location.isEmpty())
            return response;
        if (redirects == request.maxRedirects)
            return x.failed(u"redirected more than " + QString::number(request.maxRedirects) + u" times");
        const QUrl next = x.url.resolved(QUrl::fromEncoded(head.location));
        if (next.scheme() != u"http" && next.scheme() != u"https")
            return x.failed(u"redirected to an unsupported location " + next.toString(QUrl::RemoveUserInfo));
        x.url = next;
    }
}

} // namespace sohoa::signing::detail
