#pragma once

// Stores for tests: fixtures copied into a temporary folder, pages encoded like scanned ones, and
// raw SQL on a store's database (as another program, or an older version, would see it).

#include "FileDigest.h"
#include "core/dossier/DossierStore.h"
#include "core/imaging/PageEncoder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QPainter>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QVariantList>

#include <memory>

namespace sohoa::test {

inline const QString kStoreV1Fixture = QStringLiteral(SOHOA_SOURCE_DIR "/tests/fixtures/store-v1");

// Copies a folder tree (a store fixture) below `to`.
inline bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(path);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(path, target))
            return false;
    }
    return true;
}

// Every file below `root` except the store's own records (the database's files, the dossier
// manifests, which follow every change, and the writers' leases in .sohoa/), by relative path: its SHA-256.
inline QMap<QString, QString> fileDigests(const QString &root)
{
    QMap<QString, QString> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (!it.fileName().startsWith(QStringLiteral("sohoa.sqlite")) &&
            !it.fileName().startsWith(QStringLiteral(".sohoa-dossier")) && !rel.startsWith(QStringLiteral(".sohoa/")))
            out.insert(rel, sha256OfFile(path));
    }
    return out;
}

// Every file below `root`, the store's own records included, by relative path: its SHA-256 (what a
// read-only open must leave exactly as it was).
inline QMap<QString, QString> allFileDigests(const QString &root)
{
    QMap<QString, QString> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        out.insert(QDir(root).relativeFilePath(path), sha256OfFile(path));
    }
    return out;
}

// Rows of a query run on the database file directly (its own connection, closed afterwards).
// An error is returned as one row holding the error text, so that comparisons fail visibly.
inline QList<QVariantList> rawRows(const QString &dbPath, const QString &sql)
{
    QList<QVariantList> rows;
    const QString name = QStringLiteral("raw-test-connection");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        if (!db.open())
            return {{db.lastError().text()}};
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            rows.append({q.lastError().text()});
        } else {
            while (q.next()) {
                QVariantList row;
                for (int i = 0; i < q.record().count(); ++i)
                    row.append(q.value(i));
                rows.append(row);
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

inline QVariant rawValue(const QString &dbPath, const QString &sql)
{
    const QList<QVariantList> rows = rawRows(dbPath, sql);
    return rows.isEmpty() || rows.constFirst().isEmpty() ? QVariant() : rows.constFirst().constFirst();
}

// A page as the scanner would deliver it: `n` is written into the picture (a dark block in the
// n-th column of a 10-column grid, top left marked) so that order and rotation can be recognised.
inline ScannedPage scannedPage(int n, int width = 200, int height = 300, int dpi = 100)
{
    ScannedPage p;
    p.image = QImage(width, height, QImage::Format_RGB888);
    p.image.fill(Qt::white);
    {
        QPainter painter(&p.image);
        painter.fillRect(0, 0, width / 4, height / 10, Qt::black); // top left: shows the rotation
        const int cell = width / 10;
        painter.fillRect((n % 10) * cell, height / 2, cell, height / 10, QColor(0, 0, 160)); // shows n
    }
    p.dpi = dpi;
    p.mode = ColorMode::Color;
    p.device = QStringLiteral("test:0");
    p.acquiredAt = QDateTime::currentDateTime();
    return p;
}

inline Result<PageRecord> savePage(DossierStore &store, const ComponentInfo &component, int n, int insertAt = 0,
                                   const ImageProfile &profile = {})
{
    const ScannedPage page = scannedPage(n);
    auto encoded = PageEncoder::encode(page, profile);
    if (!encoded)
        return encoded.error();
    return store.savePage(component, page, encoded.value(), {}, insertAt);
}

// `count` gray pages of noise (PNG: slow to compress and to read back, so that jobs over them last
// long enough to be cancelled), size and noise fixed by `seed`, saved through the store as a scan would.
inline Result<void> saveNoisePages(DossierStore &store, const ComponentInfo &component, int count, QSize size,
                                   quint32 seed)
{
    QRandomGenerator random(seed);
    for (int i = 0; i < count; ++i) {
        ScannedPage page;
        page.image = QImage(size, QImage::Format_Grayscale8);
        for (int y = 0; y < page.image.height(); ++y) {
            uchar *line = page.image.scanLine(y);
            for (int x = 0; x < page.image.width(); ++x)
                line[x] = uchar(random.bounded(256));
        }
        page.dpi = 100;
        page.mode = ColorMode::Gray;
        page.device = QStringLiteral("test");
        ImageProfile profile;
        profile.format = ImageProfile::Format::Png;
        auto encoded = PageEncoder::encode(page, profile);
        if (!encoded)
            return encoded.error();
        if (auto saved = store.savePage(component, page, encoded.value()); !saved)
            return saved.error();
    }
    return {};
}

inline QList<qint64> pageIds(const Result<QList<PageRecord>> &pages)
{
    QList<qint64> ids;
    if (pages) {
        for (const PageRecord &p : pages.value())
            ids.append(p.id);
    }
    return ids;
}

inline QStringList auditActions(const DossierStore &store, qint64 dossierId = 0)
{
    QStringList actions;
    auto log = store.auditLog(dossierId);
    if (log) {
        for (const AuditEntry &e : log.value())
            actions.append(e.action);
    }
    return actions;
}

inline const QString kTestDossierCode = QStringLiteral("H15.50.05.13-261008-0975");

// A new store with one dossier (kTestDossierCode) of two components, A and B, holding aPages and
// bPages scanned pages.
struct TwoComponentStore
{
    QTemporaryDir dir;
    std::unique_ptr<DossierStore> store;
    DossierInfo dossier;
    ComponentInfo a, b;
    QList<qint64> aIds, bIds;

    bool setUp(int aPages, int bPages)
    {
        auto opened = DossierStore::open(dir.path());
        if (!opened)
            return false;
        store = std::move(opened).value();
        auto d = store->createOrGetDossier(kTestDossierCode, false);
        if (!d)
            return false;
        dossier = d.value();
        auto ca = store->createOrGetComponent(dossier.id, QStringLiteral("A"));
        auto cb = store->createOrGetComponent(dossier.id, QStringLiteral("B"));
        if (!ca || !cb)
            return false;
        a = ca.value();
        b = cb.value();
        return fill(a, aPages, &aIds) && fill(b, bPages, &bIds);
    }

    // Saves `count` pages numbered 1.. into a component, appending their ids.
    bool fill(const ComponentInfo &c, int count, QList<qint64> *ids)
    {
        for (int i = 1; i <= count; ++i) {
            auto p = savePage(*store, c, i);
            if (!p)
                return false;
            ids->append(p->id);
        }
        return true;
    }

    QList<qint64> order(const ComponentInfo &c) const { return pageIds(store->pages(c.id)); }
};

} // namespace sohoa::test
