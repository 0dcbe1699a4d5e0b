#include "TsaServer.h"

#include <QList>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sohoa::test {

struct TsaServer::Pki
{
    EVP_PKEY *key = nullptr;
    X509 *cert = nullptr;
    STACK_OF(X509) *chain = sk_X509_new_null();
    ~Pki()
    {
        EVP_PKEY_free(key);
        X509_free(cert);
        sk_X509_pop_free(chain, X509_free);
    }
};

namespace {

ASN1_INTEGER *rejectingSerial(TS_RESP_CTX *ctx, void *)
{
    TS_RESP_CTX_set_status_info(ctx, TS_STATUS_REJECTION, "policy says no");
    TS_RESP_CTX_add_failure_info(ctx, TS_INFO_UNACCEPTED_POLICY);
    return nullptr;
}

QByteArray httpResponse(const QByteArray &statusLine, const QByteArray &body, bool chunked = false)
{
    QByteArray r = "HTTP/1.1 " + statusLine + "\r\nContent-Type: application/timestamp-reply\r\nConnection: close\r\n";
    if (!chunked)
        return r + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    r += "Transfer-Encoding: chunked\r\n\r\n";
    const qsizetype half = body.size() / 2;
    for (const QByteArray &part : {body.left(half), body.mid(half)})
        r += QByteArray::number(part.size(), 16) + ";ext=1\r\n" + part + "\r\n";
    return r + "0\r\n\r\n";
}

} // namespace

TsaServer::TsaServer() : m_pki(std::make_unique<Pki>()) {}

TsaServer::~TsaServer()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

bool TsaServer::start(const QString &keyPem, const QString &certPem, const QString &chainPem, QString *error)
{
    auto readBio = [](const QString &path) {
        return BIO_new_file(path.toLocal8Bit().constData(), "r");
    };
    BIO *keyBio = readBio(keyPem);
    BIO *certBio = readBio(certPem);
    BIO *chainBio = readBio(chainPem);
    if (keyBio)
        m_pki->key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    if (certBio)
        m_pki->cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    while (chainBio) {
        X509 *c = PEM_read_bio_X509(chainBio, nullptr, nullptr, nullptr);
        if (!c)
            break;
        sk_X509_push(m_pki->chain, c);
    }
    BIO_free(keyBio);
    BIO_free(certBio);
    BIO_free(chainBio);
    ERR_clear_error();
    if (!m_pki->key || !m_pki->cert) {
        *error = QStringLiteral("cannot read the TSA key or certificate");
        return false;
    }

    m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (m_listenFd < 0 || ::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::listen(m_listenFd, 8) != 0 || ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        *error = QStringLiteral("cannot listen on 127.0.0.1");
        return false;
    }
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
    return true;
}

void TsaServer::serve()
{
    while (!m_stop) {
        pollfd p = {m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const int fd = ::accept(m_listenFd, nullptr, nullptr);
        if (fd < 0)
            continue;
        handle(fd);
        ::close(fd);
    }
}

void TsaServer::handle(int fd)
{
    timeval tv = {5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    QByteArray in;
    qsizetype headerEnd = -1;
    qsizetype contentLength = 0;
    for (;;) {
        char buf[4096];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return;
        in.append(buf, n);
        if (headerEnd < 0) {
            headerEnd = in.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                continue;
            for (const QByteArray &line : in.left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    contentLength = line.mid(15).trimmed().toLongLong();
            }
        }
        if (headerEnd >= 0 && in.size() >= headerEnd + 4 + contentLength)
            break;
    }
    if (m_mode == Mode::Silent) {
        for (int i = 0; i < 40 && !m_stop; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return;
    }
    const QByteArray reply = answer(in.mid(headerEnd + 4, contentLength));
    qsizetype sent = 0;
    while (sent < reply.size()) {
        const ssize_t n = ::send(fd, reply.constData() + sent, size_t(reply.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += n;
    }
    ++m_served;
}

QByteArray TsaServer::answer(const QByteArray &query)
{
    const Mode mode = m_mode;
    if (mode == Mode::Http500)
        return httpResponse("500 Internal Server Error", "oops");
    if (mode == Mode::Garbage)
        return httpResponse("200 OK", "this is not a TimeStampResp");

    TS_RESP_CTX *ctx = TS_RESP_CTX_new();
    ASN1_OBJECT *policy = OBJ_txt2obj("1.3.6.1.4.1.59999.1.1", 1);
    TS_RESP_CTX_set_signer_cert(ctx, m_pki->cert);
    TS_RESP_CTX_set_signer_key(ctx, m_pki->key);
    TS_RESP_CTX_set_certs(ctx, m_pki->chain);
    TS_RESP_CTX_set_def_policy(ctx, policy);
    TS_RESP_CTX_add_md(ctx, EVP_sha256());
    TS_RESP_CTX_add_md(ctx, EVP_sha384());
    TS_RESP_CTX_add_md(ctx, EVP_sha512());
    TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256());
    TS_RESP_CTX_set_ess_cert_id_digest(ctx, EVP_sha256());
    TS_RESP_CTX_set_accuracy(ctx, 1, 0, 0);
    if (mode == Mode::Reject)
        TS_RESP_CTX_set_serial_cb(ctx, rejectingSerial, nullptr);
    BIO *in = BIO_new_mem_buf(query.constData(), int(query.size()));
    TS_RESP *resp = TS_RESP_create_response(ctx, in);
    QByteArray der;
    if (resp) {
        const int len = i2d_TS_RESP(resp, nullptr);
        der.resize(len);
        auto *p = reinterpret_cast<unsigned char *>(der.data());
        i2d_TS_RESP(resp, &p);
    }
    TS_RESP_free(resp);
    BIO_free(in);
    ASN1_OBJECT_free(policy);
    TS_RESP_CTX_free(ctx);
    ERR_clear_error();
    if (der.isEmpty())
        return httpResponse("500 TS_RESP_create_response failed", "");
    return httpResponse("200 OK", der, mode == Mode::GrantChunked);
}

} // namespace sohoa::test
