#pragma once

// Apache httpd's WebDAV (mod_dav, mod_dav_fs) on loopback for the upload tests: the other common
// WebDAV server beside nginx, and one that honours If-None-Match: * on PUT (412), so the second
// guard of delivery — after its HEAD — is exercised against a real server. Started from a config the
// test writes (no Debian apache2.conf, no envvars, no service), in a temporary folder of its own.
//
// Apache refuses to serve as root: when the tests run as root it switches its children to an
// unprivileged account (www-data, else nobody), and the files they must write are given to it.

#include "RevocationServers.h"

#include <QFileDevice>

#include <pwd.h>
#include <unistd.h>

namespace sohoa::test {

class ApacheDav
{
public:
    // Basic authentication for `user` (empty: none); `certificate`/`key` (PEM): https.
    // Under /hidden/ a HEAD is always answered 404, as if another client put the file between
    // delivery's look and its PUT: only the PUT's If-None-Match can then keep the file safe.
    bool start(quint16 port, const QString &user, const QString &password, QString *error,
               const QString &certificate = {}, const QString &key = {})
    {
        const QString apache = findServerProgram(QStringLiteral("apache2"));
        if (apache.isEmpty() || !QFileInfo::exists(modulePath("mod_dav_fs.so"))) {
            *error = QStringLiteral("Apache httpd (Debian package apache2) is not installed: "
                                    "scripts/install-deps.sh test installs it");
            return false;
        }
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder for apache2");
            return false;
        }
        m_port = port;
        m_tls = !certificate.isEmpty();
        QDir().mkpath(documentRoot() + QStringLiteral("/hidden"));
        QDir().mkpath(path(QStringLiteral("lock")));
        QDir().mkpath(path(QStringLiteral("run")));
        QString htpasswd;
        if (!user.isEmpty()) {
            htpasswd = path(QStringLiteral("htpasswd"));
            const ToolResult hash =
                runTool(QStringLiteral("openssl"), {QStringLiteral("passwd"), QStringLiteral("-apr1"), password});
            if (hash.exitCode != 0 || !writeFile(htpasswd, user.toUtf8() + ':' + hash.out.trimmed().toUtf8() + '\n')) {
                *error = QStringLiteral("cannot write htpasswd: ") + hash.describe();
                return false;
            }
        }
        QByteArray conf = config(htpasswd, certificate, key);
        if (::geteuid() == 0 && !shareWithChildren(&conf, error))
            return false;
        if (!writeFile(path(QStringLiteral("apache.conf")), conf)) {
            *error = QStringLiteral("cannot write apache.conf");
            return false;
        }
        const QString errorLog = path(QStringLiteral("error.log"));
        QFile::remove(errorLog);
        // "resuming normal operations" is logged once the parent listens and has started its children.
        return m_process.start(
            apache, {QStringLiteral("-f"), path(QStringLiteral("apache.conf")), QStringLiteral("-DFOREGROUND")},
            path(QStringLiteral("apache.out")),
            [errorLog] { return readAllOf(errorLog).contains("resuming normal operations"); }, error);
    }

    void stop() { m_process.stop(); }
    bool isRunning() const { return m_process.isRunning(); }
    QString url() const { return QStringLiteral("%1://127.0.0.1:%2/").arg(m_tls ? u"https" : u"http").arg(m_port); }
    // The folder served at url().
    QString documentRoot() const { return path(QStringLiteral("root")); }

    // A file put in the tree behind the server's back (another client's upload), its folders made.
    bool place(const QString &relativePath, const QByteArray &content)
    {
        const QString file = documentRoot() + u'/' + relativePath;
        if (!QDir().mkpath(QFileInfo(file).absolutePath()) || !writeFile(file, content))
            return false;
        for (QString p = QFileInfo(file).absolutePath(); p.startsWith(documentRoot() + u'/');
             p = QFileInfo(p).absolutePath())
            giveToServer(p);
        giveToServer(file);
        return true;
    }

