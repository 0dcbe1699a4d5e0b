// Each dossier's manifest (`.sohoa-dossier.json` beside its pages) says what the index says after every
// committed change, with what file names cannot say (procedure, applicant, order, rotation, deletion,
// checksums); an edit whose marker cannot be written is not committed; a failed rewrite after a commit
// is audited and healed by the next change; stores older than manifests get theirs when opened.

#include "StoreTestSupport.h"

#include "core/dossier/DossierManifest.h"
#include "core/dossier/DossierStore.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

QString pageLine(const QString &component, const QString &origin, const QString &path, int seq, int position,
                 int rotation, bool deleted, const QString &sha256)
{
    return QStringLiteral("%1 | %2 | %3 | seq %4 | pos %5 | rot %6 | %7 | %8")
        .arg(component, origin, path)
        .arg(seq)
        .arg(position)
        .arg(rotation)
        .arg(deleted ? QStringLiteral("deleted") : QStringLiteral("visible"), sha256);
}

// The dossier as the store's API gives it, one line per fact.
QStringList storeLines(const DossierStore &store, const QString &code)
{
    const DossierInfo d = store.dossier(code).value();
    QStringList out{QStringLiteral("%1 | free %2 | %3 | %4 | %5")
                        .arg(d.code)
                        .arg(d.freeForm)
                        .arg(d.procedure, d.applicant, d.status)};
    for (const ComponentInfo &c : store.components(d.id).value()) {
        out.append(QStringLiteral("component %1 at %2").arg(c.name).arg(c.position));
        for (const PageRecord &p : store.pages(c.id).value() + store.deletedPages(c.id).value())
            out.append(pageLine(c.name, store.componentById(p.originComponentId)->name, p.relativePath, p.seq,
                                p.position, p.rotation, p.deleted, p.sha256));
    }
    return out;
}

QStringList manifestLines(const DossierManifest &m)
{
    const DossierInfo &d = m.dossier;
    QStringList out{QStringLiteral("%1 | free %2 | %3 | %4 | %5")
                        .arg(d.code)
                        .arg(d.freeForm)
                        .arg(d.procedure, d.applicant, d.status)};
    for (const ManifestComponent &c : m.components) {
        out.append(QStringLiteral("component %1 at %2").arg(c.name).arg(c.position));
        for (const ManifestPage &p : c.pages)
            out.append(pageLine(c.name, p.originComponent, p.path, p.seq, p.position, p.rotation, p.deleted, p.sha256));
    }
    return out;
}

DossierManifest readManifest(const DossierStore &store, const QString &code)
{
    auto m = DossierManifest::read(DossierManifest::pathFor(store.rootPath(), code));
    if (!m)
        qWarning() << m.error().detail();
    return m ? m.value() : DossierManifest{};
}

} // namespace

