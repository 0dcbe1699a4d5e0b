#pragma once

// Real revocation services on loopback for tests, started as the test user with every file in
// temporary folders: an OCSP responder (`openssl ocsp`, OpenSSL's own), a CRL distribution point
// served by nginx, and a listener that never answers. RevocationPki is a TestCa whose certificates
// name those services. Used by the revocation client's tests and by the PDF verifier's.
//
//   RevocationPki pki;           pki.make(&error);          // ports chosen, certificates issued, ca.crl
//   OcspResponder ocsp;          ocsp.start(pki, QStringLiteral("responder"), &error);
//   CrlServer crls;              crls.start(pki.crlFolder(), pki.crlPort(), &error);

#include "SigningFixtures.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

#include <memory>

namespace sohoa::test {

// A loopback port nobody listens on now. `openssl ocsp` takes only a fixed port, and a certificate
// names its services before they start; another process could take the port meanwhile, which on a
// test machine does not happen in practice.
inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

inline QString findServerProgram(const QString &name)
{
    // Debian puts daemons in /usr/sbin, which is not on a normal user's PATH.
    QString program = QStandardPaths::findExecutable(name);
    if (program.isEmpty())
        program = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return program;
}

inline QByteArray readAllOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A child server process, stopped (SIGTERM, then SIGKILL) when the object goes.
class ServerProcess
{
public:
    ~ServerProcess() { stop(); }

    // Starts `program` with its output in `logPath`, then waits until `ready()` says yes, or the
    // process ends, or `timeoutMs` passes.
    template <typename Ready>
    bool start(const QString &program, const QStringList &args, const QString &logPath, const Ready &ready,
               QString *error, int timeoutMs = 10000)
    {
        stop();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(logPath, QIODevice::Truncate);
        m_process->start(program, args);
        if (!m_process->waitForStarted(timeoutMs)) {
            *error = u"cannot start " + program + u": " + m_process->errorString();
            return false;
        }
        for (const QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired(); QThread::msleep(20)) {
            if (ready())
                return true;
            if (m_process->state() == QProcess::NotRunning)
                break;
        }
        *error = program + u' ' + args.join(u' ') + u" did not become ready:\n" +
                 QString::fromUtf8(readAllOf(logPath).right(4000));
        stop();
        return false;
    }

    void stop()
    {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        m_process.reset();
    }

    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }

private:
    std::unique_ptr<QProcess> m_process;
};

// A root CA (TestCa) with certificates that name the loopback services:
//   good, revoked   AIA OCSP http://127.0.0.1:ocspPort/ and CDP http://127.0.0.1:crlPort/ca.crl;
//                   "revoked" is revoked (keyCompromise) before anything starts
//   ocsp-only       AIA only            crl-only   CDP only            no-source   neither
//   responder       id-kp-OCSPSigning, issued by the root: the delegated responder
// and, from an unrelated CA (otherCa()), "rogue" with id-kp-OCSPSigning: a responder nobody
// authorized. The two roots bear the same name on purpose: only keys may decide trust.
// crlFolder() holds ca.crl (DER), the root's current CRL.
class RevocationPki
{
public:
    bool make(QString *error)
    {
        m_ocspPort = freeLoopbackPort();
        m_crlPort = freeLoopbackPort();
        while (m_crlPort == m_ocspPort)
            m_crlPort = freeLoopbackPort();
        const QByteArray aia = "authorityInfoAccess = OCSP;URI:" + ocspUrl().toLatin1() + "\n";
        const QByteArray cdp = "crlDistributionPoints = URI:" + crlUrl().toLatin1() + "\n";
        const QByteArray leaf = "basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, nonRepudiation\n"
                                "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n";
        const QByteArray extra = "[both_ext]\n" + leaf + aia + cdp + "[ocsp_only_ext]\n" + leaf + aia +
                                 "[crl_only_ext]\n" + leaf + cdp + "[no_source_ext]\n" + leaf +
                                 "[responder_ext]\nbasicConstraints = CA:FALSE\n"
                                 "keyUsage = critical, digitalSignature\nextendedKeyUsage = OCSPSigning\n"
                                 "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n";
        if (!m_ca.make(error, extra) || !m_other.make(error, extra))
            return false;
        static const struct
        {
            const char *name, *commonName, *extensions;
        } issued[] = {{"good", "Good Signer", "both_ext"},         {"revoked", "Revoked Signer", "both_ext"},
                      {"ocsp-only", "OCSP Only", "ocsp_only_ext"}, {"crl-only", "CRL Only", "crl_only_ext"},
                      {"no-source", "No Source", "no_source_ext"}, {"responder", "OCSP Responder", "responder_ext"}};
        for (const auto &c : issued) {
            if (!m_ca.issue(QString::fromLatin1(c.name), u"/CN=" + QString::fromLatin1(c.commonName) + u"/O=SoHoa Test",
                            QString::fromLatin1(c.extensions), error))
                return false;
        }
        // Same subject as the genuine responder, different key and issuer.
        return m_other.issue(QStringLiteral("rogue"), QStringLiteral("/CN=OCSP Responder/O=SoHoa Test"),
                             QStringLiteral("responder_ext"), error) &&
               m_ca.revoke(QStringLiteral("revoked"), QStringLiteral("keyCompromise"), error) && publishCrl(error);
    }

    // Writes the root's CRL to crlFile(); extraArgs go to `openssl ca -gencrl`.
    bool publishCrl(QString *error, const QStringList &extraArgs = {})
    {
        return m_ca.gencrl(crlFile(), error, extraArgs);
    }

