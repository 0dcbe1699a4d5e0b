// Opening a store never makes one where a reader expected one (store-not-found), never puts a fresh
// index beside dossiers whose index is lost (store-index-missing), and a read-only open (asked for, or
// a store that cannot be written: a mounted archive) reads everything and writes not one byte, not even
// recovery, which it reports instead.

#include "ReadOnlyView.h"
#include "StoreTestSupport.h"

#include "core/dossier/DossierStore.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace sohoa;
using namespace sohoa::test;

Q_DECLARE_METATYPE(sohoa::StoreOpenMode)

namespace {

StoreOptions inMode(StoreOpenMode mode)
{
    StoreOptions o;
    o.mode = mode;
    return o;
}

QString dbPath(const QString &root)
{
    return root + QStringLiteral("/sohoa.sqlite");
}

// What SQLite may add beside a database it reads in a folder it may write (its shared-memory index
// and an empty log): never the database or anything else.
QMap<QString, QString> withoutSqliteSideFiles(QMap<QString, QString> files)
{
    files.remove(QStringLiteral("sohoa.sqlite-shm"));
    files.remove(QStringLiteral("sohoa.sqlite-wal"));
    return files;
}

} // namespace

class TestStoreOpenModes : public QObject
{
    Q_OBJECT

    // A closed store with one dossier of two components (3 and 2 pages), one page turned.
    void makeStore(const QString &root)
    {
        auto opened = DossierStore::open(root);
        QVERIFY2(opened, qPrintable(opened.error().fullText()));
        DossierStore &store = *opened.value();
        auto d = store.createOrGetDossier(kTestDossierCode, false, QStringLiteral("Cấp giấy phép"),
                                          QStringLiteral("Nguyễn Văn A"));
        QVERIFY(d);
        auto a = store.createOrGetComponent(d->id, QStringLiteral("A"));
        auto b = store.createOrGetComponent(d->id, QStringLiteral("B"));
        QVERIFY(a && b);
        for (int i = 1; i <= 3; ++i)
            QVERIFY(savePage(store, a.value(), i));
        for (int i = 1; i <= 2; ++i)
            QVERIFY(savePage(store, b.value(), i));
        QVERIFY(store.rotatePage(store.pageAt(a->id, 2)->id, 90));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void onlyCreateMakesAStore_data()
    {
        QTest::addColumn<StoreOpenMode>("mode");
        QTest::addColumn<bool>("folderExists");
        QTest::newRow("existing, no folder") << StoreOpenMode::Existing << false;
        QTest::newRow("existing, empty folder") << StoreOpenMode::Existing << true;
        QTest::newRow("read-only, no folder") << StoreOpenMode::ReadOnly << false;
        QTest::newRow("read-only, empty folder") << StoreOpenMode::ReadOnly << true;
        QTest::newRow("reading, no folder") << StoreOpenMode::ExistingOrReadOnly << false;
        QTest::newRow("reading, empty folder") << StoreOpenMode::ExistingOrReadOnly << true;
    }
    void onlyCreateMakesAStore()
    {
        QFETCH(StoreOpenMode, mode);
        QFETCH(bool, folderExists);
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("mistyped"));
        if (folderExists)
            QVERIFY(QDir().mkpath(root));
        auto store = DossierStore::open(root, inMode(mode));
        QVERIFY(!store);
        QCOMPARE(store.error().code(), ErrorCode::StoreNotFound);
        QVERIFY2(store.error().detail().contains(root), qPrintable(store.error().detail()));
        QCOMPARE(QFileInfo(root).isDir(), folderExists); // not made
        if (folderExists)
            QVERIFY(QDir(root).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
        // A writing command that may start a store does.
        auto created = DossierStore::open(root, inMode(StoreOpenMode::Create));
        QVERIFY2(created, qPrintable(created.error().fullText()));
        QVERIFY(QFileInfo::exists(dbPath(root)));
    }

    void lostIndexIsRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<StoreOpenMode>("mode");
        for (const QString &damage :
             {QStringLiteral("deleted"), QStringLiteral("emptied"), QStringLiteral("not a database"),
              QStringLiteral("deleted, no manifests"), QStringLiteral("deleted, only a manifest")}) {
            for (const auto &[name, mode] :
                 {std::pair{"create", StoreOpenMode::Create}, std::pair{"existing", StoreOpenMode::Existing},
                  std::pair{"read-only", StoreOpenMode::ReadOnly},
                  std::pair{"reading", StoreOpenMode::ExistingOrReadOnly}})
                QTest::addRow("%s, %s", qPrintable(damage), name) << damage << mode;
        }
    }
    void lostIndexIsRefused()
    {
        QFETCH(QString, damage);
        QFETCH(StoreOpenMode, mode);
        QTemporaryDir dir;
        const QString root = dir.path();
        if (damage.endsWith(QStringLiteral("only a manifest"))) {
            // A dossier without pages yet: its manifest alone says the folder is a store.
            auto store = DossierStore::open(root);
            QVERIFY(store);
            QVERIFY(store.value()->createOrGetDossier(kTestDossierCode, false));
        } else {
            makeStore(root);
        }
        QVERIFY(QFile::remove(dbPath(root)));
        if (damage == u"emptied") {
            QFile f(dbPath(root));
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (damage == u"not a database") {
            QFile f(dbPath(root));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("these are not the bytes of a database, but of a text someone saved here\n");
        } else if (damage.endsWith(QStringLiteral("no manifests"))) {
            // A store older than manifests: its page files alone say so.
            QVERIFY(QFile::remove(root + u'/' + kTestDossierCode + QStringLiteral("/.sohoa-dossier.json")));
        }
        const QMap<QString, QString> before = allFileDigests(root);

        auto store = DossierStore::open(root, inMode(mode));
        QVERIFY(!store);
        // A file that is no database is damaged rather than lost; the advice is the same.
        const ErrorCode expected = damage == u"not a database" ? ErrorCode::StoreCorrupt : ErrorCode::StoreIndexMissing;
        QCOMPARE(store.error().code(), expected);
        QVERIFY(store.error().messageEn().contains(QStringLiteral("sohoa-cli store rebuild")));
        QVERIFY(store.error().messageVi().contains(QStringLiteral("sohoa-cli store rebuild")));
        // No fresh index, nothing else either.
        QCOMPARE(allFileDigests(root), before);
    }

    void readOnlyReadsAndRefusesEveryChange()
    {
        QTemporaryDir dir;
        makeStore(dir.path());
        const QMap<QString, QString> before = allFileDigests(dir.path());
        {
            auto opened = DossierStore::open(dir.path(), inMode(StoreOpenMode::ReadOnly));
            QVERIFY2(opened, qPrintable(opened.error().fullText()));
            DossierStore &store = *opened.value();
            QVERIFY(store.isReadOnly());
            QVERIFY(store.recoveryReport().isClean());
            auto d = store.dossier(kTestDossierCode);
            QVERIFY(d);
            QCOMPARE(d->pageCount, 5);
            QCOMPARE(d->procedure, QStringLiteral("Cấp giấy phép"));
            const ComponentInfo a = store.component(d->id, QStringLiteral("A")).value();
            QCOMPARE(store.pages(a.id)->size(), 3);
            QCOMPARE(store.pageAt(a.id, 2)->rotation, 90);
            QList<PageRecord> damaged, missing;
            QCOMPARE(store.verifyDossier(d->id, &damaged, &missing)->size(), 5);
            QVERIFY(damaged.isEmpty() && missing.isEmpty());
            QCOMPARE(store.integrityCheck().value(), QStringLiteral("ok"));

            // Every change is refused, typed.
            const auto refused = [](const Error &e) {
                return e.code() == ErrorCode::StoreReadOnly;
            };
            QVERIFY(refused(store.createOrGetDossier(QStringLiteral("H15.50.05.13-261008-0976"), false).error()));
            QVERIFY(refused(store.createOrGetComponent(d->id, QStringLiteral("C")).error()));
            QVERIFY(refused(store.rotatePage(store.pageAt(a.id, 1)->id, 90).error()));
            QVERIFY(refused(store.deletePage(store.pageAt(a.id, 1)->id).error()));
            QVERIFY(refused(store.audit(QStringLiteral("pdf-exported"), QStringLiteral("x"), d->id).error()));
            QVERIFY(refused(savePage(store, a, 9).error()));
        }
        // In a folder SQLite may write, it may leave its shared-memory files; the database and every
        // other file are as they were.
        QCOMPARE(withoutSqliteSideFiles(allFileDigests(dir.path())), withoutSqliteSideFiles(before));
        QVERIFY(QFileInfo(dbPath(dir.path()) + QStringLiteral("-wal")).size() == 0);
    }

    // A mounted archive: the reading mode falls back to read-only by itself, and not even SQLite's
    // side files appear. Proves the EROFS path as root (a read-only bind mount), the permission path
    // otherwise.
    void storeThatCannotBeWrittenIsReadAsItIs()
    {
        QTemporaryDir dir;
        makeStore(dir.path());
        const QMap<QString, QString> before = allFileDigests(dir.path());
        {
            ReadOnlyView view(dir.path());
            if (view.path().isEmpty())
                QSKIP("no read-only view possible here (root without CAP_SYS_ADMIN)");
            QVERIFY(::access(QFile::encodeName(view.path()).constData(), W_OK) != 0);

            auto writing = DossierStore::open(view.path(), inMode(StoreOpenMode::Existing));
            QVERIFY(!writing);
            QCOMPARE(writing.error().code(), ErrorCode::StoreReadOnly);

            auto opened = DossierStore::open(view.path(), inMode(StoreOpenMode::ExistingOrReadOnly));
            QVERIFY2(opened, qPrintable(opened.error().fullText()));
            QVERIFY(opened.value()->isReadOnly());
            auto d = opened.value()->dossier(kTestDossierCode);
            QVERIFY2(d, qPrintable(d.error().fullText()));
            QCOMPARE(d->pageCount, 5);
            QList<PageRecord> damaged, missing;
            QCOMPARE(opened.value()->verifyDossier(d->id, &damaged, &missing)->size(), 5);
            QCOMPARE(opened.value()->audit(QStringLiteral("x"), QStringLiteral("y")).error().code(),
                     ErrorCode::StoreReadOnly);
        }
        QCOMPARE(allFileDigests(dir.path()), before);
    }

    // What recovery would do is reported, not done; the next writable open does exactly that.
    void readOnlyReportsRecoveryWithoutDoingIt()
    {
        QTemporaryDir dir;
        makeStore(dir.path());
        const QString root = dir.path();
        const QString db = dbPath(root);
        // A crash between a page's file and its row: the reservation and a complete file...
        const qint64 componentA =
            rawValue(db, QStringLiteral("SELECT id FROM components WHERE name = 'A'")).toLongLong();
        const QString adoptedRel = kTestDossierCode + QStringLiteral("/A/0004.jpg");
        QVERIFY(QFile::copy(root + u'/' + kTestDossierCode + QStringLiteral("/A/0001.jpg"), root + u'/' + adoptedRel));
        QCOMPARE(rawRows(db, QStringLiteral("INSERT INTO page_intents (component_id, seq, path, width, height, dpi,"
                                            " color_mode, bit_depth, format, device, scanned_at, batch_id, created_at)"
                                            " VALUES (%1, 4, '%2', 200, 300, 100, 'color', 8, 'jpg', 'test:0',"
                                            " '2026-11-30T10:00:00.000+07:00', '', '2026-11-30T10:00:00.000+07:00')")
                                 .arg(componentA)
                                 .arg(adoptedRel)),
                 QList<QVariantList>());
        // ... a temporary of an interrupted write, and a page file gone.
        const QString tempRel = kTestDossierCode + QStringLiteral("/B/.0003.jpg.tmp-AbCdEf");
        QFile temp(root + u'/' + tempRel);
        QVERIFY(temp.open(QIODevice::WriteOnly));
        temp.write("half a page");
        temp.close();
        const QString missingRel = kTestDossierCode + QStringLiteral("/B/0002.jpg");
        QVERIFY(QFile::remove(root + u'/' + missingRel));
        const QMap<QString, QString> before = allFileDigests(root);

        {
            auto ro = DossierStore::open(root, inMode(StoreOpenMode::ReadOnly));
            QVERIFY2(ro, qPrintable(ro.error().fullText()));
            const RecoveryReport &r = ro.value()->recoveryReport();
            QVERIFY(r.notDone);
            QCOMPARE(r.adoptedPages.size(), 1);
            QCOMPARE(r.adoptedPages.constFirst().relativePath, adoptedRel);
            QCOMPARE(r.removedTemporaries, QStringList{tempRel});
            QCOMPARE(r.missingPages.size(), 1);
            QCOMPARE(r.missingPages.constFirst().relativePath, missingRel);
            QCOMPARE(ro.value()->dossier(kTestDossierCode)->pageCount, 5); // not adopted
        }
        QCOMPARE(withoutSqliteSideFiles(allFileDigests(root)), withoutSqliteSideFiles(before));
        QCOMPARE(rawValue(db, QStringLiteral("SELECT COUNT(*) FROM page_intents")).toInt(), 1);

        auto rw = DossierStore::open(root, inMode(StoreOpenMode::Existing));
        QVERIFY2(rw, qPrintable(rw.error().fullText()));
        const RecoveryReport &r = rw.value()->recoveryReport();
        QVERIFY(!r.notDone);
        QCOMPARE(r.adoptedPages.size(), 1);
        QCOMPARE(r.adoptedPages.constFirst().relativePath, adoptedRel);
        QCOMPARE(r.removedTemporaries, QStringList{tempRel});
        QCOMPARE(r.missingPages.size(), 1);
        QCOMPARE(rw.value()->dossier(kTestDossierCode)->pageCount, 6);
        QVERIFY(!QFileInfo::exists(root + u'/' + tempRel));
    }

    // A read-only store cannot be migrated: refused, typed, untouched.
    void olderStoreReadOnlyNeedsUpgrade()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(kStoreV1Fixture, dir.path()));
        const QMap<QString, QString> before = allFileDigests(dir.path());
        auto store = DossierStore::open(dir.path(), inMode(StoreOpenMode::ReadOnly));
        QVERIFY(!store);
        QCOMPARE(store.error().code(), ErrorCode::StoreNeedsUpgrade);
        QCOMPARE(withoutSqliteSideFiles(allFileDigests(dir.path())), withoutSqliteSideFiles(before));
        QCOMPARE(rawValue(dbPath(dir.path()), QStringLiteral("PRAGMA user_version")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreOpenModes)
#include "TestStoreOpenModes.moc"
