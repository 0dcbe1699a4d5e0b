#include "upload/Delivery.h"

#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "upload/HttpClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QMutex>
#include <QSslKey>
#include <QSslConfiguration>

#include <algorithm>
#include <memory>
#include <optional>

namespace sohoa::upload {

namespace {

constexpr qint64 kChunk = 1 << 20;

Error fileChanged(const DeliveryRequest &r)
{
    return Error(ErrorCode::UploadFileChanged, r.localPath);
}

// ---- Folder ----

DeliveryResult deliverToFolder(const TargetConfig &target, const DeliveryRequest &r, WorkControl *control)
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
    Sha256 hash;
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
        reportProgress(control, writer.bytesWritten(), r.size);
    }
    if (hash.hexResult() != r.sha256 || writer.bytesWritten() != r.size) {
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

// ---- Sending a file ----

// The file as a request body: read no faster than the target's limit allows, hashed on the way, and
// cut off (a read error, which makes the client abort the request) before its last bytes leave when it
// is not the file that was queued. A rewind to 0 starts the hash over.
class SendingFile : public QFile
{
public:
    SendingFile(const DeliveryRequest &request, RateLimit *limit, WorkControl *control)
        : QFile(request.localPath), m_request(request), m_limit(limit), m_control(control)
    {
    }
    // Not open(): that name would hide QFile::open(OpenMode) (clang's -Woverloaded-virtual).
    bool openForSending() { return QFile::open(QIODevice::ReadOnly | QIODevice::Unbuffered); }
    bool changed() const { return m_changed; }
    bool seek(qint64 pos) override
    {
        if (pos == 0) {
            m_hash.reset();
            m_read = 0;
        }
        return QFile::seek(pos);
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_changed)
            return -1;
        const qint64 allowed = m_limit ? m_limit->take(maxSize) : maxSize;
        const qint64 n = QFile::readData(data, allowed);
        if (n < 0)
            return n;
        m_hash.addData(QByteArrayView(data, n));
        m_read += n;
        const bool atEnd = n == 0 || m_read >= m_request.size;
        if (atEnd && (m_read != m_request.size || m_hash.hexResult() != m_request.sha256)) {
            m_changed = true;
            return -1;
        }
        reportProgress(m_control, m_read, m_request.size);
        return n;
    }

private:
    const DeliveryRequest &m_request;
    RateLimit *m_limit;
    WorkControl *m_control;
    Sha256 m_hash;
    qint64 m_read = 0;
    bool m_changed = false;
};

// ---- HTTP ----

using Reply = HttpClient::Reply;
using Failure = HttpClient::Failure;

// The target's credentials and TLS settings over one HttpClient (one connection kept open).
class Http
{
public:
    explicit Http(const TargetConfig &target, const SecureBuffer &secret)
    {
        QByteArray authorization;
        if (!secret.isEmpty()) {
            const QByteArray s(secret.data(), qsizetype(secret.size()));
            QByteArray credentials = target.user.toUtf8();
            credentials += ':';
            credentials += s;
            authorization = target.user.isEmpty() ? QByteArray("Bearer " + s) : QByteArray("Basic " + credentials.toBase64());
            credentials.fill('\0');
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!target.caFile.isEmpty())
            ssl.setCaCertificates(QSslCertificate::fromPath(target.caFile, QSsl::Pem));
        if (!target.clientCertificate.isEmpty())
            m_setupError = loadClientCertificate(target, ssl);
        m_client = std::make_unique<HttpClient>(ssl, authorization, target.pinnedKey.toLatin1());
        authorization.fill('\0');
    }

    const Error &setupError() const { return m_setupError; }

    Reply send(const QByteArray &verb, const QUrl &url, WorkControl *control, int timeoutMs, QIODevice *body = nullptr,
               qint64 bodySize = 0, bool createOnly = false, bool hashBody = false)
    {
        HttpClient::Request request;
        request.method = verb;
        request.url = url;
        request.timeoutMs = timeoutMs;
        request.hashAnswer = hashBody;
        if (createOnly)
            request.headers.append(qMakePair(QByteArray("If-None-Match"), QByteArray("*")));
        if (body) {
            request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/octet-stream")));
            request.body = body;
            request.bodySize = bodySize;
        }
        return m_client->send(request, control);
    }

