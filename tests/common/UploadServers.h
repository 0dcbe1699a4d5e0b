#pragma once

// Real servers the upload tests deliver to, on loopback: nginx's WebDAV module (PUT, MKCOL; it
// ignores If-None-Match, which is why delivery looks before it puts) behind Basic authentication, with
// its body temporary files beside the tree so that a transfer cut mid-body leaves nothing in it.

#include "RevocationServers.h"

namespace sohoa::test {

// Reproducible bytes that do not compress (a seed per file), for files to deliver.
inline QByteArray randomBytes(int size, int seed)
{
    QByteArray b(size, Qt::Uninitialized);
    quint32 x = quint32(seed) * 2654435761u + 1;
    for (int i = 0; i < size; ++i) {
        x = x * 1664525u + 1013904223u;
        b[i] = char(x >> 24);
    }
    return b;
}

class WebDavServer
{
public:
    // `root` is the tree served; user/password for Basic authentication (empty user: none).
    // `limitRate`: bytes per second per connection, to slow transfers down ("" for none).
    // `certificate`/`key` (PEM): serve https. Under /busy/ every request is answered 503 with
    // Retry-After: 7 (a server in maintenance). `extra`: more directives for the server block (client
    // certificate verification).
    bool start(const QString &root, quint16 port, const QString &user, const QString &password, QString *error,
               const QByteArray &limitRate = {}, const QString &certificate = {}, const QString &key = {},
               const QByteArray &extra = {})
    {
        m_tls = !certificate.isEmpty();
        m_port = port;
        QByteArray body = "    root " + root.toLocal8Bit() +
                          ";\n    dav_methods PUT DELETE MKCOL COPY MOVE;\n    dav_access user:rw;\n"
                          "    location /busy/ { add_header Retry-After 7 always; return 503; }\n";
        if (!user.isEmpty()) {
            const ToolResult hash =
                runTool(QStringLiteral("openssl"), {QStringLiteral("passwd"), QStringLiteral("-apr1"), password});
            const QString htpasswd = m_nginx.path(QStringLiteral("htpasswd"));
            if (hash.exitCode != 0 || !writeFile(htpasswd, user.toUtf8() + ':' + hash.out.trimmed().toUtf8() + '\n')) {
                *error = QStringLiteral("cannot write htpasswd: ") + hash.describe();
                return false;
            }
            body += "    auth_basic \"sohoa\";\n    auth_basic_user_file " + htpasswd.toLocal8Bit() + ";\n";
        }
        if (!limitRate.isEmpty())
            body += "    limit_rate " + limitRate + ";\n";
        body += extra;
        if (m_tls)
            body += "    ssl_certificate " + certificate.toLocal8Bit() + ";\n    ssl_certificate_key " +
                    key.toLocal8Bit() + ";\n";
        return m_nginx.start(port, body, "  client_max_body_size 0;\n", error, m_tls ? " ssl" : "");
    }
    void stop() { m_nginx.stop(); }
    QString url() const { return QStringLiteral("%1://127.0.0.1:%2/").arg(m_tls ? u"https" : u"http").arg(m_port); }
    // Requests logged, of any method.
    int requests() const { return int(readAllOf(m_nginx.path(QStringLiteral("access.log"))).count("HTTP/1.1\"")); }
    // PUT requests logged (nginx does not buffer its access log unless told).
    int puts() const { return int(readAllOf(m_nginx.path(QStringLiteral("access.log"))).count("\"PUT ")); }
    // PUTs the server answered 201 (created) or 204: files it stored.
    int successfulPuts() const
    {
        const QByteArray log = readAllOf(m_nginx.path(QStringLiteral("access.log")));
        int n = 0;
        for (const QByteArray &line : log.split('\n'))
            if (line.contains("\"PUT ") && (line.contains("\" 201 ") || line.contains("\" 204 ")))
                ++n;
        return n;
    }
    QString log() const { return QString::fromUtf8(readAllOf(m_nginx.path(QStringLiteral("error.log")))); }

private:
    NginxProcess m_nginx;
    quint16 m_port = 0;
    bool m_tls = false;
};

} // namespace sohoa::test
