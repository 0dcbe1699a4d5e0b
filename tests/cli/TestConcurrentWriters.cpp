// Several writers at once in one store, as a counter desk and an archive room have it: `sohoa-cli
// scan` processes on SANE's `test` devices into the same component or into different dossiers, while
// `dossier list` and `dossier export` read in a loop, and one writer killed (SIGKILL) in the middle.
// Every process ends well, every page it reported exists with its SHA-256, numbers are unique per
// component and never reused, each writer's pages keep their scan order, no reader "recovers" a page
// another live process is writing, and `dossier verify` is clean.

#include "SaneTestEnv.h"
#include "ToolRunner.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");
constexpr int kDevices = 4;

// A sohoa-cli process running in the background; its JSON lines read when it ends.
class CliProcess
{
public:
    explicit CliProcess(const QStringList &args)
    {
        m_process.setProgram(QStringLiteral(SOHOA_CLI_PATH));
        m_process.setArguments(args);
        m_process.start();
        m_args = args.join(u' ');
    }
    // True once the process has ended (waiting up to timeoutMs); its output is then read.
    bool finish(int timeoutMs = 120000)
    {
        if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
            return false;
        collect();
        return true;
    }
    // SIGKILL to the process if it still runs (never kill(0): that is our own process group).
    void kill()
    {
        if (const qint64 pid = m_process.processId(); pid > 0)
            ::kill(pid_t(pid), SIGKILL);
    }
    int exitCode() const { return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1; }
    QList<QJsonObject> events(const QString &kind) const
    {
        ToolResult r;
        r.out = m_out;
        return r.events(kind);
    }
    // Waits until the process printed a line containing `text` (e.g. its "started" event).
    bool waitForOutput(const QString &text, int timeoutMs = 60000)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            m_out += QString::fromUtf8(m_process.readAllStandardOutput());
            if (m_out.contains(text))
                return true;
            if (m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
        }
        return false;
    }
    // Reads what the process printed so far (a killed one: its promises).
    void collect()
    {
        m_out += QString::fromUtf8(m_process.readAllStandardOutput());
        m_err += QString::fromUtf8(m_process.readAllStandardError());
    }
    QString describe() const { return m_args + u'\n' + m_out.left(3000) + u'\n' + m_err.left(3000); }
    const QString &err() const { return m_err; }

private:
    QProcess m_process;
    QString m_args, m_out, m_err;
};

QStringList scanArgs(const QString &store, int device, const QString &dossier, const QString &component, int pages)
{
    return {QStringLiteral("scan"),
            QStringLiteral("--store"),
            store,
            QStringLiteral("--json"),
            QStringLiteral("--device"),
            QStringLiteral("test:%1").arg(device),
            QStringLiteral("--dossier"),
            dossier,
            QStringLiteral("--component"),
            component,
            QStringLiteral("--source"),
            QStringLiteral("adf"),
            QStringLiteral("--mode"),
            QStringLiteral("gray"),
            QStringLiteral("--resolution"),
            QStringLiteral("50"),
            QStringLiteral("--max-pages"),
            QString::number(pages),
            QStringLiteral("--option"),
            QStringLiteral("read-delay=yes"),
            QStringLiteral("--option"),
            QStringLiteral("read-delay-duration=3000")};
}

// What the store holds for every page a process reported, in the process's order.
struct Reported
{
    QString path;
    QString sha256;
    int seq = 0;
};

QList<Reported> reportedPages(const CliProcess &p)
{
    QList<Reported> out;
    for (const QJsonObject &e : p.events(QStringLiteral("page")))
        out.append({e.value(QStringLiteral("relative_path")).toString(), e.value(QStringLiteral("sha256")).toString(),
                    e.value(QStringLiteral("seq")).toInt()});
    return out;
}

} // namespace

