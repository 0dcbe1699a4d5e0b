#include "upload/Delivery.h"

#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace sohoa::upload {

namespace {

constexpr qint64 kChunk = 1 << 20;

Error fileChanged(const DeliveryRequest &r)
{
    return Error(ErrorCode::UploadFileChanged, r.localPath);
}

// The file is still what was queued (size first: cheap).
Result<void> checkUnchanged(const DeliveryRequest &r)
{
    qint64 size = 0;
    auto digest = sha256HexOfFile(r.localPath, &size);
    if (!digest)
        return digest.error();
    if (size != r.size || digest.value() != r.sha256)
        return fileChanged(r);
    return {};
}

// ---- Folder ----

DeliveryResult deliverToFolder(const TargetConfig &target, const DeliveryRequest &r, const WorkControl *control)
{
    DeliveryResult out;
    const QString dest = QDir(target.location).filePath(r.remoteName);
    out.remoteUrl = dest;
    if (QFileInfo::exists(dest)) {
        auto there = sha256HexOfFile(dest);
        if (there && there.value() == r.sha256) {
            out.alreadyThere = true;
            return out;
        }
        out.error = Error(ErrorCode::RemoteFileDiffers, dest);
        return out;
    }
    if (auto made = makeDirectoryDurably(QFileInfo(dest).absolutePath()); !made) {
        out.error = made.error();
        return out;
    }
    QFile in(r.localPath);
    if (!in.open(QIODevice::ReadOnly)) {
        out.error = Error(ErrorCode::FileReadFailed, r.localPath + QStringLiteral(": ") + in.errorString());
        return out;
    }
    AtomicFileWriter writer(dest);
    if (auto opened = writer.open(); !opened) {
        out.error = opened.error();
        return out;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    for (;;) {
        if (control && control->isCancelRequested()) {
            out.error = Error(ErrorCode::Cancelled, dest);
            return out; // the writer discards its temporary
        }
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0) {
            out.error = Error(ErrorCode::FileReadFailed, r.localPath + QStringLiteral(": ") + in.errorString());
            return out;
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (auto w = writer.write(buffer.constData(), n); !w) {
            out.error = w.error();
            return out;
        }
    }
    if (QString::fromLatin1(hash.result().toHex()) != r.sha256 || writer.bytesWritten() != r.size) {
        out.error = fileChanged(r);
        return out;
    }
    if (auto c = writer.commit(); !c) {
        // Another writer put a file there meanwhile: the same one is a delivery.
        auto there = sha256HexOfFile(dest);
        if (there && there.value() == r.sha256)
            out.alreadyThere = true;
        else
            out.error = QFileInfo::exists(dest) ? Error(ErrorCode::RemoteFileDiffers, dest) : c.error();
    }
    return out;
}

// ---- WebDAV ----

// The file as the PUT body, read no faster than `bytesPerSecond` (0: no limit). Qt's network stack
// reads it on this worker's own event loop, so the pauses cost the window nothing.
class ThrottledFile : public QFile
{
public:
    ThrottledFile(const QString &path, qint64 bytesPerSecond) : QFile(path), m_rate(bytesPerSecond) {}

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_rate <= 0)
            return QFile::readData(data, maxSize);
        if (!m_clock.isValid())
            m_clock.start();
        // Ahead of the allowed pace: wait until the bytes sent so far are due.
        const qint64 dueMs = m_sent * 1000 / m_rate;
        if (const qint64 ahead = dueMs - m_clock.elapsed(); ahead > 0)
            QThread::msleep(quint64(std::min<qint64>(ahead, 1000)));
        const qint64 n = QFile::readData(data, std::min<qint64>(maxSize, std::max<qint64>(1024, m_rate / 20)));
        if (n > 0)
            m_sent += n;
        return n;
    }

private:
    qint64 m_rate;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
};

class Http
{
public:
    Http(const TargetConfig &target, const SecureBuffer &secret, const WorkControl *control, int timeoutMs)
        : m_control(control), m_timeoutMs(timeoutMs)
    {
        if (!secret.isEmpty()) {
            const QByteArray s(secret.data(), qsizetype(secret.size()));
            QByteArray credentials = target.user.toUtf8();
            credentials += ':';
            credentials += s;
            m_authorization = target.user.isEmpty() ? QByteArray("Bearer " + s) : QByteArray("Basic " + credentials.toBase64());
            credentials.fill('\0');
        }
        m_ssl = QSslConfiguration::defaultConfiguration();
        if (!target.caFile.isEmpty())
            m_ssl.setCaCertificates(QSslCertificate::fromPath(target.caFile, QSsl::Pem));
    }
    ~Http() { m_authorization.fill('\0'); }