    Reply send(const HttpClient::Request &request, WorkControl *control) { return m_client->send(request, control); }

private:
    static Error loadClientCertificate(const TargetConfig &target, QSslConfiguration &ssl)
    {
        auto password = readClientCertSecret(target);
        if (!password)
            return password.error();
        QFile p12(target.clientCertificate);
        if (!p12.open(QIODevice::ReadOnly))
            return Error(ErrorCode::FileReadFailed, target.clientCertificate + QStringLiteral(": ") + p12.errorString());
        QSslKey key;
        QSslCertificate certificate;
        QList<QSslCertificate> chain;
        const QByteArray passphrase(password->data(), qsizetype(password->size()));
        if (!QSslCertificate::importPkcs12(&p12, &key, &certificate, &chain, passphrase) || key.isNull())
            return Error::withHint(ErrorCode::UploadTlsFailed, "sohoa::upload",
                                   QT_TRANSLATE_NOOP("sohoa::upload",
                                                     "The client certificate %1 cannot be opened: its password is "
                                                     "wrong or it is not a PKCS#12 (.p12/.pfx) file with a key."),
                                   {target.clientCertificate});
        ssl.setPrivateKey(key);
        ssl.setLocalCertificateChain(QList<QSslCertificate>{certificate} + chain);
        return {};
    }

    std::unique_ptr<HttpClient> m_client;
    Error m_setupError;
};

int retryAfterOf(const Reply &r)
{
    return r.header("retry-after").toInt();
}

// An HTTP answer that is not what was hoped for, as a typed error.
Error errorOf(const Reply &r, const QString &what)
{
    QString detail = r.status > 0 ? QStringLiteral("%1: HTTP %2").arg(what).arg(r.status)
                                  : QStringLiteral("%1: %2").arg(what, r.errorText);
    if (r.status > 0 && !r.body.isEmpty())
        detail += QStringLiteral(" (%1)").arg(QString::fromUtf8(r.body.left(200)).simplified());
    switch (r.failure) {
    case Failure::None:
        break;
    case Failure::Cancelled:
        return Error(ErrorCode::Cancelled, what);
    case Failure::PinMismatch:
        return Error::withHint(ErrorCode::UploadTlsFailed, "sohoa::upload",
                               QT_TRANSLATE_NOOP("sohoa::upload",
                                                 "The server %1 showed a key other than the one pinned for this "
                                                 "target: nothing was sent. If the server's certificate was renewed "
                                                 "on purpose, set the new pin (target add --pin); otherwise tell the "
                                                 "administrator."),
                               {what});
    case Failure::Tls:
        return Error(ErrorCode::UploadTlsFailed, detail);
    case Failure::Protocol:
        return Error(ErrorCode::UploadRejected, detail);
    case Failure::Connect:
    case Failure::Closed:
    case Failure::Timeout:
    case Failure::BodyRead:
        return Error(ErrorCode::UploadUnreachable, detail);
    }
    if (r.status == 401 || r.status == 403)
        return Error(ErrorCode::UploadUnauthorized, detail);
    if (r.status == 408)
        return Error(ErrorCode::UploadUnreachable, detail);
    if (r.status == 429 || r.status >= 500)
        return Error(ErrorCode::UploadServerBusy, detail);
    return Error(ErrorCode::UploadRejected, detail);
}

} // namespace

struct RateLimit::Private
{
    qint64 rate;
    QMutex mutex;
    QElapsedTimer clock;
    qint64 sent = 0;
};

RateLimit::RateLimit(qint64 bytesPerSecond) : d(new Private{bytesPerSecond, {}, {}, 0})
{
    d->clock.start();
}

RateLimit::~RateLimit() = default;

qint64 RateLimit::take(qint64 wanted)
{
    if (d->rate <= 0)
        return wanted;
    // Slices of a twentieth of a second keep the pace even and let a cancel through quickly.
    const qint64 slice = std::max<qint64>(1, std::min(wanted, std::max<qint64>(1024, d->rate / 20)));
    qint64 aheadMs = 0;
    {
        QMutexLocker lock(&d->mutex);
        aheadMs = d->sent * 1000 / d->rate - d->clock.elapsed();
        d->sent += slice; // claimed now, so that another thread waits behind it
    }
    if (aheadMs > 0)
        QThread::msleep(quint64(std::min<qint64>(aheadMs, 1000)));
    return slice;
}