class TestConcurrentWriters : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane{kDevices};

    // Checks the store against what the writers reported: all there, whole, numbered once, in order.
    // `unreported`: how many more rows may exist than were reported (a writer killed after its
    // commit and before its output line: the page is saved, its line never printed).
    void checkStore(const QString &storeDir, const QList<QList<Reported>> &writers, int expectedRows,
                    int unreported = 0)
    {
        auto store = DossierStore::open(storeDir);
        QVERIFY2(store, qPrintable(store.error().fullText()));
        QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));
        QHash<QString, PageRecord> byPath;
        QSet<QString> numbers; // "origin component/seq"
        int rows = 0;
        for (const DossierInfo &d : store.value()->dossiers().value()) {
            for (const PageRecord &p : store.value()->dossierPages(d.id).value()) {
                byPath.insert(p.relativePath, p);
                const QString number = QStringLiteral("%1/%2").arg(p.originComponentId).arg(p.seq);
                QVERIFY2(!numbers.contains(number), qPrintable(number));
                numbers.insert(number);
                ++rows;
            }
            QList<PageRecord> damaged, missing;
            QVERIFY(store.value()->verifyDossier(d.id, &damaged, &missing));
            QVERIFY(damaged.isEmpty() && missing.isEmpty());
        }
        QVERIFY2(rows >= expectedRows && rows <= expectedRows + unreported,
                 qPrintable(QStringLiteral("%1 rows, %2 expected (+%3)").arg(rows).arg(expectedRows).arg(unreported)));
        for (const QList<Reported> &pages : writers) {
            int lastPosition = 0;
            qint64 lastComponent = 0;
            for (const Reported &r : pages) {
                QVERIFY2(byPath.contains(r.path), qPrintable(r.path));
                const PageRecord &p = byPath.value(r.path);
                QCOMPARE(p.sha256, r.sha256);
                QCOMPARE(sha256HexOfFile(p.absolutePath).value(), r.sha256);
                // A writer's pages keep the order it scanned them in (others' may sit between).
                if (p.componentId == lastComponent)
                    QVERIFY2(p.position > lastPosition, qPrintable(r.path));
                lastComponent = p.componentId;
                lastPosition = p.position;
            }
        }
    }