    struct Reply
    {
        int status = 0;
        QNetworkReply::NetworkError network = QNetworkReply::NoError;
        QString errorText;
        QByteArray etag;
        qint64 contentLength = -1;
        int retryAfter = 0;
        QByteArray sha256; // of the body, for GET
        bool cancelled = false;
    };

    Reply post(const QUrl &url, QHttpMultiPart *multi, const QByteArray &idempotencyKey)
    {
        QNetworkRequest request = prepare(url);
        request.setRawHeader("Idempotency-Key", idempotencyKey);
        return wait(m_nam.post(request, multi), false);
    }

    Reply send(const QByteArray &verb, const QUrl &url, QIODevice *body = nullptr, qint64 bodySize = -1,
               bool createOnly = false, bool hashBody = false)
    {
        QNetworkRequest request = prepare(url);
        if (createOnly)
            request.setRawHeader("If-None-Match", "*");
        if (body) {
            request.setHeader(QNetworkRequest::ContentLengthHeader, bodySize);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        }
        // HEAD through its own call: as a custom verb, Qt would wait for the body its Content-Length names.
        return wait(verb == "HEAD"  ? m_nam.head(request)
                    : verb == "GET" ? m_nam.get(request)
                                    : m_nam.sendCustomRequest(request, verb, body),
                    hashBody);
    }

private:
    QNetworkRequest prepare(const QUrl &url) const
    {
        QNetworkRequest request(url);
        request.setSslConfiguration(m_ssl);
        request.setTransferTimeout(m_timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!m_authorization.isEmpty())
            request.setRawHeader("Authorization", m_authorization);
        return request;
    }

    Reply wait(QNetworkReply *started, bool hashBody)
    {
        std::unique_ptr<QNetworkReply> reply(started);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QEventLoop loop;
        Reply out;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (hashBody)
            QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop,
                             [&] { hash.addData(reply->readAll()); });
        QTimer poll;
        poll.setInterval(100);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_control && m_control->isCancelRequested()) {
                out.cancelled = true;
                reply->abort();
            }
        });
        poll.start();
        if (!reply->isFinished())
            loop.exec();
        if (hashBody)
            hash.addData(reply->readAll());
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.network = reply->error();
        out.errorText = reply->errorString();
        out.etag = reply->rawHeader("ETag");
        bool ok = false;
        const qint64 length = reply->rawHeader("Content-Length").toLongLong(&ok);
        out.contentLength = ok ? length : -1;
        out.retryAfter = reply->rawHeader("Retry-After").toInt();
        out.sha256 = hash.result().toHex();
        return out;
    }

    const WorkControl *m_control;
    int m_timeoutMs;
    QNetworkAccessManager m_nam;
    QSslConfiguration m_ssl;
    QByteArray m_authorization;
};

// An HTTP answer that is not what was hoped for, as a typed error.
Error errorOf(const Http::Reply &r, const QString &what)
{
    const QString detail = QStringLiteral("%1: HTTP %2 %3").arg(what).arg(r.status).arg(r.errorText);
    if (r.cancelled)
        return Error(ErrorCode::Cancelled, what);
    if (r.status == 0) {
        switch (r.network) {
        case QNetworkReply::SslHandshakeFailedError:
            return Error(ErrorCode::UploadTlsFailed, detail);
        default:
            return Error(ErrorCode::UploadUnreachable, detail);
        }
    }
    if (r.status == 401 || r.status == 403)
        return Error(ErrorCode::UploadUnauthorized, detail);
    if (r.status == 408)
        return Error(ErrorCode::UploadUnreachable, detail);
    if (r.status == 429 || r.status >= 500)
        return Error(ErrorCode::UploadServerBusy, detail);
    return Error(ErrorCode::UploadRejected, detail);
}

