#include "core/dossier/DossierStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

using namespace sohoa;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

ScannedPage makePage(int n)
{
    ScannedPage p;
    p.image = QImage(64, 48, QImage::Format_RGB888);
    p.image.fill(QColor(n * 20 % 256, 100, 200));
    p.dpi = 300;
    p.mode = ColorMode::Color;
    p.device = QStringLiteral("test:0");
    p.acquiredAt = QDateTime::currentDateTime();
    return p;
}

QString sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

// Runs SQL directly on the store's database, as another program (or a crash) would leave it.
void rawSql(const QString &dbPath, const QString &sql)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(dbPath);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

} // namespace

class TestDossierStore : public QObject
{
    Q_OBJECT

private slots:
    // Threat model W1: a store folder SoHoa makes is its owner's alone whatever the umask; a folder
    // that was there keeps its modes (a store a group shares on purpose).
    void aNewStoreFolderIsPrivate()
    {
        QTemporaryDir dir;
        const mode_t before = ::umask(022);
        const QString fresh = dir.filePath(QStringLiteral("kho-moi"));
        const bool opened = DossierStore::open(fresh).ok();
        const QString shared = dir.filePath(QStringLiteral("kho-chung"));
        const bool made = QDir().mkdir(shared);
        const bool sharedOpened = made && DossierStore::open(shared).ok();
        ::umask(before);
        QVERIFY(opened && sharedOpened);
        const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
        const auto others = QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
        QCOMPARE(QFileInfo(fresh).permissions() & (ownerOnly | others | QFile::WriteGroup | QFile::WriteOther),
                 QFileDevice::Permissions(ownerOnly));
        QCOMPARE(QFileInfo(shared).permissions() & others, QFileDevice::Permissions(others));
    }

    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultLocationHonoursEnvironment()
    {
        qputenv("SOHOA_STORE", "/tmp/somewhere");
        QCOMPARE(DossierStore::defaultLocation(), QStringLiteral("/tmp/somewhere"));
        qunsetenv("SOHOA_STORE");
        QVERIFY(DossierStore::defaultLocation().endsWith(QStringLiteral("/sohoa/store")));
    }

