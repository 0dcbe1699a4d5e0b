// A dossier edited in the store (pages moved within and across components, rotated, deleted,
// restored) exports as the user sees it: Poppler's tools find the pages in that order, turned by
// /Rotate, JPEG pages byte for byte, deleted pages absent and back in place once restored; every
// edit is in the audit log.

#include "PdfPageChecks.h"
#include "StoreTestSupport.h"

#include "core/dossier/DossierStore.h"
#include "core/pdf/PdfWriter.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

// What an export does with the store's answer (the CLI's `dossier export` builds the same list).
Result<PdfWriteReport> exportDossier(const DossierStore &store, qint64 dossierId, const QString &pdf)
{
    auto pages = store.dossierPages(dossierId);
    if (!pages)
        return pages.error();
    QList<PdfPageSource> sources;
    for (const PageRecord &p : pages.value())
        sources.append({p.absolutePath, p.dpi, p.rotation});
    return PdfWriter::write(pdf, sources, {});
}

ImageProfile pngProfile()
{
    ImageProfile profile;
    profile.format = ImageProfile::Format::Png;
    return profile;
}

} // namespace

class TestDossierExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const char *tool : {"pdfinfo", "pdftoppm", "pdfimages", "qpdf"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("required tool %1 is not installed").arg(QString::fromLatin1(tool))));
        }
    }

    void exportFollowsEdits()
    {
        auto opened = DossierStore::open(m_dir.filePath(QStringLiteral("store")));
        QVERIFY(opened);
        DossierStore &store = *opened.value();
        const DossierInfo dossier = store.createOrGetDossier(kCode, false).value();
        const ComponentInfo a = store.createOrGetComponent(dossier.id, QStringLiteral("Đơn đề nghị")).value();
        const ComponentInfo b = store.createOrGetComponent(dossier.id, QStringLiteral("Ảnh")).value();
        QMap<QString, PageRecord> page; // a1..a4 JPEG, b5 b6 PNG
        for (int n = 1; n <= 4; ++n)
            page.insert(QStringLiteral("a%1").arg(n), savePage(store, a, n).value());
        for (int n = 5; n <= 6; ++n)
            page.insert(QStringLiteral("b%1").arg(n), savePage(store, b, n, 0, pngProfile()).value());
        QCOMPARE(page.value(QStringLiteral("a1")).format, QStringLiteral("jpg"));
        QCOMPARE(page.value(QStringLiteral("b5")).format, QStringLiteral("png"));
        const auto id = [&](const char *name) {
            return page.value(QString::fromLatin1(name)).id;
        };

        QVERIFY(store.movePage(id("a4"), a.id, 1)); // A: a4 a1 a2 a3
        QVERIFY(store.rotatePage(id("a2"), 90));
        QVERIFY(store.rotatePage(id("b5"), 180));
        QVERIFY(store.deletePage(id("a3")));        // A: a4 a1 a2
        QVERIFY(store.movePage(id("b6"), a.id, 2)); // A: a4 b6 a1 a2, B: b5
        QVERIFY(store.rotatePage(id("a4"), 270));
        const QStringList order{QStringLiteral("a4"), QStringLiteral("b6"), QStringLiteral("a1"), QStringLiteral("a2"),
                                QStringLiteral("b5")};
        const QList<int> rotations{270, 0, 0, 90, 180};

        const QString pdf = m_dir.filePath(QStringLiteral("edited.pdf"));
        auto written = exportDossier(store, dossier.id, pdf);
        QVERIFY2(written, qPrintable(written.error().fullText()));
        QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf}).exitCode, 0);
        const QList<PdfPageInfo> info = pdfPageInfo(pdf);
        QCOMPARE(info.size(), order.size());
        for (int i = 0; i < info.size(); ++i) {
            QCOMPARE(info.at(i).rotation, rotations.at(i));
            // 200 x 300 pixels at 100 dpi, stored upright: /Rotate turns it for the reader.
            QCOMPARE(info.at(i).size, QSizeF(144, 216));
        }
        // The images in page order: JPEG pages are the page files byte for byte, PNG pages the same
        // pixels; the deleted page is not there.
        QTemporaryDir images;
        const QStringList extracted = extractImages(pdf, images.path());
        QCOMPARE(extracted.size(), order.size());
        for (int i = 0; i < order.size(); ++i) {
            const PageRecord &p = page.value(order.at(i));
            if (p.format == u"jpg") {
                QVERIFY2(extracted.at(i).endsWith(QStringLiteral(".jpg")), qPrintable(extracted.at(i)));
                QCOMPARE(sha256OfFile(extracted.at(i)), p.sha256);
            } else {
                QCOMPARE(QImage(extracted.at(i)).convertToFormat(QImage::Format_RGB888),
                         QImage(p.absolutePath).convertToFormat(QImage::Format_RGB888));
            }
            QVERIFY(sha256OfFile(extracted.at(i)) != page.value(QStringLiteral("a3")).sha256);
        }
        // Rendered as a reader shows them: turned pages are landscape, the mark in its corner.
        const QImage turned = renderPage(pdf, 4);
        QVERIFY(turned.width() > turned.height());
        QCOMPARE(darkestCorner(turned), QStringLiteral("top-right"));
        QCOMPARE(darkestCorner(renderPage(pdf, 5)), QStringLiteral("bottom-right"));
        QCOMPARE(darkestCorner(renderPage(pdf, 1)), QStringLiteral("bottom-left"));
        const QImage upright = renderPage(pdf, 3);
        QVERIFY(upright.height() > upright.width());
        QCOMPARE(darkestCorner(upright), QStringLiteral("top-left"));

        // Restored, the page is back where it was (4th of its component, which has 4 pages now).
        auto restored = store.restorePage(id("a3"));
        QVERIFY(restored);
        QCOMPARE(restored->position, 4);
        const QString again = m_dir.filePath(QStringLiteral("restored.pdf"));
        QVERIFY(exportDossier(store, dossier.id, again));
        QTemporaryDir images2;
        const QStringList extracted2 = extractImages(again, images2.path());
        QCOMPARE(extracted2.size(), 6);
        QCOMPARE(sha256OfFile(extracted2.at(3)), page.value(QStringLiteral("a3")).sha256);
        QCOMPARE(sha256OfFile(extracted2.at(4)), page.value(QStringLiteral("a2")).sha256);
        QCOMPARE(pdfPageInfo(again).at(3).rotation, 0);

        // Every edit is in the log, in order, on its page.
        QList<QPair<QString, qint64>> edits;
        for (const AuditEntry &e : store.auditLog(dossier.id).value()) {
            if (e.action.startsWith(QStringLiteral("page-")) && e.action != u"page-saved")
                edits.append({e.action, e.pageId});
        }
        const QList<QPair<QString, qint64>> expected{
            {QStringLiteral("page-moved"), id("a4")},   {QStringLiteral("page-rotated"), id("a2")},
            {QStringLiteral("page-rotated"), id("b5")}, {QStringLiteral("page-deleted"), id("a3")},
            {QStringLiteral("page-moved"), id("b6")},   {QStringLiteral("page-rotated"), id("a4")},
            {QStringLiteral("page-restored"), id("a3")}};
        QCOMPARE(edits, expected);
        // And no page file was touched by any of it.
        for (const PageRecord &p : std::as_const(page))
            QCOMPARE(sha256OfFile(p.absolutePath), p.sha256);
    }

    void componentExportSkipsMovedOutPages()
    {
        // A page moved to another component is exported with that component, not with its folder's.
        auto opened = DossierStore::open(m_dir.filePath(QStringLiteral("store2")));
        QVERIFY(opened);
        DossierStore &store = *opened.value();
        const DossierInfo dossier = store.createOrGetDossier(kCode, false).value();
        const ComponentInfo a = store.createOrGetComponent(dossier.id, QStringLiteral("A")).value();
        const ComponentInfo b = store.createOrGetComponent(dossier.id, QStringLiteral("B")).value();
        const PageRecord a1 = savePage(store, a, 1).value();
        const PageRecord a2 = savePage(store, a, 2).value();
        const PageRecord b1 = savePage(store, b, 3).value();
        QVERIFY(store.movePage(a2.id, b.id, 2));
        QList<PdfPageSource> sources;
        for (const PageRecord &p : store.pages(b.id).value())
            sources.append({p.absolutePath, p.dpi, p.rotation});
        const QString pdf = m_dir.filePath(QStringLiteral("component-b.pdf"));
        QVERIFY(PdfWriter::write(pdf, sources, {}));
        QTemporaryDir images;
        const QStringList extracted = extractImages(pdf, images.path());
        QCOMPARE(extracted.size(), 2);
        QCOMPARE(sha256OfFile(extracted.at(0)), b1.sha256);
        QCOMPARE(sha256OfFile(extracted.at(1)), a2.sha256);
        QCOMPARE(store.pages(a.id)->size(), 1);
        QCOMPARE(store.pages(a.id)->constFirst().id, a1.id);
    }
};

QTEST_GUILESS_MAIN(TestDossierExport)
#include "TestDossierExport.moc"
