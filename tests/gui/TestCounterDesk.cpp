// The counter officer's flow, by key presses on the real window: Ctrl+N, scans into two components
// with SANE's test scanner, reorder, rotate, delete and undo, confirm, Ctrl+E; the exported PDF is
// checked by qpdf and pdfinfo (tools we did not write).

#include "GuiTestSupport.h"
#include "SaneTestEnv.h"
#include "ToolRunner.h"

#include "app/gui/Banner.h"
#include "app/gui/PageListModel.h"
#include "app/gui/DossierPane.h"
#include "app/gui/PagesPane.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/ImageView.h"
#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QRegularExpression>
#include <QtTest>

using namespace sohoa;

class TestCounterDesk : public QObject
{
    Q_OBJECT

    test::SaneTestEnv m_sane;
    QTemporaryDir m_dir;
    int m_keys = 0;

    void press(QWidget *w, Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
    {
        ++m_keys;
        QTest::keyClick(w, key, mods);
    }

    // pdfinfo's "Page    N rot:  R" lines for every page.
    static QList<int> pageRotations(const QString &pdf, int pages)
    {
        const auto r = test::runTool(QStringLiteral("pdfinfo"),
                                     {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                      QString::number(pages), pdf});
        QList<int> rotations;
        static const QRegularExpression re(QStringLiteral("^Page\\s+\\d+\\s+rot:\\s+(\\d+)"));
        for (const QString &line : r.lines()) {
            if (auto m = re.match(line); m.hasMatch())
                rotations << m.captured(1).toInt();
        }
        return rotations;
    }

private slots:
    void initTestCase()
    {
        test::useTemporarySettings(m_dir);
        workflows::Job::registerMetaTypes();
        gui::AppSettings settings;
        settings.setProfiles({test::flatbedProfile(QStringLiteral("Quầy: test flatbed"))});
        settings.setExportFolder(m_dir.filePath(QStringLiteral("exports")));
        settings.setAgencyPrefix(QStringLiteral("H15.50.05.13"));
    }

    void fromCtrlNToExportedPdfByKeys()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(test::waitUntilReady(window, QStringLiteral("test:0")));

        // Ctrl+N with the suggested code (prefix + today + 0001), accepted with Enter.
        const QString code = QStringLiteral("H15.50.05.13-%1-0001").arg(QDate::currentDate().toString(QStringLiteral("yyMMdd")));
        gui::MainWindow::setNextNewDossierAnswer(code);
        press(&window, Qt::Key_N, Qt::ControlModifier);
        ++m_keys; // the Enter that accepts the dialog
        auto dossier = window.store()->dossier(code);
        QVERIFY2(dossier, "Ctrl+N + Enter made the dossier");
        gui::PagesPane *pages = window.pagesPane();
        QCOMPARE(pages->dossierId(), dossier.value().id);
        QCOMPARE(pages->componentCount(), 2); // the first procedure template has two components
        const qint64 first = pages->componentIdAt(0);
        const qint64 second = pages->componentIdAt(1);
        QCOMPARE(pages->currentComponentId(), first);

        // F5 three times into the first component, Ctrl+PgDown, F5 twice into the second.
        QWidget *grid = pages->view();
        for (int i = 0; i < 3; ++i) {
            const auto report = test::scanAndWait(window, [&] { press(grid, Qt::Key_F5); });
            QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
            QCOMPARE(report.savedPages.size(), 1);
            // The page shows at once: the grid has it and it is the current one.
            QCOMPARE(pages->currentPageId(), report.savedPages.first().id);
        }
        QCOMPARE(pages->pageCount(first), 3);
        press(grid, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(pages->currentComponentId(), second);
        for (int i = 0; i < 2; ++i) {
            const auto report = test::scanAndWait(window, [&] { press(grid, Qt::Key_F5); });
            QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
            QCOMPARE(report.component.id, second);
        }
        QCOMPARE(pages->pageCount(second), 2);
        // Ctrl+E: the whole dossier, five pages, in fewer than ten key presses in all.
        QSignalSpy exported(&window, &gui::MainWindow::exported);
        press(grid, Qt::Key_E, Qt::ControlModifier);
        QVERIFY(exported.wait(30000));
        QVERIFY2(m_keys < 10, qPrintable(QStringLiteral("%1 key presses").arg(m_keys)));
        const QString pdf = exported.first().at(0).toString();
        QVERIFY(test::runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf}).exitCode == 0);
        QCOMPARE(pageRotations(pdf, 5), QList<int>({0, 0, 0, 0, 0}));
        // The export is previewed from the guarded renderer.
        QTRY_VERIFY_WITH_TIMEOUT(!window.previewPane()->view()->image().isNull(), 20000);
        QCOMPARE(window.previewPane()->pdfPageCount(), 5);

