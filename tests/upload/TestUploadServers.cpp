// The upload queue through sohoa-cli against other servers than nginx (whose 401 and 503 with
// Retry-After are in TestUploadQueue): Apache httpd's mod_dav — a dossier delivered over https with
// Basic authentication, a file already at the remote name kept as it is whether delivery sees it
// (HEAD) or only Apache's If-None-Match stops the PUT, a wrong password failing for good — and a
// server that cuts the first PUTs mid-body, after which the file is there once, whole.

#include "ApacheDav.h"
#include "CuttingDavServer.h"
#include "SigningFixtures.h"
#include "ToolRunner.h"
#include "UploadServers.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa::test;

namespace {

// A dossier of the schema-1 store fixture (the CLI migrates the copy when it opens it).
const QString kDossier = QStringLiteral("H15.50.05.13-261008-0975");

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(path);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(path, target))
            return false;
    }
    return true;
}

// Every file below `root` (hidden ones too: a server's temporaries), relative to it.
QStringList filesBelow(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(root).relativeFilePath(it.next()));
    out.sort();
    return out;
}

} // namespace

class TestUploadServers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    int m_stores = 0;

    ToolResult cli(const QStringList &args, int timeoutMs = 60000)
    {
        return runTool(QStringLiteral(SOHOA_CLI_PATH),
                       QStringList{QStringLiteral("--store"), m_store, QStringLiteral("--json")} + args, timeoutMs);
    }

    QString makeFile(const QString &name, int size, int seed)
    {
        const QString f = m_dir.filePath(QStringLiteral("files/") + name);
        QDir().mkpath(QFileInfo(f).absolutePath());
        return writeFile(f, randomBytes(size, seed)) ? f : QString();
    }

    // The jobs of `queue list`.
    QList<QJsonObject> jobs()
    {
        return cli({QStringLiteral("queue"), QStringLiteral("list")}).events(QStringLiteral("upload"));
    }

