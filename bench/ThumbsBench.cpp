// sohoa-thumbs-bench FOLDER CACHE [SIDE]: thumbnails of every *.jpg in FOLDER through ThumbnailCache
// (2 threads, disk cache in CACHE), requested at once as a view showing a dossier would. Prints one
// JSON line: pages, time to the first and to the last thumbnail, decodes, disk-cache reads, memory held.
// Run it twice on the same CACHE for cold and warm figures (bench/thumbs_bench.sh does, under
// /usr/bin/time -v for the peak RSS). Hashing the pages (the store knows their SHA-256) is not timed.

#include "core/common/Sha256.h"
#include "core/imaging/ThumbnailCache.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace sohoa;

// An exception out of Qt or the standard library (std::bad_alloc): a message and a failure, not abort().
int main(int argc, char **argv)
try {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        (void)std::fprintf(stderr, "usage: sohoa-thumbs-bench FOLDER CACHE [SIDE]\n");
        return 2;
    }
    const QDir folder(args.at(1));
    const int side = args.size() > 3 ? args.at(3).toInt() : 256;
    QList<ThumbnailSource> sources;
    for (const QString &name : folder.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name)) {
        ThumbnailSource s;
        s.path = folder.filePath(name);
        auto sha = sha256HexOfFile(s.path, &s.size);
        if (!sha) {
            (void)std::fprintf(stderr, "%s\n", qPrintable(sha.error().detail()));
            return 1;
        }
        s.sha256 = sha.value();
        sources.append(s);
    }
    if (sources.isEmpty()) {
        (void)std::fprintf(stderr, "no *.jpg in %s\n", qPrintable(folder.path()));
        return 1;
    }

    ThumbnailCache::Options options;
    options.folder = args.at(2);
    ThumbnailCache cache(options);
    QElapsedTimer clock;
    qint64 firstMs = -1;
    qint64 allMs = -1;
    int answered = 0;
    int failed = 0;
    const auto count = [&] {
        if (firstMs < 0)
            firstMs = clock.elapsed();
        if (++answered == sources.size()) {
            allMs = clock.elapsed();
            app.quit();
        }
    };
    QObject::connect(&cache, &ThumbnailCache::thumbnailReady, &app, count);
    QObject::connect(&cache, &ThumbnailCache::thumbnailFailed, &app, [&] {
        ++failed;
        count();
    });
    clock.start();
    for (const ThumbnailSource &s : std::as_const(sources))
        cache.request(s, side);
    app.exec();

    const QJsonObject result{{QStringLiteral("pages"), int(sources.size())},
                             {QStringLiteral("side"), side},
                             {QStringLiteral("first_ms"), firstMs},
                             {QStringLiteral("all_ms"), allMs},
                             {QStringLiteral("failed"), failed},
                             {QStringLiteral("decodes"), qint64(cache.decodeCount())},
                             {QStringLiteral("disk_reads"), qint64(cache.diskReadCount())},
                             {QStringLiteral("memory_bytes"), cache.memoryBytes()},
                             {QStringLiteral("memory_limit_bytes"), cache.memoryLimitBytes()}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return failed == 0 ? 0 : 1;
} catch (const std::exception &e) {
    qCritical("sohoa-thumbs-bench: %s", e.what());
    return 1;
} catch (...) {
    qCritical("sohoa-thumbs-bench: an unknown exception");
    return 1;
}
