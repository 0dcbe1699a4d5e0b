// Cleanup and archival export as jobs of the application library, on the twelve corpus scans: blank
// flags against truth.json (precision and recall), skew corrections, and cancels at random moments
// that must leave the store and the output folder consistent (every page cleaned or untouched, no
// half-written PDF or sidecar).

#include "CorpusTruth.h"
#include "JobTestSupport.h"
#include "PdfaRules.h"

#include "app/workflows/CleanupJob.h"
#include "app/workflows/ExportJob.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierStore.h"

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

// A store with one dossier holding every corpus scan, as scanned (the JPEG files byte for byte).
struct CorpusStore
{
    QTemporaryDir dir;
    std::unique_ptr<DossierStore> store;
    DossierInfo dossier;
    QList<PageRecord> pages; // in corpus order

    bool setUp(int count = 12)
    {
        auto opened = DossierStore::open(dir.filePath(QStringLiteral("store")));
        if (!opened)
            return false;
        store = std::move(opened).value();
        auto d = store->createOrGetDossier(kCode, false);
        if (!d)
            return false;
        dossier = d.value();
        auto component = store->createOrGetComponent(dossier.id, QStringLiteral("Tài liệu"));
        if (!component)
            return false;
        const QJsonArray truth = corpusTruth();
        for (int i = 0; i < count && i < truth.size(); ++i) {
            const QString path = QStringLiteral(SOHOA_CORPUS_DIR "/scans/") +
                                 truth.at(i).toObject().value(QStringLiteral("file")).toString();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QByteArray bytes = f.readAll();
            QImageReader reader(path);
            ScannedPage page;
            page.dpi = 200;
            page.mode = ColorMode::Color;
            auto saved =
                store->savePage(component.value(), page, EncodedImage{bytes, QStringLiteral("jpg"), reader.size()},
                                QStringLiteral("corpus"));
            if (!saved)
                return false;
            pages.append(saved.value());
        }
        return true;
    }
};

// Every page either untouched or cleaned, and what the index says of a cleaned one is on disk.
void verifyConsistent(const DossierStore &store, const QList<PageRecord> &pages)
{
    for (const PageRecord &before : pages) {
        const PageRecord p = store.page(before.id).value();
        QCOMPARE(sha256HexOfFile(p.absolutePath).value(), p.sha256); // the original never changes
        QCOMPARE(p.sha256, before.sha256);
        if (p.cleanup.hasImage())
            QCOMPARE(sha256HexOfFile(p.cleanup.absolutePath).value(), p.cleanup.sha256);
    }
    QCOMPARE(store.integrityCheck().value(), QStringLiteral("ok"));
}

} // namespace