private Q_SLOTS:
    void writersIntoOneComponent_data()
    {
        QTest::addColumn<int>("writers");
        QTest::newRow("two writers") << 2;
        QTest::newRow("four writers") << 4;
    }
    void writersIntoOneComponent()
    {
        QFETCH(int, writers);
        for (int round = 0; round < 3; ++round) {
            QTemporaryDir dir;
            const QString store = dir.filePath(QStringLiteral("store"));
            std::vector<std::unique_ptr<CliProcess>> procs;
            procs.reserve(size_t(writers));
            for (int w = 0; w < writers; ++w)
                procs.push_back(std::make_unique<CliProcess>(scanArgs(store, w, kCode, QStringLiteral("Tài liệu"), 6)));
            QList<QList<Reported>> reported;
            int total = 0;
            for (auto &p : procs) {
                QVERIFY(p->finish());
                QVERIFY2(p->exitCode() == 0, qPrintable(p->describe()));
                QVERIFY2(p->events(QStringLiteral("recovery")).isEmpty(), qPrintable(p->describe()));
                reported.append(reportedPages(*p));
                QCOMPARE(reported.constLast().size(), 6);
                total += 6;
            }
            checkStore(store, reported, total);
        }
    }

    // Writers into different dossiers while readers list and export in a loop: no reader fails, and
    // none "recovers" (adopts or removes) what a live writer is in the middle of writing.
    void writersAndReadersAtOnce()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QStringList codes{kCode, QStringLiteral("H15.50.05.13-261008-0976"),
                                QStringLiteral("H15.50.05.13-261008-0977")};
        // The first dossier exists before the readers start, so that export has something to write.
        CliProcess first(scanArgs(store, 0, codes.at(0), QStringLiteral("Tài liệu"), 2));
        QVERIFY(first.finish());
        QCOMPARE(first.exitCode(), 0);
        std::vector<std::unique_ptr<CliProcess>> writers;
        writers.reserve(3);
        for (int w = 0; w < 3; ++w)
            writers.push_back(std::make_unique<CliProcess>(scanArgs(store, w, codes.at(w), QStringLiteral("Đơn"), 8)));
        int reads = 0;
        QElapsedTimer clock;
        clock.start();
        QTemporaryDir out;
        bool writing = true;
        while (writing && clock.elapsed() < 60000) {
            const ToolResult list = runCli({QStringLiteral("dossier"), QStringLiteral("list"),
                                            QStringLiteral("--store"), store, QStringLiteral("--json")});
            QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
            QVERIFY2(list.events(QStringLiteral("recovery")).isEmpty(), qPrintable(list.describe()));
            const ToolResult exported =
                runCli({QStringLiteral("dossier"), QStringLiteral("export"), codes.at(0), QStringLiteral("--component"),
                        QStringLiteral("Tài liệu"), QStringLiteral("--out"), out.filePath(QStringLiteral("d.pdf")),
                        QStringLiteral("--overwrite"), QStringLiteral("--store"), store, QStringLiteral("--json")});
            QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
            QVERIFY2(exported.events(QStringLiteral("recovery")).isEmpty(), qPrintable(exported.describe()));
            ++reads;
            writing = false;
            for (auto &w : writers)
                writing = writing || !w->finish(0);
        }
        QList<QList<Reported>> reported{reportedPages(first)};
        for (auto &w : writers) {
            QVERIFY(w->finish());
            QVERIFY2(w->exitCode() == 0, qPrintable(w->describe()));
            reported.append(reportedPages(*w));
        }
        // At least the first read ran beside the writers (more on a machine that is not loaded; how
        // many depends on its speed, which a test must not).
        QVERIFY(reads >= 1);
        checkStore(store, reported, 2 + 3 * 8);
    }

    // One of two writers is killed in the middle of its batch: the other ends well with every page;
    // afterwards recovery adopts or discards only the dead writer's reservation, every page either
    // process reported is there, and the next scan numbers on.
    void aWriterKilledBesideALiveOne()
    {
        QRandomGenerator random(QRandomGenerator::global()->generate());
        for (int trial = 0; trial < 4; ++trial) {
            QTemporaryDir dir;
            const QString store = dir.filePath(QStringLiteral("store"));
            CliProcess survivor(scanArgs(store, 0, kCode, QStringLiteral("Tài liệu"), 8));
            CliProcess victim(scanArgs(store, 1, kCode, QStringLiteral("Tài liệu"), 10));
            // Both have the store open (their recovery is behind them) before one of them dies.
            const QString started = QStringLiteral("\"event\":\"started\"");
            QVERIFY2(survivor.waitForOutput(started), qPrintable(survivor.describe()));
            QVERIFY2(victim.waitForOutput(started), qPrintable(victim.describe()));
            QTest::qWait(int(random.bounded(300)));
            victim.kill();
            QVERIFY(victim.finish());
            victim.collect();
            QVERIFY(survivor.finish());
            QVERIFY2(survivor.exitCode() == 0, qPrintable(survivor.describe()));
            QVERIFY2(survivor.events(QStringLiteral("recovery")).isEmpty(), qPrintable(survivor.describe()));
            const QList<Reported> survived = reportedPages(survivor);
            const QList<Reported> promised = reportedPages(victim);
            QCOMPARE(survived.size(), 8);
            // The next writer may adopt the victim's last page (complete file, row not yet written).
            CliProcess next(scanArgs(store, 2, kCode, QStringLiteral("Tài liệu"), 1));
            QVERIFY(next.finish());
            QVERIFY2(next.exitCode() == 0, qPrintable(next.describe()));
            const int adopted =
                int(next.events(QStringLiteral("recovery")).value(0).value(QStringLiteral("adopted")).toArray().size());
            // The victim may have died between committing a page and printing its line: at most one
            // such page (one commit at a time), saved but never reported — never a page lost.
            checkStore(store, {survived, promised, reportedPages(next)}, 8 + int(promised.size()) + adopted + 1, 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestConcurrentWriters)
#include "TestConcurrentWriters.moc"
