// The signing desk and the counter's Sign as copy, driven through their widgets with real parts: a
// SoftHSM2 token made per run (found by the desk through its module), a .p12 key, the PIN and password
// answered once through the PIN dialog's test hook. Judged by `sohoa-cli verify`, pdfsig and pdftoppm:
// a 20-file batch with one PIN; a wrong PIN (nothing signed, the rest "not signed") then the right
// one; a token pulled out mid-batch (the fault shim); the appearance dragged on the preview landing
// there in the output; Ctrl+S on an exported dossier recorded in the store and listed by `dossier show`.

#include "GuiTestSupport.h"
#include "HandMadePdf.h"
#include "PdfAttacks.h"
#include "SaneTestEnv.h"
#include "SigningFixtures.h"

#include "app/gui/AppearancePreview.h"
#include "app/gui/PagesPane.h"
#include "app/gui/PinDialog.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/SigningDesk.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierStore.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QListView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableWidget>

using namespace sohoa;
using namespace sohoa::test;

namespace {

QByteArray onePagePdf(const QByteArray &text)
{
    return handMadePdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one object, two lines
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        " /Resources << /Font << /F1 5 0 R >> >> >>",
                        pdfStream("<< >>", "BT /F1 14 Tf 72 420 Td (" + text + ") Tj ET"),
                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"});
}

QString cellRole(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *i = t->item(row, column);
    return i ? i->data(Qt::AccessibleTextRole).toString() : QString();
}

QString cellText(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *i = t->item(row, column);
    return i ? i->text() : QString();
}

// Page 1 of a PDF as pdftoppm draws it, in gray, at `dpi`.
QImage renderPage(const QString &pdf, const QString &prefix, int dpi)
{
    const ToolResult r = runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-gray"), QStringLiteral("-r"),
                                                              QString::number(dpi), QStringLiteral("-f"),
                                                              QStringLiteral("1"), QStringLiteral("-l"),
                                                              QStringLiteral("1"), QStringLiteral("-singlefile"), pdf,
                                                              prefix});
    if (r.exitCode != 0)
        return {};
    return QImage(prefix + QStringLiteral(".pgm"));
}

// The bounding box of the pixels that differ between two renderings.
QRect changedArea(const QImage &a, const QImage &b)
{
    QRect box;
    if (a.size() != b.size())
        return box;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (qAbs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))) > 60)
                box |= QRect(x, y, 1, 1);
    return box;
}

} // namespace

class TestSigningDesk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCa m_ca;
    SoftHsmToken m_token;
    SaneTestEnv m_sane;
    QString m_inputs;

    // A desk with the test's settings, shown, its tokens looked for.
    std::unique_ptr<gui::SigningDesk> openDesk(gui::AppSettings &settings)
    {
        auto desk = std::make_unique<gui::SigningDesk>(settings);
        QSignalSpy found(desk.get(), &gui::SigningDesk::tokensFound); // looked for from the start
        desk->show();
        if (!QTest::qWaitForWindowExposed(desk.get()))
            return {};
        if (found.isEmpty() && !found.wait(30000))
            return {};
        return desk;
    }

    bool addAndWait(gui::SigningDesk &desk, const QStringList &paths)
    {
        QSignalSpy read(&desk, &gui::SigningDesk::inputsRead);
        desk.addPaths(paths);
        return read.wait(60000) || !read.isEmpty();
    }

    Error signAndWait(gui::SigningDesk &desk)
    {
        QSignalSpy finished(&desk, &gui::SigningDesk::batchFinished);
        if (!desk.signAll())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("no batch started: ") + desk.statusText());
        if (!finished.wait(240000) && finished.isEmpty())
            return Error(ErrorCode::Internal, QStringLiteral("the batch did not end"));
        return finished.first().first().value<Error>();
    }

    void useTestToken(gui::SigningDesk &desk)
    {
        const auto tokens = desk.tokens();
        for (int i = 0; i < tokens.size(); ++i)
            if (tokens.at(i).token.label == u"van-thu") {
                desk.useToken(i);
                return;
            }
    }

    static void setCopyProfile(gui::AppSettings &settings, const QString &organization)
    {
        gui::SigningSettings s = settings.signing();
        s.appearances = workflows::AppearanceProfile::defaults();
        s.appearances[0].spec.organizationName = organization;
        s.currentAppearance = 0;
        settings.setSigning(s);
    }