class TestArchivalJobs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<PageRecord>();
        if (corpusTruth().size() != 12)
            QFAIL("the corpus (../shared/corpus/scans/truth.json) is missing");
    }

    // Blank detection over the corpus through the job: precision and recall both 100 %.
    void cleanupFlagsEveryBlankPageAndNoOther()
    {
        CorpusStore f;
        QVERIFY(f.setUp());
        workflows::CleanupRequest request;
        request.dossierCode = kCode;
        request.options = CleanupOptions::fromList(QStringLiteral("deskew,orient,crop,blank")).value();
        workflows::CleanupJob job(*f.store, request);
        QSignalSpy cleaned(&job, &workflows::CleanupJob::pageCleaned);
        QCOMPARE(runJobToEnd(job, 300000), 1);
        QCOMPARE(job.error().code(), ErrorCode::None);
        QCOMPARE(cleaned.size(), 12);
        QCOMPARE(job.report().cleaned, 12);
        const QJsonArray truth = corpusTruth();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (int i = 0; i < 12; ++i) {
            const PageRecord p = f.store->page(f.pages.at(i).id).value();
            const QJsonObject t = truth.at(i).toObject();
            const bool blank = t.value(QStringLiteral("blank")).toBool();
            truePositives += blank && p.cleanup.blank;
            falsePositives += !blank && p.cleanup.blank;
            falseNegatives += blank && !p.cleanup.blank;
            if (!blank) {
                const double skew = t.value(QStringLiteral("skew_deg")).toDouble();
                qInfo("%s: skew %.2f°, corrected %.2f°, ink %.3f %%",
                      qPrintable(t.value(QStringLiteral("file")).toString()), skew, p.cleanup.skewCorrectedDeg,
                      p.cleanup.inkPercent);
                QVERIFY2(std::abs(p.cleanup.skewDetectedDeg - skew) <= 0.1,
                         qPrintable(QStringLiteral("%1: detected %2, truth %3")
                                        .arg(p.relativePath)
                                        .arg(p.cleanup.skewDetectedDeg)
                                        .arg(skew)));
                QCOMPARE(p.cleanup.rotatedDeg, 0);
            }
        }
        QCOMPARE(truePositives, 3);
        QCOMPARE(falsePositives, 0);
        QCOMPARE(falseNegatives, 0);
        QCOMPARE(job.report().blank, 3);
        verifyConsistent(*f.store, f.pages);

        // Run again: nothing to do with the same steps, everything again with redo.
        workflows::CleanupJob again(*f.store, request);
        QCOMPARE(runJobToEnd(again, 300000), 1);
        QCOMPARE(again.report().skipped, 12);
        QCOMPARE(again.report().cleaned, 0);
    }

    // Cancelled at random moments: each page cleaned or untouched; a second run finishes the rest.
    void cancelledCleanupLeavesTheStoreConsistent()
    {
        QRandomGenerator random(replayableSeed());
        for (int trial = 0; trial < 3; ++trial) {
            CorpusStore f;
            QVERIFY(f.setUp(6));
            workflows::CleanupRequest request;
            request.dossierCode = kCode;
            request.options = CleanupOptions::fromList(QStringLiteral("deskew,crop,blank")).value();
            workflows::CleanupJob job(*f.store, request);
            QSignalSpy finished(&job, &workflows::Job::finished);
            QVERIFY(job.start());
            QTest::qWait(int(random.bounded(50, 1500)));
            job.cancel();
            // The job may have ended during the wait above (finished() then came already).
            QVERIFY(!finished.isEmpty() || finished.wait(120000));
            QVERIFY(job.error().code() == ErrorCode::Cancelled || job.error().code() == ErrorCode::None);
            verifyConsistent(*f.store, f.pages);
            const int done = job.report().cleaned;
            workflows::CleanupJob rest(*f.store, request);
            QCOMPARE(runJobToEnd(rest, 300000), 1);
            QCOMPARE(rest.error().code(), ErrorCode::None);
            QCOMPARE(rest.report().skipped + rest.report().cleaned, 6);
            QVERIFY(rest.report().skipped >= done);
            verifyConsistent(*f.store, f.pages);
        }
    }

    // An OCR export cancelled mid-way leaves no PDF, no sidecar and no temporary file behind.
    void cancelledArchivalExportLeavesNothing()
    {
        CorpusStore f;
        QVERIFY(f.setUp(4));
        const QString out = f.dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(out));
        workflows::ExportRequest request;
        request.dossierCode = kCode;
        request.outputPath = out + QStringLiteral("/hoso.pdf");
        request.archival = true;
        request.ocrLanguages = QStringLiteral("vie");
        workflows::ExportJob job(*f.store, request);
        QSignalSpy finished(&job, &workflows::Job::finished);
        QSignalSpy progress(&job, &workflows::Job::progress);
        QVERIFY(job.start());
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 2, 120000); // recognition under way
        QElapsedTimer clock;
        clock.start();
        job.cancel();
        QVERIFY(!finished.isEmpty() || finished.wait(60000));
        qInfo("cancel took %lld ms", clock.elapsed());
        QCOMPARE(job.error().code(), ErrorCode::Cancelled);
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        // The same export then runs to the end.
        workflows::ExportJob again(*f.store, request);
        QCOMPARE(runJobToEnd(again, 600000), 1);
        QCOMPARE(again.error().code(), ErrorCode::None);
        QCOMPARE(again.report().ocrPages, 4);
        QVERIFY(QFile::exists(again.report().sidecarPath));
        const QStringList violations = pdfaViolations(again.report().path);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestArchivalJobs)
#include "TestArchivalJobs.moc"