private slots:
    void init()
    {
        // A store (and so a queue) of each test and row's own.
        m_store = m_dir.filePath(QStringLiteral("store-%1").arg(++m_stores));
    }

    void apacheDeliversADossierOverHttpsWithBasicAuth()
    {
        QVERIFY(copyTree(QStringLiteral(SOHOA_SOURCE_DIR "/tests/fixtures/store-v1"), m_store));
        TestCa ca;
        QString error;
        QVERIFY2(ca.make(&error, "[server_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, "
                                 "keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1\n"),
                 qPrintable(error));
        QVERIFY2(
            ca.issue(QStringLiteral("server"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("server_ext"), &error),
            qPrintable(error));
        ApacheDav server;
        QVERIFY2(server.start(freeLoopbackPort(), QStringLiteral("can-bo"), QStringLiteral("mật khẩu đúng"), &error,
                              ca.path(QStringLiteral("server.pem")), ca.path(QStringLiteral("server.key"))),
                 qPrintable(error));
        QVERIFY(server.url().startsWith(u"https://"));
        const ScopedEnv password("SOHOA_TEST_APACHE_PASSWORD", "mật khẩu đúng");
        ToolResult r = cli(
            {QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("apache"), QStringLiteral("--webdav"),
             server.url(), QStringLiteral("--user"), QStringLiteral("can-bo"), QStringLiteral("--secret-env"),
             QStringLiteral("SOHOA_TEST_APACHE_PASSWORD"), QStringLiteral("--ca"), ca.path(QStringLiteral("root.pem")),
             QStringLiteral("--name-template"), QStringLiteral("ho-so/{dossier}/ban-sao/{file}")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QStringList files;
        for (int i = 0; i < 4; ++i) {
            files.append(makeFile(QStringLiteral("ban-sao-%1.pdf").arg(i), 300000 + i * 150000, 10 + i));
            QVERIFY(!files.constLast().isEmpty());
        }
        r = cli(QStringList{QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("apache"),
                            QStringLiteral("--dossier"), kDossier} +
                files);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.events(QStringLiteral("upload")).size(), files.size());
        r = cli({QStringLiteral("queue"), QStringLiteral("run"), QStringLiteral("--max-wait"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + server.errorLog()));

        const QString collection = QStringLiteral("ho-so/") + kDossier + QStringLiteral("/ban-sao/");
        QStringList expected;
        for (const QString &f : files) {
            const QString name = collection + QFileInfo(f).fileName();
            QCOMPARE(readFile(server.documentRoot() + u'/' + name), readFile(f));
            expected.append(name);
        }
        expected.sort();
        // Nothing else in the tree: no temporary of mod_dav_fs, no stray file.
        QCOMPARE(filesBelow(server.documentRoot()), expected);
        QTRY_COMPARE_WITH_TIMEOUT(server.statuses("PUT"), QList<int>(files.size(), 201), 2000);
        // The three collections made once per run, whichever of the two deliveries at a time came first;
        // no MKCOL twice (two at once of one collection make Apache answer 403 to the second).
        QCOMPARE(server.statuses("MKCOL"), QList<int>(3, 201));

        const QList<QJsonObject> list = jobs();
        QCOMPARE(list.size(), files.size());
        for (const QJsonObject &j : list) {
            QCOMPARE(j.value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
            QCOMPARE(j.value(QStringLiteral("attempts")).toInt(), 1);
            QVERIFY2(j.value(QStringLiteral("remote_url")).toString().startsWith(server.url() + collection),
                     qPrintable(j.value(QStringLiteral("remote_url")).toString()));
        }
        // The dossier says where its files went.
        r = cli({QStringLiteral("dossier"), QStringLiteral("show"), kDossier});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray uploads =
            r.events(QStringLiteral("dossier")).value(0).value(QStringLiteral("uploads")).toArray();
        QCOMPARE(uploads.size(), files.size());
        for (const QJsonValue &u : uploads)
            QCOMPARE(u.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
    }

    // A file is already at the remote name. Seen by delivery's HEAD (same size, so only the content
    // tells them apart) or hidden from it under /hidden/ (as if put there between the HEAD and the
    // PUT), it is never overwritten: Apache answers the PUT's If-None-Match: * with 412. The same
    // content is a delivery; another one fails the job for good.
    void apacheKeepsTheFileAlreadyThere_data()
    {
        QTest::addColumn<bool>("sameContent");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("errorId");
        QTest::addColumn<QList<int>>("putStatuses");
        QTest::newRow("other content, seen by HEAD") << false << QStringLiteral("in") << QStringLiteral("failed")
                                                     << QStringLiteral("remote-file-differs") << QList<int>{};
        QTest::newRow("other content, hidden from HEAD")
            << false << QStringLiteral("hidden") << QStringLiteral("failed") << QStringLiteral("remote-file-differs")
            << QList<int>{412};
        QTest::newRow("same content, seen by HEAD")
            << true << QStringLiteral("in") << QStringLiteral("delivered") << QString() << QList<int>{};
        QTest::newRow("same content, hidden from HEAD")
            << true << QStringLiteral("hidden") << QStringLiteral("delivered") << QString() << QList<int>{412};
    }

    void apacheKeepsTheFileAlreadyThere()
    {
        QFETCH(bool, sameContent);
        QFETCH(QString, folder);
        QFETCH(QString, state);
        QFETCH(QString, errorId);
        QFETCH(QList<int>, putStatuses);
        const QString file = makeFile(QStringLiteral("co-san-%1.pdf").arg(m_stores), 2000000, 40 + m_stores);
        QVERIFY(!file.isEmpty());
        const QByteArray there = sameContent ? readFile(file) : randomBytes(2000000, 90 + m_stores);
        ApacheDav server;
        QString error;
        QVERIFY2(server.start(freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        const QString remote = folder + QStringLiteral("/lo/") + QFileInfo(file).fileName();
        QVERIFY(server.place(remote, there));
        QCOMPARE(
            cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("apache"), QStringLiteral("--webdav"),
                 server.url() + folder + u'/', QStringLiteral("--name-template"), QStringLiteral("lo/{file}")})
                .exitCode,
            0);
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("apache"), file}).exitCode, 0);
        const ToolResult r =
            cli({QStringLiteral("queue"), QStringLiteral("run"), QStringLiteral("--max-wait"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == (state == u"delivered" ? 0 : 8), qPrintable(r.describe() + server.accessLog()));
        const QList<QJsonObject> list = jobs();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().value(QStringLiteral("state")).toString(), state);
        QCOMPARE(list.first().value(QStringLiteral("error")).toString(), errorId);
        QCOMPARE(list.first().value(QStringLiteral("attempts")).toInt(), 1); // settled at once, no retry
        // Compared by content (GET) in every case, the file left as it was, nothing beside it.
        QTRY_COMPARE_WITH_TIMEOUT(server.statuses("GET"), QList<int>{200}, 2000);
        QCOMPARE(server.statuses("PUT"), putStatuses);
        QCOMPARE(readFile(server.documentRoot() + u'/' + remote), there);
        QCOMPARE(filesBelow(server.documentRoot()), QStringList{remote});
    }

    // Apache answers 401: the job fails for good at the first request, the run ends at once.
    void apacheWrongPasswordFailsForGood()
    {
        ApacheDav server;
        QString error;
        QVERIFY2(server.start(freeLoopbackPort(), QStringLiteral("can-bo"), QStringLiteral("dung"), &error),
                 qPrintable(error));
        const ScopedEnv password("SOHOA_TEST_APACHE_WRONG", "sai");
        QCOMPARE(cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("sai-mat-khau"),
                      QStringLiteral("--webdav"), server.url(), QStringLiteral("--user"), QStringLiteral("can-bo"),
                      QStringLiteral("--secret-env"), QStringLiteral("SOHOA_TEST_APACHE_WRONG"),
                      QStringLiteral("--name-template"), QStringLiteral("lo/{file}")})
                     .exitCode,
                 0);
        const QString file = makeFile(QStringLiteral("sai.pdf"), 500000, 70);
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("sai-mat-khau"), file}).exitCode,
                 0);
        QElapsedTimer clock;
        clock.start();
        // No --max-wait: a permanent failure must end the run by itself.
        const ToolResult r = cli({QStringLiteral("queue"), QStringLiteral("run")}, 30000);
        QVERIFY2(!r.timedOut, qPrintable(r.describe()));
        QCOMPARE(r.exitCode, 8);
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
        const QList<QJsonObject> list = jobs();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(list.first().value(QStringLiteral("error")).toString(), QStringLiteral("upload-unauthorized"));
        QCOMPARE(list.first().value(QStringLiteral("attempts")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.statuses("HEAD"), QList<int>{401}, 2000);
        QVERIFY(server.statuses("PUT").isEmpty());
        QVERIFY(server.statuses("MKCOL").isEmpty());
        QVERIFY(filesBelow(server.documentRoot()).isEmpty());
    }

    // The connection is closed halfway through the body of the first two PUTs. Delivery ends with the
    // file stored once and whole, nothing of the cut bodies anywhere, and every attempt of the queue
    // recorded: each cut is an attempt of the queue, backed off (the client never sends a body again
    // behind the queue's back, as QNetworkAccessManager did), so three attempts, each begun by a look
    // (HEAD).
    void transfersCutMidBodyAreRetriedUntilDelivered()
    {
        QTemporaryDir root;
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("in"))));
        CuttingDavServer server;
        QVERIFY(server.start(root.path(), freeLoopbackPort(), 2));
        QCOMPARE(
            cli({QStringLiteral("target"), QStringLiteral("add"), QStringLiteral("cat"), QStringLiteral("--webdav"),
                 server.url() + QStringLiteral("in/"), QStringLiteral("--name-template"), QStringLiteral("lo/{file}")})
                .exitCode,
            0);
        const QString file = makeFile(QStringLiteral("bi-cat.pdf"), 4 * 1024 * 1024, 80);
        QVERIFY(!file.isEmpty());
        QCOMPARE(cli({QStringLiteral("upload"), QStringLiteral("--to"), QStringLiteral("cat"), file}).exitCode, 0);
        // Backoffs are about 2 s and 4 s: a retry due later than 30 s (a backoff gone wrong) ends the run.
        const ToolResult r =
            cli({QStringLiteral("queue"), QStringLiteral("run"), QStringLiteral("--max-wait"), QStringLiteral("30")},
                90000);
        const QString journal = server.journal();
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + journal));
        QCOMPARE(server.cutPuts(), 2);
        QCOMPARE(server.storedPuts(), 1);
        QTRY_COMPARE(server.puts(), 3); // nginx logs a request after answering it
        QCOMPARE(readFile(root.filePath(QStringLiteral("in/lo/bi-cat.pdf"))), readFile(file));
        QCOMPARE(filesBelow(root.path()), QStringList{QStringLiteral("in/lo/bi-cat.pdf")});

        // One event per attempt: the cut ones queued again (transient, a retry due), the last delivered.
        const QList<QJsonObject> attempts = r.events(QStringLiteral("upload"));
        QVERIFY2(attempts.size() == 3, qPrintable(r.out + journal));
        for (const QJsonObject &a : attempts.mid(0, attempts.size() - 1)) {
            QCOMPARE(a.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
            QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("upload-unreachable"));
            QVERIFY(a.contains(QStringLiteral("next_attempt_at")));
        }
        QCOMPARE(attempts.constLast().value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        const QList<QJsonObject> list = jobs();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().value(QStringLiteral("state")).toString(), QStringLiteral("delivered"));
        const int recorded = list.first().value(QStringLiteral("attempts")).toInt();
        QCOMPARE(recorded, int(attempts.size()));
        QVERIFY2(recorded == int(journal.count(QStringLiteral("HEAD 404 "))), qPrintable(journal));
    }
};

QTEST_MAIN(TestUploadServers)
#include "TestUploadServers.moc"