private slots:
    void initTestCase()
    {
        useTemporarySettings(m_dir);
        workflows::Job::registerMetaTypes();
        qRegisterMetaType<sohoa::Error>();
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Nguyễn Văn Thư/O=UBND Phường Bến Nghé"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_token.make(m_ca, QStringLiteral("clerk"), &error), qPrintable(error));
        m_inputs = m_dir.filePath(QStringLiteral("inputs"));
        QVERIFY(QDir().mkpath(m_inputs));
        for (int i = 1; i <= 19; ++i)
            QVERIFY(writeFile(QDir(m_inputs).filePath(QStringLiteral("cong-van-%1.pdf").arg(i, 2, 10, QLatin1Char('0'))),
                              onePagePdf("Cong van so " + QByteArray::number(i))));
        QVERIFY(QFile::copy(cleanCorpusPdf("11-pages-with-labels.pdf"),
                            QDir(m_inputs).filePath(QStringLiteral("cong-van-20.pdf"))));
        gui::AppSettings settings;
        settings.setTrustPaths({m_ca.path(QStringLiteral("root.pem"))});
        settings.setVerifyOffline(true);
        setCopyProfile(settings, QStringLiteral("UBND PHƯỜNG BẾN NGHÉ"));
        gui::SigningSettings s = settings.signing();
        s.extraModules = {SoftHsmToken::softHsmModule()};
        settings.setSigning(s);
    }

    // 20 files dropped as a folder, the token picked, Sign all, one PIN; every output VALID.
    void twentyFilesOnePin()
    {
        gui::AppSettings settings;
        auto desk = openDesk(settings);
        QVERIFY(desk);
        useTestToken(*desk);
        QVERIFY2(desk->certificateText().contains(QStringLiteral("Nguyễn Văn Thư")), qPrintable(desk->certificateText()));
        QVERIFY2(desk->certificateText().contains(QStringLiteral("SoHoa E2E Root CA")), qPrintable(desk->certificateText()));
        // The test certificate is valid for 30 days: the desk warns that it expires soon.
        QVERIFY2(desk->keyWarning().contains(QStringLiteral("expires in")), qPrintable(desk->keyWarning()));

        QVERIFY(addAndWait(*desk, {m_inputs}));
        QTableWidget *table = desk->table();
        QCOMPARE(table->rowCount(), 20);
        QCOMPARE(cellText(table, 0, gui::SigningDesk::PagesColumn), QStringLiteral("1"));
        QCOMPARE(cellText(table, 19, gui::SigningDesk::PagesColumn), QString::number(pdfPageCount(
                                                                          QDir(m_inputs).filePath(QStringLiteral("cong-van-20.pdf")))));
        QCOMPARE(cellText(table, 0, gui::SigningDesk::SignedColumn), gui::SigningDesk::tr("no"));

        const QString out = m_dir.filePath(QStringLiteral("out-20"));
        desk->setOutputFolder(out);
        gui::PinDialog::resetAskedCount();
        gui::PinDialog::setNextAnswers({QStringLiteral("1234")});
        const Error e = signAndWait(*desk);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        QCOMPARE(gui::PinDialog::askedCount(), 1); // one PIN for the whole batch
        QCOMPARE(gui::PinDialog::lastRequest().kind, workflows::SecretRequest::Kind::TokenPin);
        QCOMPARE(gui::PinDialog::lastRequest().subject, QStringLiteral("van-thu"));
        for (int row = 0; row < 20; ++row) {
            QCOMPARE(cellRole(table, row, gui::SigningDesk::StatusColumn), QStringLiteral("signed"));
            QCOMPARE(cellRole(table, row, gui::SigningDesk::VerdictColumn), QStringLiteral("VALID"));
            QCOMPARE(cellText(table, row, gui::SigningDesk::OutputColumn), cellText(table, row, gui::SigningDesk::FileColumn));
        }
        // Inputs untouched; outputs judged by tools we did not write.
        QCOMPARE(QDir(out).entryList({QStringLiteral("*.pdf")}).size(), 20);
        const ToolResult verify =
            runTool(QStringLiteral(SOHOA_CLI_PATH), {QStringLiteral("verify"), out, QStringLiteral("--trust"),
                                                     m_ca.path(QStringLiteral("root.pem")), QStringLiteral("--offline"),
                                                     QStringLiteral("--json")},
                    120000);
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe()));
        int validFiles = 0;
        for (const QString &line : verify.lines()) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            if (event.value(QStringLiteral("event")).toString() == u"file" &&
                event.value(QStringLiteral("status")).toString() == u"VALID")
                ++validFiles;
        }
        QCOMPARE(validFiles, 20);
        for (const QString &name : QDir(out).entryList({QStringLiteral("*.pdf")})) {
            const auto entries = pdfsigReport(QDir(out).filePath(name));
            QCOMPARE(entries.size(), 1);
            QVERIFY2(entries.first().valid && entries.first().total, qPrintable(entries.first().text));
        }
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("cong-van-01.pdf"))).size() >
                QFileInfo(QDir(m_inputs).filePath(QStringLiteral("cong-van-01.pdf"))).size());
        // The key is remembered, never the PIN.
        const gui::SigningSettings remembered = gui::AppSettings().signing();
        QCOMPARE(remembered.tokenLabel, QStringLiteral("van-thu"));
        QVERIFY(!remembered.certificateDer.isEmpty());
        QSettings raw(QStringLiteral("SoHoa"), QStringLiteral("sohoa"));
        QVERIFY(!QFile(raw.fileName()).open(QIODevice::ReadOnly) || !readFile(raw.fileName()).contains("1234"));
    }

    // A wrong PIN: nothing signed, every file said "not signed" with the reason; the right one then works.
    void wrongPinThenTheRightOne()
    {
        gui::AppSettings settings;
        auto desk = openDesk(settings);
        QVERIFY(desk);
        useTestToken(*desk);
        const QStringList three{QDir(m_inputs).filePath(QStringLiteral("cong-van-01.pdf")),
                                QDir(m_inputs).filePath(QStringLiteral("cong-van-02.pdf")),
                                QDir(m_inputs).filePath(QStringLiteral("cong-van-03.pdf"))};
        QVERIFY(addAndWait(*desk, three));
        const QString out = m_dir.filePath(QStringLiteral("out-pin"));
        desk->setOutputFolder(out);
        gui::PinDialog::resetAskedCount();
        gui::PinDialog::setNextAnswers({QStringLiteral("0000")});
        Error e = signAndWait(*desk);
        QCOMPARE(e.code(), ErrorCode::WrongPin);
        QCOMPARE(gui::PinDialog::askedCount(), 1); // a wrong PIN is never typed again by the program
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(cellRole(desk->table(), row, gui::SigningDesk::StatusColumn), QStringLiteral("not-signed"));
            QVERIFY(!cellText(desk->table(), row, gui::SigningDesk::MessageColumn).isEmpty());
        }
        QVERIFY2(desk->statusText().contains(e.message()), qPrintable(desk->statusText()));
        QVERIFY(QDir(out).entryList({QStringLiteral("*.pdf")}).isEmpty());
        // The desk looks at the token again: what it now says about its tries is shown.
        QSignalSpy found(desk.get(), &gui::SigningDesk::tokensFound);
        QVERIFY(found.wait(30000));
        useTestToken(*desk);
        QVERIFY2(desk->keyWarning().contains(QStringLiteral("few tries")), qPrintable(desk->keyWarning()));

        gui::PinDialog::setNextAnswers({QStringLiteral("1234")});
        e = signAndWait(*desk);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        QVERIFY(gui::PinDialog::lastRequest().pinCountLow); // the PIN dialog warned about the tries
        gui::PinDialog dialog(gui::PinDialog::lastRequest());
        QVERIFY(dialog.warningText().contains(QStringLiteral("few tries")));
        for (int row = 0; row < 3; ++row)
            QCOMPARE(cellRole(desk->table(), row, gui::SigningDesk::VerdictColumn), QStringLiteral("VALID"));
        QCOMPARE(QDir(out).entryList({QStringLiteral("*.pdf")}).size(), 3);
    }

    // Cancel mid-batch: what was signed stays signed and verified, the rest is "not signed", nothing
    // half-written in the output folder.
    void cancelStopsBetweenFiles()
    {
        gui::AppSettings settings;
        auto desk = openDesk(settings);
        QVERIFY(desk);
        desk->useKeyFile(m_ca.p12(QStringLiteral("clerk")));
        QVERIFY(addAndWait(*desk, {m_inputs}));
        const QString out = m_dir.filePath(QStringLiteral("out-cancel"));
        desk->setOutputFolder(out);
        gui::PinDialog::setNextAnswers({QString::fromUtf8(TestCa::password())});
        // Cancel as soon as the second file's line is filled in (as the clerk's Esc would).
        QObject guard;
        connect(desk->table(), &QTableWidget::itemChanged, &guard, [&](QTableWidgetItem *item) {
            if (item->row() == 1 && item->column() == gui::SigningDesk::StatusColumn &&
                item->data(Qt::AccessibleTextRole).toString() == u"signed")
                QTest::keyClick(desk.get(), Qt::Key_Escape);
        });
        const Error e = signAndWait(*desk);
        QCOMPARE(e.code(), ErrorCode::Cancelled);
        int signedRows = 0, notSigned = 0;
        for (int row = 0; row < desk->table()->rowCount(); ++row) {
            const QString status = cellRole(desk->table(), row, gui::SigningDesk::StatusColumn);
            if (status == u"signed") {
                ++signedRows;
                QCOMPARE(cellRole(desk->table(), row, gui::SigningDesk::VerdictColumn), QStringLiteral("VALID"));
            } else {
                QCOMPARE(status, QStringLiteral("not-signed"));
                ++notSigned;
            }
        }
        QVERIFY2(signedRows >= 2 && notSigned > 0, qPrintable(QStringLiteral("%1 signed, %2 not").arg(signedRows).arg(notSigned)));
        QVERIFY(desk->statusText().contains(gui::SigningDesk::tr("Cancelled: the files not reached are not signed.")));
        // Only whole outputs: one per signed row, no temporary left.
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), signedRows);
    }

    // Profiles: a new one starts as a copy of the current one and is kept; deleting it goes back.
    void appearanceProfilesAreKept()
    {
        gui::AppSettings settings;
        auto desk = openDesk(settings);
        QVERIFY(desk);
        const int before = int(settings.signing().appearances.size());
        QTimer::singleShot(0, desk.get(), [] {
            // The name dialog: type a name, Enter (real key presses into the modal dialog).
            QWidget *dialog = QApplication::activeModalWidget();
            if (!dialog)
                return;
            auto *edit = dialog->findChild<QLineEdit *>();
            edit->selectAll();
            QTest::keyClicks(edit, QStringLiteral("Phuong 1 - ban sao"));
            QTest::keyClick(edit, Qt::Key_Return);
        });
        QList<QPushButton *> buttons = desk->appearanceEditor()->findChildren<QPushButton *>();
        QPushButton *create = nullptr;
        for (QPushButton *b : buttons)
            if (b->text() == gui::AppearanceEditor::tr("New…"))
                create = b;
        QVERIFY(create);
        create->click();
        QTRY_COMPARE(int(gui::AppSettings().signing().appearances.size()), before + 1);
        const auto kept = gui::AppSettings().signing();
        QCOMPARE(kept.appearances.last().name, QStringLiteral("Phuong 1 - ban sao"));
        QCOMPARE(kept.currentAppearance, before);
        QCOMPARE(kept.appearances.last().spec.organizationName, kept.appearances.first().spec.organizationName);
        QCOMPARE(desk->appearanceEditor()->currentAppearance().name, QStringLiteral("Phuong 1 - ban sao"));
        for (QPushButton *b : buttons)
            if (b->text() == gui::AppearanceEditor::tr("Delete"))
                b->click();
        QCOMPARE(int(gui::AppSettings().signing().appearances.size()), before);
        QCOMPARE(gui::AppSettings().signing().currentAppearance, before - 1); // the one before it
    }

    // The appearance dragged on the preview lands there in the output (found in pdftoppm's rendering).
    void draggedAppearanceLandsThere()
    {
        gui::AppSettings settings;
        setCopyProfile(settings, QStringLiteral("UBND PHƯỜNG BẾN NGHÉ"));
        auto desk = openDesk(settings);
        QVERIFY(desk);
        desk->useKeyFile(m_ca.p12(QStringLiteral("clerk")));
        const QString input = QDir(m_inputs).filePath(QStringLiteral("cong-van-05.pdf"));
        QSignalSpy shown(desk.get(), &gui::SigningDesk::previewShown);
        QVERIFY(addAndWait(*desk, {input}));
        QVERIFY(shown.wait(30000) || !shown.isEmpty());
        gui::AppearancePreview *preview = desk->appearancePreview();
        QTRY_VERIFY_WITH_TIMEOUT(preview->hasPage(), 20000);
        QCOMPARE(preview->corner(), Corner::TopRight); // Decree 30: a copy block at the top right
        const QRectF before = preview->blockRectInWidget();
        QVERIFY(!before.isEmpty());
        // Drag the block from its centre down and to the left: about the middle-left of the page.
        const QPoint from = before.center().toPoint();
        const QPoint to = from + QPoint(-int(preview->width() * 0.35), int(preview->height() * 0.45));
        QTest::mousePress(preview, Qt::LeftButton, {}, from);
        for (int i = 1; i <= 10; ++i)
            QTest::mouseMove(preview, from + (to - from) * i / 10);
        QTest::mouseRelease(preview, Qt::LeftButton, {}, to);
        const QSizeF pageMm = preview->pageSizeMm();
        const QRectF after = preview->blockRectInWidget();
        QVERIFY(after.center().y() > before.center().y() + 50);
        // The place is kept with the profile, as an offset from the nearest corner.
        const auto kept = gui::AppSettings().signing().appearances.at(0);
        QVERIFY(kept.customPosition);
        QCOMPARE(kept.corner, preview->corner());
        // Where the block's centre is, in mm from the page's top left.
        const QSizeF sizeMm = preview->blockSizeMm();
        const bool left = kept.corner == Corner::TopLeft || kept.corner == Corner::BottomLeft;
        const bool top = kept.corner == Corner::TopLeft || kept.corner == Corner::TopRight;
        const QPointF centreMm(left ? kept.positionMm.x() + sizeMm.width() / 2
                                    : pageMm.width() - kept.positionMm.x() - sizeMm.width() / 2,
                               top ? kept.positionMm.y() + sizeMm.height() / 2
                                   : pageMm.height() - kept.positionMm.y() - sizeMm.height() / 2);

        const QString out = m_dir.filePath(QStringLiteral("out-drag"));
        desk->setOutputFolder(out);
        gui::PinDialog::setNextAnswers({QString::fromUtf8(TestCa::password())});
        const Error e = signAndWait(*desk);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        const QString output = QDir(out).filePath(QStringLiteral("cong-van-05.pdf"));
        QCOMPARE(cellRole(desk->table(), 0, gui::SigningDesk::VerdictColumn), QStringLiteral("VALID"));
        // The key file's certificate is shown once its password opened it.
        QVERIFY2(desk->certificateText().contains(QStringLiteral("Nguyễn Văn Thư")), qPrintable(desk->certificateText()));

        constexpr int dpi = 36;
        const QImage a = renderPage(input, m_dir.filePath(QStringLiteral("drag-in")), dpi);
        const QImage b = renderPage(output, m_dir.filePath(QStringLiteral("drag-out")), dpi);
        QVERIFY(!a.isNull() && !b.isNull());
        const QRect changed = changedArea(a, b);
        QVERIFY2(!changed.isEmpty(), "the block is drawn");
        const double pxPerMm = dpi / 25.4;
        const QPointF changedCentreMm = QPointF(changed.center()) / pxPerMm;
        QVERIFY2(qAbs(changedCentreMm.x() - centreMm.x()) < 15 && qAbs(changedCentreMm.y() - centreMm.y()) < 15,
                 qPrintable(QStringLiteral("drawn around (%1, %2) mm, dragged to (%3, %4) mm")
                                .arg(changedCentreMm.x())
                                .arg(changedCentreMm.y())
                                .arg(centreMm.x())
                                .arg(centreMm.y())));
        // Not at the top right, where it was before the drag.
        QVERIFY(changed.top() / pxPerMm > 60);
        setCopyProfile(settings, QStringLiteral("UBND PHƯỜNG BẾN NGHÉ")); // back to the Decree 30 place
    }

    // Ctrl+S after Ctrl+E: the export signed as a certified copy, verified, shown, recorded.
    void signAsCopyAtTheCounter()
    {
        gui::AppSettings seed;
        seed.setProfiles({flatbedProfile(QStringLiteral("Quầy: test flatbed"))});
        seed.setExportFolder(m_dir.filePath(QStringLiteral("exports")));
        seed.setAgencyPrefix(QStringLiteral("H15.50.05.13"));
        gui::SigningSettings s = seed.signing();
        s.keyKind = QStringLiteral("p12");
        s.p12Path = m_ca.p12(QStringLiteral("clerk"));
        s.qr = true;
        s.qrTemplate = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}");
        seed.setSigning(s);

        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("store"));
        gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitUntilReady(window, QStringLiteral("test:0")));
        const QString code =
            QStringLiteral("H15.50.05.13-%1-0001").arg(QDate::currentDate().toString(QStringLiteral("yyMMdd")));
        gui::MainWindow::setNextNewDossierAnswer(code);
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        QWidget *grid = window.pagesPane()->view();
        const auto report = scanAndWait(window, [&] { QTest::keyClick(grid, Qt::Key_F5); });
        QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
        // Ctrl+S before an export says what to do.
        QTest::keyClick(grid, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(window.lastSignedCopy().isEmpty());
        QSignalSpy exported(&window, &gui::MainWindow::exported);
        QTest::keyClick(grid, Qt::Key_E, Qt::ControlModifier);
        QVERIFY(exported.wait(30000));
        const QString exportPath = exported.first().first().toString();
        const QByteArray exportBytes = readFile(exportPath);

        QSignalSpy signedCopy(&window, &gui::MainWindow::copySigned);
        gui::PinDialog::resetAskedCount();
        gui::PinDialog::setNextAnswers({QString::fromUtf8(TestCa::password())});
        QTest::keyClick(grid, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(signedCopy.wait(120000));
        const QString path = signedCopy.first().at(0).toString();
        QVERIFY2(!path.isEmpty(), qPrintable(signedCopy.first().at(1).value<Error>().fullText()));
        QCOMPARE(gui::PinDialog::askedCount(), 1);
        QCOMPARE(readFile(exportPath), exportBytes); // the export is not modified
        QCOMPARE(QFileInfo(path).fileName(), QFileInfo(exportPath).completeBaseName() + QStringLiteral("-ban-sao.pdf"));
        // Shown in the preview, judged by pdfsig, our verify, and zbarimg (the lookup code).
        QTRY_COMPARE_WITH_TIMEOUT(window.previewPane()->pdfPath(), path, 10000);
        const auto entries = pdfsigReport(path);
        QCOMPARE(entries.size(), 1);
        QVERIFY2(entries.first().valid && entries.first().total, qPrintable(entries.first().text));
        const ToolResult verify = runTool(QStringLiteral(SOHOA_CLI_PATH),
                                          {QStringLiteral("verify"), path, QStringLiteral("--trust"),
                                           m_ca.path(QStringLiteral("root.pem")), QStringLiteral("--offline")});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe()));
        const ToolResult text = runTool(QStringLiteral("pdftotext"), {QStringLiteral("-l"), QStringLiteral("1"), path,
                                                                      QStringLiteral("-")});
        QVERIFY2(text.out.contains(QStringLiteral("SAO Y")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("UBND PHƯỜNG BẾN NGHÉ")), qPrintable(text.out));
        const QString png = m_dir.filePath(QStringLiteral("copy-p1"));
        QVERIFY(runOk(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-png"),
                                                   QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                   QStringLiteral("1"), QStringLiteral("-singlefile"), path, png}));
        const ToolResult qr = runTool(QStringLiteral("zbarimg"), {QStringLiteral("-q"), QStringLiteral("--raw"),
                                                                  png + QStringLiteral(".png")});
        QCOMPARE(qr.out.trimmed(), QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=") + code);

        // Recorded: the store's row, the audit entry, and `dossier show`.
        const DossierInfo dossier = window.store()->dossier(code).value();
        const auto docs = window.store()->signedDocuments(dossier.id).value();
        QCOMPARE(docs.size(), 1);
        QCOMPARE(docs.first().path, QFileInfo(path).absoluteFilePath());
        QCOMPARE(docs.first().verdict, QStringLiteral("VALID"));
        QCOMPARE(docs.first().kind, QStringLiteral("copy"));
        QVERIFY(docs.first().signer.contains(QStringLiteral("Nguyễn Văn Thư")));
        QCOMPARE(docs.first().lookupCode, QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=") + code);
        QCOMPARE(docs.first().sha256, sha256HexOfFile(path).value());
        const auto log = window.store()->auditLog(dossier.id).value();
        QVERIFY(std::any_of(log.begin(), log.end(), [](const AuditEntry &a) { return a.action == u"pdf-signed"; }));
        const ToolResult show = runTool(QStringLiteral(SOHOA_CLI_PATH),
                                        {QStringLiteral("dossier"), QStringLiteral("show"), code, QStringLiteral("--store"),
                                         options.storePath, QStringLiteral("--json")});
        QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
        const QJsonObject shown = QJsonDocument::fromJson(show.out.toUtf8()).object();
        const QJsonArray signedDocs = shown.value(QStringLiteral("signed_documents")).toArray();
        QCOMPARE(signedDocs.size(), 1);
        QCOMPARE(signedDocs.first().toObject().value(QStringLiteral("verdict")).toString(), QStringLiteral("VALID"));
    }

    // The token pulled out after four signatures: four signed, the fifth and the rest "not signed".
    // Last: the fault shim reads its settings once, when first loaded in the process.
    void tokenRemovedMidBatch()
    {
        qputenv("SOHOA_SHIM_REMOVE_AFTER_SIGNS", "4");
        gui::AppSettings settings;
        setCopyProfile(settings, QStringLiteral("UBND PHƯỜNG BẾN NGHÉ"));
        gui::SigningSettings s = settings.signing();
        s.extraModules = {QStringLiteral(SOHOA_FAULT_PKCS11)};
        s.keyKind = QStringLiteral("token");
        s.qr = false;
        settings.setSigning(s);
        auto desk = openDesk(settings);
        QVERIFY(desk);
        useTestToken(*desk);
        QCOMPARE(desk->tokens().first().modulePath, QStringLiteral(SOHOA_FAULT_PKCS11));
        QStringList eight;
        for (int i = 1; i <= 8; ++i)
            eight << QDir(m_inputs).filePath(QStringLiteral("cong-van-%1.pdf").arg(i, 2, 10, QLatin1Char('0')));
        QVERIFY(addAndWait(*desk, eight));
        const QString out = m_dir.filePath(QStringLiteral("out-removed"));
        desk->setOutputFolder(out);
        gui::PinDialog::setNextAnswers({QStringLiteral("1234")});
        const Error e = signAndWait(*desk);
        QCOMPARE(e.code(), ErrorCode::TokenRemoved);
        QTableWidget *table = desk->table();
        for (int row = 0; row < 4; ++row)
            QCOMPARE(cellRole(table, row, gui::SigningDesk::StatusColumn), QStringLiteral("signed"));
        for (int row = 4; row < 8; ++row) {
            QCOMPARE(cellRole(table, row, gui::SigningDesk::StatusColumn), QStringLiteral("not-signed"));
            QCOMPARE(cellRole(table, row, gui::SigningDesk::MessageColumn), QStringLiteral("token-removed"));
        }
        QCOMPARE(QDir(out).entryList({QStringLiteral("*.pdf")}).size(), 4);
        for (const QString &name : QDir(out).entryList({QStringLiteral("*.pdf")})) {
            const auto entries = pdfsigReport(QDir(out).filePath(name));
            QVERIFY(entries.size() == 1 && entries.first().valid);
        }
    }
};

QTEST_MAIN(TestSigningDesk)
#include "TestSigningDesk.moc"