    // The statuses of the requests made with `method`, in the order they ended.
    QList<int> statuses(const QByteArray &method) const
    {
        QList<int> out;
        for (const QByteArray &line : readAllOf(path(QStringLiteral("access.log"))).split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() >= 3 && fields.at(0) == method)
                out.append(fields.at(1).toInt());
        }
        return out;
    }
    QString accessLog() const { return QString::fromUtf8(readAllOf(path(QStringLiteral("access.log")))); }
    QString errorLog() const { return QString::fromUtf8(readAllOf(path(QStringLiteral("error.log")))); }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    static QString modulePath(const char *file) { return u"/usr/lib/apache2/modules/" + QString::fromLatin1(file); }

    // Everything in the folder of its own; `htpasswd` empty: no authentication.
    QByteArray config(const QString &htpasswd, const QString &certificate, const QString &key) const
    {
        const QByteArray d = m_dir.path().toLocal8Bit();
        const QByteArray root = documentRoot().toLocal8Bit();
        const auto module = [](const char *name, const char *file) -> QByteArray {
            return "LoadModule " + QByteArray(name) + ' ' + QFile::encodeName(modulePath(file)) + '\n';
        };
        QByteArray conf = "ServerRoot " + d + "\nServerName 127.0.0.1\nListen 127.0.0.1:" + QByteArray::number(m_port) +
                          "\nDefaultRuntimeDir " + d + "/run\nPidFile " + d + "/apache.pid\nErrorLog " + d +
                          "/error.log\nLogLevel warn\nTimeout 30\n";
        // One line per request, written when it ends (no buffering): method, status, path.
        conf += "LogFormat \"%m %>s %U\" dav\nCustomLog " + d + "/access.log dav\n";
        conf += "StartServers 1\nServerLimit 2\nThreadsPerChild 8\nMaxRequestWorkers 16\nMinSpareThreads 1\n"
                "MaxSpareThreads 16\n";
        static const char *const loaded[][2] = {{"mpm_event_module", "mod_mpm_event.so"},
                                                {"authz_core_module", "mod_authz_core.so"},
                                                {"authn_core_module", "mod_authn_core.so"},
                                                {"authn_file_module", "mod_authn_file.so"},
                                                {"auth_basic_module", "mod_auth_basic.so"},
                                                {"authz_user_module", "mod_authz_user.so"},
                                                {"dav_module", "mod_dav.so"},
                                                {"dav_fs_module", "mod_dav_fs.so"},
                                                {"rewrite_module", "mod_rewrite.so"}};
        for (const auto &[name, file] : loaded)
            conf += module(name, file);
        if (!certificate.isEmpty())
            conf += module("socache_shmcb_module", "mod_socache_shmcb.so") + module("ssl_module", "mod_ssl.so") +
                    "SSLEngine on\nSSLCertificateFile " + QFile::encodeName(certificate) + "\nSSLCertificateKeyFile " +
                    QFile::encodeName(key) + "\nSSLSessionCache shmcb:" + d + "/run/ssl_scache(512000)\n";
        conf += "DavLockDB " + d + "/lock/dav\nDocumentRoot " + root + "\n<Directory " + root + ">\n  Dav On\n";
        if (htpasswd.isEmpty())
            conf += "  Require all granted\n";
        else
            conf += "  AuthType Basic\n  AuthName \"sohoa\"\n  AuthBasicProvider file\n  AuthUserFile " +
                    QFile::encodeName(htpasswd) + "\n  Require valid-user\n";
        conf += "</Directory>\n<Directory " + root +
                "/hidden>\n  RewriteEngine On\n  RewriteCond %{REQUEST_METHOD} =HEAD\n  RewriteRule ^ - [R=404,L]\n"
                "</Directory>\n";
        return conf;
    }

    // Started as root, Apache serves as another account (it refuses root): www-data, else nobody. Its
    // children must reach the tree through this folder (a QTemporaryDir is 0700) and write the tree and
    // the lock database; the parent, still root, opens the logs and reads the key.
    bool shareWithChildren(QByteArray *conf, QString *error)
    {
        passwd entry{};
        passwd *account = nullptr;
        char buffer[4096];
        for (const char *name : {"www-data", "nobody"})
            if (::getpwnam_r(name, &entry, buffer, sizeof buffer, &account) == 0 && account)
                break;
        if (!account) {
            *error = QStringLiteral("running as root, and no www-data or nobody account for Apache's children");
            return false;
        }
        m_uid = account->pw_uid;
        m_gid = account->pw_gid;
        *conf += "User #" + QByteArray::number(m_uid) + "\nGroup #" + QByteArray::number(m_gid) + '\n';
        QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFileDevice::ReadOther |
                                                QFileDevice::ExeOther | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
        giveToServer(documentRoot());
        giveToServer(documentRoot() + QStringLiteral("/hidden"));
        giveToServer(path(QStringLiteral("lock")));
        return true;
    }

    // Running as root, the children run as another account, which must write what the test made.
    void giveToServer(const QString &file) const
    {
        if (m_uid != uid_t(-1))
            (void)::chown(QFile::encodeName(file).constData(), m_uid, m_gid);
    }

    QTemporaryDir m_dir;
    ServerProcess m_process;
    quint16 m_port = 0;
    bool m_tls = false;
    uid_t m_uid = uid_t(-1);
    gid_t m_gid = gid_t(-1);
};

} // namespace sohoa::test