    void dossierCodesAreValidated()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        QVERIFY(store);
        QCOMPARE(store.value()->createOrGetDossier(QStringLiteral("bad code"), false).error().code(),
                 ErrorCode::InvalidDossierCode);
        auto ff = store.value()->createOrGetDossier(QStringLiteral("bad code"), true);
        QVERIFY2(ff, qPrintable(ff.error().fullText()));
        auto d1 =
            store.value()->createOrGetDossier(kCode, false, QStringLiteral("Cấp phép"), QStringLiteral("Nguyễn Văn A"));
        QVERIFY(d1);
        auto d2 = store.value()->createOrGetDossier(kCode, false);
        QCOMPARE(d2->id, d1->id);
        QCOMPARE(d2->applicant, QStringLiteral("Nguyễn Văn A"));
        QCOMPARE(store.value()->dossier(QStringLiteral("H15.50.05.13-261008-0976")).error().code(),
                 ErrorCode::DossierNotFound);
        QCOMPARE(store.value()->dossiers()->size(), 2);
    }

    void pagesAreSavedDurablyAndNumbered()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        QVERIFY(store);
        auto dossier = store.value()->createOrGetDossier(kCode, false);
        auto comp = store.value()->createOrGetComponent(dossier->id, QStringLiteral("Đơn đề nghị"));
        auto comp2 = store.value()->createOrGetComponent(dossier->id, QStringLiteral("Giấy tờ kèm theo"));
        QVERIFY(comp && comp2);
        QCOMPARE(comp2->position, 2);
        for (int i = 1; i <= 3; ++i) {
            const ScannedPage page = makePage(i);
            auto enc = PageEncoder::encode(page, {});
            QVERIFY(enc);
            auto rec = store.value()->savePage(comp.value(), page, enc.value());
            QVERIFY2(rec, qPrintable(rec.error().fullText()));
            QCOMPARE(rec->seq, i);
            QCOMPARE(rec->relativePath,
                     QStringLiteral("%1/Đơn đề nghị/%2.jpg").arg(kCode).arg(i, 4, 10, QLatin1Char('0')));
            QCOMPARE(sha256(rec->absolutePath), rec->sha256);
            QCOMPARE(rec->width, 64);
        }
        auto pages = store.value()->pages(comp->id);
        QCOMPARE(pages->size(), 3);
        QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));
        // Only the committed files: no temporaries.
        QDir compDir(dir.filePath(kCode + QStringLiteral("/Đơn đề nghị")));
        QCOMPARE(compDir.entryList(QDir::Files | QDir::Hidden).size(), 3);
        store.value().reset();

        // Reopen: numbering continues.
        auto again = DossierStore::open(dir.path());
        QVERIFY(again);
        QVERIFY(again.value()->recoveryReport().isClean());
        auto c = again.value()->component(dossier->id, QStringLiteral("Đơn đề nghị"));
        const ScannedPage page = makePage(9);
        auto rec = again.value()->savePage(c.value(), page, PageEncoder::encode(page, {}).value());
        QCOMPARE(rec->seq, 4);
    }

    void foreignFileIsNeverOverwritten()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        auto dossier = store.value()->createOrGetDossier(kCode, false);
        auto comp = store.value()->createOrGetComponent(dossier->id, QStringLiteral("A"));
        QVERIFY(QDir().mkpath(dir.filePath(kCode + QStringLiteral("/A"))));
        const QString foreign = dir.filePath(kCode + QStringLiteral("/A/0001.jpg"));
        {
            QFile f(foreign);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not ours");
        }
        const ScannedPage page = makePage(1);
        auto rec = store.value()->savePage(comp.value(), page, PageEncoder::encode(page, {}).value());
        QVERIFY(rec);
        QCOMPARE(rec->seq, 2);
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not ours"));
    }

    void customTemplate()
    {
        QTemporaryDir dir;
        StoreOptions options;
        options.nameTemplate = QStringLiteral("../{dossier}_{component}_{seq:06}_{device}.{ext}");
        auto store = DossierStore::open(dir.path(), options);
        auto dossier = store.value()->createOrGetDossier(QStringLiteral("Lưu trữ/2026"), true);
        QVERIFY(!dossier); // a slash is never accepted, even free-form
        dossier = store.value()->createOrGetDossier(QStringLiteral("Lưu trữ 2026"), true);
        QVERIFY(dossier);
        auto comp = store.value()->createOrGetComponent(dossier->id, QStringLiteral("Hộp 1"));
        const ScannedPage page = makePage(1);
        auto rec = store.value()->savePage(comp.value(), page, PageEncoder::encode(page, {}).value());
        QVERIFY(rec);
        // The template cannot climb out of the store; the device name is made file-safe.
        QCOMPARE(rec->relativePath, QStringLiteral("Lưu trữ 2026_Hộp 1_000001_test_0.jpg"));
        QVERIFY(QFile::exists(dir.filePath(rec->relativePath)));
    }

    void recoveryAdoptsRemovesAndReports()
    {
        QTemporaryDir dir;
        qint64 compId = 0;
        QString dbPath;
        QString savedPath, damagedPath;
        {
            auto store = DossierStore::open(dir.path());
            auto dossier = store.value()->createOrGetDossier(kCode, false);
            auto comp = store.value()->createOrGetComponent(dossier->id, QStringLiteral("A"));
            compId = comp->id;
            for (int i = 1; i <= 3; ++i) {
                const ScannedPage page = makePage(i);
                auto rec = store.value()->savePage(comp.value(), page, PageEncoder::encode(page, {}).value());
                QVERIFY(rec);
                if (i == 1)
                    savedPath = rec->absolutePath;
                if (i == 2)
                    damagedPath = rec->absolutePath;
            }
            dbPath = dir.filePath(QStringLiteral("sohoa.sqlite"));
        }
        // Crash states: (a) file complete and renamed, row not committed; (b) only a temporary written;
        // (c) a page file deleted behind our back; (d) a page file truncated.
        const QString adoptRel = kCode + QStringLiteral("/A/0004.jpg");
        {
            const ScannedPage page = makePage(4);
            QFile f(dir.filePath(adoptRel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(PageEncoder::encode(page, {})->data);
        }
        rawSql(dbPath,
               QStringLiteral(
                   "INSERT INTO page_intents (component_id, seq, path, width, height, dpi, color_mode, bit_depth,"
                   " format, device, created_at) VALUES (%1, 4, '%2', 64, 48, 300, 'color', 8, 'jpg', 'test:0', 'x')")
                   .arg(compId)
                   .arg(adoptRel));
        const QString tmpRel = kCode + QStringLiteral("/A/.0005.jpg.tmp-abc123");
        {
            QFile f(dir.filePath(tmpRel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("half a jpeg");
        }
        rawSql(dbPath, QStringLiteral(
                           "INSERT INTO page_intents (component_id, seq, path, created_at) VALUES (%1, 5, '%2', 'x')")
                           .arg(compId)
                           .arg(kCode + QStringLiteral("/A/0005.jpg")));
        QVERIFY(QFile::remove(savedPath));
        QVERIFY(QFile::resize(damagedPath, 10));

        auto store = DossierStore::open(dir.path());
        QVERIFY(store);
        const RecoveryReport &rep = store.value()->recoveryReport();
        QCOMPARE(rep.adoptedPages.size(), 1);
        QCOMPARE(rep.adoptedPages.first().relativePath, adoptRel);
        QCOMPARE(rep.adoptedPages.first().sha256, sha256(dir.filePath(adoptRel)));
        QCOMPARE(rep.removedTemporaries, QStringList{tmpRel});
        QCOMPARE(rep.missingPages.size(), 1);
        QCOMPARE(rep.missingPages.first().absolutePath, savedPath);
        QCOMPARE(rep.damagedPages.size(), 1);
        QCOMPARE(rep.damagedPages.first().absolutePath, damagedPath);
        QVERIFY(!QFile::exists(dir.filePath(tmpRel)));
        // Rows are never dropped silently: the missing page is still listed.
        QCOMPARE(store.value()->pages(compId)->size(), 4);
        // Numbering continues after the highest number ever reserved or saved.
        auto comp = store.value()->component(store.value()->dossier(kCode)->id, QStringLiteral("A"));
        const ScannedPage page = makePage(6);
        auto rec = store.value()->savePage(comp.value(), page, PageEncoder::encode(page, {}).value());
        QCOMPARE(rec->seq, 5);
        // Recovery left its trace in the audit log.
        QStringList actions;
        for (const AuditEntry &e : store.value()->auditLog().value())
            actions << e.action;
        QVERIFY(actions.contains(QStringLiteral("page-adopted")));
        QVERIFY(actions.contains(QStringLiteral("temporary-removed")));
        QVERIFY(actions.contains(QStringLiteral("page-discarded")));
        // verify reports the same problems with checksums.
        QList<PageRecord> damaged, missing;
        QVERIFY(store.value()->verifyDossier(comp->dossierId, &damaged, &missing));
        QCOMPARE(missing.size(), 1);
        QCOMPARE(damaged.size(), 1);
    }

    void auditLogIsAppendOnly()
    {
        QTemporaryDir dir;
        {
            auto store = DossierStore::open(dir.path());
            QVERIFY(store.value()->createOrGetDossier(kCode, false));
            QVERIFY(store.value()->audit(QStringLiteral("note"), QStringLiteral("ghi chú")));
            auto log = store.value()->auditLog();
            QCOMPARE(log->size(), 2);
            QCOMPARE(log->at(1).detail, QStringLiteral("ghi chú"));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(dir.filePath(QStringLiteral("sohoa.sqlite")));
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_log")));
            QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
            QVERIFY(!q.exec(QStringLiteral("UPDATE audit_log SET detail = 'x'")));
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    }

    void notADatabaseIsReported()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("sohoa.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'z'));
        f.close();
        auto store = DossierStore::open(dir.path());
        QVERIFY(!store);
        QCOMPARE(store.error().code(), ErrorCode::StoreCorrupt);
    }

    void writesFromWorkerThreadWhileReading()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        auto dossier = store.value()->createOrGetDossier(kCode, false);
        auto comp = store.value()->createOrGetComponent(dossier->id, QStringLiteral("A"));
        DossierStore *s = store.value().get();
        const ComponentInfo &c = comp.value();
        int failures = 0;
        QThread *worker = QThread::create([&] {
            for (int i = 0; i < 20; ++i) {
                const ScannedPage page = makePage(i);
                if (!s->savePage(c, page, PageEncoder::encode(page, {}).value()))
                    ++failures;
            }
            s->releaseThreadConnection();
        });
        worker->start();
        int reads = 0;
        while (!worker->isFinished()) {
            QVERIFY(s->pages(c.id));
            ++reads;
        }
        worker->wait();
        delete worker;
        QCOMPARE(failures, 0);
        QVERIFY(reads > 0);
        QCOMPARE(s->pages(c.id)->size(), 20);
    }
};

QTEST_GUILESS_MAIN(TestDossierStore)
#include "TestDossierStore.moc"