struct Courier::Private
{
    TargetConfig target;
    std::shared_ptr<CourierShare> share;
    std::unique_ptr<Http> http;

    DeliveryResult toWebDav(const DeliveryRequest &r, WorkControl *control);
    DeliveryResult byPost(const DeliveryRequest &r, WorkControl *control);
};

DeliveryResult Courier::Private::toWebDav(const DeliveryRequest &r, WorkControl *control)
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
    const auto fail = [&](const Reply &reply, const QString &what) {
        out.error = errorOf(reply, what);
        out.retryAfterSeconds = retryAfterOf(reply);
        return out;
    };
    const auto sameContent = [&]() -> std::optional<Reply> {
        Reply get = http->send("GET", fileUrl, control, r.timeoutMs, nullptr, -1, false, true);
        if (get.status != 200)
            return get;
        if (get.sha256 == r.sha256)
            out.alreadyThere = true;
        else
            out.error = Error(ErrorCode::RemoteFileDiffers, out.remoteUrl);
        return std::nullopt;
    };

    // Is it there already (an earlier attempt that got through, or another file in the way)?
    const Reply head = http->send("HEAD", fileUrl, control, r.timeoutMs);
    if (head.status == 200) {
        if (head.header("content-length").toLongLong() != r.size) {
            out.error = Error(ErrorCode::RemoteFileDiffers, out.remoteUrl);
            return out;
        }
        if (auto failed = sameContent())
            return fail(*failed, out.remoteUrl);
        return out;
    }
    if (head.status != 404)
        return fail(head, out.remoteUrl);

    // The collections on the way, from the top (405: there already), once per run.
    QString path = root.path();
    {
        std::lock_guard locked(share->collectionsMutex);
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            path += parts.at(i) + u'/';
            if (share->collections.contains(path))
                continue;
            QUrl collection = root;
            collection.setPath(path);
            const Reply made = http->send("MKCOL", collection, control, r.timeoutMs);
            if (made.status != 201 && made.status != 405 && made.status != 301)
                return fail(made, collection.toString());
            share->collections.insert(path);
        }
    }

    if (QFileInfo(r.localPath).size() != r.size) {
        out.error = fileChanged(r);
        return out;
    }
    SendingFile file(r, &share->limit, control);
    if (!file.openForSending()) {
        out.error = Error(ErrorCode::FileReadFailed, r.localPath + QStringLiteral(": ") + file.errorString());
        return out;
    }
    const Reply put = http->send("PUT", fileUrl, control, r.timeoutMs, &file, r.size, true);
    if (file.changed()) {
        out.error = fileChanged(r);
        return out;
    }
    if (put.status == 412) { // created by someone else meanwhile: the same file is a delivery
        if (auto failed = sameContent())
            return fail(*failed, out.remoteUrl);
        return out;
    }
    if (put.status != 201 && put.status != 204 && put.status != 200)
        return fail(put, out.remoteUrl);
    // Confirmed by what the server now has: its size, and its ETag where it gives one on both answers.
    const Reply check = http->send("HEAD", fileUrl, control, r.timeoutMs);
    if (check.status != 200)
        return fail(check, out.remoteUrl);
    bool haveLength = false;
    const qint64 length = check.header("content-length").toLongLong(&haveLength);
    const QByteArray putEtag = put.header("etag"), checkEtag = check.header("etag");
    const bool sizeDiffers = haveLength && length != r.size;
    const bool etagDiffers = !putEtag.isEmpty() && !checkEtag.isEmpty() && putEtag != checkEtag;
    if (sizeDiffers || etagDiffers)
        out.error = Error(ErrorCode::UploadUnreachable,
                          QStringLiteral("%1: the server has %2 bytes of %3 (ETag %4, answered %5)")
                              .arg(out.remoteUrl)
                              .arg(length)
                              .arg(r.size)
                              .arg(QString::fromLatin1(checkEtag), QString::fromLatin1(putEtag)));
    return out;
}