    TestCa &ca() { return m_ca; }
    const TestCa &ca() const { return m_ca; }
    const TestCa &otherCa() const { return m_other; }
    QByteArray certificate(const QString &name) const { return m_ca.der(name); }
    QByteArray rootCertificate() const { return m_ca.der(QStringLiteral("root")); }

    quint16 ocspPort() const { return m_ocspPort; }
    quint16 crlPort() const { return m_crlPort; }
    QString ocspUrl() const { return u"http://127.0.0.1:" + QString::number(m_ocspPort) + u'/'; }
    QString crlUrl() const { return u"http://127.0.0.1:" + QString::number(m_crlPort) + u"/ca.crl"; }
    QString crlFolder() const { return QFileInfo(crlFile()).absolutePath(); }
    QString crlFile() const { return m_ca.path(QStringLiteral("ca.crl")); }

private:
    TestCa m_ca;
    TestCa m_other;
    quint16 m_ocspPort = 0;
    quint16 m_crlPort = 0;
};

// `openssl ocsp` answering for the root of a RevocationPki from its index.txt, on pki.ocspPort()
// (all interfaces: the command takes no address). It serves one request at a time and hangs on a
// connection that sends nothing, so readiness is read from its log, never probed by connecting.
class OcspResponder
{
public:
    // `signer` names a certificate and key in `signerCa`'s folder ("responder": delegated;
    // "root": the issuer itself); pass pki.otherCa() and "rogue" for an unauthorized responder.
    bool start(const RevocationPki &pki, const QString &signer, QString *error)
    {
        return start(pki, pki.ca(), signer, error);
    }
    bool start(const RevocationPki &pki, const TestCa &signerCa, const QString &signer, QString *error)
    {
        m_log = pki.ca().path(QStringLiteral("ocsp-responder.log"));
        const QString log = m_log;
        return m_process.start(
            QStringLiteral("openssl"),
            {QStringLiteral("ocsp"), QStringLiteral("-index"), pki.ca().path(QStringLiteral("index.txt")),
             QStringLiteral("-port"), QString::number(pki.ocspPort()), QStringLiteral("-CA"),
             pki.ca().path(QStringLiteral("root.pem")), QStringLiteral("-rsigner"), signerCa.path(signer + u".pem"),
             QStringLiteral("-rkey"), signerCa.path(signer + u".key"), QStringLiteral("-ndays"), QStringLiteral("1"),
             QStringLiteral("-ignore_err")},
            log, [log] { return readAllOf(log).contains("waiting for OCSP client connections"); }, error);
    }
    void stop() { m_process.stop(); }
    bool isRunning() const { return m_process.isRunning(); }
    // Requests received since start().
    int requests() const { return int(readAllOf(m_log).count("Received request")); }

private:
    ServerProcess m_process;
    QString m_log;
};

// nginx serving the files of a folder at http://127.0.0.1:port/, as the current user: no daemon, no
// worker processes (so no switch to another user that could not read a private temporary folder),
// every path in its own temporary folder.
// nginx as the test user, in a folder of its own (config, pid, logs, temporary files): one server on
// 127.0.0.1:port whose block holds `serverBody`, `httpExtra` added to the http block. start() returns
// once it listens (nginx writes its pid file then).
class NginxProcess
{
public:
    bool start(quint16 port, const QByteArray &serverBody, const QByteArray &httpExtra, QString *error,
               const QByteArray &listenFlags = {})
    {
        const QString nginx = findServerProgram(QStringLiteral("nginx"));
        if (nginx.isEmpty()) {
            *error = QStringLiteral("nginx is not installed (scripts/install-deps.sh test installs it)");
            return false;
        }
        const QByteArray d = m_dir.path().toLocal8Bit();
        const QByteArray conf = "daemon off;\nmaster_process off;\npid " + d + "/nginx.pid;\nerror_log " + d +
                                "/error.log;\nevents { worker_connections 64; }\nhttp {\n  access_log " + d +
                                "/access.log;\n  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d +
                                "/proxy;\n  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d +
                                "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n" + httpExtra +
                                "  default_type application/octet-stream;\n  server {\n    listen 127.0.0.1:" +
                                QByteArray::number(port) + listenFlags + ";\n" + serverBody + "  }\n}\n";
        if (!m_dir.isValid() || !writeFile(path(QStringLiteral("nginx.conf")), conf)) {
            *error = QStringLiteral("cannot write nginx.conf");
            return false;
        }
        const QString pid = path(QStringLiteral("nginx.pid"));
        QFile::remove(pid);
        return m_process.start(nginx,
                               {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-e"), path(QStringLiteral("error.log")),
                                QStringLiteral("-c"), path(QStringLiteral("nginx.conf"))},
                               path(QStringLiteral("nginx.out")), [pid] { return QFileInfo::exists(pid); }, error);
    }
    void stop() { m_process.stop(); }
    bool isRunning() const { return m_process.isRunning(); }
    // A file of its folder (access.log, error.log, or one the caller puts there).
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    ServerProcess m_process;
};

class CrlServer
{
public:
    bool start(const QString &root, quint16 port, QString *error)
    {
        return m_nginx.start(port, "    root " + root.toLocal8Bit() + ";\n", "  types { application/pkix-crl crl; }\n",
                             error);
    }
    void stop() { m_nginx.stop(); }
    bool isRunning() const { return m_nginx.isRunning(); }
    // GET requests logged since the server was made (nginx does not buffer its access log unless told).
    int requests() const { return int(readAllOf(m_nginx.path(QStringLiteral("access.log"))).count("\"GET ")); }

private:
    NginxProcess m_nginx;
};

// Accepts connections (the kernel completes them) and never answers: a hung responder.
class SilentServer
{
public:
    bool listen(quint16 port) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close() { m_server.close(); }

private:
    QTcpServer m_server;
};

} // namespace sohoa::test
