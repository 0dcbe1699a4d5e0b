// Kills `sohoa-cli scan` with SIGKILL at random moments and checks the promise of auto-save:
// every page reported as saved is on disk with its reported SHA-256, the database is intact, and
// the next scan continues the numbering.

#include "FileDigest.h"
#include "SaneTestEnv.h"
#include "ToolRunner.h"
#include "core/dossier/DossierStore.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;

private slots:
    void sigkillAtRandomMoments()
    {
        const int trials = qEnvironmentVariableIntValue("SOHOA_CRASH_TRIALS") > 0
                               ? qEnvironmentVariableIntValue("SOHOA_CRASH_TRIALS")
                               : 24;
        const quint32 seed = qEnvironmentVariableIsSet("SOHOA_CRASH_SEED")
                                 ? qEnvironmentVariable("SOHOA_CRASH_SEED").toUInt()
                                 : QRandomGenerator::global()->generate();
        qInfo("crash trials: %d, seed %u (set SOHOA_CRASH_SEED to replay)", trials, seed);
        QRandomGenerator rng(seed);

        QTemporaryDir work;
        const QString store = work.filePath(QStringLiteral("store"));
        QHash<QString, QString> reported; // path -> sha256
        int killedMidBatch = 0;
        int maxSeq = 0;

        // Trial 0 runs to the end and measures how long a batch takes here; the kill moments of the
        // other trials are spread over that time, so they land inside batches on any machine.
        qint64 batchMs = 0;
        for (int trial = 0; trial <= trials; ++trial) {
            QProcess p;
            p.start(QStringLiteral(SOHOA_CLI_PATH), {QStringLiteral("scan"),
                                                     QStringLiteral("--store"),
                                                     store,
                                                     QStringLiteral("--json"),
                                                     QStringLiteral("--device"),
                                                     QStringLiteral("test:0"),
                                                     QStringLiteral("--source"),
                                                     QStringLiteral("adf"),
                                                     QStringLiteral("--mode"),
                                                     QStringLiteral("color"),
                                                     QStringLiteral("--resolution"),
                                                     QStringLiteral("100"),
                                                     QStringLiteral("--option"),
                                                     QStringLiteral("test-picture=Color pattern"),
                                                     QStringLiteral("--option"),
                                                     QStringLiteral("read-delay=yes"),
                                                     QStringLiteral("--option"),
                                                     QStringLiteral("read-delay-duration=1000"),
                                                     QStringLiteral("--dossier"),
                                                     kCode});
            QVERIFY(p.waitForStarted(10000));
            const int killAfterMs = trial == 0 ? 120000 : int(rng.bounded(int(batchMs * 11 / 10) + 1));
            QElapsedTimer timer;
            timer.start();
            bool finished = p.waitForFinished(killAfterMs);
            if (trial == 0) {
                QVERIFY2(finished && p.exitCode() == 0, "the calibration batch did not finish normally");
                batchMs = timer.elapsed();
                qInfo("one batch of 10 pages takes %lld ms here", batchMs);
            }
            if (!finished) {
                ::kill(pid_t(p.processId()), SIGKILL);
                QVERIFY(p.waitForFinished(10000));
            }
            const QString out = QString::fromUtf8(p.readAllStandardOutput());
            int pagesThisRun = 0;
            for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
                const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
                if (o.value(QStringLiteral("event")).toString() != u"page")
                    continue;
                reported.insert(o.value(QStringLiteral("path")).toString(),
                                o.value(QStringLiteral("sha256")).toString());
                maxSeq = qMax(maxSeq, o.value(QStringLiteral("seq")).toInt());
                ++pagesThisRun;
            }
            if (!finished && pagesThisRun > 0 && pagesThisRun < 10)
                ++killedMidBatch;

            // Everything ever reported is still there, unchanged, after this crash and the recovery below.
            auto opened = DossierStore::open(store);
            QVERIFY2(opened, qPrintable(opened.error().fullText()));
            DossierStore &s = *opened.value();
            QCOMPARE(s.integrityCheck().value(), QStringLiteral("ok"));
            QVERIFY(s.recoveryReport().missingPages.isEmpty());
            QVERIFY(s.recoveryReport().damagedPages.isEmpty());
            QSet<QString> inDb;
            auto dossier = s.dossier(kCode);
            if (dossier) {
                for (const PageRecord &rec : s.dossierPages(dossier->id).value()) {
                    inDb.insert(rec.absolutePath);
                    maxSeq = qMax(maxSeq, rec.seq); // adopted pages count too
                }
            }
            for (auto it = reported.cbegin(); it != reported.cend(); ++it) {
                QVERIFY2(inDb.contains(it.key()),
                         qPrintable(
                             QStringLiteral("trial %1: reported page not in the store: %2").arg(trial).arg(it.key())));
                QVERIFY2(sha256OfFile(it.key()) == it.value(),
                         qPrintable(QStringLiteral("trial %1: %2").arg(trial).arg(it.key())));
            }
            // After recovery no temporary is left.
            QDirIterator files(store, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                files.next();
                QVERIFY2(!files.fileName().contains(QStringLiteral(".tmp-")), qPrintable(files.filePath()));
            }
        }
        qInfo("pages reported saved: %d; runs killed in the middle of a batch: %d", int(reported.size()),
              killedMidBatch);
        QVERIFY2(killedMidBatch >= 3, "the kill moments never fell inside a batch; the test did not test anything");

        // The next scan continues the numbering.
        const ToolResult next =
            runCli({QStringLiteral("scan"), QStringLiteral("--store"), store, QStringLiteral("--json"),
                    QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--resolution"),
                    QStringLiteral("50"), QStringLiteral("--dossier"), kCode});
        QVERIFY2(next.exitCode == 0, qPrintable(next.describe()));
        const auto pages = next.events(QStringLiteral("page"));
        QCOMPARE(pages.size(), 1);
        QCOMPARE(pages.first().value(QStringLiteral("seq")).toInt(), maxSeq + 1);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
