// Exporting a dossier as a job: the PDF appears whole or not at all whatever the moment of a cancel,
// progress is throttled, a job destroyed while writing leaves nothing behind, and a page file that
// went missing stops the export with a typed error. Judged by qpdf --check and pdfinfo.

#include "JobTestSupport.h"
#include "StoreTestSupport.h"
#include "ToolRunner.h"
#include "app/workflows/ExportJob.h"
#include "core/dossier/DossierStore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::workflows;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

// A dossier of `count` gray pages of noise (PNG: the writer has to re-compress each, which takes a
// while), saved through the store as a scan would.
bool makeDossier(DossierStore &store, int count, QString *error)
{
    auto dossier = store.createOrGetDossier(kCode, false);
    auto component = dossier ? store.createOrGetComponent(dossier->id, QStringLiteral("Tài liệu")) : dossier.error();
    if (!component) {
        *error = component.error().fullText();
        return false;
    }
    if (auto saved = saveNoisePages(store, component.value(), count, QSize(600, 850), 7); !saved) {
        *error = saved.error().fullText();
        return false;
    }
    return true;
}

// Nothing but the finished PDF (if any) in the output folder: no temporary left behind.
QStringList leftovers(const QString &dir, const QString &output)
{
    QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    names.removeAll(QFileInfo(output).fileName());
    return names;
}

} // namespace

class TestExportJob : public QObject
{
    Q_OBJECT

    QTemporaryDir m_storeDir;
    std::unique_ptr<DossierStore> m_store;

private Q_SLOTS:
    void initTestCase()
    {
        auto store = DossierStore::open(m_storeDir.path());
        QVERIFY(store);
        m_store = std::move(store).value();
        QString error;
        QVERIFY2(makeDossier(*m_store, 40, &error), qPrintable(error));
    }

