// The verification window, driven through its widgets: a signed file, the same file changed after
// signing (its page text replaced by an appended update) and an unsigned one, opened and dropped;
// the verdicts shown per file, the changes and reasons per signature, the signed revision shown in
// the preview (and byte-identical to what was signed), the certificate chain, the trust settings kept.
// Opened from the main window with Ctrl+Shift+V.

#include "GuiTestSupport.h"
#include "HandMadePdf.h"
#include "PdfAttacks.h"
#include "SigningFixtures.h"

#include "app/gui/PreviewPane.h"
#include "app/gui/VerifyWindow.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"

#include <QMimeData>
#include <QTreeWidget>

using namespace sohoa;
using namespace sohoa::test;

namespace {

QString statusOf(QTreeWidgetItem *item)
{
    return item ? item->data(0, Qt::AccessibleTextRole).toString() : QString();
}

// The ids (reasons, modifications) shown under a signature, with their "allowed" column.
QStringList idsUnder(QTreeWidgetItem *item)
{
    QStringList ids;
    for (int i = 0; i < item->childCount(); ++i) {
        QTreeWidgetItem *c = item->child(i);
        const QString id = c->data(0, Qt::UserRole + 1).toString();
        if (!id.isEmpty())
            ids.append(id);
        ids += idsUnder(c);
    }
    return ids;
}

} // namespace

class TestVerifyWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCa m_ca;
    QString m_good, m_changed, m_unsigned;

private slots:
    void initTestCase()
    {
        useTemporarySettings(m_dir);
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Phạm Thị D/O=Bộ phận một cửa"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        m_unsigned = m_dir.filePath(QStringLiteral("unsigned.pdf"));
        QVERIFY(writeFile(m_unsigned,
                          handMadePdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                       // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one object, two lines
                                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                                       " /Resources << /Font << /F1 5 0 R >> >> >>",
                                       pdfStream("<< >>", "BT /F1 24 Tf 72 700 Td (Pay 100 VND) Tj ET"),
                                       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})));
        auto key = signing::Pkcs12Key::load(m_ca.p12(QStringLiteral("clerk")), TestCa::password());
        QVERIFY(key);
        m_good = m_dir.filePath(QStringLiteral("good.pdf"));
        QVERIFY(!signing::PdfSigner(*key.value()).signFile(m_unsigned, m_good, {}).error.isError());
        m_changed = m_dir.filePath(QStringLiteral("changed.pdf"));
        QVERIFY(writeFile(m_changed, appendUpdate(readFile(m_good),
                                                  {{4, pdfStream("<< >>", "BT /F1 24 Tf 72 700 Td (Pay 999 VND) Tj ET")}})));
    }

    void showsVerdictsChangesAndTheSignedRevision()
    {
        gui::AppSettings settings;
        settings.setTrustPaths({m_ca.path(QStringLiteral("root.pem"))});
        gui::VerifyWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy verified(&window, &gui::VerifyWindow::verified);
        window.addPaths({m_good, m_changed, m_unsigned});
        QVERIFY(verified.wait(60000));
        QTreeWidget *files = window.fileList();
        QCOMPARE(files->topLevelItemCount(), 3);
        QCOMPARE(statusOf(files->topLevelItem(0)), QStringLiteral("VALID"));
        QCOMPARE(statusOf(files->topLevelItem(1)), QStringLiteral("CHANGED_AFTER_SIGNING"));
        QCOMPARE(statusOf(files->topLevelItem(2)), QStringLiteral("UNSIGNED"));
        QCOMPARE(files->topLevelItem(0)->text(0), gui::VerifyWindow::verdictText(QStringLiteral("VALID")));

        // The good file: its signer and a trusted chain.
        files->setCurrentItem(files->topLevelItem(0));
        QTreeWidgetItem *signature = window.signatureTree()->topLevelItem(0);
        QVERIFY(signature);
        QVERIFY2(signature->text(1).contains(QStringLiteral("Phạm Thị D")), qPrintable(signature->text(1)));
        window.signatureTree()->setCurrentItem(signature);
        QVERIFY(window.certificateText().contains(QStringLiteral("SoHoa E2E Root CA")));

        // The changed file: what changed, and why it is not valid.
        files->setCurrentItem(files->topLevelItem(1));
        signature = window.signatureTree()->topLevelItem(0);
        const QStringList ids = idsUnder(signature);
        QVERIFY2(ids.contains(QStringLiteral("page-changed")) && ids.contains(QStringLiteral("changed-after-signing")),
                 qPrintable(ids.join(u' ')));

        // What was signed, in the preview: the bytes of the signed revision.
        QSignalSpy shown(window.preview(), &gui::PreviewPane::shown);
        QSignalSpy revision(&window, &gui::VerifyWindow::revisionShown);
        window.showSignedRevision(1, 1);
        QCOMPARE(revision.size(), 1);
        const QString extracted = revision.first().first().toString();
        QCOMPARE(readFile(extracted), readFile(m_good));
        QVERIFY(shown.wait(30000) || !shown.isEmpty());
    }

    void dropAddsFilesAndTrustIsKept()
    {
        gui::AppSettings settings;
        settings.setTrustPaths({});
        gui::VerifyWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy verified(&window, &gui::VerifyWindow::verified);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_good)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(verified.wait(60000));
        // No trusted root in the settings: intact but not trusted.
        QCOMPARE(statusOf(window.fileList()->topLevelItem(0)), QStringLiteral("VALID_UNTRUSTED"));
        QVERIFY(gui::AppSettings().trustPaths().isEmpty());
    }

    void openedFromTheMainWindow()
    {
        gui::WindowOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("store"));
        gui::MainWindow main(options);
        main.show();
        QVERIFY(QTest::qWaitForWindowExposed(&main));
        main.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&main));
        QTest::keyClick(&main, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(QTest::qWaitFor([&] { return main.verifyWindow() && main.verifyWindow()->isVisible(); }, 5000));
    }
};

QTEST_MAIN(TestVerifyWindow)
#include "TestVerifyWindow.moc"
