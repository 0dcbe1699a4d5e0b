// The archivist's path in the window (issue 15's GUI face), on corpus scans saved as scanned: "Clean up
// pages" (Ctrl+Shift+L) runs the cleanup job and the grid follows the store's pageUpdated row by row
// (cleaned thumbnails, an amber "Blank?" tag on the pages awaiting review, "N blank pages to review");
// the page view shows the cleaned image with "Show original"; the review (Ctrl+K) is answered with real
// keys — K keeps a page, Delete removes it (restorable) — and nothing else changes; the metadata dialog
// (Ctrl+M) shows a wrong date's error under the field and saves the right ones through the engine; the
// archival export (Ctrl+Shift+E) writes the PDF/A and its .xml sidecar through the job bar; and the
// profile editor keeps the cleanup steps, the archival switch and the OCR language.
#include "GuiTestSupport.h"
#include "SaneTestEnv.h"
#include "app/gui/ArchivalMetadataDialog.h"
#include "app/gui/BlankReviewDialog.h"
#include "app/gui/DossierPane.h"
#include "app/gui/PageListModel.h"
#include "app/gui/PagesPane.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/SettingsDialog.h"
#include "app/workflows/Job.h"
#include "core/dossier/DossierPagesModel.h"
#include "core/dossier/DossierStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");
const QString kLetter = QStringLiteral("Đơn đề nghị");
const QString kAnnex = QStringLiteral("Phụ lục");

// The page as the scanner delivered it: the corpus JPEG byte for byte.
Result<PageRecord> saveCorpusPage(DossierStore &store, const ComponentInfo &component, const QString &file)
{
    const QString path = QStringLiteral(SOHOA_CORPUS_DIR "/scans/") + file;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("corpus page missing: ") + path);
    ScannedPage page;
    page.dpi = 200;
    page.mode = ColorMode::Color;
    return store.savePage(component, page, EncodedImage{f.readAll(), QStringLiteral("jpg"), QImageReader(path).size()},
                          QStringLiteral("corpus"));
}

// SOHOA_SCREENSHOT_DIR set: the screens this test passes through are saved there (docs/screenshots).
void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("SOHOA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // page images decoded, thumbnails made
    widget->grab().save(QDir(dir).filePath(name));
}

QWidget *focused()
{
    return QApplication::focusWidget();
}

// Pixels of the amber the grid marks blank pages with.
int amberPixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - 0xef) < 12 && std::abs(c.green() - 0x6c) < 12 && c.blue() < 24;
        }
    return n;
}

} // namespace

class TestGuiArchival : public QObject
{
    Q_OBJECT
    SaneTestEnv m_sane;
    QTemporaryDir m_dir;
    std::unique_ptr<gui::MainWindow> m_window;
    qint64 m_dossierId = 0;
    // Corpus order: the written letter (page-002), a blank (page-004); the annex: a written page
    // (page-003), a blank (page-005).
    QList<PageRecord> m_pages;