DeliveryResult deliverToWebDav(const TargetConfig &target, const SecureBuffer &secret, const DeliveryRequest &r,
                               const WorkControl *control)
{
    DeliveryResult out;
    QString base = target.location;
    if (!base.endsWith(u'/'))
        base += u'/';
    const QUrl root(base);
    const QStringList parts = r.remoteName.split(u'/');
    QUrl fileUrl = root;
    fileUrl.setPath(root.path() + parts.join(u'/'));
    out.remoteUrl = fileUrl.toString();
    Http http(target, secret, control, r.timeoutMs);
    const auto fail = [&](const Http::Reply &reply, const QString &what) {
        out.error = errorOf(reply, what);
        out.retryAfterSeconds = reply.retryAfter;
        return out;
    };

    // Is it there already (an earlier attempt that got through, or another file in the way)?
    Http::Reply head = http.send("HEAD", fileUrl);
    if (head.status == 200) {
        if (head.contentLength == r.size) {
            Http::Reply get = http.send("GET", fileUrl, nullptr, -1, false, true);
            if (get.status != 200)
                return fail(get, out.remoteUrl);
            if (QString::fromLatin1(get.sha256) == r.sha256) {
                out.alreadyThere = true;
                return out;
            }
        }
        out.error = Error(ErrorCode::RemoteFileDiffers, out.remoteUrl);
        return out;
    }
    if (head.status != 404)
        return fail(head, out.remoteUrl);

    // The collections on the way, from the top (405: there already).
    QString path = root.path();
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += parts.at(i) + u'/';
        QUrl collection = root;
        collection.setPath(path);
        Http::Reply made = http.send("MKCOL", collection);
        if (made.status != 201 && made.status != 405 && made.status != 301)
            return fail(made, collection.toString());
    }

    if (auto unchanged = checkUnchanged(r); !unchanged) {
        out.error = unchanged.error();
        return out;
    }
    ThrottledFile file(r.localPath, target.limitBytesPerSecond);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = Error(ErrorCode::FileReadFailed, r.localPath + QStringLiteral(": ") + file.errorString());
        return out;
    }
    Http::Reply put = http.send("PUT", fileUrl, &file, r.size, true);
    if (put.status == 412) { // created by someone else meanwhile: the same file is a delivery
        Http::Reply get = http.send("GET", fileUrl, nullptr, -1, false, true);
        if (get.status == 200 && QString::fromLatin1(get.sha256) == r.sha256) {
            out.alreadyThere = true;
            return out;
        }
        out.error = Error(ErrorCode::RemoteFileDiffers, out.remoteUrl);
        return out;
    }
    if (put.status != 201 && put.status != 204 && put.status != 200)
        return fail(put, out.remoteUrl);
    // Confirmed by what the server now has.
    Http::Reply check = http.send("HEAD", fileUrl);
    if (check.status != 200)
        return fail(check, out.remoteUrl);
    if (check.contentLength >= 0 && check.contentLength != r.size) {
        out.error = Error(ErrorCode::UploadUnreachable,
                          QStringLiteral("%1: the server has %2 bytes of %3").arg(out.remoteUrl).arg(check.contentLength).arg(r.size));
        return out;
    }
    return out;
}

// ---- HTTP POST ----

// multipart/form-data: the file (streamed from disk), its SHA-256, the dossier code, the target's
// extra fields, and an Idempotency-Key header that stays the same for every attempt of the job, so
// that a server seeing a retried POST knows it (RFC draft "The Idempotency-Key HTTP Header Field").
DeliveryResult deliverByPost(const TargetConfig &target, const SecureBuffer &secret, const DeliveryRequest &r,
                             const WorkControl *control)
{
    DeliveryResult out;
    out.remoteUrl = target.location;
    if (auto unchanged = checkUnchanged(r); !unchanged) {
        out.error = unchanged.error();
        return out;
    }
    auto *file = new ThrottledFile(r.localPath, target.limitBytesPerSecond);
    if (!file->open(QIODevice::ReadOnly)) {
        out.error = Error(ErrorCode::FileReadFailed, r.localPath + QStringLiteral(": ") + file->errorString());
        delete file;
        return out;
    }
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    const auto field = [&](const QString &name, const QByteArray &value) {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"%1\"").arg(name));
        part.setBody(value);
        multi->append(part);
    };
    field(QStringLiteral("remote_name"), r.remoteName.toUtf8());
    field(QStringLiteral("sha256"), r.sha256.toLatin1());
    field(QStringLiteral("size"), QByteArray::number(r.size));
    for (const auto &[k, v] : target.fields)
        field(k, v.toUtf8());
    QHttpPart filePart;
    filePart.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/pdf"));
    filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"file\"; filename=\"%1\"")
                           .arg(QFileInfo(r.remoteName).fileName()));
    filePart.setBodyDevice(file);
    file->setParent(multi);
    multi->append(filePart);
    Http http(target, secret, control, r.timeoutMs);
    const Http::Reply post = http.post(QUrl(target.location), multi, r.idempotencyKey.toLatin1());
    delete multi;
    if (post.status >= 200 && post.status < 300)
        return out;
    out.error = errorOf(post, target.location);
    out.retryAfterSeconds = post.retryAfter;
    return out;
}

} // namespace

bool isTransient(ErrorCode code)
{
    return code == ErrorCode::UploadUnreachable || code == ErrorCode::UploadServerBusy;
}

DeliveryResult deliver(const TargetConfig &target, const SecureBuffer &secret, const DeliveryRequest &request,
                       const WorkControl *control)
{
    switch (target.kind) {
    case TargetKind::Folder:
        return deliverToFolder(target, request, control);
    case TargetKind::WebDav:
        return deliverToWebDav(target, secret, request, control);
    case TargetKind::HttpPost:
        break;
    }
    return deliverByPost(target, secret, request, control);
}

} // namespace sohoa::upload