class TestDossierManifest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void manifestFollowsEveryChange()
    {
        QTemporaryDir dir;
        auto opened = DossierStore::open(dir.path());
        QVERIFY(opened);
        DossierStore &store = *opened.value();
        const auto inStep = [&](const char *after) {
            const DossierManifest m = readManifest(store, kTestDossierCode);
            if (!m.pending.isEmpty())
                qWarning() << "pending left after" << after;
            return m.pending.isEmpty() && manifestLines(m) == storeLines(store, kTestDossierCode);
        };
        auto d = store.createOrGetDossier(kTestDossierCode, false, QStringLiteral("Cấp giấy phép xây dựng"),
                                          QStringLiteral("Trần Thị Bình"));
        QVERIFY(d);
        QCOMPARE(DossierManifest::pathFor(store.rootPath(), kTestDossierCode),
                 dir.path() + u'/' + kTestDossierCode + QStringLiteral("/.sohoa-dossier.json"));
        QVERIFY(inStep("creation"));
        QCOMPARE(readManifest(store, kTestDossierCode).dossier.applicant, QStringLiteral("Trần Thị Bình"));
        const ComponentInfo a = store.createOrGetComponent(d->id, QStringLiteral("Đơn đề nghị")).value();
        const ComponentInfo b = store.createOrGetComponent(d->id, QStringLiteral("Giấy tờ: bản sao")).value();
        QVERIFY(inStep("components"));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(savePage(store, a, i));
        QVERIFY(savePage(store, b, 1));
        store.writeManifests(); // a batch's end
        QVERIFY(inStep("saves"));
        QVERIFY(savePage(store, a, 4, 1)); // inserted at the front
        store.writeManifests();
        QVERIFY(inStep("insert"));
        QVERIFY(store.movePage(store.pageAt(a.id, 2)->id, b.id, 1));
        QVERIFY(inStep("move"));
        QVERIFY(store.rotatePage(store.pageAt(b.id, 2)->id, 270));
        QVERIFY(inStep("rotate"));
        const qint64 deleted = store.pageAt(a.id, 1)->id;
        QVERIFY(store.deletePage(deleted));
        QVERIFY(store.deletePage(store.pageAt(a.id, 1)->id));
        QVERIFY(inStep("delete"));
        QVERIFY(store.restorePage(deleted));
        QVERIFY(inStep("restore"));

        const DossierManifest m = readManifest(store, kTestDossierCode);
        QCOMPARE(m.components.size(), 2);
        QCOMPARE(m.components.at(1).name, QStringLiteral("Giấy tờ: bản sao"));
        // The moved page keeps the component its file was made for.
        QCOMPARE(m.components.at(1).pages.at(0).originComponent, QStringLiteral("Đơn đề nghị"));
        QVERIFY(m.writtenAt.isValid());
    }

    // Free-form codes that sanitizing maps to one folder name each get a manifest of their own.
    void sanitizedCodesGetManifestsOfTheirOwn()
    {
        QTemporaryDir dir;
        auto opened = DossierStore::open(dir.path());
        QVERIFY(opened);
        const QString colon = QStringLiteral("Hồ sơ: 01"), underscore = QStringLiteral("Hồ sơ_ 01");
        QVERIFY(opened.value()->createOrGetDossier(colon, true));
        QVERIFY(opened.value()->createOrGetDossier(underscore, true));
        QCOMPARE(DossierManifest::folderFor(colon), underscore);
        QCOMPARE(DossierManifest::fileNameFor(underscore), QStringLiteral(".sohoa-dossier.json"));
        QVERIFY(DossierManifest::fileNameFor(colon) != DossierManifest::fileNameFor(underscore));
        QVERIFY(DossierManifest::isManifestName(DossierManifest::fileNameFor(colon)));
        QCOMPARE(readManifest(*opened.value(), colon).dossier.code, colon);
        QCOMPARE(readManifest(*opened.value(), colon).dossier.freeForm, true);
        QCOMPARE(readManifest(*opened.value(), underscore).dossier.code, underscore);
    }

    // Before an edit commits, the manifest says it is under way; where that cannot be written, the edit
    // is not made at all.
    void noMarkerNoCommit()
    {
        TwoComponentStore s;
        QVERIFY(s.setUp(2, 0));
        const QString path = DossierManifest::pathFor(s.store->rootPath(), kTestDossierCode);
        QVERIFY(QFile::remove(path));
        QVERIFY(QDir().mkpath(path + QStringLiteral("/in-the-way"))); // a folder where the file goes
        auto rotated = s.store->rotatePage(s.aIds.at(0), 90);
        QVERIFY(!rotated);
        QCOMPARE(s.store->page(s.aIds.at(0))->rotation, 0);
        QVERIFY(!auditActions(*s.store).contains(QStringLiteral("page-rotated")));

        QVERIFY(QDir(path).removeRecursively());
        QVERIFY2(s.store->rotatePage(s.aIds.at(0), 90), "rotates once the manifest can be written");
        QCOMPARE(manifestLines(readManifest(*s.store, kTestDossierCode)), storeLines(*s.store, kTestDossierCode));
    }

    // A page is saved when its file and row are: a manifest that cannot follow is audited, not fatal,
    // and the next change writes the whole manifest again.
    void failedRewriteIsAuditedAndHealed()
    {
        TwoComponentStore s;
        QVERIFY(s.setUp(1, 0));
        const QString path = DossierManifest::pathFor(s.store->rootPath(), kTestDossierCode);
        QVERIFY(QFile::remove(path));
        QVERIFY(QDir().mkpath(path + QStringLiteral("/in-the-way")));
        auto saved = savePage(*s.store, s.a, 2);
        QVERIFY2(saved, qPrintable(saved.error().fullText()));
        s.store->writeManifests();
        QVERIFY(auditActions(*s.store).contains(QStringLiteral("manifest-write-failed")));
        QVERIFY(QDir(path).removeRecursively());
        QVERIFY(savePage(*s.store, s.a, 3));
        s.store->writeManifests();
        const DossierManifest m = readManifest(*s.store, kTestDossierCode);
        QCOMPARE(m.components.at(0).pages.size(), 3);
        QCOMPARE(manifestLines(m), storeLines(*s.store, kTestDossierCode));
    }

    // During a batch the manifest follows a few pages behind (never between a page's commit and its
    // report); the batch's end, closing the store, or the next open for writing catch it up.
    void manifestFollowsABatchALittleBehind()
    {
        TwoComponentStore s;
        QVERIFY(s.setUp(0, 0));
        const auto listed = [&] {
            const DossierManifest m = readManifest(*s.store, kTestDossierCode);
            return m.components.isEmpty() ? -1 : int(m.components.at(0).pages.size());
        };
        for (int i = 1; i <= DossierStore::kManifestLagPages; ++i)
            QVERIFY(savePage(*s.store, s.a, i));
        QCOMPARE(listed(), 0);
        QVERIFY(savePage(*s.store, s.a, DossierStore::kManifestLagPages + 1));
        QCOMPARE(listed(), DossierStore::kManifestLagPages); // caught up before the 11th was reserved
        QVERIFY(savePage(*s.store, s.a, DossierStore::kManifestLagPages + 2));
        const QString root = s.store->rootPath();
        s.store.reset(); // closing catches up
        auto closed = DossierManifest::read(DossierManifest::pathFor(root, kTestDossierCode));
        QVERIFY(closed);
        QCOMPARE(closed->components.at(0).pages.size(), DossierStore::kManifestLagPages + 2);

        // A writer killed before it caught up leaves a manifest older than the dossier's last change:
        // the next open for writing rewrites it.
        DossierManifest stale = closed.value();
        stale.components[0].pages.removeLast();
        QVERIFY(stale.write(DossierManifest::pathFor(root, kTestDossierCode)));
        QFile manifestFile(DossierManifest::pathFor(root, kTestDossierCode));
        QVERIFY(manifestFile.open(QIODevice::ReadWrite));
        QVERIFY(
            manifestFile.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
        manifestFile.close();
        auto reopened = DossierStore::open(root);
        QVERIFY(reopened);
        QCOMPARE(manifestLines(readManifest(*reopened.value(), kTestDossierCode)),
                 storeLines(*reopened.value(), kTestDossierCode));
    }

    // Dossiers of a store older than manifests get theirs when the store is opened for writing.
    void openingWritesMissingManifests()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(kStoreV1Fixture, dir.path()));
        auto store = DossierStore::open(dir.path());
        QVERIFY2(store, qPrintable(store.error().fullText()));
        const QList<DossierInfo> dossiers = store.value()->dossiers().value();
        QCOMPARE(dossiers.size(), 2);
        for (const DossierInfo &d : dossiers) {
            QVERIFY2(QFileInfo::exists(DossierManifest::pathFor(dir.path(), d.code)), qPrintable(d.code));
            QCOMPARE(manifestLines(readManifest(*store.value(), d.code)), storeLines(*store.value(), d.code));
        }
    }

    void manifestRoundTripsThroughJson()
    {
        TwoComponentStore s;
        QVERIFY(s.setUp(2, 1));
        QVERIFY(s.store->deletePage(s.bIds.at(0)));
        const DossierManifest m = readManifest(*s.store, kTestDossierCode);
        auto back = DossierManifest::fromJson(m.toJson());
        QVERIFY(back);
        QCOMPARE(back->toJson(), m.toJson());
        QVERIFY(back->components.at(1).pages.at(0).deleted);
        QVERIFY(back->components.at(1).pages.at(0).deletedAt.isValid());
        QVERIFY(!DossierManifest::fromJson(QJsonObject{{QStringLiteral("format"), QStringLiteral("other")}}));
        QJsonObject newer = m.toJson();
        newer.insert(QStringLiteral("format_version"), DossierManifest::kFormatVersion + 1);
        QVERIFY(!DossierManifest::fromJson(newer));
    }
};

QTEST_GUILESS_MAIN(TestDossierManifest)
#include "TestDossierManifest.moc"
