// The upload queue in the window, with real parts: nginx's WebDAV on loopback, a real store, the
// window's own keys. Ctrl+U on a dossier with a signed copy queues it for the counter's target and the
// Uploads dock shows it go until delivered (byte-identical on the server); a server that is down leaves
// the row waiting to retry with the error in words until it is up and Send now is pressed; a refused
// password fails the row for good with what to do, and Retry sends it once the target is fixed; Pause
// all stops a slowed transfer under way (nothing on the server), Resume all delivers it; closing the
// window puts a transfer under way back in the queue; and a certified copy signed with Ctrl+S goes
// to the default target by itself.

#include "GuiTestSupport.h"
#include "HandMadePdf.h"
#include "PdfAttacks.h"
#include "SaneTestEnv.h"
#include "SigningFixtures.h"
#include "UploadServers.h"

#include "app/gui/Banner.h"
#include "app/gui/DossierPane.h"
#include "app/gui/PagesPane.h"
#include "app/gui/PinDialog.h"
#include "app/gui/UploadController.h"
#include "app/gui/UploadPanel.h"
#include "app/workflows/UploadQueueJob.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierStore.h"

#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QTableView>

using namespace sohoa;
using namespace sohoa::test;

namespace {

// A real PDF of about `size` bytes: one page of text, and a stream of bytes that do not compress.
QByteArray pdfOfSize(const QByteArray &text, int size, int seed)
{
    return handMadePdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one object, two lines
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        " /Resources << /Font << /F1 5 0 R >> >> >>",
                        pdfStream("<< >>", "BT /F1 14 Tf 72 420 Td (" + text + ") Tj ET"),
                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                        pdfStream("<< >>", randomBytes(size, seed))});
}

QString cell(gui::UploadPanel *panel, int row, int column, int role = Qt::DisplayRole)
{
    const gui::UploadJobsModel *m = panel->model();
    return m->data(m->index(row, column), role).toString();
}

// A role of the first row (the newest job), the same in every column.
QVariant roleOf(gui::UploadPanel *panel, int role)
{
    const gui::UploadJobsModel *m = panel->model();
    return m->rowCount() > 0 ? m->data(m->index(0, 0), role) : QVariant();
}

QString stateOf(gui::UploadPanel *panel)
{
    return roleOf(panel, gui::UploadJobsModel::StateIdRole).toString();
}

QString bannerText(const gui::MainWindow &window, const QString &subject)
{
    for (gui::Banner *b : window.banners())
        if (b->property("subject").toString() == subject)
            return b->text();
    return {};
}

QPushButton *panelButton(gui::UploadPanel *panel, const char *name)
{
    return panel->findChild<QPushButton *>(QString::fromLatin1(name));
}

upload::TargetConfig webDavTarget(const QString &name, const QString &url)
{
    upload::TargetConfig t;
    t.name = name;
    t.kind = upload::TargetKind::WebDav;
    t.location = url;
    t.nameTemplate = QStringLiteral("{dossier}/{file}");
    return t;
}

} // namespace

class TestUploadPanel : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;
    QTemporaryDir m_dir;
    int m_dossiers = 0;

    std::unique_ptr<gui::MainWindow> openWindow(const QString &store)
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(store);
        auto window = std::make_unique<gui::MainWindow>(options);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return {};
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            return {};
        if (!QTest::qWaitFor([&] { return window->storeOpened(); }, 20000))
            return {};
        return window;
    }

    // A dossier of the window's store whose certified copy (a real PDF, recorded as signed) exists,
    // chosen in the dossier list as the officer would have it.
    DossierInfo dossierWithSignedCopy(gui::MainWindow &window, const QByteArray &pdf, QString *path)
    {
        const QString code = QStringLiteral("H15.50.05.13-%1-%2")
                                 .arg(QDate::currentDate().toString(QStringLiteral("yyMMdd")))
                                 .arg(++m_dossiers, 4, 10, QLatin1Char('0'));
        DossierStore *store = window.store();
        DossierInfo dossier = store->createOrGetDossier(code, false).value();
        QDir().mkpath(m_dir.filePath(QStringLiteral("exports")));
        *path = m_dir.filePath(QStringLiteral("exports/%1-ban-sao.pdf").arg(code));
        writeFile(*path, pdf);
        SignedDocumentRecord record;
        record.dossierId = dossier.id;
        record.path = *path;
        record.sourcePath = m_dir.filePath(QStringLiteral("exports/%1.pdf").arg(code));
        record.sha256 = sha256HexOfFile(*path, &record.size).value();
        record.kind = QStringLiteral("copy");
        record.signer = QStringLiteral("CN=Nguyễn Văn Thư");
        record.verdict = QStringLiteral("VALID");
        record.signedAt = QDateTime::currentDateTime();
        store->recordSignedDocument(record).value();
        window.dossierPane()->selectDossier(dossier.id);
        if (!QTest::qWaitFor([&] { return window.pagesPane()->dossierId() == dossier.id; }, 5000))
            qWarning("the dossier list did not choose %s", qPrintable(code));
        return dossier;
    }

