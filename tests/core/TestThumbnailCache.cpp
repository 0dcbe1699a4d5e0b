// ThumbnailCache: thumbnails of real scans (the corpus) have the asked size and the page's aspect;
// a thumbnail once made is on disk under its content hash and a fresh cache serves it from there
// without the page file; damaged, truncated and missing files are answered with an error signal,
// never a crash; 500 requests finish with memory held under the limit; cancelled requests never come.

#include "core/common/Sha256.h"
#include "core/imaging/ThumbnailCache.h"

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;

namespace {

constexpr int kWaitMs = 60000;

ThumbnailSource sourceOf(const QString &path)
{
    qint64 size = 0;
    const auto sha = sha256HexOfFile(path, &size);
    return {path, sha ? sha.value() : QString(), size};
}

QStringList corpusScans()
{
    const QDir dir(QStringLiteral(SOHOA_CORPUS_DIR "/scans"));
    QStringList paths;
    for (const QString &name : dir.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

ThumbnailCache::Options optionsIn(const QString &folder, int threads = 2, qint64 limit = 32 * 1024 * 1024)
{
    ThumbnailCache::Options o;
    o.folder = folder;
    o.threads = threads;
    o.memoryLimitBytes = limit;
    return o;
}

} // namespace

class TestThumbnailCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (corpusScans().isEmpty())
            QSKIP("no corpus scans in " SOHOA_CORPUS_DIR "/scans");
    }

    void corpusThumbnailsHaveTheSizeAndAspect_data()
    {
        QTest::addColumn<int>("maxSide");
        QTest::newRow("128") << 128;
        QTest::newRow("256") << 256;
        QTest::newRow("larger than the page") << 10000;
    }