    DossierStore &store() { return *m_window->store(); }
    QModelIndex gridIndex(qint64 pageId)
    {
        auto *list = m_window->pagesPane()->model();
        return list->mapFromSource(list->sourceModel()->pageIndex(pageId));
    }

private slots:
    void initTestCase()
    {
        useTemporarySettings(m_dir);
        workflows::Job::registerMetaTypes();
        qRegisterMetaType<sohoa::Error>();
        // An archive profile without OCR (seconds a page; the CLI tests read Vietnamese text).
        gui::AppSettings settings;
        workflows::ScanProfile profile = flatbedProfile(QStringLiteral("Lưu trữ"));
        profile.cleanup = QStringLiteral("deskew,orient,crop,blank");
        profile.ocrLanguages.clear();
        settings.setProfiles({profile});
        settings.setCurrentProfile(0);
        settings.setExportFolder(m_dir.filePath(QStringLiteral("exports")));

        // The store as the scanner left it, closed before the window opens it.
        const QString storePath = m_dir.filePath(QStringLiteral("store"));
        {
            auto opened = DossierStore::open(storePath);
            QVERIFY(opened);
            DossierStore &s = *opened.value();
            const DossierInfo dossier = s.createOrGetDossier(kCode, false).value();
            const ComponentInfo letter = s.createOrGetComponent(dossier.id, kLetter).value();
            const ComponentInfo annex = s.createOrGetComponent(dossier.id, kAnnex).value();
            for (const auto &[component, file] :
                 {std::pair{letter, QStringLiteral("page-002.jpg")}, std::pair{letter, QStringLiteral("page-004.jpg")},
                  std::pair{annex, QStringLiteral("page-003.jpg")}, std::pair{annex, QStringLiteral("page-005.jpg")}}) {
                auto saved = saveCorpusPage(s, component, file);
                QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().fullText()));
                m_pages << saved.value();
            }
            m_dossierId = dossier.id;
        }

        gui::WindowOptions options;
        options.storePath = storePath;
        m_window = std::make_unique<gui::MainWindow>(options);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(QTest::qWaitFor([&] { return m_window->storeOpened(); }, 20000));
        m_window->dossierPane()->selectDossier(m_dossierId);
        QTRY_COMPARE(m_window->pagesPane()->dossierId(), m_dossierId);
        m_window->pagesPane()->view()->setFocus();
        QTRY_COMPARE(focused(), m_window->pagesPane()->view());
    }

    void cleanupMarksBlankPagesInTheGrid()
    {
        gui::PagesPane *pane = m_window->pagesPane();
        QAction *review = m_window->action(QStringLiteral("reviewBlank"));
        QVERIFY(!review->isEnabled()); // nothing flagged yet
        QSignalSpy reset(pane->model(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(pane->model(), &QAbstractItemModel::dataChanged);
        QSignalSpy cleaned(m_window.get(), &gui::MainWindow::cleanedUp);
        QTest::keyClick(focused(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!cleaned.isEmpty(), 120000);
        const Error error = cleaned.takeFirst().at(0).value<Error>();
        QVERIFY2(!error.isError(), qPrintable(error.fullText()));

        // Row by row from the store's notifications, never a reset (the selection stays).
        QCOMPARE(reset.count(), 0);
        QVERIFY(changed.count() >= m_pages.size());
        using S = DossierPagesModel::BlankState;
        const auto blankOf = [&](int i) {
            return S(gridIndex(m_pages.at(i).id).data(DossierPagesModel::BlankRole).toInt());
        };
        QCOMPARE(blankOf(0), S::NotBlank);
        QCOMPARE(blankOf(1), S::AwaitsReview);
        QCOMPARE(blankOf(2), S::NotBlank);
        QCOMPARE(blankOf(3), S::AwaitsReview);
        // The skewed letter was straightened into a cleaned image beside the original.
        const QModelIndex letter = gridIndex(m_pages.at(0).id);
        const QString cleanedPath = letter.data(DossierPagesModel::CleanedImageRole).toString();
        QVERIFY(QFile::exists(cleanedPath));
        QVERIFY(cleanedPath != letter.data(DossierPagesModel::PathRole).toString());
        QVERIFY(std::abs(letter.data(DossierPagesModel::SkewCorrectedRole).toDouble()) > 1.0);
        QVERIFY(!letter.data(DossierPagesModel::CleanedSha256Role).toString().isEmpty());

        // What a person sees: "2 blank pages to review" above the grid, amber tags on two cards.
        auto *button = pane->findChild<QToolButton *>(QStringLiteral("blankPages"));
        QVERIFY(button && button->isVisible());
        QVERIFY2(button->text().startsWith(u'2'), qPrintable(button->text()));
        QTRY_VERIFY(review->isEnabled());
        QCOMPARE(pane->blankPagesToReview(), (QList<qint64>{m_pages.at(1).id, m_pages.at(3).id}));
        pane->view()->viewport()->repaint();
        const QImage grid = pane->view()->viewport()->grab().toImage();
        QVERIFY2(amberPixels(grid) > 200, qPrintable(QString::number(amberPixels(grid))));
        screenshot(m_window.get(), QStringLiteral("en-blank-flags.png"));
    }

    void pageViewShowsTheCleanedImageOrTheOriginal()
    {
        gui::PagesPane *pane = m_window->pagesPane();
        gui::PreviewPane *preview = m_window->previewPane();
        const PageRecord letter = store().page(m_pages.at(0).id).value();
        pane->selectPage(letter.id);
        QTRY_COMPARE(preview->shownPath(), letter.cleanup.absolutePath);
        QToolButton *original = preview->originalToggle();
        QVERIFY(original->isVisible());
        auto *note = preview->findChild<QLabel *>(QStringLiteral("pageNote"));
        QVERIFY2(note->text().contains(QStringLiteral("deskew")), qPrintable(note->text()));
        original->click();
        QCOMPARE(preview->shownPath(), letter.absolutePath);
        original->click();
        QCOMPARE(preview->shownPath(), letter.cleanup.absolutePath);
        pane->view()->setFocus();
    }

    void reviewKeepsAndRemovesWithOneKey()
    {
        QTRY_COMPARE(focused(), m_window->pagesPane()->view());
        QTest::keyClick(focused(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(m_window->blankReview() && m_window->blankReview()->isVisible());
        gui::BlankReviewDialog *dialog = m_window->blankReview();
        QTRY_COMPARE(focused(), static_cast<QWidget *>(dialog));
        QCOMPARE(dialog->count(), 2);
        QCOMPARE(dialog->currentPageId(), m_pages.at(1).id);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("blankCounter"))->text(),
                 QStringLiteral("Blank page 1 of 2"));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("blankDetails"))->text().contains(QStringLiteral("ink")));
        QTRY_VERIFY(!dialog->preview()->isBusy());
        screenshot(dialog, QStringLiteral("en-blank-review.png"));

        // Moving is not answering.
        QTest::keyClick(focused(), Qt::Key_Right);
        QCOMPARE(dialog->currentPageId(), m_pages.at(3).id);
        QTest::keyClick(focused(), Qt::Key_Left);
        QCOMPARE(dialog->currentPageId(), m_pages.at(1).id);
        QCOMPARE(dialog->openCount(), 2);
        QVERIFY(store().page(m_pages.at(1).id)->cleanup.awaitsBlankReview());

        QTest::keyClick(focused(), Qt::Key_K); // keep the first
        QCOMPARE(dialog->answer(0), gui::BlankReviewDialog::Answer::Kept);
        QCOMPARE(dialog->currentPageId(), m_pages.at(3).id);
        QTest::keyClick(focused(), Qt::Key_Delete); // remove the second
        QCOMPARE(dialog->answer(1), gui::BlankReviewDialog::Answer::Removed);
        QVERIFY(dialog->allReviewed());
        QVERIFY2(dialog->statusText().startsWith(QStringLiteral("All 2 blank page")), qPrintable(dialog->statusText()));

        const PageRecord kept = store().page(m_pages.at(1).id).value();
        QCOMPARE(kept.cleanup.blankReview, QStringLiteral("kept"));
        QVERIFY(!kept.deleted);
        const PageRecord removed = store().page(m_pages.at(3).id).value();
        QVERIFY(removed.deleted); // soft: restorable from "Deleted"
        QVERIFY(QFile::exists(removed.absolutePath));
        QVERIFY(!store().page(m_pages.at(0).id)->deleted);
        QVERIFY(!store().page(m_pages.at(2).id)->deleted);

        QTest::keyClick(focused(), Qt::Key_Escape);
        QTRY_VERIFY(!m_window->blankReview());
        QTRY_VERIFY(!m_window->action(QStringLiteral("reviewBlank"))->isEnabled());
        QCOMPARE(DossierPagesModel::BlankState(gridIndex(m_pages.at(1).id).data(DossierPagesModel::BlankRole).toInt()),
                 DossierPagesModel::BlankState::Kept);
        QVERIFY(!gridIndex(m_pages.at(3).id).isValid()); // left the grid
        QVERIFY(!m_window->pagesPane()->findChild<QToolButton *>(QStringLiteral("blankPages"))->isVisible());
    }

    void metadataDialogChecksEachFieldAndSaves()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->pagesPane()->view()->setFocus();
        QTRY_COMPARE(focused(), m_window->pagesPane()->view());
        QTest::keyClick(focused(), Qt::Key_M, Qt::ControlModifier);
        QTRY_VERIFY(m_window->metadataDialog() && m_window->metadataDialog()->isVisible());
        gui::ArchivalMetadataDialog *dialog = m_window->metadataDialog();

        // Computed from the dossier, read-only: three pages are left.
        QLineEdit *pageTotal = dialog->editor(QString(), QStringLiteral("PageTotal"));
        QVERIFY(pageTotal && pageTotal->isReadOnly());
        QCOMPARE(pageTotal->text(), QStringLiteral("3"));

        QLineEdit *start = dialog->editor(QString(), QStringLiteral("StartDate"));
        QLabel *startError = dialog->errorLabel(QString(), QStringLiteral("StartDate"));
        QVERIFY(start && startError);
        start->setFocus();
        QTRY_COMPARE(focused(), static_cast<QWidget *>(start));
        QTest::keyClicks(focused(), QStringLiteral("2025-13-45"));
        QVERIFY(!startError->isHidden());
        QVERIFY2(startError->text().startsWith(QStringLiteral("Not a date")), qPrintable(startError->text()));
        // Save refuses while a field is wrong; nothing is written.
        QTest::keyClick(focused(), Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY(store().archivalFields(m_dossierId)->isEmpty());

        start->selectAll();
        QTest::keyClicks(focused(), QStringLiteral("2025-03-01"));
        QVERIFY(startError->isHidden());
        // Vietnamese cannot be typed by QTest on Qt 6.4: set as an input method would.
        dialog->editor(QString(), QStringLiteral("Title"))->setText(QStringLiteral("Hồ sơ cấp bản sao trích lục"));
        dialog->showSection(1);
        QLineEdit *issued = dialog->editor(kLetter, QStringLiteral("IssuedDate"));
        QVERIFY(issued);
        issued->setFocus();
        QTRY_COMPARE(focused(), static_cast<QWidget *>(issued));
        QTest::keyClicks(focused(), QStringLiteral("12/02/2025"));
        QVERIFY(dialog->errorLabel(kLetter, QStringLiteral("IssuedDate"))->isHidden());
        dialog->showSection(0);
        start->selectAll();
        QTest::keyClicks(start, QStringLiteral("2025-13-45"));
        screenshot(dialog, QStringLiteral("en-metadata.png"));
        start->selectAll();
        QTest::keyClicks(start, QStringLiteral("2025-03-01"));
        issued->setFocus();
        QTRY_COMPARE(focused(), static_cast<QWidget *>(issued));
        QTest::keyClick(focused(), Qt::Key_Return); // Save
        QTRY_VERIFY(!m_window->metadataDialog());

        const QList<ArchivalField> fields = store().archivalFields(m_dossierId).value();
        const qint64 letterId = store().component(m_dossierId, kLetter)->id;
        const auto valueOf = [&](qint64 component, const QString &name) {
            for (const ArchivalField &f : fields)
                if (f.componentId == component && f.field == name)
                    return f.value;
            return QString();
        };
        QCOMPARE(valueOf(0, QStringLiteral("StartDate")), QStringLiteral("2025-03-01"));
        QCOMPARE(valueOf(0, QStringLiteral("Title")), QStringLiteral("Hồ sơ cấp bản sao trích lục"));
        QCOMPARE(valueOf(letterId, QStringLiteral("IssuedDate")), QStringLiteral("2025-02-12")); // normalized
        QCOMPARE(fields.size(), 3);
    }

    void archivalExportWritesPdfAndSidecar()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->pagesPane()->view()->setFocus();
        QTRY_COMPARE(focused(), m_window->pagesPane()->view());
        QSignalSpy done(m_window.get(), &gui::MainWindow::archivalExported);
        QTest::keyClick(focused(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!m_window->action(QStringLiteral("exportArchival"))->isEnabled()); // running, in the job bar
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 120000);
        const QString pdf = done.at(0).at(0).toString();
        const QString sidecar = done.at(0).at(1).toString();
        QVERIFY(pdf.endsWith(QStringLiteral("-pdfa.pdf")));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QFile xml(sidecar);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(xml.readAll());
        QVERIFY(text.contains(QStringLiteral("2025-03-01")));
        QVERIFY(text.contains(QStringLiteral("Hồ sơ cấp bản sao trích lục")));
        // The banner says where both went.
        QString said;
        for (gui::Banner *b : m_window->banners())
            if (b->property("subject").toString() == u"export")
                said = b->text();
        QVERIFY2(said.contains(QDir::toNativeSeparators(pdf)) && said.contains(QDir::toNativeSeparators(sidecar)),
                 qPrintable(said));
        QTRY_VERIFY(m_window->action(QStringLiteral("exportArchival"))->isEnabled());
    }

    void profileEditorKeepsCleanupAndArchivalChoices()
    {
        gui::AppSettings settings;
        {
            gui::SettingsDialog dialog(settings);
            auto box = [&](const char *name) {
                return dialog.findChild<QCheckBox *>(QString::fromLatin1(name));
            };
            QVERIFY(box("cleanup-deskew")->isChecked());
            QVERIFY(box("cleanup-blank")->isChecked());
            QVERIFY(!box("cleanup-bilevel")->isChecked());
            QVERIFY(box("cleanup-bilevel")->text().contains(QStringLiteral("never on colour seals")));
            box("cleanup-crop")->setChecked(false);
            box("cleanup-bilevel")->setChecked(true);
            // The blank threshold: typed as a person does (select all, the value, Tab away).
            auto *ink = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("blankInk"));
            QVERIFY(ink && ink->isEnabled());
            QCOMPARE(ink->value(), 0.02);
            ink->selectAll();
            QTest::keyClicks(ink, QStringLiteral("0.05"));
            ink->interpretText();
            box("archival")->setChecked(true);
            auto *ocr = dialog.findChild<QComboBox *>(QStringLiteral("ocrLanguages"));
            ocr->setCurrentIndex(ocr->findData(QStringLiteral("vie+eng")));
            if (auto *tabs = dialog.findChild<QTabWidget *>()) {
                tabs->setCurrentWidget(ocr->parentWidget());
                dialog.show();
                screenshot(&dialog, QStringLiteral("en-profile-archival.png"));
            }
            dialog.accept();
        }
        const workflows::ScanProfile p = settings.profiles().constFirst();
        QCOMPARE(p.cleanup, QStringLiteral("deskew,orient,blank=0.05,bilevel"));
        QVERIFY(p.archival);
        QCOMPARE(p.ocrLanguages, QStringLiteral("vie+eng"));
        auto request = p.toRequest(QStringLiteral("test:0"), kCode, kLetter);
        QVERIFY(request);
        QVERIFY(request->cleanup.bilevel && request->cleanup.deskew && !request->cleanup.crop);
        QCOMPARE(request->cleanup.blankMaxInkPercent, 0.05);
        // Opened again, the editor shows the threshold it saved.
        gui::SettingsDialog again(settings);
        QCOMPARE(again.findChild<QDoubleSpinBox *>(QStringLiteral("blankInk"))->value(), 0.05);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestGuiArchival)
#include "TestGuiArchival.moc"