    void exportsTheWholeDossierWithThrottledProgress()
    {
        QTemporaryDir out;
        ExportRequest request{kCode, QString(), out.filePath(QStringLiteral("dossier.pdf")), false};
        ExportJob job(*m_store, request);
        QSignalSpy progress(&job, &Job::progress);
        QCOMPARE(runJobToEnd(job), 1);
        QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
        QCOMPARE(job.report().pdf.pageCount, 40);
        QCOMPARE(job.report().path, request.outputPath);
        QVERIFY(progress.size() >= 1 && progress.size() < 40);
        const JobProgress last = progress.last().at(0).value<JobProgress>();
        QCOMPARE(last.done, 40);
        QCOMPARE(last.total, 40);
        const ToolResult info = runTool(QStringLiteral("pdfinfo"), {request.outputPath});
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Pages:\\s+40"))), qPrintable(info.describe()));
        QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), request.outputPath}).exitCode, 0);
        // The export is in the audit log.
        auto log = m_store->auditLog(m_store->dossier(kCode)->id);
        bool audited = false;
        for (const AuditEntry &e : log.value())
            audited = audited || (e.action == u"pdf-exported" && e.detail.startsWith(request.outputPath));
        QVERIFY(audited);
    }

    // From the first page to the commit: a cancel leaves no file (or, when the export won the race,
    // a whole and valid one), never a part of one, and exactly one finished().
    void cancelAtRandomMomentsLeavesNoPartialOutput()
    {
        QRandomGenerator random(replayableSeed());
        int cancelled = 0;
        for (int trial = 0; trial < 10; ++trial) {
            QTemporaryDir out;
            const QString path = out.filePath(QStringLiteral("dossier.pdf"));
            ExportJob job(*m_store, ExportRequest{kCode, QString(), path, false});
            QSignalSpy finished(&job, &Job::finished);
            job.start();
            QTest::qWait(trial == 0 ? 0 : int(random.bounded(600))); // the first at once: one cancel whatever the speed
            job.cancel();
            // The job may have ended during the wait above (finished() then came already).
            QVERIFY(!finished.isEmpty() || finished.wait(60000));
            QTest::qWait(20);
            QCOMPARE(finished.size(), 1);
            QVERIFY2(leftovers(out.path(), path).isEmpty(), qPrintable(leftovers(out.path(), path).join(u',')));
            if (job.error().code() == ErrorCode::Cancelled) {
                ++cancelled;
                QVERIFY(!QFile::exists(path));
            } else {
                QCOMPARE(job.error().code(), ErrorCode::None);
                QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), path}).exitCode, 0);
            }
        }
        QVERIFY(cancelled > 0); // the 40 pages take long enough that most trials cancel
    }

    void aJobDestroyedWhileWritingLeavesNothing()
    {
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("dossier.pdf"));
        {
            ExportJob job(*m_store, ExportRequest{kCode, QString(), path, false});
            QSignalSpy progress(&job, &Job::progress);
            job.start();
            QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 1, 30000);
        }
        QVERIFY(!QFile::exists(path));
        QVERIFY(leftovers(out.path(), path).isEmpty());
    }

    void aMissingPageFileStopsTheExport()
    {
        QTemporaryDir storeDir;
        auto store = DossierStore::open(storeDir.path());
        QString error;
        QVERIFY2(makeDossier(*store.value(), 3, &error), qPrintable(error));
        const PageRecord second = store.value()->dossierPages(store.value()->dossier(kCode)->id)->at(1);
        QVERIFY(QFile::remove(second.absolutePath));
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("dossier.pdf"));
        ExportJob job(*store.value(), ExportRequest{kCode, QString(), path, false});
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::PageFileMissing);
        QCOMPARE(job.error().detail(), second.relativePath);
        QVERIFY(!QFile::exists(path));
    }

    // A page file replaced by another of the same size (an edited scan, a swapped page) is found by its
    // SHA-256 before anything is written: it must not reach a PDF that is then signed as a true copy.
    void aSameSizeSwappedPageStopsTheExport()
    {
        QTemporaryDir storeDir;
        auto store = DossierStore::open(storeDir.path());
        QString error;
        QVERIFY2(makeDossier(*store.value(), 3, &error), qPrintable(error));
        const PageRecord second = store.value()->dossierPages(store.value()->dossier(kCode)->id)->at(1);
        QFile file(second.absolutePath);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a); // one byte inside the image data
        QVERIFY(file.seek(0) && file.write(bytes) == bytes.size());
        file.close();
        QCOMPARE(QFileInfo(second.absolutePath).size(), second.size);
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("dossier.pdf"));
        ExportJob job(*store.value(), ExportRequest{kCode, QString(), path, false});
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::PageFileDamaged);
        QVERIFY2(job.error().detail().startsWith(second.relativePath), qPrintable(job.error().detail()));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    // Threat model W14: a tampered index that names a file outside the store (here an exact copy of
    // the page, so that size and SHA-256 match) must not make export read it into the PDF.
    void anIndexPathOutsideTheStoreIsNotRead()
    {
        QTemporaryDir base;
        const QString root = base.filePath(QStringLiteral("store"));
        QString error;
        QString stolen;
        {
            auto store = DossierStore::open(root);
            QVERIFY(store.ok());
            QVERIFY2(makeDossier(*store.value(), 2, &error), qPrintable(error));
            const PageRecord second = store.value()->dossierPages(store.value()->dossier(kCode)->id)->at(1);
            stolen = base.filePath(QStringLiteral("elsewhere.") + QFileInfo(second.absolutePath).suffix());
            QVERIFY(QFile::copy(second.absolutePath, stolen));
            const auto rows = rawRows(root + QStringLiteral("/sohoa.sqlite"),
                                      QStringLiteral("UPDATE pages SET path = '../%1' WHERE id = %2")
                                          .arg(QFileInfo(stolen).fileName())
                                          .arg(second.id));
            QVERIFY2(rows.isEmpty(), qPrintable(rows.value(0).value(0).toString()));
        }
        auto store = DossierStore::open(root);
        QVERIFY(store.ok());
        const PageRecord second = store.value()->dossierPages(store.value()->dossier(kCode)->id)->at(1);
        QVERIFY2(second.relativePath.startsWith(QStringLiteral("../")), qPrintable(second.relativePath));
        QVERIFY2(second.absolutePath.isEmpty(), qPrintable(second.absolutePath));
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("dossier.pdf"));
        ExportJob job(*store.value(), ExportRequest{kCode, QString(), path, false});
        QCOMPARE(runJobToEnd(job), 1);
        QVERIFY2(job.error().isError(), "a page outside the store was exported");
        QVERIFY(!QFile::exists(path));
        QVERIFY(QFile::exists(stolen)); // left as it was
    }

    void anExistingOutputIsKeptUnlessOverwriteIsAsked()
    {
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("dossier.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write("mine") == 4);
        f.close();
        ExportJob refused(*m_store, ExportRequest{kCode, QStringLiteral("Tài liệu"), path, false});
        QCOMPARE(runJobToEnd(refused), 1);
        QCOMPARE(refused.error().code(), ErrorCode::OutputExists);
        QCOMPARE(QFileInfo(path).size(), 4);
        ExportJob replaced(*m_store, ExportRequest{kCode, QStringLiteral("Tài liệu"), path, true});
        QCOMPARE(runJobToEnd(replaced), 1);
        QVERIFY2(!replaced.error().isError(), qPrintable(replaced.error().fullText()));
        QCOMPARE(replaced.report().pdf.pageCount, 40);
    }
};

QTEST_GUILESS_MAIN(TestExportJob)
#include "TestExportJob.moc"
