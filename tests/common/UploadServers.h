#pragma once

// Real servers the upload tests deliver to, on loopback: nginx's WebDAV module (PUT, MKCOL; it
// ignores If-None-Match, which is why delivery looks before it puts) behind Basic authentication, with
// its body temporary files beside the tree so that a transfer cut mid-body leaves nothing in it.

#include "RevocationServers.h"

namespace sohoa::test {

class WebDavServer
{
public:
    // `root` is the tree served; user/password for Basic authentication (empty user: none).
    // `limitRate`: bytes per second per connection, to slow transfers down ("" for none).
    // `certificate`/`key` (PEM): serve https. Under /busy/ every request is answered 503 with
    // Retry-After: 7 (a server in maintenance).
    bool start(const QString &root, quint16 port, const QString &user, const QString &password, QString *error,
               const QByteArray &limitRate = {}, const QString &certificate = {}, const QString &key = {})
    {
        m_tls = !certificate.isEmpty();
        const QString nginx = findServerProgram(QStringLiteral("nginx"));
        if (nginx.isEmpty()) {
            *error = QStringLiteral("nginx is not installed (scripts/install-deps.sh test installs it)");
            return false;
        }
        m_port = port;
        const QByteArray d = m_dir.path().toLocal8Bit();
        QByteArray auth;
        if (!user.isEmpty()) {
            const ToolResult hash =
                runTool(QStringLiteral("openssl"), {QStringLiteral("passwd"), QStringLiteral("-apr1"), password});
            if (hash.exitCode != 0) {
                *error = hash.describe();
                return false;
            }
            if (!writeFile(m_dir.filePath(QStringLiteral("htpasswd")), user.toUtf8() + ':' + hash.out.trimmed().toUtf8() + '\n')) {
                *error = QStringLiteral("cannot write htpasswd");
                return false;
            }
            auth = "    auth_basic \"sohoa\";\n    auth_basic_user_file " + d + "/htpasswd;\n";
        }
        const QByteArray rate = limitRate.isEmpty() ? QByteArray() : "    limit_rate " + limitRate + ";\n";
        const QByteArray conf = "daemon off;\nmaster_process off;\npid " + d + "/nginx.pid;\nerror_log " + d +
                                "/error.log;\nevents { worker_connections 64; }\nhttp {\n  access_log " + d +
                                "/access.log;\n  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d +
                                "/proxy;\n  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d +
                                "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n  client_max_body_size 0;\n"
                                "  default_type application/octet-stream;\n  server {\n    listen 127.0.0.1:" +
                                QByteArray::number(port) + (m_tls ? " ssl" : "") + ";\n" +
                                (m_tls ? "    ssl_certificate " + certificate.toLocal8Bit() + ";\n    ssl_certificate_key " +
                                             key.toLocal8Bit() + ";\n"
                                       : QByteArray()) +
                                "    location /busy/ { add_header Retry-After 7 always; return 503; }\n    root " +
                                root.toLocal8Bit() +
                                ";\n    dav_methods PUT DELETE MKCOL COPY MOVE;\n    dav_access user:rw;\n" + auth +
                                rate + "  }\n}\n";
        if (!m_dir.isValid() || !writeFile(m_dir.filePath(QStringLiteral("nginx.conf")), conf)) {
            *error = QStringLiteral("cannot write nginx.conf");
            return false;
        }
        QFile::remove(m_dir.filePath(QStringLiteral("nginx.pid")));
        const QString pid = m_dir.filePath(QStringLiteral("nginx.pid"));
        return m_process.start(
            nginx,
            {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-e"), m_dir.filePath(QStringLiteral("error.log")),
             QStringLiteral("-c"), m_dir.filePath(QStringLiteral("nginx.conf"))},
            m_dir.filePath(QStringLiteral("nginx.out")), [pid] { return QFileInfo::exists(pid); }, error);
    }
    void stop() { m_process.stop(); }
    QString url() const { return QStringLiteral("%1://127.0.0.1:%2/").arg(m_tls ? u"https" : u"http").arg(m_port); }
    // PUT requests logged (nginx does not buffer its access log unless told).
    int puts() const { return int(readAllOf(m_dir.filePath(QStringLiteral("access.log"))).count("\"PUT ")); }
    // PUTs the server answered 201 (created) or 204: files it stored.
    int successfulPuts() const
    {
        const QByteArray log = readAllOf(m_dir.filePath(QStringLiteral("access.log")));
        int n = 0;
        for (const QByteArray &line : log.split('\n'))
            if (line.contains("\"PUT ") && (line.contains("\" 201 ") || line.contains("\" 204 ")))
                ++n;
        return n;
    }
    QString log() const { return QString::fromUtf8(readAllOf(m_dir.filePath(QStringLiteral("error.log")))); }

private:
    QTemporaryDir m_dir;
    ServerProcess m_process;
    quint16 m_port = 0;
    bool m_tls = false;
};

} // namespace sohoa::test