        // "N pages" against the paper: the scan-done banner asks, Ctrl+Enter confirms (audited).
        bool asked = false;
        for (gui::Banner *b : window.banners())
            asked = asked || b->text().contains(QStringLiteral("2"));
        QVERIFY(asked);
        QTest::keyClick(grid, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(pages->confirmed().value(second), 2);
        bool audited = false;
        for (const AuditEntry &e : window.store()->auditLog(dossier.value().id).value())
            audited = audited || e.action == u"pages-confirmed";
        QVERIFY(audited);

        // Page edits by keys: the second page of the first component turned right and moved first...
        const QList<PageRecord> before = window.store()->dossierPages(dossier.value().id).value();
        const qint64 turned = before.at(1).id;
        pages->selectPage(turned);
        grid->setFocus();
        QTest::keyClick(grid, Qt::Key_BracketRight, Qt::ControlModifier);
        QCOMPARE(window.store()->page(turned).value().rotation, 90);
        QTest::keyClick(grid, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(window.store()->page(turned).value().position, 1);
        // ...the first page of the second component moved up across into the first component (Alt+Up)...
        const qint64 crossing = before.at(3).id;
        pages->selectPage(crossing);
        QTest::keyClick(grid, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(window.store()->page(crossing).value().componentId, first);
        QCOMPARE(window.store()->page(crossing).value().position, 4);
        QCOMPARE(pages->pageCount(first), 4);
        QCOMPARE(pages->pageCount(second), 1);
        // ...a double feed deleted, the deletion undone and redone, and one more page deleted and undone.
        const qint64 doubleFeed = before.at(2).id;
        pages->selectPage(doubleFeed);
        QTest::keyClick(grid, Qt::Key_Delete);
        QVERIFY(window.store()->page(doubleFeed).value().deleted);
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!window.store()->page(doubleFeed).value().deleted);
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(window.store()->page(doubleFeed).value().deleted);
        QCOMPARE(pages->deletedPages().size(), 1);
        QCOMPARE(pages->pageCount(first), 3);

        // The grid shows the store's order: first component turned, p1, crossing; second: p5.
        const QList<PageRecord> after = window.store()->dossierPages(dossier.value().id).value();
        QCOMPARE(after.size(), 4);
        QList<qint64> shown;
        for (int row = 0; row < pages->model()->rowCount(); ++row) {
            const QModelIndex i = pages->model()->index(row);
            if (!i.data(gui::PageListModel::IsHeaderRole).toBool())
                shown << i.data(DossierPagesModel::PageIdRole).toLongLong();
        }
        QList<qint64> stored;
        for (const PageRecord &p : after)
            stored << p.id;
        QCOMPARE(shown, stored);
        QCOMPARE(stored, QList<qint64>({turned, before.at(0).id, crossing, before.at(4).id}));

        exported.clear();
        QTest::keyClick(grid, Qt::Key_E, Qt::ControlModifier);
        QVERIFY(exported.wait(30000));
        QVERIFY(test::runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf}).exitCode == 0);
        QCOMPARE(pageRotations(pdf, 4), QList<int>({90, 0, 0, 0}));
        const auto info = test::runTool(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Pages:\\s+4\\n"))), qPrintable(info.out));

        // The deleted page is restorable from the pane; the PDF made before stays as it was.
        pages->restorePage(doubleFeed);
        QVERIFY(!window.store()->page(doubleFeed).value().deleted);
        QCOMPARE(window.store()->integrityCheck().value(), QStringLiteral("ok"));
    }

