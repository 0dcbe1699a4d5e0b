// A crash costs nothing that was shown: the real `sohoa` runs on a private X server, an officer's key
// presses come from xdotool (Ctrl+N, the code, Enter, F5), the process is killed (SIGKILL) in the
// middle of a slow feeder batch, and the next start says what the store recovered, with every page
// that had been committed (and so shown) still there, byte for byte.

#include "GuiTestSupport.h"
#include "SaneTestEnv.h"
#include "XvfbSession.h"

#include "app/gui/Banner.h"
#include "app/workflows/Job.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierStore.h"

#include <QProcess>

#include <csignal>
#include <QtTest>

using namespace sohoa;

namespace {
const QString kCode = QStringLiteral("H15.50.05.13-261130-0300");
}

class TestCrashRecovery : public QObject
{
    Q_OBJECT

    test::SaneTestEnv m_sane;
    QTemporaryDir m_dir;

    // The pages committed so far, read without writing (the GUI process owns the batch).
    QList<PageRecord> committedPages(const QString &storePath)
    {
        StoreOptions options;
        options.mode = StoreOpenMode::ReadOnly;
        auto store = DossierStore::open(storePath, options);
        if (!store)
            return {};
        auto dossier = store.value()->dossier(kCode);
        if (!dossier)
            return {};
        auto pages = store.value()->dossierPages(dossier.value().id);
        return pages ? pages.value() : QList<PageRecord>();
    }

private slots:
    void initTestCase()
    {
        test::useTemporarySettings(m_dir);
        workflows::Job::registerMetaTypes();
        // A slow feeder: every read of the test scanner waits, so a page takes about a second.
        workflows::ScanProfile profile = test::flatbedProfile(QStringLiteral("Quầy: chậm"));
        profile.source = QStringLiteral("adf");
        profile.resolution = 100;
        profile.pageSize = QStringLiteral("A4");
        profile.options = {QStringLiteral("read-limit=yes"), QStringLiteral("read-limit-size=32768"),
                           QStringLiteral("read-delay=yes"), QStringLiteral("read-delay-duration=10000")};
        gui::AppSettings settings;
        settings.setProfiles({profile});
        settings.setCurrentProfile(0);
        settings.setLastDevice({QStringLiteral("test:0"), QString(), QString(), QString()});
    }

    void killedMidScanLosesNothingShown()
    {
        test::XvfbSession x;
        QVERIFY2(x.isRunning(), "Xvfb could not be started (install the xvfb package)");
        const QString storePath = m_dir.filePath(QStringLiteral("store"));
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), x.display());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        gui.setProcessEnvironment(env);
        gui.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        gui.start(QStringLiteral(SOHOA_GUI_PATH), {QStringLiteral("--store"), storePath});
        QVERIFY(gui.waitForStarted(10000));
        const QString pid = QString::number(gui.processId());
        const auto found = x.xdotool({QStringLiteral("search"), QStringLiteral("--sync"), QStringLiteral("--onlyvisible"),
                                      QStringLiteral("--pid"), pid});
        QVERIFY2(found.exitCode == 0, qPrintable(found.describe()));
        const QString window = found.lines().value(0);
        qInfo("window %s on %s", qPrintable(window), qPrintable(x.display()));
        QVERIFY(x.xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), window}).exitCode == 0);
        // The store opens and the scanners are found after the window shows.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(storePath + QStringLiteral("/.sohoa")), 20000);
        QTest::qWait(1500); // the device list (SANE discovery) fills in the background

        qInfo("store open");
        // Ctrl+N, the code over the (empty) suggestion, Enter: the dialog takes the keys.
        QVERIFY(x.xdotool({QStringLiteral("key"), QStringLiteral("ctrl+n")}).exitCode == 0);
        const auto dialog = x.xdotool({QStringLiteral("search"), QStringLiteral("--sync"), QStringLiteral("--onlyvisible"),
                                       QStringLiteral("--pid"), pid, QStringLiteral("--name"), QStringLiteral(".")});
        QVERIFY(dialog.exitCode == 0);
        QTest::qWait(300);
        QVERIFY(x.xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("15"), kCode}).exitCode == 0);
        QVERIFY(x.xdotool({QStringLiteral("key"), QStringLiteral("Return")}).exitCode == 0);
        QTest::qWait(500);
        QVERIFY(x.xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), window}).exitCode == 0);
        QVERIFY(x.xdotool({QStringLiteral("key"), QStringLiteral("F5")}).exitCode == 0);

        qInfo("F5 pressed");
        // Two pages committed (each shown as it was), then the process is killed mid-batch.
        QTRY_VERIFY_WITH_TIMEOUT(committedPages(storePath).size() >= 2, 90000);
        const QList<PageRecord> shown = committedPages(storePath);
        ::kill(pid_t(gui.processId()), SIGKILL);
        QVERIFY(gui.waitForFinished(10000));
        QCOMPARE(gui.exitStatus(), QProcess::CrashExit);

        // The next start: the recovery notice, and every page committed before the kill, unchanged.
        gui::WindowOptions options;
        options.storePath = storePath;
        gui::MainWindow next(options);
        next.show();
        QTRY_VERIFY_WITH_TIMEOUT(next.storeOpened(), 20000);
        gui::Banner *notice = nullptr;
        for (gui::Banner *b : next.banners())
            if (b->property("subject").toString() == u"recovery")
                notice = b;
        QVERIFY2(notice, "no recovery notice after the kill");
        QVERIFY(notice->text().contains(gui::MainWindow::tr("SoHoa did not close normally last time. The store was checked:")));
        for (const PageRecord &page : shown) {
            auto now = next.store()->page(page.id);
            QVERIFY(now);
            QVERIFY(!now.value().deleted);
            QCOMPARE(sha256HexOfFile(now.value().absolutePath).value(), page.sha256);
        }
        QVERIFY(next.store()->dossierPages(next.store()->dossier(kCode).value().id).value().size() >= shown.size());
        QCOMPARE(next.store()->integrityCheck().value(), QStringLiteral("ok"));
    }
};

QTEST_MAIN(TestCrashRecovery)
#include "TestCrashRecovery.moc"