// multipart/form-data: the file (streamed from disk), its SHA-256, the dossier code, the target's
// extra fields, and an Idempotency-Key header that stays the same for every attempt of the job, so
// that a server seeing a retried POST knows it (RFC draft "The Idempotency-Key HTTP Header Field").
DeliveryResult Courier::Private::byPost(const DeliveryRequest &r, WorkControl *control)
{
    DeliveryResult out;
    out.remoteUrl = target.location;
    if (QFileInfo(r.localPath).size() != r.size) {
        out.error = fileChanged(r);
        return out;
    }
    SendingFile file(r, &share->limit, control);
    if (!file.openForSending()) {
        out.error = Error(ErrorCode::FileReadFailed, r.localPath + QStringLiteral(": ") + file.errorString());
        return out;
    }
    // The form around the file (RFC 7578); names and values are UTF-8, quotes and line breaks escaped.
    const QByteArray boundary = "sohoa-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    const auto quoted = [](const QString &text) {
        QByteArray v = text.toUtf8();
        v.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
        return v;
    };
    QByteArray prefix;
    const auto field = [&](const QString &name, const QByteArray &value) {
        prefix += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n\r\n" + value +
                  "\r\n";
    };
    const RemoteNameValues values{r.dossierCode, QFileInfo(r.localPath).fileName(), r.sha256, QDate::currentDate()};
    field(QStringLiteral("remote_name"), r.remoteName.toUtf8());
    field(QStringLiteral("sha256"), r.sha256.toLatin1());
    field(QStringLiteral("size"), QByteArray::number(r.size));
    if (!r.dossierCode.isEmpty())
        field(QStringLiteral("dossier"), r.dossierCode.toUtf8());
    // The same facts as one JSON object, for systems that take a single metadata part.
    field(QStringLiteral("metadata"),
          QJsonDocument(QJsonObject{{QStringLiteral("dossier"), r.dossierCode},
                                    {QStringLiteral("file"), values.file},
                                    {QStringLiteral("remote_name"), r.remoteName},
                                    {QStringLiteral("sha256"), r.sha256},
                                    {QStringLiteral("size"), r.size},
                                    {QStringLiteral("idempotency_key"), r.idempotencyKey}})
              .toJson(QJsonDocument::Compact));
    for (const auto &[k, v] : target.fields) {
        auto value = expandPlaceholders(v, values);
        if (!value) {
            out.error = value.error();
            return out;
        }
        field(k, value->toUtf8());
    }
    auto url = expandPlaceholders(target.location, values, true);
    if (!url) {
        out.error = url.error();
        return out;
    }
    out.remoteUrl = url.value();
    prefix += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
              quoted(QFileInfo(r.remoteName).fileName()) + "\"\r\nContent-Type: application/pdf\r\n\r\n";
    HttpClient::Request request;
    request.method = "POST";
    request.url = QUrl(url.value());
    request.timeoutMs = r.timeoutMs;
    request.headers = {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                       {"Idempotency-Key", r.idempotencyKey.toLatin1()}};
    request.bodyPrefix = prefix;
    request.body = &file;
    request.bodySize = r.size;
    request.bodySuffix = "\r\n--" + boundary + "--\r\n";
    const Reply post = http->send(request, control);
    if (file.changed()) {
        out.error = fileChanged(r);
        return out;
    }
    if (post.status >= 200 && post.status < 300)
        return out;
    out.error = errorOf(post, out.remoteUrl);
    out.retryAfterSeconds = retryAfterOf(post);
    return out;
}

Courier::Courier(const TargetConfig &target, const SecureBuffer &secret, std::shared_ptr<CourierShare> share)
    : d(new Private)
{
    d->target = target;
    d->share = share ? std::move(share) : std::make_shared<CourierShare>(target.limitBytesPerSecond);
    if (target.kind != TargetKind::Folder)
        d->http = std::make_unique<Http>(target, secret);
}

Courier::~Courier() = default;

DeliveryResult Courier::deliver(const DeliveryRequest &request, WorkControl *control)
{
    if (d->http && d->http->setupError().isError()) {
        DeliveryResult out;
        out.error = d->http->setupError();
        return out;
    }
    switch (d->target.kind) {
    case TargetKind::Folder:
        return deliverToFolder(d->target, request, control);
    case TargetKind::WebDav:
        return d->toWebDav(request, control);
    case TargetKind::HttpPost:
        break;
    }
    return d->byPost(request, control);
}

bool isTransient(ErrorCode code)
{
    return code == ErrorCode::UploadUnreachable || code == ErrorCode::UploadServerBusy;
}

DeliveryResult deliver(const TargetConfig &target, const SecureBuffer &secret, const DeliveryRequest &request,
                       WorkControl *control)
{
    return Courier(target, secret).deliver(request, control);
}

} // namespace sohoa::upload