private slots:
    void initTestCase()
    {
        useTemporarySettings(m_dir);
        workflows::Job::registerMetaTypes();
        qRegisterMetaType<sohoa::Error>();
        gui::AppSettings settings;
        settings.setProfiles({flatbedProfile(QStringLiteral("Quầy: test flatbed"))});
        settings.setExportFolder(m_dir.filePath(QStringLiteral("exports")));
        settings.setAgencyPrefix(QStringLiteral("H15.50.05.13"));
    }

    void init()
    {
        gui::AppSettings settings; // each test chooses its own target
        settings.setDefaultUploadTarget(QString());
        settings.setUploadAfterSigning(true);
    }

    // No target: Ctrl+U says how to add one. One target (behind Basic authentication): Ctrl+U takes it,
    // remembers it, and the dock shows the job until it is delivered; the server's file is the signed one.
    void ctrlUDeliversTheSignedCopy()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-a"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/ho-so")));
        WebDavServer server;
        QString error;
        QVERIFY2(
            server.start(root, freeLoopbackPort(), QStringLiteral("can-bo"), QStringLiteral("mật khẩu đúng"), &error),
            qPrintable(error));
        qputenv("SOHOA_TEST_DAV_PASSWORD", "mật khẩu đúng");

        auto window = openWindow(QStringLiteral("store-a"));
        QVERIFY(window);
        QString copy;
        const DossierInfo dossier = dossierWithSignedCopy(*window, pdfOfSize("Ban sao", 200000, 1), &copy);
        gui::UploadPanel *panel = window->uploadPanel();
        QCOMPARE(panel->model()->rowCount(), 0);

        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QVERIFY2(bannerText(*window, QStringLiteral("upload")).contains(QStringLiteral("sohoa-cli target add")),
                 qPrintable(bannerText(*window, QStringLiteral("upload"))));
        QCOMPARE(panel->model()->rowCount(), 0);

        upload::TargetConfig target = webDavTarget(QStringLiteral("mot-cua"), server.url() + QStringLiteral("ho-so/"));
        target.user = QStringLiteral("can-bo");
        target.secretEnv = QStringLiteral("SOHOA_TEST_DAV_PASSWORD");
        const auto saved = workflows::saveUploadTarget(*window->store(), target);
        QVERIFY2(saved, qPrintable(saved.error().fullText()));

        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QCOMPARE(gui::AppSettings().defaultUploadTarget(), QStringLiteral("mot-cua"));
        QVERIFY2(bannerText(*window, QStringLiteral("upload")).contains(QStringLiteral("mot-cua")),
                 qPrintable(bannerText(*window, QStringLiteral("upload"))));
        QVERIFY(window->findChild<QDockWidget *>(QStringLiteral("uploadDock"))->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, 5000);
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::FileColumn), QFileInfo(copy).fileName());
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::DossierColumn), dossier.code);
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::TargetColumn), QStringLiteral("mot-cua"));
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::RemoteColumn), dossier.code + u'/' + QFileInfo(copy).fileName());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("delivered"), 20000);
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::StateColumn), gui::UploadJobsModel::tr("Delivered"));
        QVERIFY(!cell(panel, 0, gui::UploadJobsModel::DeliveredColumn).isEmpty());
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::ProblemColumn), QString());
        QCOMPARE(readFile(root + QStringLiteral("/ho-so/") + dossier.code + u'/' + QFileInfo(copy).fileName()),
                 readFile(copy));
        QCOMPARE(server.successfulPuts(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(panel->statusText().startsWith(gui::UploadPanel::tr("%1 delivered").arg(1)),
                                  qPrintable(panel->statusText()), 5000);
        // Where it went, for the selected row.
        QVERIFY2(panel->detailText().contains(server.url() + QStringLiteral("ho-so/")),
                 qPrintable(panel->detailText()));
        // The runner ends once nothing is left.
        QTRY_VERIFY_WITH_TIMEOUT(!window->uploadController()->isRunning(), 5000);
        // Ctrl+U again: the same file to the same place is not sent twice.
        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QVERIFY2(bannerText(*window, QStringLiteral("upload")).contains(dossier.code),
                 qPrintable(bannerText(*window, QStringLiteral("upload"))));
        QCOMPARE(panel->model()->rowCount(), 1);
        QTest::qWait(500);
        QCOMPARE(server.successfulPuts(), 1);
    }

    // Two targets and none chosen: Ctrl+U asks which (one button each) instead of guessing; the one
    // pressed is remembered, the dossier goes there, and the panel's target box shows it.
    void severalTargetsAreOfferedOnceAndRemembered()
    {
        auto window = openWindow(QStringLiteral("store-choose"));
        QVERIFY(window);
        for (const char *name : {"kho-huyen", "kho-tinh"}) {
            upload::TargetConfig t;
            t.name = QString::fromLatin1(name);
            t.kind = upload::TargetKind::Folder;
            t.location = m_dir.filePath(QStringLiteral("folders/") + t.name);
            QVERIFY(workflows::saveUploadTarget(*window->store(), t));
        }
        window->uploadPanel()->refreshTargets();
        QString copy;
        const DossierInfo dossier = dossierWithSignedCopy(*window, pdfOfSize("Ho so chon", 50000, 6), &copy);
        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QCOMPARE(window->uploadPanel()->model()->rowCount(), 0);
        gui::Banner *ask = nullptr;
        for (gui::Banner *b : window->banners())
            if (b->property("subject").toString() == u"upload")
                ask = b;
        QVERIFY(ask);
        QVERIFY(ask->button(QStringLiteral("uploadTo-kho-huyen")));
        QVERIFY(ask->button(QStringLiteral("uploadTo-kho-tinh")));
        QTest::mouseClick(ask->button(QStringLiteral("uploadTo-kho-tinh")), Qt::LeftButton);
        QCOMPARE(gui::AppSettings().defaultUploadTarget(), QStringLiteral("kho-tinh"));
        QCOMPARE(window->uploadPanel()->findChild<QComboBox *>(QStringLiteral("uploadTarget"))->currentText(),
                 QStringLiteral("kho-tinh"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window->uploadPanel()), QStringLiteral("delivered"), 10000);
        QCOMPARE(readFile(m_dir.filePath(QStringLiteral("folders/kho-tinh/") + dossier.code + u'/' +
                                         QFileInfo(copy).fileName())),
                 readFile(copy));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("folders/kho-huyen"))) ||
                QDir(m_dir.filePath(QStringLiteral("folders/kho-huyen"))).isEmpty());
    }

    // The server down: the row waits to retry, says why in words and when it tries next; the server up
    // and Send now: delivered at once, not at the next try.
    void serverDownWaitsThenSendNowDelivers()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-b"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/in")));
        const quint16 port = freeLoopbackPort();
        auto window = openWindow(QStringLiteral("store-b"));
        QVERIFY(window);
        QVERIFY(workflows::saveUploadTarget(
            *window->store(), webDavTarget(QStringLiteral("xa"), QStringLiteral("http://127.0.0.1:%1/in/").arg(port))));
        QString copy;
        const DossierInfo dossier = dossierWithSignedCopy(*window, pdfOfSize("Ho so xa", 150000, 2), &copy);
        gui::UploadPanel *panel = window->uploadPanel();

        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, 5000);
        // Two refused connections: the next try is seconds away (2^attempts s with jitter).
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(panel, 0, gui::UploadJobsModel::AttemptsColumn).toInt() >= 2 && stateOf(panel) == u"queued", 15000);
        QCOMPARE(roleOf(panel, gui::UploadJobsModel::ErrorIdRole).toString(), QStringLiteral("upload-unreachable"));
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::StateColumn), gui::UploadJobsModel::tr("Waiting to retry"));
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::ProblemColumn), Error(ErrorCode::UploadUnreachable).message());
        QVERIFY(!cell(panel, 0, gui::UploadJobsModel::NextTryColumn).isEmpty());
        QVERIFY2(panel->statusText().contains(gui::UploadPanel::tr("%1 waiting").arg(1)),
                 qPrintable(panel->statusText()));
        panel->selectJob(window->store()->uploadJobs().value().constFirst().id);
        QVERIFY2(panel->detailText().contains(Error(ErrorCode::UploadUnreachable).message()),
                 qPrintable(panel->detailText()));
        QVERIFY(window->uploadController()->isRunning()); // waiting for the retry, in the background

        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, port, {}, {}, &error), qPrintable(error));
        const UploadJobRecord waiting = window->store()->uploadJobs().value().constFirst();
        QVERIFY(waiting.state == u"queued");
        const qint64 untilNextTry = QDateTime::currentDateTime().msecsTo(waiting.nextAttemptAt);
        QVERIFY2(untilNextTry > 2500, qPrintable(QStringLiteral("the next try is in %1 ms").arg(untilNextTry)));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(panelButton(panel, "uploadSendNow")->isEnabled());
        QTest::mouseClick(panelButton(panel, "uploadSendNow"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("delivered"), 15000);
        // Send now did not wait for the next try.
        QVERIFY2(clock.elapsed() < untilNextTry,
                 qPrintable(QStringLiteral("%1 ms, the next try was in %2 ms").arg(clock.elapsed()).arg(untilNextTry)));
        QCOMPARE(readFile(root + QStringLiteral("/in/") + dossier.code + u'/' + QFileInfo(copy).fileName()),
                 readFile(copy));
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::ProblemColumn), QString());
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::NextTryColumn), QString());
    }

    // A wrong password fails the job for good: the row says so and what to do, the status line asks for
    // attention; the target fixed, Retry on the row delivers it.
    void refusedPasswordFailsAndRetryDelivers()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-auth"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/in")));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), QStringLiteral("can-bo"), QStringLiteral("dung"), &error),
                 qPrintable(error));
        qputenv("SOHOA_TEST_WRONG_PASSWORD", "sai");
        qputenv("SOHOA_TEST_RIGHT_PASSWORD", "dung");
        auto window = openWindow(QStringLiteral("store-auth"));
        QVERIFY(window);
        upload::TargetConfig target = webDavTarget(QStringLiteral("tinh"), server.url() + QStringLiteral("in/"));
        target.user = QStringLiteral("can-bo");
        target.secretEnv = QStringLiteral("SOHOA_TEST_WRONG_PASSWORD");
        QVERIFY(workflows::saveUploadTarget(*window->store(), target));
        QString copy;
        const DossierInfo dossier = dossierWithSignedCopy(*window, pdfOfSize("Ho so tinh", 100000, 3), &copy);
        gui::UploadPanel *panel = window->uploadPanel();

        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("failed"), 15000);
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::StateColumn),
                 gui::UploadJobsModel::tr("Failed — needs attention"));
        QCOMPARE(cell(panel, 0, gui::UploadJobsModel::ProblemColumn), Error(ErrorCode::UploadUnauthorized).message());
        QTRY_VERIFY2_WITH_TIMEOUT(
            panel->statusText().contains(gui::UploadPanel::tr("%1 failed — needs attention").arg(1)),
            qPrintable(panel->statusText()), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->uploadController()->isRunning(), 5000); // a failed job waits for a person
        // Said in the status bar too, for when the dock is closed.
        window->findChild<QDockWidget *>(QStringLiteral("uploadDock"))->close();
        auto *indicator = window->findChild<QPushButton *>(QStringLiteral("uploadIndicator"));
        QVERIFY(indicator->isVisible());
        QVERIFY2(indicator->text().contains(gui::UploadPanel::tr("%1 failed — needs attention").arg(1)),
                 qPrintable(indicator->text()));
        QTest::mouseClick(indicator, Qt::LeftButton);
        QVERIFY(window->findChild<QDockWidget *>(QStringLiteral("uploadDock"))->isVisible());

        target.secretEnv = QStringLiteral("SOHOA_TEST_RIGHT_PASSWORD");
        QVERIFY(workflows::saveUploadTarget(*window->store(), target));
        panel->selectJob(window->store()->uploadJobs().value().constFirst().id);
        QVERIFY(panelButton(panel, "uploadRetry")->isEnabled());
        QVERIFY(!panelButton(panel, "uploadResume")->isEnabled());
        QTest::mouseClick(panelButton(panel, "uploadRetry"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("delivered"), 15000);
        QCOMPARE(readFile(root + QStringLiteral("/in/") + dossier.code + u'/' + QFileInfo(copy).fileName()),
                 readFile(copy));
        QVERIFY2(!panel->statusText().contains(gui::UploadPanel::tr("%1 failed — needs attention").arg(1)),
                 qPrintable(panel->statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!indicator->isVisible(), 2000); // nothing left to do
    }

    // A transfer slowed by the target's limit shows its bar; Pause all stops it under way (the row is
    // paused, the runner ends, nothing is on the server); Resume all delivers the whole file.
    void pauseAllStopsTheTransferAndResumeDelivers()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-c"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/in")));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        auto window = openWindow(QStringLiteral("store-c"));
        QVERIFY(window);
        upload::TargetConfig target = webDavTarget(QStringLiteral("cham"), server.url() + QStringLiteral("in/"));
        target.limitBytesPerSecond = 300000;
        QVERIFY(workflows::saveUploadTarget(*window->store(), target));
        QString copy;
        const DossierInfo dossier = dossierWithSignedCopy(*window, pdfOfSize("Ho so lon", 2400000, 4), &copy);
        gui::UploadPanel *panel = window->uploadPanel();

        QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("sending"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(panel, gui::UploadJobsModel::ProgressRole).toInt() > 0, 5000);
        QVERIFY(roleOf(panel, gui::UploadJobsModel::ProgressRole).toInt() < 1000);
        QVERIFY2(cell(panel, 0, gui::UploadJobsModel::StateColumn).startsWith(gui::UploadJobsModel::tr("Sending")),
                 qPrintable(cell(panel, 0, gui::UploadJobsModel::StateColumn)));
        QTest::qWait(500);
        QTest::mouseClick(panelButton(panel, "uploadPauseAll"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("paused"), 2000);
        QCOMPARE(roleOf(panel, gui::UploadJobsModel::ProgressRole).toInt(), -1);
        QTRY_VERIFY_WITH_TIMEOUT(!window->uploadController()->isRunning(), 3000);
        QTest::qWait(1000);
        QCOMPARE(stateOf(panel), QStringLiteral("paused"));
        QCOMPARE(server.successfulPuts(), 0);
        const QString remote = root + QStringLiteral("/in/") + dossier.code + u'/' + QFileInfo(copy).fileName();
        QVERIFY(!QFileInfo::exists(remote));
        QVERIFY(panelButton(panel, "uploadResumeAll")->isEnabled());

        QTest::mouseClick(panelButton(panel, "uploadResumeAll"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("delivered"), 30000);
        QCOMPARE(readFile(remote), readFile(copy));
        QCOMPARE(server.successfulPuts(), 1);
    }

    // Closing the window mid-transfer: the runner stops at once, the job is queued again (not failed,
    // not sending) and nothing half-sent is on the server.
    void closingTheWindowPutsTheTransferBack()
    {
        const QString root = m_dir.filePath(QStringLiteral("dav-close"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/in")));
        WebDavServer server;
        QString error;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        const QString storePath = m_dir.filePath(QStringLiteral("store-close"));
        qint64 jobId = 0;
        {
            auto window = openWindow(QStringLiteral("store-close"));
            QVERIFY(window);
            upload::TargetConfig target = webDavTarget(QStringLiteral("cham"), server.url() + QStringLiteral("in/"));
            target.limitBytesPerSecond = 300000;
            QVERIFY(workflows::saveUploadTarget(*window->store(), target));
            QString copy;
            dossierWithSignedCopy(*window, pdfOfSize("Ho so dong", 2400000, 5), &copy);
            QTest::keyClick(window.get(), Qt::Key_U, Qt::ControlModifier);
            gui::UploadPanel *panel = window->uploadPanel();
            QTRY_VERIFY_WITH_TIMEOUT(roleOf(panel, gui::UploadJobsModel::ProgressRole).toInt() > 0, 5000);
            jobId = roleOf(panel, gui::UploadJobsModel::JobIdRole).toLongLong();
            QElapsedTimer clock;
            clock.start();
            window->close();
            window.reset();
            QVERIFY2(clock.elapsed() < 3000, qPrintable(QStringLiteral("closing took %1 ms").arg(clock.elapsed())));
        }
        auto store = DossierStore::open(storePath, {});
        QVERIFY(store);
        QCOMPARE(store.value()->uploadJob(jobId).value().state, QStringLiteral("queued"));
        QCOMPARE(server.successfulPuts(), 0);
    }

    // With a default target, Ctrl+S's certified copy is queued by itself and delivered; the banner after
    // signing says so. The counter's own keys: Ctrl+N, F5, Ctrl+E, Ctrl+S.
    void certifiedCopyIsUploadedAfterSigning()
    {
        TestCa ca;
        QString error;
        QVERIFY2(ca.make(&error), qPrintable(error));
        QVERIFY2(ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Nguyễn Văn Thư/O=UBND Phường Bến Nghé"),
                          QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        gui::AppSettings settings;
        gui::SigningSettings s = settings.signing();
        s.keyKind = QStringLiteral("p12");
        s.p12Path = ca.p12(QStringLiteral("clerk"));
        s.appearances = workflows::AppearanceProfile::defaults();
        s.appearances[0].spec.organizationName = QStringLiteral("UBND PHƯỜNG BẾN NGHÉ");
        settings.setSigning(s);
        settings.setTrustPaths({ca.path(QStringLiteral("root.pem"))});
        settings.setVerifyOffline(true);
        settings.setDefaultUploadTarget(QStringLiteral("mot-cua"));

        const QString root = m_dir.filePath(QStringLiteral("dav-d"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/ho-so")));
        WebDavServer server;
        QVERIFY2(server.start(root, freeLoopbackPort(), {}, {}, &error), qPrintable(error));
        auto window = openWindow(QStringLiteral("store-d"));
        QVERIFY(window);
        QVERIFY(workflows::saveUploadTarget(
            *window->store(), webDavTarget(QStringLiteral("mot-cua"), server.url() + QStringLiteral("ho-so/"))));
        QVERIFY(waitUntilReady(*window, QStringLiteral("test:0")));
        const QString code =
            QStringLiteral("H15.50.05.13-%1-0901").arg(QDate::currentDate().toString(QStringLiteral("yyMMdd")));
        gui::MainWindow::setNextNewDossierAnswer(code);
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        QWidget *grid = window->pagesPane()->view();
        const auto report = scanAndWait(*window, [&] { QTest::keyClick(grid, Qt::Key_F5); });
        QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
        QSignalSpy exported(window.get(), &gui::MainWindow::exported);
        QTest::keyClick(grid, Qt::Key_E, Qt::ControlModifier);
        QVERIFY(exported.wait(30000));

        QSignalSpy signedCopy(window.get(), &gui::MainWindow::copySigned);
        gui::PinDialog::setNextAnswers({QString::fromUtf8(TestCa::password())});
        QTest::keyClick(grid, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(signedCopy.wait(120000));
        const QString path = signedCopy.first().at(0).toString();
        QVERIFY2(!path.isEmpty(), qPrintable(signedCopy.first().at(1).value<Error>().fullText()));
        QVERIFY2(bannerText(*window, QStringLiteral("sign-copy")).contains(QStringLiteral("mot-cua")),
                 qPrintable(bannerText(*window, QStringLiteral("sign-copy"))));
        gui::UploadPanel *panel = window->uploadPanel();
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel), QStringLiteral("delivered"), 20000);
        QCOMPARE(readFile(root + QStringLiteral("/ho-so/") + code + u'/' + QFileInfo(path).fileName()), readFile(path));
        const UploadJobRecord job = window->store()->uploadJobs().value().constFirst();
        QCOMPARE(job.dossierId, window->store()->dossier(code).value().id);
        QCOMPARE(job.sha256, sha256HexOfFile(path).value());
    }
};

QTEST_MAIN(TestUploadPanel)
#include "TestUploadPanel.moc"
