// A store written by the schema-1 code (tests/fixtures/store-v1) opens, is migrated once, keeps
// every page as it was, and a store from a newer version is refused untouched.

#include "StoreTestSupport.h"

#include "core/dossier/DossierStore.h"

#include <QJsonDocument>
#include <QFileInfo>

#include <algorithm>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

// The schema this code writes (core/dossier/internal/StoreSchema.h, private to the store): 2 added
// page order, rotation and deletion; 3 the writer's lease on page reservations; 4 signed documents;
// 5 the upload queue.
constexpr int kCurrentSchema = 6;

const QString kSeparatedDossier = QStringLiteral("G01.00.10.H15-261120-000123");

// One page as schema 1 recorded it.
struct V1Page
{
    qint64 id;
    qint64 componentId;
    int seq;
    QString path;
    QString sha256;
};

// The pages of a schema-1 database in their schema-1 order (component, then file number).
QList<V1Page> v1Pages(const QString &dbPath)
{
    QList<V1Page> out;
    for (const QVariantList &r :
         rawRows(dbPath,
                 QStringLiteral("SELECT id, component_id, seq, path, sha256 FROM pages ORDER BY component_id, seq")))
        out.append({r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toInt(), r.value(3).toString(),
                    r.value(4).toString()});
    return out;
}

