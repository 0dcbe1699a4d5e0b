// The upload queue through sohoa-cli, against real parts: a folder target and nginx's WebDAV on
// loopback (Basic authentication). Files are queued once, delivered byte-identical, never twice; a
// server that is down keeps the job queued (transient) until it is up; a wrong password fails the
// job for good with its reason; a file changed after queueing is not sent.

#include "SigningFixtures.h"
#include "ToolRunner.h"
#include "PostServer.h"
#include "UploadServers.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa::test;

namespace {

QList<QJsonObject> events(const ToolResult &r)
{
    QList<QJsonObject> out;
    for (const QString &line : r.lines())
        if (line.startsWith(u'{'))
            out.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return out;
}

} // namespace

class TestUploadQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    QStringList m_files;

    ToolResult cli(const QStringList &args, int timeoutMs = 120000)
    {
        return runTool(QStringLiteral(SOHOA_CLI_PATH),
                       QStringList{QStringLiteral("--store"), m_store, QStringLiteral("--json")} + args, timeoutMs);
    }

private slots:
    void init()
    {
        // A store (and so a queue) of each test's own.
        m_store = m_dir.filePath(QStringLiteral("store-") + QString::fromLatin1(QTest::currentTestFunction()));
    }

    void initTestCase()
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("files")));
        for (int i = 0; i < 5; ++i) {
            const QString f = m_dir.filePath(QStringLiteral("files/van-ban-%1.pdf").arg(i));
            QVERIFY(writeFile(f, randomBytes(200000 + i * 1000, i)));
            m_files.append(f);
        }
    }

    void folderTargetDeliversOnce()
    {
        const QString folder = m_dir.filePath(QStringLiteral("nhan"));
        ToolResult r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("kho"),
                            QStringLiteral("--folder"), folder, QStringLiteral("--name-template"),
                            QStringLiteral("{date}/{file}")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli(QStringList{QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("kho")} + m_files);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(events(r).size(), 5);
        // Queued again: the same jobs, not new ones.
        r = cli(QStringList{QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("kho")} + m_files);
        QCOMPARE(events(r).first().value(QStringLiteral("id")).toInt(), 1);
        r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString day = QDate::currentDate().toString(Qt::ISODate);
        for (const QString &f : m_files)
            QCOMPARE(readFile(QDir(folder).filePath(day + u'/' + QFileInfo(f).fileName())), readFile(f));
        QCOMPARE(QDir(folder + u'/' + day).entryList(QDir::Files | QDir::Hidden).size(), 5); // no temporaries
        r = cli({QStringLiteral("queue"), QStringLiteral("list")});
        for (const QJsonObject &e : events(r))
            QCOMPARE(e.value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
    }

    // Threat model W2: credentials are never configured to travel over plain http:// to another
    // machine; the same target over https://, or over http:// without credentials, is accepted.
    void credentialsOverPlainHttpAreRefused()
    {
        qputenv("SOHOA_TEST_DAV_PASSWORD", "mật khẩu");
        for (const QStringList &secret :
             {QStringList{QStringLiteral("--user"), QStringLiteral("can-bo"), QStringLiteral("--secret-env"),
                          QStringLiteral("SOHOA_TEST_DAV_PASSWORD")},
              QStringList{QStringLiteral("--secret-env"), QStringLiteral("SOHOA_TEST_DAV_PASSWORD")}}) {
            ToolResult r =
                cli(QStringList{QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("ho-so"),
                                QStringLiteral("--webdav"), QStringLiteral("http://records.example.vn/dav/")} +
                    secret);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains(QStringLiteral("https://")), qPrintable(r.err));
            QVERIFY2(!r.err.contains(QStringLiteral("mật khẩu")), qPrintable(r.err));
            r = cli({QStringLiteral("target"), QStringLiteral("list")});
            QVERIFY2(!r.out.contains(QStringLiteral("ho-so")), qPrintable(r.out));
        }
        ToolResult r =
            cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("ho-so"), QStringLiteral("--webdav"),
                 QStringLiteral("https://records.example.vn/dav/"), QStringLiteral("--user"), QStringLiteral("can-bo"),
                 QStringLiteral("--secret-env"), QStringLiteral("SOHOA_TEST_DAV_PASSWORD")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("cong-khai"), QStringLiteral("--http"),
                 QStringLiteral("http://records.example.vn/nhan")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void webDavWithBasicAuthAndAServerDownThenUp()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav"));
        QDir().mkpath(root);
        const quint16 port = freeLoopbackPort();
        qputenv("SOHOA_TEST_DAV_PASSWORD", "mật khẩu đúng");
        ToolResult r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("mot-cua"),
                            QStringLiteral("--webdav"), QStringLiteral("http://127.0.0.1:%1/ho-so/").arg(port),
                            QStringLiteral("--user"), QStringLiteral("can-bo"), QStringLiteral("--secret-env"),
                            QStringLiteral("SOHOA_TEST_DAV_PASSWORD"), QStringLiteral("--name-template"),
                            QStringLiteral("{date}/lo-1/{file}")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli(QStringList{QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("mot-cua")} + m_files);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // Server down: the jobs stay queued (transient), the run ends at --max-wait.
        r = cli({QStringLiteral("queue"), QStringLiteral("run"), QStringLiteral("--max-wait"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 8);
        bool sawUnreachable = false;
        for (const QJsonObject &e : events(r))
            if (e.value(QStringLiteral("error")).toString() == u"upload-unreachable") {
                QCOMPARE(e.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
                sawUnreachable = true;
            }
        QVERIFY2(sawUnreachable, qPrintable(r.out));
        // Up: the queue completes.
        WebDavServer server;
        QString error;
        QVERIFY(QDir().mkpath(root + QStringLiteral("/ho-so")));
        QVERIFY2(server.start(root, port, QStringLiteral("can-bo"), QStringLiteral("mật khẩu đúng"), &error),
                 qPrintable(error));
        r = cli({QStringLiteral("queue"), QStringLiteral("run")}, 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + server.log()));
        const QString day = QDate::currentDate().toString(Qt::ISODate);
        for (const QString &f : m_files)
            QCOMPARE(readFile(root + QStringLiteral("/ho-so/") + day + QStringLiteral("/lo-1/") + QFileInfo(f).fileName()),
                     readFile(f));
        QTRY_COMPARE(server.puts(), 5); // nginx logs a request after answering it
        const int puts = server.puts();
        // Everything delivered: running again sends nothing.
        r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server.puts(), puts);
    }

    // `queue run` killed (SIGKILL) at random moments during slowed transfers, 20 times, then run to the
    // end: every file on the server exactly once (one successful PUT each) and byte-identical, no stray
    // or partial file in the tree.
    void killedAtRandomMomentsDeliversEachFileOnce()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-kill"));
        QDir().mkpath(root + QStringLiteral("/in"));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        ToolResult r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("cham"),
                            QStringLiteral("--webdav"), server.url() + QStringLiteral("in/"), QStringLiteral("--name-template"),
                            QStringLiteral("lo/{file}"), QStringLiteral("--limit-rate"), QStringLiteral("600000")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QStringList files;
        for (int i = 0; i < 8; ++i) {
            const QString f = m_dir.filePath(QStringLiteral("files/cham-%1.pdf").arg(i));
            QVERIFY(writeFile(f, randomBytes(300000 + i * 40000, 100 + i)));
            files.append(f);
        }
        r = cli(QStringList{QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("cham")} + files);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "kill trials seed" << seed;
        QRandomGenerator random(seed);
        int killedRunning = 0;
        for (int trial = 0; trial < 20; ++trial) {
            QProcess run;
            run.start(QStringLiteral(SOHOA_CLI_PATH),
                      {QStringLiteral("--store"), m_store, QStringLiteral("queue"), QStringLiteral("run")});
            QVERIFY(run.waitForStarted());
            QTest::qWait(int(random.bounded(150, 700)));
            if (run.state() == QProcess::Running) {
                ++killedRunning;
                run.kill(); // SIGKILL: no cleanup of any kind
            }
            run.waitForFinished(10000);
        }
        QVERIFY2(killedRunning >= 10, "the transfers were slow enough to be cut");
        r = cli({QStringLiteral("queue"), QStringLiteral("run")}, 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (const QString &f : files)
            QCOMPARE(readFile(root + QStringLiteral("/in/lo/") + QFileInfo(f).fileName()), readFile(f));
        QCOMPARE(QDir(root + QStringLiteral("/in/lo")).entryList(QDir::Files | QDir::Hidden).size(), files.size());
        QCOMPARE(server.successfulPuts(), files.size());
        // Some transfers were cut mid-body (logged by nginx without a 201), and left nothing behind.
        QVERIFY2(server.puts() > server.successfulPuts(),
                 qPrintable(QStringLiteral("%1 PUTs, %2 stored").arg(server.puts()).arg(server.successfulPuts())));
        r = cli({QStringLiteral("queue"), QStringLiteral("list")});
        for (const QJsonObject &e : events(r))
            QCOMPARE(e.value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
    }

    // https: refused (for good) against an unknown CA, delivered with the target's --ca.
    void tlsVerifiedAgainstTheTargetsCa()
    {
        TestCa ca;
        QString error;
        QVERIFY2(ca.make(&error, "[server_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, "
                                 "keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1\n"),
                 qPrintable(error));
        QVERIFY2(ca.issue(QStringLiteral("server"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("server_ext"), &error),
                 qPrintable(error));
        const QString root = m_dir.filePath(QStringLiteral("dav-tls"));
        QDir().mkpath(root + QStringLiteral("/in"));
        WebDavServer server;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error, {}, ca.path(QStringLiteral("server.pem")),
                              ca.path(QStringLiteral("server.key"))),
                 qPrintable(error));
        QVERIFY(server.url().startsWith(u"https://"));
        ToolResult r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("khong-tin"),
                            QStringLiteral("--webdav"), server.url() + QStringLiteral("in/"), QStringLiteral("--name-template"),
                            QStringLiteral("a/{file}")});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("tin"), QStringLiteral("--webdav"),
                 server.url() + QStringLiteral("in/"), QStringLiteral("--name-template"), QStringLiteral("b/{file}"),
                 QStringLiteral("--ca"), ca.path(QStringLiteral("root.pem"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("khong-tin"), m_files.at(0)}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("tin"), m_files.at(1)}).exitCode, 0);
        r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 8);
        QHash<QString, QJsonObject> byTarget;
        for (const QJsonObject &e : events(r))
            byTarget.insert(e.value(QStringLiteral("target")).toString(), e);
        QCOMPARE(byTarget.value(QStringLiteral("khong-tin")).value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(byTarget.value(QStringLiteral("khong-tin")).value(QStringLiteral("error")).toString(),
                 QStringLiteral("upload-tls-failed"));
        QCOMPARE(byTarget.value(QStringLiteral("tin")).value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        QCOMPARE(readFile(root + QStringLiteral("/in/b/") + QFileInfo(m_files.at(1)).fileName()), readFile(m_files.at(1)));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/in/a")));
    }

    // A server that asks for a client certificate: delivered with the target's PKCS#12 (its password from
    // a 0600 file) and the server's key pinned; the wrong pin sends nothing (not even the request line);
    // without a certificate, or with the wrong password for it, the job fails for good with the reason.
    void tlsClientCertificateAndPinnedKey()
    {
        TestCa ca;
        QString error;
        QVERIFY2(ca.make(&error, "[server_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, "
                                 "keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1\n"
                                 "[client_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\n"
                                 "extendedKeyUsage = clientAuth\n"),
                 qPrintable(error));
        QVERIFY2(ca.issue(QStringLiteral("server"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("server_ext"), &error),
                 qPrintable(error));
        QVERIFY2(ca.issue(QStringLiteral("client"), QStringLiteral("/CN=Mot cua UBND xa"), QStringLiteral("client_ext"),
                          &error),
                 qPrintable(error));
        const QString p12 = m_dir.filePath(QStringLiteral("client.p12"));
        ToolResult t = runTool(QStringLiteral("openssl"),
                               {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"),
                                ca.path(QStringLiteral("client.pem")), QStringLiteral("-inkey"),
                                ca.path(QStringLiteral("client.key")), QStringLiteral("-out"), p12,
                                QStringLiteral("-passout"), QStringLiteral("pass:mat-khau-p12")});
        QVERIFY2(t.exitCode == 0, qPrintable(t.describe()));
        const QString good = m_dir.filePath(QStringLiteral("p12-secret"));
        const QString bad = m_dir.filePath(QStringLiteral("p12-secret-sai"));
        QVERIFY(writeFile(good, "mat-khau-p12\n") && writeFile(bad, "sai\n"));
        QFile::setPermissions(good, QFile::ReadOwner | QFile::WriteOwner);
        QFile::setPermissions(bad, QFile::ReadOwner | QFile::WriteOwner);
        // The pin as curl's --pinnedpubkey wants it, computed by openssl, not by us.
        t = runTool(QStringLiteral("sh"),
                    {QStringLiteral("-c"),
                     QStringLiteral("openssl x509 -in '%1' -pubkey -noout | openssl pkey -pubin -outform der | "
                                    "openssl dgst -sha256 -binary | base64")
                         .arg(ca.path(QStringLiteral("server.pem")))});
        QVERIFY2(t.exitCode == 0, qPrintable(t.describe()));
        const QString pin = QStringLiteral("sha256//") + t.out.trimmed();
        const QString wrongPin = QStringLiteral("sha256//") + QString::fromLatin1(QByteArray(32, 'x').toBase64());

        const QString root = m_dir.filePath(QStringLiteral("dav-mtls"));
        QDir().mkpath(root + QStringLiteral("/in"));
        WebDavServer server;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error, {}, ca.path(QStringLiteral("server.pem")),
                              ca.path(QStringLiteral("server.key")),
                              "    ssl_client_certificate " + ca.path(QStringLiteral("root.pem")).toLocal8Bit() +
                                  ";\n    ssl_verify_client on;\n"),
                 qPrintable(error));
        const auto addTarget = [&](const QString &name, const QStringList &more) {
            const ToolResult added =
                cli(QStringList{QStringLiteral("target"), QStringLiteral("add"), name, QStringLiteral("--webdav"),
                                server.url() + QStringLiteral("in/"), QStringLiteral("--name-template"),
                                name + QStringLiteral("/{file}"), QStringLiteral("--ca"), ca.path(QStringLiteral("root.pem"))} +
                    more);
            QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        };
        addTarget(QStringLiteral("co-the"), {QStringLiteral("--client-cert"), p12, QStringLiteral("--client-cert-secret-file"),
                                             good, QStringLiteral("--pin"), pin});
        addTarget(QStringLiteral("khong-the"), {});
        addTarget(QStringLiteral("sai-mat-khau"), {QStringLiteral("--client-cert"), p12,
                                                   QStringLiteral("--client-cert-secret-file"), bad});
        const ToolResult refused = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("x"),
                                        QStringLiteral("--webdav"), server.url(), QStringLiteral("--pin"),
                                        QStringLiteral("abc")});
        QCOMPARE(refused.exitCode, 2); // a pin not written sha256//BASE64 is refused at once
        for (const QString &name : {QStringLiteral("co-the"), QStringLiteral("khong-the"), QStringLiteral("sai-mat-khau")})
            QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), name, m_files.at(2)}).exitCode, 0);
        ToolResult r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 8);
        QHash<QString, QJsonObject> byTarget;
        for (const QJsonObject &e : events(r))
            byTarget.insert(e.value(QStringLiteral("target")).toString(), e);
        QCOMPARE(byTarget.value(QStringLiteral("co-the")).value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        QCOMPARE(readFile(root + QStringLiteral("/in/co-the/") + QFileInfo(m_files.at(2)).fileName()), readFile(m_files.at(2)));
        QCOMPARE(byTarget.value(QStringLiteral("khong-the")).value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/in/khong-the")));
        const QJsonObject wrongPassword = byTarget.value(QStringLiteral("sai-mat-khau"));
        QCOMPARE(wrongPassword.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(wrongPassword.value(QStringLiteral("error")).toString(), QStringLiteral("upload-tls-failed"));

        // The same target with a wrong pin: refused after the handshake, before a byte of a request.
        addTarget(QStringLiteral("sai-pin"), {QStringLiteral("--client-cert"), p12, QStringLiteral("--client-cert-secret-file"),
                                              good, QStringLiteral("--pin"), wrongPin});
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("sai-pin"), m_files.at(3)}).exitCode, 0);
        const int requestsBefore = server.requests();
        r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 8);
        const QJsonObject pinned = events(r).value(0);
        QCOMPARE(pinned.value(QStringLiteral("target")).toString(), QStringLiteral("sai-pin"));
        QCOMPARE(pinned.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(pinned.value(QStringLiteral("error")).toString(), QStringLiteral("upload-tls-failed"));
        QCOMPARE(server.requests(), requestsBefore);
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/in/sai-pin")));
    }

    // Pausing the queue from another program stops the transfer under way within a second: the job is
    // paused, the runner ends, nothing is on the server; resumed, it is delivered whole.
    void pauseStopsTheTransferUnderWayAndResumeFinishesIt()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-pause"));
        QDir().mkpath(root + QStringLiteral("/in"));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        QCOMPARE(cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("cham"), QStringLiteral("--webdav"),
                      server.url() + QStringLiteral("in/"), QStringLiteral("--name-template"), QStringLiteral("{file}"),
                      QStringLiteral("--limit-rate"), QStringLiteral("400000")})
                     .exitCode,
                 0);
        const QString file = m_dir.filePath(QStringLiteral("files/lon.pdf"));
        QVERIFY(writeFile(file, randomBytes(3000000, 77)));
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("cham"), file}).exitCode, 0);
        QProcess run;
        run.start(QStringLiteral(SOHOA_CLI_PATH), {QStringLiteral("--store"), m_store, QStringLiteral("--json"),
                                                   QStringLiteral("queue"), QStringLiteral("run")});
        QVERIFY(run.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(events(cli({QStringLiteral("queue"), QStringLiteral("list")}))
                                      .value(0)
                                      .value(QStringLiteral("state"))
                                      .toString(),
                                  QStringLiteral("sending"), 5000);
        QTest::qWait(1000); // well into the 7.5 s the transfer takes at 400 kB/s
        ToolResult r = cli({QStringLiteral("queue"), QStringLiteral("pause")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(events(r).value(0).value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
        QVERIFY2(run.waitForFinished(4000), "the runner ends soon after its only job is paused");
        QCOMPARE(run.exitCode(), 0);
        QCOMPARE(events(cli({QStringLiteral("queue"), QStringLiteral("list")})).value(0).value(QStringLiteral("state")).toString(),
                 QStringLiteral("paused"));
        QCOMPARE(server.successfulPuts(), 0);
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/in/lon.pdf")));
        // A paused queue is not sent by a runner.
        r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server.successfulPuts(), 0);
        r = cli({QStringLiteral("queue"), QStringLiteral("resume")});
        QCOMPARE(events(r).value(0).value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        r = cli({QStringLiteral("queue"), QStringLiteral("run")}, 60000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readFile(root + QStringLiteral("/in/lon.pdf")), readFile(file));
        QCOMPARE(server.successfulPuts(), 1);
    }

    // 503 with Retry-After: the job stays queued (transient) and waits at least what the server asked.
    void busyServerIsRetriedAfterItsRetryAfter()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-busy"));
        QDir().mkpath(root);
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        QCOMPARE(cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("ban"), QStringLiteral("--webdav"),
                      server.url() + QStringLiteral("busy/"), QStringLiteral("--name-template"), QStringLiteral("{file}")})
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("ban"), m_files.at(2)}).exitCode, 0);
        const QDateTime before = QDateTime::currentDateTime();
        const ToolResult r = cli({QStringLiteral("queue"), QStringLiteral("run"), QStringLiteral("--max-wait"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 8);
        const QJsonObject e = events(r).first();
        QCOMPARE(e.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        QCOMPARE(e.value(QStringLiteral("error")).toString(), QStringLiteral("upload-server-busy"));
        const QDateTime next = QDateTime::fromString(e.value(QStringLiteral("next_attempt_at")).toString(), Qt::ISODate);
        QVERIFY2(before.secsTo(next) >= 6, qPrintable(e.value(QStringLiteral("next_attempt_at")).toString()));
    }

    // The multipart POST target: the file, its SHA-256, the extra fields and one Idempotency-Key per
    // job. The server stores the first request and drops its answer: the retried POST carries the same
    // key, and the server has the file exactly once.
    void httpPostIsDeliveredOnceThroughALostAnswer()
    {
        PostServer server;
        QVERIFY(server.start(freeLoopbackPort(), true));
        ToolResult r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("tthc"), QStringLiteral("--http"),
                            server.url(), QStringLiteral("--field"), QStringLiteral("co_quan=UBND Phường 1"),
                            QStringLiteral("--field"), QStringLiteral("ten_tep={file}"),
                            QStringLiteral("--name-template"), QStringLiteral("{file}")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("tthc"), m_files.at(3)}).exitCode, 0);
        r = cli({QStringLiteral("queue"), QStringLiteral("run")}, 120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto received = server.received();
        QCOMPARE(received.size(), 1); // one key
        const PostServer::Received got = received.begin().value();
        QCOMPARE(got.requests, 2);   // the answer to the first was lost
        QCOMPARE(got.deliveries, 1); // stored once
        QCOMPARE(got.file, readFile(m_files.at(3)));
        QCOMPARE(got.fields.value(QStringLiteral("co_quan")), QStringLiteral("UBND Phường 1").toUtf8());
        QCOMPARE(QString::fromLatin1(got.fields.value(QStringLiteral("sha256"))),
                 QString::fromLatin1(QCryptographicHash::hash(readFile(m_files.at(3)), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(got.fields.value(QStringLiteral("ten_tep")), QFileInfo(m_files.at(3)).fileName().toUtf8());
        const QJsonObject metadata = QJsonDocument::fromJson(got.fields.value(QStringLiteral("metadata"))).object();
        QCOMPARE(metadata.value(QStringLiteral("sha256")).toString(),
                 QString::fromLatin1(got.fields.value(QStringLiteral("sha256"))));
        QCOMPARE(metadata.value(QStringLiteral("size")).toInteger(), readFile(m_files.at(3)).size());
        QCOMPARE(metadata.value(QStringLiteral("idempotency_key")).toString().toLatin1(), received.begin().key());
        const QList<QJsonObject> list = events(cli({QStringLiteral("queue"), QStringLiteral("list")}));
        QCOMPARE(list.first().value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        // The second request is the queue's retry (a lost answer is an attempt), with the job's one key.
        QCOMPARE(list.first().value(QStringLiteral("attempts")).toInt(), 2);
        // A field naming something a file does not have is refused when the target is added.
        r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("sai"), QStringLiteral("--http"),
                 server.url() + QStringLiteral("/{ho_so}"), QStringLiteral("--name-template"), QStringLiteral("{file}")});
        QCOMPARE(r.exitCode, 2);
    }

    void wrongPasswordFailsForGood()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav2"));
        QDir().mkpath(root + QStringLiteral("/in"));
        const quint16 port = freeLoopbackPort();
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, port, QStringLiteral("can-bo"), QStringLiteral("dung"), &error), qPrintable(error));
        qputenv("SOHOA_TEST_DAV_WRONG", "sai");
        ToolResult r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("sai-mat-khau"),
                            QStringLiteral("--webdav"), server.url() + QStringLiteral("in/"), QStringLiteral("--user"),
                            QStringLiteral("can-bo"), QStringLiteral("--secret-env"), QStringLiteral("SOHOA_TEST_DAV_WRONG"),
                            QStringLiteral("--name-template"), QStringLiteral("{file}")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // The default template names the dossier: a loose file without one is refused with the reason.
        r = cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("mac-dinh"), QStringLiteral("--folder"),
                 m_dir.filePath(QStringLiteral("x"))});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("mac-dinh"), m_files.first()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("{dossier}")), qPrintable(r.out));
        r = cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("sai-mat-khau"), m_files.first()});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 8);
        bool failed = false;
        for (const QJsonObject &e : events(r))
            if (e.value(QStringLiteral("target")).toString() == u"sai-mat-khau") {
                QCOMPARE(e.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
                QCOMPARE(e.value(QStringLiteral("error")).toString(), QStringLiteral("upload-unauthorized"));
                failed = true;
            }
        QVERIFY(failed);
        QCOMPARE(server.puts(), 0);
    }

    // The password kept in a real Secret Service (gnome-keyring in a D-Bus session of the test's own):
    // typed into `target add --secret-keyring` through standard input, never in the store, read back by
    // the queue runner for Basic authentication. Without the keyring the job fails with words that say
    // what to do, and nothing is sent.
    void secretInTheDesktopKeyring()
    {
        for (const char *tool : {"dbus-run-session", "gnome-keyring-daemon"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("%1 is missing: scripts/install-deps.sh test installs gnome-keyring "
                                                "and dbus-daemon")
                                     .arg(QString::fromLatin1(tool))));
        const QString root = m_dir.filePath(QStringLiteral("dav-keyring"));
        QDir().mkpath(root + QStringLiteral("/in"));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), QStringLiteral("luu-tru"), QStringLiteral("mat-khau-trong-keyring"),
                              &error),
                 qPrintable(error));
        const QString home = m_dir.filePath(QStringLiteral("home-keyring"));
        QVERIFY(QDir().mkpath(home + QStringLiteral("/.local/share/keyrings")));
        const QString cliPath = QStringLiteral(SOHOA_CLI_PATH);
        const auto quoted = [](const QString &arg) { return QStringLiteral("'%1'").arg(arg); };
        const QString cliPrefix = QStringLiteral("%1 --store %2 --json ").arg(quoted(cliPath), quoted(m_store));
        // One private session bus and keyring daemon for the whole script, unlocked with a password of
        // its own; every command of the script talks to it.
        const QString script =
            QStringLiteral("export HOME=%1; echo -n khoa | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
                           " && printf 'mat-khau-trong-keyring\\n' | %2 target add kho --webdav %3 --user luu-tru"
                           " --secret-keyring --name-template '{file}' && %2 upload --to kho %4 && %2 queue run")
                .arg(quoted(home), cliPrefix, quoted(server.url() + QStringLiteral("in/")), quoted(m_files.at(4)));
        ToolResult r = runTool(QStringLiteral("dbus-run-session"), {QStringLiteral("--"), QStringLiteral("sh"),
                                                                     QStringLiteral("-c"), script},
                               60000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(readFile(root + QStringLiteral("/in/") + QFileInfo(m_files.at(4)).fileName()), readFile(m_files.at(4)));
        QCOMPARE(server.successfulPuts(), 1);
        // The store knows only that the secret is in the keyring.
        QVERIFY(!readFile(m_store + QStringLiteral("/sohoa.sqlite")).contains("mat-khau-trong-keyring"));
        QVERIFY(!readFile(m_store + QStringLiteral("/sohoa.sqlite-wal")).contains("mat-khau-trong-keyring"));

        // No keyring to ask (no session bus): failed for good, with what to do, and nothing sent.
        const QString second = m_dir.filePath(QStringLiteral("files/keyring-2.pdf"));
        QVERIFY(writeFile(second, randomBytes(5000, 9)));
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("kho"), second}).exitCode, 0);
        QProcess run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("HOME"), home);
        run.setProcessEnvironment(env);
        run.start(cliPath, {QStringLiteral("--store"), m_store, QStringLiteral("--json"), QStringLiteral("queue"),
                            QStringLiteral("run")});
        QVERIFY(run.waitForFinished(30000));
        QCOMPARE(run.exitCode(), 8);
        const QString out = QString::fromUtf8(run.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("\"state\":\"failed\"")) && out.contains(QStringLiteral("--secret-env")),
                 qPrintable(out));
        QCOMPARE(server.successfulPuts(), 1);
    }

    // nginx refuses a body over its limit with 413 as soon as it has the request's head, and stops
    // reading: the job fails for good at once with the server's answer, not after a timeout.
    void aServerAnsweringBeforeTheBodyIsWholeIsHeard()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-413"));
        QDir().mkpath(root + QStringLiteral("/small"));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error, {}, {}, {},
                              "    location /small/ { client_max_body_size 100k; }\n"),
                 qPrintable(error));
        QCOMPARE(cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("nho"), QStringLiteral("--webdav"),
                      server.url() + QStringLiteral("small/"), QStringLiteral("--name-template"), QStringLiteral("{file}")})
                     .exitCode,
                 0);
        const QString big = m_dir.filePath(QStringLiteral("files/qua-lon.pdf"));
        QVERIFY(writeFile(big, randomBytes(40 * 1024 * 1024, 5)));
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("nho"), big}).exitCode, 0);
        QElapsedTimer clock;
        clock.start();
        const ToolResult r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 8);
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QStringLiteral("%1 ms").arg(clock.elapsed())));
        const QJsonObject job = events(r).value(0);
        QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(job.value(QStringLiteral("error")).toString(), QStringLiteral("upload-rejected"));
        QVERIFY2(job.value(QStringLiteral("error_detail")).toString().contains(QStringLiteral("413")), qPrintable(r.out));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/small/qua-lon.pdf")));
        QFile::remove(big);
    }

    void aFileChangedAfterQueueingIsNotSent()
    {
        const QString folder = m_dir.filePath(QStringLiteral("nhan-2"));
        QCOMPARE(cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("kho-2"),
                      QStringLiteral("--folder"), folder, QStringLiteral("--name-template"), QStringLiteral("{file}")})
                     .exitCode,
                 0);
        const QString f = m_dir.filePath(QStringLiteral("files/doi.pdf"));
        QVERIFY(writeFile(f, randomBytes(1000, 99)));
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("kho-2"), f}).exitCode, 0);
        QVERIFY(writeFile(f, randomBytes(1000, 98)));
        ToolResult r = cli({QStringLiteral("queue"), QStringLiteral("run")});
        QCOMPARE(r.exitCode, 8);
        bool refused = false;
        for (const QJsonObject &e : events(r))
            if (e.value(QStringLiteral("target")).toString() == u"kho-2") {
                QCOMPARE(e.value(QStringLiteral("error")).toString(), QStringLiteral("upload-file-changed"));
                refused = true;
            }
        QVERIFY(refused);
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/doi.pdf")));
    }
};

QTEST_MAIN(TestUploadQueue)
#include "TestUploadQueue.moc"
