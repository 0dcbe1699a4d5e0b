// The archivist's flow through the real window: cover sheets printed from the GUI, fed one sheet per
// batch through SANE's pnm scanner with QR separation (every dossier filed under its own code), and
// a feeder batch of the test scanner jammed on page N, then Continue from the banner.

#include "GuiTestSupport.h"
#include "SaneTestEnv.h"
#include "SeparationFixtures.h"
#include "ToolRunner.h"

#include "app/gui/ArchivePanel.h"
#include "app/gui/Banner.h"
#include "app/gui/CoverSheetDialog.h"
#include "app/gui/DeviceOptionsPanel.h"
#include "app/gui/DossierPane.h"
#include "app/gui/PagesPane.h"
#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"
#include "scanner/DeviceSession.h"
#include "scanner/ScannerDevice.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QtTest>

using namespace sohoa;

namespace {
const QString kFirst = QStringLiteral("H15.50.05.13-261130-0101");
const QString kSecond = QStringLiteral("H15.50.05.13-261130-0102");
} // namespace

class TestArchiveRoom : public QObject
{
    Q_OBJECT

    test::SaneTestEnv m_sane;
    QTemporaryDir m_dir;

    void useProfile(const workflows::ScanProfile &profile)
    {
        gui::AppSettings settings;
        settings.setProfiles({profile});
        settings.setCurrentProfile(0);
    }

private slots:
    void initTestCase()
    {
        test::useTemporarySettings(m_dir);
        workflows::Job::registerMetaTypes();
        gui::AppSettings().setExportFolder(m_dir.filePath(QStringLiteral("out")));
        QFile truth(QStringLiteral(SOHOA_CORPUS_DIR "/scans/truth.json"));
        if (!truth.exists())
            QFAIL("the corpus (../shared/corpus/scans) is missing");
    }