int userVersion(const QString &dbPath)
{
    return rawValue(dbPath, QStringLiteral("PRAGMA user_version")).toInt();
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestStoreMigration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    QString m_db;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("store-%1").arg(QString::fromLatin1(QTest::currentTestFunction())));
        if (QTest::currentDataTag())
            m_store += u'-' + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
        QVERIFY(copyTree(kStoreV1Fixture, m_store));
        m_db = m_store + QStringLiteral("/sohoa.sqlite");
        QCOMPARE(userVersion(m_db), 0); // schema-1 code never set it
    }

    void schemaOneStoreIsMigrated()
    {
        const QList<V1Page> before = v1Pages(m_db);
        QCOMPARE(before.size(), 10);
        const QMap<QString, QString> files = fileDigests(m_store);

        {
            auto store = DossierStore::open(m_store);
            QVERIFY2(store, qPrintable(store.error().fullText()));
            QVERIFY(store.value()->recoveryReport().isClean());
            QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));

            // Every page keeps its id, file, checksum and number; positions follow the old order.
            QList<PageRecord> after;
            for (const DossierInfo &d : store.value()->dossiers().value())
                after += store.value()->dossierPages(d.id).value();
            QCOMPARE(after.size(), before.size());
            QMap<qint64, int> expectedPosition;
            for (const V1Page &p : before)
                expectedPosition[p.id] = 1 + int(std::count_if(before.begin(), before.end(), [&](const V1Page &o) {
                                             return o.componentId == p.componentId && o.seq < p.seq;
                                         }));
            for (const V1Page &old : before) {
                auto page = store.value()->page(old.id);
                QVERIFY2(page, qPrintable(page.error().fullText()));
                QCOMPARE(page->componentId, old.componentId);
                QCOMPARE(page->originComponentId, old.componentId);
                QCOMPARE(page->seq, old.seq);
                QCOMPARE(page->relativePath, old.path);
                QCOMPARE(page->sha256, old.sha256);
                QCOMPARE(page->position, expectedPosition.value(old.id));
                QCOMPARE(page->rotation, 0);
                QVERIFY(!page->deleted);
            }
            // dossierPages answers in the old order: component position, then file number.
            const DossierInfo first = store.value()->dossier(QStringLiteral("H15.50.05.13-261008-0975")).value();
            QStringList paths;
            for (const PageRecord &p : store.value()->dossierPages(first.id).value())
                paths << p.relativePath.section(u'/', 1);
            QCOMPARE(paths,
                     (QStringList{QStringLiteral("Đơn đề nghị/0001.jpg"), QStringLiteral("Đơn đề nghị/0002.jpg"),
                                  QStringLiteral("Đơn đề nghị/0003.jpg"), QStringLiteral("Giấy tờ tùy thân/0001.jpg"),
                                  QStringLiteral("Giấy tờ tùy thân/0002.jpg")}));
            QCOMPARE(first.pageCount, 5);

            // The migration is in the log, once, with what it did.
            auto log = store.value()->auditLog().value();
            QCOMPARE(log.size(), 27); // the fixture's 26 entries and the migration
            const AuditEntry &migrated = log.constLast();
            QCOMPARE(migrated.action, QStringLiteral("store-migrated"));
            const QJsonObject detail = QJsonDocument::fromJson(migrated.detail.toUtf8()).object();
            QCOMPARE(detail.value(QStringLiteral("from")).toInt(), 1);
            QCOMPARE(detail.value(QStringLiteral("to")).toInt(), kCurrentSchema);
            QCOMPARE(detail.value(QStringLiteral("pages")).toInt(), 10);
            QCOMPARE(detail.value(QStringLiteral("separation_state")).toBool(), true);
        }
        QCOMPARE(userVersion(m_db), kCurrentSchema);
        QCOMPARE(rawValue(m_db, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")).toString(),
                 QString::number(kCurrentSchema));
        // Numbering is unique per origin component now; the order is an index of its own.
        const QString pagesSql =
            rawValue(m_db, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'pages'")).toString();
        QVERIFY2(pagesSql.contains(QStringLiteral("UNIQUE (origin_component_id, seq)")), qPrintable(pagesSql));
        QVERIFY(!pagesSql.contains(QStringLiteral("UNIQUE (component_id, seq)")));
        // Page files are neither renamed, nor rewritten, nor added to.
        QCOMPARE(fileDigests(m_store), files);
    }

    void separationStateIsCarriedOver()
    {
        // What schema 1 kept in its last "separation-state" audit entry becomes the state row.
        const QJsonObject logged =
            QJsonDocument::fromJson(rawValue(m_db, QStringLiteral("SELECT detail FROM audit_log WHERE action ="
                                                                  " 'separation-state' ORDER BY id DESC LIMIT 1"))
                                        .toString()
                                        .toUtf8())
                .object();
        QVERIFY(!logged.isEmpty());
        auto store = DossierStore::open(m_store);
        QVERIFY(store);
        auto state = store.value()->separationState();
        QVERIFY2(state, qPrintable(state.error().fullText()));
        QVERIFY(state->has_value());
        const SeparationState &s = state->value();
        QCOMPARE(s.dossierCode, kSeparatedDossier);
        QCOMPARE(s.dossierCode, logged.value(QStringLiteral("dossier")).toString());
        QCOMPARE(s.component, QStringLiteral("Tài liệu (3)"));
        QCOMPARE(s.pending, false);
        QCOMPARE(s.from, QStringLiteral("Tài liệu (3)"));
        QCOMPARE(s.base, QStringLiteral("Tài liệu"));
        QCOMPARE(s.barcode, QString());
        QCOMPARE(s.pagesInDocument, 1);
        QCOMPARE(s.batchId, QStringLiteral("8e39fe96-725d-4279-8f2b-2774e3cc6cd5"));
        QCOMPARE(s.toJson(), logged);
    }

    void secondOpenChangesNothing()
    {
        {
            auto store = DossierStore::open(m_store);
            QVERIFY(store);
        }
        const QMap<QString, QString> files = fileDigests(m_store);
        const QList<QVariantList> pages = rawRows(m_db, QStringLiteral("SELECT * FROM pages ORDER BY id"));
        const QList<QVariantList> state = rawRows(m_db, QStringLiteral("SELECT * FROM separation_state"));
        for (int i = 0; i < 2; ++i) {
            auto store = DossierStore::open(m_store);
            QVERIFY(store);
            QVERIFY(store.value()->recoveryReport().isClean());
            QCOMPARE(auditActions(*store.value()).count(QStringLiteral("store-migrated")), 1);
        }
        QCOMPARE(userVersion(m_db), kCurrentSchema);
        QCOMPARE(rawRows(m_db, QStringLiteral("SELECT * FROM pages ORDER BY id")), pages);
        QCOMPARE(rawRows(m_db, QStringLiteral("SELECT * FROM separation_state")), state);
        QCOMPARE(fileDigests(m_store), files);
    }

    void migratedStoreKeepsNumbering()
    {
        auto store = DossierStore::open(m_store);
        QVERIFY(store);
        const DossierInfo d = store.value()->dossier(QStringLiteral("H15.50.05.13-261008-0975")).value();
        const ComponentInfo c = store.value()->component(d.id, QStringLiteral("Đơn đề nghị")).value();
        auto saved = savePage(*store.value(), c, 4);
        QVERIFY2(saved, qPrintable(saved.error().fullText()));
        QCOMPARE(saved->seq, 4);
        QCOMPARE(saved->position, 4);
        QCOMPARE(saved->relativePath, d.code + QStringLiteral("/Đơn đề nghị/0004.jpg"));
        QCOMPARE(store.value()->dossier(d.code)->pageCount, 6);
    }

    // A migrated schema-1 store keeps signed files like a new one: the row and its audit entry.
    void migratedStoreRecordsSignedDocuments()
    {
        auto store = DossierStore::open(m_store);
        QVERIFY(store);
        const DossierInfo d = store.value()->dossier(QStringLiteral("H15.50.05.13-261008-0975")).value();
        QVERIFY(store.value()->signedDocuments(d.id)->isEmpty());
        SignedDocumentRecord r;
        r.dossierId = d.id;
        r.path = m_store + QStringLiteral("/../out/ban-sao.pdf");
        r.sourcePath = QStringLiteral("/tmp/export.pdf");
        r.sha256 = QStringLiteral("ab").repeated(32);
        r.size = 1234;
        r.kind = QStringLiteral("copy");
        r.signer = QStringLiteral("CN=Văn thư");
        r.verdict = QStringLiteral("VALID");
        r.lookupCode = QStringLiteral("https://tra-cuu.example/H15");
        auto saved = store.value()->recordSignedDocument(r);
        QVERIFY2(saved, qPrintable(saved.error().fullText()));
        QVERIFY(saved->id > 0);
        QVERIFY(QFileInfo(saved->path).isAbsolute());
        auto again = store.value()->recordSignedDocument(r); // signed again: history, not a replacement
        QVERIFY(again);
        const auto listed = store.value()->signedDocuments(d.id).value();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed[0].verdict, QStringLiteral("VALID"));
        QCOMPARE(listed[0].signer, QStringLiteral("CN=Văn thư"));
        QCOMPARE(listed[0].lookupCode, r.lookupCode);
        QVERIFY(listed[0].signedAt.isValid());
        const auto log = store.value()->auditLog(d.id).value();
        QCOMPARE(std::count_if(log.begin(), log.end(), [](const AuditEntry &e) { return e.action == u"pdf-signed"; }),
                 2);
        QVERIFY(log.last().detail.contains(QStringLiteral("\"verdict\":\"VALID\"")));
        auto bad = store.value()->recordSignedDocument(SignedDocumentRecord{});
        QVERIFY(!bad);
        QCOMPARE(bad.error().code(), ErrorCode::InvalidArgument);
    }

    void newStoreStartsAtCurrentSchema()
    {
        QTemporaryDir dir;
        {
            auto store = DossierStore::open(dir.path());
            QVERIFY(store);
            // A new store is no migration: its log starts with its first real event.
            QVERIFY(store.value()->auditLog()->isEmpty());
            QVERIFY(!store.value()->separationState()->has_value());
        }
        const QString db = dir.filePath(QStringLiteral("sohoa.sqlite"));
        QCOMPARE(userVersion(db), kCurrentSchema);
        QCOMPARE(rawValue(db, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")).toString(),
                 QString::number(kCurrentSchema));
        // Created through the same steps as a migrated store: the same tables and columns.
        QCOMPARE(rawRows(db, QStringLiteral("SELECT name, sql FROM sqlite_master ORDER BY name")), ([&] {
                     auto migrated = DossierStore::open(m_store);
                     return migrated
                                ? rawRows(m_db, QStringLiteral("SELECT name, sql FROM sqlite_master ORDER BY name"))
                                : QList<QVariantList>();
                 }()));
    }

    void newerStoreIsRefusedUntouched_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("next") << kCurrentSchema + 1;
        QTest::newRow("far ahead") << 99;
    }

    void newerStoreIsRefusedUntouched()
    {
        QFETCH(int, version);
        QCOMPARE(rawRows(m_db, QStringLiteral("PRAGMA user_version = %1").arg(version)), QList<QVariantList>());
        QCOMPARE(userVersion(m_db), version);
        const QByteArray bytes = fileBytes(m_db);
        const QMap<QString, QString> files = fileDigests(m_store);

        auto store = DossierStore::open(m_store);
        QVERIFY(!store);
        QCOMPARE(store.error().code(), ErrorCode::StoreTooNew);
        QCOMPARE(store.error().id(), QStringLiteral("store-too-new"));
        QVERIFY(store.error().detail().contains(QString::number(version)));
        // Says what to do, in both languages.
        QVERIFY(store.error().messageEn().contains(QStringLiteral("Update SoHoa")));
        QVERIFY(store.error().messageVi().contains(QStringLiteral("cập nhật")));
        QCOMPARE(fileBytes(m_db), bytes);
        QCOMPARE(fileDigests(m_store), files);
    }
};

QTEST_GUILESS_MAIN(TestStoreMigration)
#include "TestStoreMigration.moc"