    void rescanReplacesTheSelectedPage()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::waitUntilReady(window, QStringLiteral("test:0")));
        const QString code = QStringLiteral("H15.50.05.13-%1-0001").arg(QDate::currentDate().toString(QStringLiteral("yyMMdd")));
        auto dossier = window.store()->dossier(code);
        QVERIFY(dossier);
        window.dossierPane()->selectDossier(dossier.value().id);
        gui::PagesPane *pages = window.pagesPane();
        QTRY_COMPARE(pages->dossierId(), dossier.value().id);
        const QList<PageRecord> before = window.store()->dossierPages(dossier.value().id).value();
        const PageRecord &target = before.at(1);
        pages->selectPage(target.id);
        const auto report = test::scanAndWait(window, [&] { QTest::keyClick(pages->view(), Qt::Key_F5, Qt::ControlModifier); });
        QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
        QCOMPARE(report.savedPages.size(), 1);
        // The new page took the old one's place; the old one is deleted (restorable), not gone.
        const PageRecord fresh = window.store()->page(report.savedPages.first().id).value();
        QCOMPARE(fresh.componentId, target.componentId);
        QCOMPARE(fresh.position, target.position);
        QVERIFY(window.store()->page(target.id).value().deleted);
        QCOMPARE(window.store()->dossierPages(dossier.value().id).value().size(), before.size());
    }

    // sohoa-cli and the window on one store: what the command changes, the grid shows.
    void changesMadeByTheCliReachTheWindow()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitFor([&] { return window.storeOpened(); }, 20000));
        const QString code = QStringLiteral("H15.50.05.13-%1-0001").arg(QDate::currentDate().toString(QStringLiteral("yyMMdd")));
        auto dossier = window.store()->dossier(code);
        QVERIFY(dossier);
        window.dossierPane()->selectDossier(dossier.value().id);
        gui::PagesPane *pages = window.pagesPane();
        QTRY_COMPARE(pages->dossierId(), dossier.value().id);
        const PageRecord first = window.store()->dossierPages(dossier.value().id).value().first();
        const ComponentInfo component = window.store()->componentById(first.componentId).value();
        const auto rotationShown = [&] {
            const QModelIndex i = pages->model()->mapFromSource(pages->model()->sourceModel()->pageIndex(first.id));
            return i.data(DossierPagesModel::RotationRole).toInt();
        };
        const int before = rotationShown();
        const auto r = test::runCli({QStringLiteral("page"), QStringLiteral("rotate"), code, QStringLiteral("--store"),
                                     options.storePath, QStringLiteral("--component"), component.name,
                                     QStringLiteral("--page"), QStringLiteral("1"), QStringLiteral("--degrees"),
                                     QStringLiteral("180")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(rotationShown(), (before + 180) % 360, 10000);
        // A dossier made by another process appears in the list.
        const int listed = window.dossierPane()->visibleCount();
        const auto scan = test::runCli({QStringLiteral("scan"), QStringLiteral("--store"), options.storePath,
                                        QStringLiteral("--device"), QStringLiteral("test:1"), QStringLiteral("--source"),
                                        QStringLiteral("flatbed"), QStringLiteral("--resolution"), QStringLiteral("75"),
                                        QStringLiteral("--dossier"), QStringLiteral("H15.50.05.13-261130-0777")});
        QVERIFY2(scan.exitCode == 0, qPrintable(scan.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(window.dossierPane()->visibleCount(), listed + 1, 10000);
    }

    void searchFindsByApplicantAndCode()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("search-store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitFor([&] { return window.storeOpened(); }, 20000));
        workflows::NewDossier a{QStringLiteral("H15.50.05.13-261130-0007"), false, QStringLiteral("Đăng ký khai sinh"),
                                QStringLiteral("Nguyễn Văn An"), {}};
        workflows::NewDossier b{QStringLiteral("H15.50.05.13-261130-0008"), false, QStringLiteral("Cấp giấy phép xây dựng"),
                                QStringLiteral("Trần Thị Bình"), {}};
        QVERIFY(workflows::createDossier(*window.store(), a));
        QVERIFY(workflows::createDossier(*window.store(), b));
        QTRY_COMPARE(window.dossierPane()->visibleCount(), 2);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        // (QTest types ASCII only; Vietnamese arrives as text, as from an input method.)
        window.dossierPane()->searchField()->insert(QStringLiteral("Bình"));
        QCOMPARE(window.dossierPane()->visibleCount(), 1);
        window.dossierPane()->searchField()->clear();
        QTest::keyClicks(window.dossierPane()->searchField(), QStringLiteral("0007"));
        QCOMPARE(window.dossierPane()->visibleCount(), 1);
        QTest::keyClick(window.dossierPane()->searchField(), Qt::Key_Return);
        QCOMPARE(window.pagesPane()->dossierId(), window.store()->dossier(a.code).value().id);
        window.dossierPane()->searchField()->clear();
        window.dossierPane()->searchField()->insert(QStringLiteral("giấy phép"));
        QCOMPARE(window.dossierPane()->visibleCount(), 1);
    }
};

QTEST_MAIN(TestCounterDesk)
#include "TestCounterDesk.moc"