    void coverSheetsFileEveryDossierUnderItsCode()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::waitUntilReady(window, QStringLiteral("pnm:0")));

        // Print cover sheets from the GUI: the dialog is modal, answered from a timer.
        const QString folder = m_dir.filePath(QStringLiteral("covers"));
        bool answered = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<gui::CoverSheetDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                if (QWidget *other = QApplication::activeModalWidget())
                    other->close();
                return;
            }
            dialog->codesField()->setPlainText(kFirst + u'\n' + kSecond + QStringLiteral(": Tờ trình; Quyết định"));
            dialog->findChild<QLineEdit *>(QStringLiteral("coverFolder"))->setText(folder);
            answered = true;
            dialog->accept();
        });
        window.action(QStringLiteral("coverSheets"))->trigger();
        QVERIFY(answered);
        window.activateWindow(); // the keyboard goes back to the window once the dialog is gone
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const QString firstPdf = folder + QStringLiteral("/") + kFirst + QStringLiteral("-cover.pdf");
        const QString secondPdf = folder + QStringLiteral("/") + kSecond + QStringLiteral("-cover.pdf");
        QVERIFY(QFile::exists(firstPdf));
        QVERIFY(QFile::exists(secondPdf));
        QVERIFY(test::runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), secondPdf}).exitCode == 0);

        // The sheets as a scanner sees them, and two corpus pages between them.
        QTemporaryDir work;
        const QImage firstCover = test::renderPdf(firstPdf, 200, work.path()).value(0);
        QTemporaryDir work2;
        const QList<QImage> secondCovers = test::renderPdf(secondPdf, 200, work2.path());
        QCOMPARE(secondCovers.size(), 2); // one sheet per component
        // Document pages only (truth.json: some corpus pages are cover sheets of other dossiers).
        const QString dir = QStringLiteral(SOHOA_CORPUS_DIR "/scans/");
        QFile truthFile(dir + QStringLiteral("truth.json"));
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        QStringList documents;
        for (const QJsonValue &v : QJsonDocument::fromJson(truthFile.readAll()).object().value(QStringLiteral("pages")).toArray()) {
            if (v.toObject().value(QStringLiteral("kind")).toString() == u"document")
                documents << v.toObject().value(QStringLiteral("file")).toString();
        }
        QVERIFY(documents.size() >= 3);
        QStringList sheets;
        const auto ppm = [&](const QImage &image, const QString &name) {
            QString path = m_dir.filePath(name);
            image.convertToFormat(QImage::Format_RGB888).save(path, "PPM");
            return path;
        };
        sheets << ppm(firstCover, QStringLiteral("s1.ppm")) << ppm(QImage(dir + documents.at(0)), QStringLiteral("s2.ppm"))
               << ppm(QImage(dir + documents.at(1)), QStringLiteral("s3.ppm"))
               << ppm(secondCovers.at(1), QStringLiteral("s4.ppm"))
               << ppm(QImage(dir + documents.at(2)), QStringLiteral("s5.ppm"));

        // One sheet per Start (Ctrl+B) with the QR profile, no dossier chosen: the sheets decide.
        int opened = 0;
        for (const QString &sheet : std::as_const(sheets)) {
            workflows::ScanProfile profile;
            profile.name = QStringLiteral("Kho: pnm QR");
            profile.deviceName = QStringLiteral("pnm:0");
            profile.source.clear();
            profile.mode.clear();
            profile.pageSize.clear();
            profile.resolution = 200;
            profile.format = QStringLiteral("png");
            profile.separation = QStringLiteral("qr");
            profile.options = {QStringLiteral("filename=") + sheet};
            useProfile(profile);
            const auto report = test::scanAndWait(window, [&] { QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier); });
            QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
            opened += window.scanController()->counters().dossiersOpened;
        }
        QCOMPARE(opened, 2);
        DossierStore &store = *window.store();
        auto first = store.dossier(kFirst);
        auto second = store.dossier(kSecond);
        QVERIFY(first);
        QVERIFY(second);
        QCOMPARE(store.dossierPages(first.value().id).value().size(), 2);
        const auto secondPages = store.dossierPages(second.value().id).value();
        QCOMPARE(secondPages.size(), 1);
        QCOMPARE(store.componentById(secondPages.first().componentId).value().name, QStringLiteral("Quyết định"));
        // The window followed the sheets: the last dossier opened is the one shown.
        QCOMPARE(window.pagesPane()->dossierId(), second.value().id);
        QCOMPARE(window.archivePanel()->warningCount(), 0);
    }

    void jamThenContinueKeepsEveryPage()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("jam-store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::waitUntilReady(window, QStringLiteral("test:0")));
        workflows::ScanProfile profile = test::flatbedProfile(QStringLiteral("Kho: test ADF"));
        profile.source = QStringLiteral("adf");
        useProfile(profile);
        auto made = workflows::createDossier(*window.store(), {QStringLiteral("H15.50.05.13-261130-0200"), false, {}, {}, {}});
        QVERIFY(made);
        window.dossierPane()->selectDossier(made.value().dossier.id);
        QTRY_COMPARE(window.pagesPane()->dossierId(), made.value().dossier.id);

        // The feeder jams when page 5 is fed (after page 4 was read), once.
        bool jammed = false;
        window.scanController()->setJobHook([&](workflows::ScanBatchJob &job) {
            job.setBetweenPagesHook([&](int index, scanner::ScannerDevice &device) {
                if (!jammed && index == 3) {
                    jammed = true;
                    QVERIFY(device.setOption(QStringLiteral("read-return-value"), QStringLiteral("SANE_STATUS_JAMMED")));
                }
            });
        });
        const auto report = test::scanAndWait(window, [&] { QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier); });
        QCOMPARE(report.error.code(), ErrorCode::ScannerJammed);
        QCOMPARE(report.savedPages.size(), 4);
        QCOMPARE(window.scanController()->counters().pages, 4);
        // A banner, not a modal box: what happened, and Continue / Finish.
        gui::Banner *banner = nullptr;
        for (gui::Banner *b : window.banners())
            if (b->button(QStringLiteral("continueScan")))
                banner = b;
        QVERIFY(banner);
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QVERIFY(banner->text().contains(Error(ErrorCode::ScannerJammed).message()));
        QVERIFY(window.action(QStringLiteral("continueBatch"))->isEnabled());
        QCOMPARE(window.store()->dossierPages(made.value().dossier.id).value().size(), 4);

        // The jam is cleared (the fault taken off the scanner), Continue pressed in the banner.
        auto session = window.deviceSession();
        QVERIFY(session);
        session->requestSetOption(QStringLiteral("read-return-value"), QStringLiteral("Default"));
        QTRY_COMPARE_WITH_TIMEOUT(session->option(QStringLiteral("read-return-value")).valueText, QStringLiteral("Default"), 10000);
        QSignalSpy finished(window.scanController(), &gui::ScanController::finished);
        QTest::mouseClick(banner->button(QStringLiteral("continueScan")), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        const auto next = finished.first().at(0).value<workflows::ScanReport>();
        QVERIFY2(!next.error.isError(), qPrintable(next.error.fullText()));
        QVERIFY(next.savedPages.size() >= 1);
        // Counters go on across Continue; every page counted is in the store, in order, none twice.
        const int total = 4 + int(next.savedPages.size());
        QCOMPARE(window.scanController()->counters().pages, total);
        const auto pages = window.store()->dossierPages(made.value().dossier.id).value();
        QCOMPARE(pages.size(), total);
        for (int i = 0; i < pages.size(); ++i)
            QCOMPARE(pages.at(i).position, i + 1);
        QCOMPARE(window.archivePanel()->countersText().section(u'/', 0, 0), QString::number(total));

        // The scanner's own options, typed: a list shows as a choice, and what is set there is set on
        // the device the next batch uses.
        window.action(QStringLiteral("deviceOptions"))->trigger();
        auto *panel = window.findChild<gui::DeviceOptionsPanel *>();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->optionCount() > 10, 10000);
        auto *picture = panel->findChild<QComboBox *>(QStringLiteral("option-test-picture"));
        QVERIFY(picture);
        QVERIFY(picture->isEnabled());
        picture->setCurrentText(QStringLiteral("Solid black"));
        Q_EMIT picture->textActivated(QStringLiteral("Solid black"));
        QTRY_COMPARE_WITH_TIMEOUT(session->option(QStringLiteral("test-picture")).valueText, QStringLiteral("Solid black"), 10000);
    }
};

QTEST_MAIN(TestArchiveRoom)
#include "TestArchiveRoom.moc"