    void corpusThumbnailsHaveTheSizeAndAspect()
    {
        QFETCH(int, maxSide);
        QTemporaryDir dir;
        // Room for every thumbnail, full-size pages included (12 MB each), so that all are served from memory.
        ThumbnailCache cache(optionsIn(dir.path(), 2, qint64(256) * 1024 * 1024));
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
        const QStringList scans = corpusScans();
        QHash<QString, QSize> pageSizes;
        for (const QString &path : scans) {
            const ThumbnailSource source = sourceOf(path);
            pageSizes.insert(source.sha256, QImageReader(path).size());
            QVERIFY(cache.request(source, maxSide).isNull()); // never made yet: it comes later
        }
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), scans.size(), kWaitMs);
        QCOMPARE(failed.count(), 0);
        for (const QList<QVariant> &signal : std::as_const(ready)) {
            const QString sha = signal.at(0).toString();
            const QImage image = signal.at(2).value<QImage>();
            const QSize page = pageSizes.value(sha);
            QCOMPARE(signal.at(1).toInt(), maxSide);
            QVERIFY(page.isValid());
            const QSize expected = page.width() > maxSide || page.height() > maxSide
                                       ? page.scaled(maxSide, maxSide, Qt::KeepAspectRatio)
                                       : page;
            QCOMPARE(image.size(), expected);
            // Not rotated: a portrait page gives a portrait thumbnail.
            QCOMPARE(image.height() > image.width(), page.height() > page.width());
            // The next request is answered from memory, at once.
            const QImage again = cache.request({scans.value(0), sha, 0}, maxSide);
            QCOMPARE(again.size(), expected);
        }
        QCOMPARE(cache.decodeCount(), quint64(scans.size()));
    }

    void aSecondCacheReadsTheDiskNotThePage()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("thumbs"));
        const QString page = dir.filePath(QStringLiteral("page.jpg"));
        QVERIFY(QFile::copy(corpusScans().constFirst(), page));
        const ThumbnailSource source = sourceOf(page);
        QImage first;
        {
            ThumbnailCache cache(optionsIn(folder));
            QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
            cache.request(source, 200);
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kWaitMs);
            first = ready.at(0).at(2).value<QImage>();
            QCOMPARE(cache.decodeCount(), quint64(1));
            const QString onDisk = cache.diskPath(source.sha256, 200);
            QCOMPARE(onDisk, QStringLiteral("%1/%2/%3-200.jpg").arg(folder, source.sha256.left(2), source.sha256));
            QVERIFY(QFileInfo::exists(onDisk));
            // Written by a rename: no temporary is left beside it.
            QCOMPARE(QDir(QFileInfo(onDisk).absolutePath()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        }
        // The page file is gone: only the disk cache can answer.
        QVERIFY(QFile::remove(page));
        ThumbnailCache fresh(optionsIn(folder));
        QSignalSpy ready(&fresh, &ThumbnailCache::thumbnailReady);
        QSignalSpy failed(&fresh, &ThumbnailCache::thumbnailFailed);
        QVERIFY(fresh.request(source, 200).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kWaitMs);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(ready.at(0).at(2).value<QImage>().size(), first.size());
        QCOMPARE(fresh.decodeCount(), quint64(0));
        QCOMPARE(fresh.diskReadCount(), quint64(1));
        // Another size is another thumbnail: that one needs the page, which is missing.
        fresh.request(source, 100);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWaitMs);
        QCOMPARE(failed.at(0).at(2).value<Error>().code(), ErrorCode::PageFileMissing);
    }

    void damagedFilesGiveAnError_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<bool>("sizeKnown");
        QTest::addColumn<int>("expected"); // ErrorCode, or -1: either answer, but one and no crash
        QTest::newRow("not an image") << QStringLiteral("garbage") << false << int(ErrorCode::ImageDecodeFailed);
        QTest::newRow("truncated, size recorded")
            << QStringLiteral("truncate") << true << int(ErrorCode::PageFileDamaged);
        QTest::newRow("header only") << QStringLiteral("header") << false << int(ErrorCode::ImageDecodeFailed);
        QTest::newRow("truncated, size unknown") << QStringLiteral("truncate") << false << -1;
        QTest::newRow("missing") << QStringLiteral("missing") << true << int(ErrorCode::PageFileMissing);
    }

    void damagedFilesGiveAnError()
    {
        QFETCH(QString, damage);
        QFETCH(bool, sizeKnown);
        QFETCH(int, expected);
        QTemporaryDir dir;
        QFile original(corpusScans().constFirst());
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray jpeg = original.readAll();
        QByteArray bytes;
        if (damage == u"garbage") {
            bytes.resize(50000);
            QRandomGenerator random(11);
            for (char &c : bytes)
                c = char(random.bounded(256));
        } else if (damage == u"truncate") {
            bytes = jpeg.left(jpeg.size() / 3);
        } else if (damage == u"header") {
            bytes = jpeg.left(100); // SOI and the first segments: no frame header
        }
        const QString path = dir.filePath(QStringLiteral("page.jpg"));
        if (damage != u"missing") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        ThumbnailSource source{path, sha256Hex(bytes), sizeKnown ? qint64(jpeg.size()) : 0};
        ThumbnailCache cache(optionsIn(dir.filePath(QStringLiteral("thumbs"))));
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
        cache.request(source, 200);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 1, kWaitMs);
        if (expected >= 0) {
            QCOMPARE(failed.count(), 1);
            const Error error = failed.at(0).at(2).value<Error>();
            QCOMPARE(error.code(), ErrorCode(expected));
            QVERIFY(error.detail().contains(path));
            QCOMPARE(failed.at(0).at(0).toString(), source.sha256);
            // Nothing cached for a failure: no file, no memory.
            QVERIFY(!QFileInfo::exists(cache.diskPath(source.sha256, 200)));
            QCOMPARE(cache.memoryBytes(), 0);
        }
    }

    void fiveHundredRequestsStayUnderTheMemoryLimit()
    {
        // 500 distinct pages (blocks of random colours), thumbnails of 200 px: about 86 kB each in
        // memory, 42 MB in all, far more than the 2 MB the cache may hold.
        QTemporaryDir dir;
        QList<ThumbnailSource> sources;
        QRandomGenerator random(7);
        QImage page(300, 420, QImage::Format_RGB888);
        for (int i = 0; i < 500; ++i) {
            QPainter painter(&page);
            for (int y = 0; y < page.height(); y += 20)
                for (int x = 0; x < page.width(); x += 20)
                    painter.fillRect(x, y, 20, 20, QColor::fromRgb(random.generate()));
            painter.end();
            const QString path = dir.filePath(QStringLiteral("p%1.jpg").arg(i, 3, 10, QLatin1Char('0')));
            QVERIFY(page.save(path, "jpg", 80));
            sources.append(sourceOf(path));
        }
        const qint64 limit = 2 * 1024 * 1024;
        ThumbnailCache cache(optionsIn(dir.filePath(QStringLiteral("thumbs")), 2, limit));
        QCOMPARE(cache.memoryLimitBytes(), limit);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
        qint64 most = 0;
        connect(&cache, &ThumbnailCache::thumbnailReady, this, [&] { most = std::max(most, cache.memoryBytes()); });
        for (const ThumbnailSource &s : std::as_const(sources))
            cache.request(s, 200);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 500, kWaitMs);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(cache.decodeCount(), quint64(500));
        QVERIFY2(most <= limit, qPrintable(QString::number(most)));
        QVERIFY(cache.memoryBytes() <= limit);
        QVERIFY(cache.memoryBytes() > limit / 2); // it does hold what fits
        int onDisk = 0;
        for (const ThumbnailSource &s : std::as_const(sources))
            onDisk += QFileInfo::exists(cache.diskPath(s.sha256, 200)) ? 1 : 0;
        QCOMPARE(onDisk, 500);
    }

    void newestRequestFirstAndCancelledNeverCome()
    {
        QTemporaryDir dir;
        const QStringList scans = corpusScans();
        QVERIFY(scans.size() >= 6);
        ThumbnailCache cache(optionsIn(dir.path(), 1));
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        QList<ThumbnailSource> sources;
        for (const QString &path : scans)
            sources.append(sourceOf(path));
        // One worker: the first request starts, the others wait and are taken newest first.
        for (const ThumbnailSource &s : std::as_const(sources))
            cache.request(s, 300);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), sources.size(), kWaitMs);
        QStringList order;
        for (const QList<QVariant> &signal : std::as_const(ready))
            order << signal.at(0).toString();
        QVERIFY(order.indexOf(sources.constLast().sha256) < order.indexOf(sources.at(1).sha256));

        // Scrolled away: what has not started is dropped and never announced.
        ready.clear();
        for (const ThumbnailSource &s : std::as_const(sources))
            cache.request(s, 64);
        cache.cancelPending();
        QCOMPARE(cache.pendingCount(), 0);
        // A request after the cancel: when it has come, the one worker is done with anything earlier.
        cache.request(sources.at(2), 32);
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && ready.constLast().at(1).toInt() == 32, kWaitMs);
        QVERIFY2(ready.count() <= 2, qPrintable(QString::number(ready.count()))); // the running one at most
    }

    void defaultFolderFallsBackForReadOnlyStores()
    {
        QTemporaryDir dir;
        QCOMPARE(ThumbnailCache::defaultFolder(dir.path(), false), dir.path() + QStringLiteral("/.sohoa/thumbs"));
        const QString cache = ThumbnailCache::defaultFolder(dir.path(), true);
        QVERIFY(!cache.startsWith(dir.path()));
        QCOMPARE(cache, QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/thumbs"));
    }
};

QTEST_GUILESS_MAIN(TestThumbnailCache)
#include "TestThumbnailCache.moc"
