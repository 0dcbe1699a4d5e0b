// A store whose index is lost is rebuilt from its folders: from the dossier manifests everything comes
// back as it was (procedure, applicant, order after moves, rotation, deleted pages, checksums); from file
// names alone, what they can say; files the manifests do not know and listed files that are gone are
// reported; the previous index is kept aside, never deleted; a healthy index is replaced only on request.

#include "StoreTestSupport.h"

#include "core/dossier/DossierManifest.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreRebuild.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kFreeForm = QStringLiteral("Hồ sơ: lưu trữ 2026");

QString t(const QDateTime &dt)
{
    return dt.toString(Qt::ISODateWithMs);
}

// Everything the store's API says of its dossiers, one line per fact, ids left out (a rebuilt index
// numbers its rows anew).
QStringList everything(const DossierStore &store)
{
    QStringList out;
    for (const DossierInfo &d : store.dossiers().value()) {
        out.append(QStringLiteral("dossier %1 | free %2 | %3 | %4 | %5 | created %6 | updated %7 | %8 pages")
                       .arg(d.code)
                       .arg(d.freeForm)
                       .arg(d.procedure, d.applicant, d.status, t(d.createdAt), t(d.updatedAt))
                       .arg(d.pageCount));
        for (const ComponentInfo &c : store.components(d.id).value()) {
            out.append(QStringLiteral("  component %1 at %2").arg(c.name).arg(c.position));
            for (const PageRecord &p : store.pages(c.id).value() + store.deletedPages(c.id).value())
                out.append(QStringLiteral("    %1 | origin %2 | seq %3 | pos %4 | rot %5 | deleted %6 %7 | %8 | %9 B"
                                          " | %10x%11 %12dpi %13/%14 %15 | %16 | scanned %17 saved %18 | adopted %19")
                               .arg(p.relativePath, store.componentById(p.originComponentId)->name)
                               .arg(p.seq)
                               .arg(p.position)
                               .arg(p.rotation)
                               .arg(p.deleted)
                               .arg(t(p.deletedAt), p.sha256)
                               .arg(p.size)
                               .arg(p.width)
                               .arg(p.height)
                               .arg(p.dpi)
                               .arg(colorModeName(p.mode))
                               .arg(p.bitDepth)
                               .arg(p.format, p.device, t(p.scannedAt), t(p.savedAt))
                               .arg(p.adopted));
        }
    }
    return out;
}

void removeIndex(const QString &root)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(root + QStringLiteral("/sohoa.sqlite") + suffix);
}

struct Cancelling : WorkControl
{
    bool isCancelRequested() const override { return m_progressSeen; }
    void reportProgress(qint64, qint64) override { m_progressSeen = true; }
    bool m_progressSeen = false;
};

} // namespace

class TestStoreRebuild : public QObject
{
    Q_OBJECT

    QString m_root;
    std::unique_ptr<QTemporaryDir> m_dir;

    // Two dossiers arranged as an officer would: pages inserted, moved across components, turned,
    // deleted and restored; a component whose name a folder cannot hold; a free-form code; PNG and JPEG.
    // Fills *state with everything() of the store made; the caller returns when the test failed.
    void makeStore(QStringList *state = nullptr)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_root = m_dir->path();
        auto opened = DossierStore::open(m_root);
        QVERIFY2(opened, qPrintable(opened.error().fullText()));
        DossierStore &s = *opened.value();
        const auto must = [](const auto &result) {
            QVERIFY2(result, qPrintable(result.error().fullText()));
        };
        const auto d = s.createOrGetDossier(kTestDossierCode, false, QStringLiteral("Cấp giấy phép xây dựng"),
                                            QStringLiteral("Nguyễn Văn An"));
        QVERIFY(d);
        const auto form = s.createOrGetComponent(d->id, QStringLiteral("Đơn đề nghị"));
        const auto copy = s.createOrGetComponent(d->id, QStringLiteral("Giấy tờ: bản sao"));
        QVERIFY(form && copy);
        must(s.createOrGetComponent(d->id, QStringLiteral("Bổ sung"))); // stays empty
        ImageProfile png;
        png.format = ImageProfile::Format::Png;
        for (int i = 1; i <= 4; ++i)
            must(savePage(s, form.value(), i));
        must(savePage(s, copy.value(), 1, 0, png));
        must(savePage(s, copy.value(), 2));
        must(savePage(s, form.value(), 5, 2)); // a rescanned page put in place
        must(s.movePage(s.pageAt(form->id, 4)->id, copy->id, 1));
        must(s.rotatePage(s.pageAt(form->id, 1)->id, 90));
        must(s.rotatePage(s.pageAt(copy->id, 3)->id, 180));
        const qint64 restored = s.pageAt(form->id, 2)->id;
        must(s.deletePage(restored));
        must(s.deletePage(s.pageAt(form->id, 3)->id));
        must(s.restorePage(restored));
        const auto free = s.createOrGetDossier(kFreeForm, true);
        QVERIFY(free);
        const auto doc = s.createOrGetComponent(free->id, QStringLiteral("Tài liệu"));
        QVERIFY(doc);
        must(savePage(s, doc.value(), 1));
        must(savePage(s, doc.value(), 2));
        if (state)
            *state = everything(s);
    }

    Result<RebuildReport> rebuild(const RebuildOptions &options = {}) { return StoreRebuild::run(m_root, options); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everythingComesBackFromTheManifests()
    {
        QStringList before;
        makeStore(&before);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(before.size() > 10, qPrintable(before.join(u'\n')));
        const QMap<QString, QString> files = fileDigests(m_root);
        removeIndex(m_root);
        QCOMPARE(DossierStore::open(m_root).error().code(), ErrorCode::StoreIndexMissing);

        auto report = rebuild();
        QVERIFY2(report, qPrintable(report.error().fullText()));
        QVERIFY2(report->isClean(), qPrintable(report->manifestProblems.join(u'\n')));
        QCOMPARE(report->previousIndex, QStringLiteral("missing"));
        QVERIFY(report->movedAside.isEmpty());
        QCOMPARE(report->dossiers.size(), 2);
        for (const RebuiltDossier &d : report->dossiers)
            QVERIFY2(d.fromManifest, qPrintable(d.code));
        QCOMPARE(report->pages, 9);
        QVERIFY(report->skippedFiles.isEmpty());

        auto opened = DossierStore::open(m_root, {});
        QVERIFY2(opened, qPrintable(opened.error().fullText()));
        DossierStore &s = *opened.value();
        QVERIFY(s.recoveryReport().isClean());
        QCOMPARE(everything(s), before);
        QCOMPARE(fileDigests(m_root), files); // page files untouched

        // The log says what happened: the rebuild, each dossier, each page once.
        const QList<AuditEntry> log = s.auditLog().value();
        QCOMPARE(log.constFirst().action, QStringLiteral("store-rebuilt"));
        QCOMPARE(QJsonDocument::fromJson(log.constFirst().detail.toUtf8())[QStringLiteral("previous_index")].toString(),
                 QStringLiteral("missing"));
        QCOMPARE(auditActions(s).count(QStringLiteral("dossier-rebuilt")), 2);
        QSet<QString> pagesLogged;
        for (const AuditEntry &e : log) {
            if (e.action == u"page-rebuilt") {
                QVERIFY(e.pageId > 0);
                pagesLogged.insert(QJsonDocument::fromJson(e.detail.toUtf8())[QStringLiteral("path")].toString());
            }
        }
        QCOMPARE(pagesLogged.size(), 9);

        // Numbering goes on where it was, per component the files were made for.
        const DossierInfo d = s.dossier(kTestDossierCode).value();
        auto next = savePage(s, s.component(d.id, QStringLiteral("Đơn đề nghị")).value(), 6);
        QVERIFY2(next, qPrintable(next.error().fullText()));
        QCOMPARE(next->seq, 6);
    }

    // Without manifests (a store older than them), the folders say what they can.
    void folderNamesSayWhatTheyCan()
    {
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QMap<QString, QString> files = fileDigests(m_root);
        removeIndex(m_root);
        QDirIterator it(m_root, {QStringLiteral(".sohoa-dossier*.json")}, QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            QVERIFY(QFile::remove(it.next()));

        auto report = rebuild();
        QVERIFY2(report, qPrintable(report.error().fullText()));
        QCOMPARE(report->dossiers.size(), 2);
        QCOMPARE(report->pages, 9);
        QVERIFY(report->unlistedFiles.isEmpty()); // no manifest to be missing from
        auto opened = DossierStore::open(m_root);
        QVERIFY2(opened, qPrintable(opened.error().fullText()));
        DossierStore &s = *opened.value();
        QVERIFY(s.recoveryReport().isClean());

        // The standard code is the folder's name; the free-form one is its folder name (":" cannot be
        // in one), a free-form code.
        const DossierInfo d = s.dossier(kTestDossierCode).value();
        QVERIFY(!d.freeForm);
        QVERIFY(d.procedure.isEmpty());
        const auto free = s.dossier(DossierStore::sanitizeName(kFreeForm));
        QVERIFY2(free, qPrintable(free.error().fullText()));
        QVERIFY(free->freeForm);
        // Components in the order their first files were written; a component without files is gone;
        // names as their folders have them.
        QStringList names;
        for (const ComponentInfo &c : s.components(d.id).value())
            names.append(c.name);
        QCOMPARE(names, (QStringList{QStringLiteral("Đơn đề nghị"), QStringLiteral("Giấy tờ_ bản sao")}));
        // Every file is a page of the folder it lies in, in the order of its number, turned as scanned,
        // none deleted; checksum, size and resolution from the file.
        for (const ComponentInfo &c : s.components(d.id).value()) {
            QList<int> seqs;
            for (const PageRecord &p : s.pages(c.id).value()) {
                seqs.append(p.seq);
                QCOMPARE(p.sha256, files.value(p.relativePath));
                QCOMPARE(p.size, QFileInfo(p.absolutePath).size());
                QCOMPARE(p.dpi, 100);
                QCOMPARE(p.width, 200);
                QCOMPARE(p.rotation, 0);
                QVERIFY(p.adopted);
            }
            QVERIFY(s.deletedPages(c.id)->isEmpty());
            // The page moved out of the form and the one inserted into it are back in their files' folder.
            QCOMPARE(seqs, c.name == u"Đơn đề nghị" ? (QList<int>{1, 2, 3, 4, 5}) : (QList<int>{1, 2}));
        }
        QCOMPARE(s.pages(s.component(d.id, QStringLiteral("Giấy tờ_ bản sao"))->id)->at(0).format,
                 QStringLiteral("png"));
    }

    // A page file added by hand and one that went missing: both reported, neither silently dropped.
    void unlistedAndMissingFilesAreReported()
    {
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QString folder = m_root + u'/' + kTestDossierCode + QStringLiteral("/Đơn đề nghị/");
        QVERIFY(QFile::copy(folder + QStringLiteral("0001.jpg"), folder + QStringLiteral("0099.jpg")));
        const QString gone = kTestDossierCode + QStringLiteral("/Giấy tờ_ bản sao/0002.jpg");
        QVERIFY(QFile::remove(m_root + u'/' + gone));
        QFile note(m_root + u'/' + kTestDossierCode + QStringLiteral("/ghi chú.txt"));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.close();
        removeIndex(m_root);

        auto report = rebuild();
        QVERIFY2(report, qPrintable(report.error().fullText()));
        const QString added = kTestDossierCode + QStringLiteral("/Đơn đề nghị/0099.jpg");
        QCOMPARE(report->unlistedFiles, QStringList{added});
        QCOMPARE(report->missingFiles, QStringList{gone});
        QCOMPARE(report->skippedFiles, QStringList{kTestDossierCode + QStringLiteral("/ghi chú.txt")});
        QVERIFY(!report->isClean());
        QCOMPARE(report->pages, 10);

        auto opened = DossierStore::open(m_root);
        QVERIFY2(opened, qPrintable(opened.error().fullText()));
        DossierStore &s = *opened.value();
        // The page whose file is gone is still a page: opening says its file is missing.
        QCOMPARE(s.recoveryReport().missingPages.size(), 1);
        QCOMPARE(s.recoveryReport().missingPages.constFirst().relativePath, gone);
        // The file added by hand is the last page of its folder's component, numbered by its name.
        const DossierInfo d = s.dossier(kTestDossierCode).value();
        const PageRecord last = s.pages(s.component(d.id, QStringLiteral("Đơn đề nghị"))->id)->constLast();
        QCOMPARE(last.relativePath, added);
        QCOMPARE(last.seq, 99);
        QVERIFY(last.adopted);
        // And the manifest now lists it.
        auto m = DossierManifest::read(DossierManifest::pathFor(m_root, kTestDossierCode));
        QVERIFY(m);
        QStringList listed;
        for (const ManifestPage &p : m->components.at(0).pages)
            listed.append(p.path);
        QVERIFY2(listed.contains(added), qPrintable(listed.join(u'\n')));
    }

    void damagedIndexIsKeptAside_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("state");
        QTest::newRow("emptied") << QStringLiteral("emptied") << QStringLiteral("empty");
        QTest::newRow("not a database") << QStringLiteral("garbage") << QStringLiteral("not-a-database");
        QTest::newRow("a stale write-ahead log without its database")
            << QStringLiteral("wal only") << QStringLiteral("missing");
    }
    void damagedIndexIsKeptAside()
    {
        QFETCH(QString, damage);
        QFETCH(QString, state);
        QStringList before;
        makeStore(&before);
        if (QTest::currentTestFailed())
            return;
        const QString db = m_root + QStringLiteral("/sohoa.sqlite");
        QByteArray bytes;
        if (damage == u"emptied") {
            removeIndex(m_root);
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (damage == u"garbage") {
            removeIndex(m_root);
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly));
            bytes = QByteArrayLiteral("MZ\x90 not a database at all, a file copied over it by mistake");
            f.write(bytes);
        } else {
            removeIndex(m_root);
            QFile wal(db + QStringLiteral("-wal"));
            QVERIFY(wal.open(QIODevice::WriteOnly));
            bytes = QByteArray(4096, '\x37');
            wal.write(bytes);
        }
        auto report = rebuild();
        QVERIFY2(report, qPrintable(report.error().fullText()));
        QCOMPARE(report->previousIndex, state);
        QCOMPARE(report->movedAside.size(), 1);
        const QString aside = m_root + u'/' + report->movedAside.constFirst();
        QVERIFY2(report->movedAside.constFirst().startsWith(QStringLiteral("sohoa.sqlite.damaged-")),
                 qPrintable(report->movedAside.constFirst()));
        QFile kept(aside);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), bytes); // byte for byte
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-wal")));
        auto opened = DossierStore::open(m_root);
        QVERIFY2(opened, qPrintable(opened.error().fullText()));
        QCOMPARE(everything(*opened.value()), before);
        QVERIFY(!QFileInfo::exists(db + QStringLiteral(".rebuilding")));
    }

    // A healthy index is not replaced unless asked; when asked, it is kept aside too.
    void healthyIndexNeedsForce()
    {
        QStringList before;
        makeStore(&before);
        if (QTest::currentTestFailed())
            return;
        const QString db = m_root + QStringLiteral("/sohoa.sqlite");
        const QString sha = sha256OfFile(db);
        auto refused = rebuild();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::StoreRebuildNotNeeded);
        QCOMPARE(sha256OfFile(db), sha);

        RebuildOptions force;
        force.force = true;
        auto report = rebuild(force);
        QVERIFY2(report, qPrintable(report.error().fullText()));
        QCOMPARE(report->previousIndex, QStringLiteral("healthy"));
        QVERIFY(report->movedAside.constFirst().startsWith(QStringLiteral("sohoa.sqlite.previous-")));
        QCOMPARE(sha256OfFile(m_root + u'/' + report->movedAside.constFirst()), sha);
        auto opened = DossierStore::open(m_root);
        QVERIFY(opened);
        QCOMPARE(everything(*opened.value()), before);
    }

    // A manifest written while a change was being committed says so; the rebuild reports it, logs it and
    // leaves the dossier as it was before that change.
    void pendingChangeIsReported()
    {
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QString path = DossierManifest::pathFor(m_root, kTestDossierCode);
        auto m = DossierManifest::read(path);
        QVERIFY(m);
        const QJsonObject pending{{QStringLiteral("action"), QStringLiteral("page-rotated")},
                                  {QStringLiteral("detail"), QJsonObject{{QStringLiteral("degrees"), 90}}},
                                  {QStringLiteral("at"), QStringLiteral("2026-11-30T10:00:00.000+07:00")}};
        m->pending = pending;
        QVERIFY(m->write(path));
        removeIndex(m_root);

        auto report = rebuild();
        QVERIFY2(report, qPrintable(report.error().fullText()));
        QCOMPARE(report->pendingChanges.size(), 1);
        QCOMPARE(report->pendingChanges.constFirst().dossier, kTestDossierCode);
        QCOMPARE(report->pendingChanges.constFirst().change, pending);
        auto opened = DossierStore::open(m_root);
        QVERIFY(opened);
        const QJsonObject logged =
            QJsonDocument::fromJson(opened.value()->auditLog()->constFirst().detail.toUtf8()).object();
        QCOMPARE(logged.value(QStringLiteral("pending")).toObject().value(kTestDossierCode).toObject(), pending);
        QVERIFY(DossierManifest::read(path)->pending.isEmpty()); // rewritten from the new index
    }

    void cancelLeavesTheStoreAsItWas()
    {
        makeStore();
        if (QTest::currentTestFailed())
            return;
        removeIndex(m_root);
        const QMap<QString, QString> before = allFileDigests(m_root);
        Cancelling control;
        auto report = StoreRebuild::run(m_root, {}, &control);
        QVERIFY(!report);
        QCOMPARE(report.error().code(), ErrorCode::Cancelled);
        QCOMPARE(allFileDigests(m_root), before);
    }

    // A rebuild replaces the index a writer has open: it waits for no one and is refused while one has
    // the store open for writing; while it runs, no writer can open the store.
    void writersAndTheRebuildExcludeEachOther()
    {
        QStringList before;
        makeStore(&before);
        if (QTest::currentTestFailed())
            return;
        const QString db = m_root + QStringLiteral("/sohoa.sqlite");
        const QString sha = sha256OfFile(db);
        RebuildOptions force;
        force.force = true;
        {
            auto writer = DossierStore::open(m_root); // flock(2) locks conflict within one process too
            QVERIFY(writer);
            auto refused = rebuild(force);
            QVERIFY(!refused);
            QCOMPARE(refused.error().code(), ErrorCode::StoreLocked);
            QVERIFY2(refused.error().detail().contains(QStringLiteral("open for writing")),
                     qPrintable(refused.error().detail()));
            QCOMPARE(sha256OfFile(db), sha);
            QVERIFY(QDir(m_root).entryList({QStringLiteral("sohoa.sqlite.*")}, QDir::Files).isEmpty());
        }
        // A reader of a read-only open is no writer.
        auto reader = DossierStore::open(m_root, [] {
            StoreOptions o;
            o.mode = StoreOpenMode::ReadOnly;
            return o;
        }());
        QVERIFY(reader);

        struct OpeningMidway : WorkControl
        {
            QString root;
            std::optional<Error> seen;
            bool isCancelRequested() const override { return false; }
            void reportProgress(qint64, qint64) override
            {
                if (!seen) {
                    auto opened = DossierStore::open(root);
                    seen = opened ? Error() : opened.error();
                }
            }
        } midway;
        midway.root = m_root;
        auto report = StoreRebuild::run(m_root, force, &midway);
        QVERIFY2(report, qPrintable(report.error().fullText()));
        QVERIFY(midway.seen.has_value());
        QCOMPARE(midway.seen->code(), ErrorCode::StoreLocked);
        QVERIFY2(midway.seen->detail().contains(QStringLiteral("rebuilt")), qPrintable(midway.seen->detail()));
        // The reader still reads what it opened; the store opens again once the rebuild is done.
        QCOMPARE(everything(*reader.value()), before);
        auto after = DossierStore::open(m_root);
        QVERIFY2(after, qPrintable(after.error().fullText()));
        QCOMPARE(everything(*after.value()), before);
    }

    void noFolderIsNoStore()
    {
        QTemporaryDir dir;
        auto report = StoreRebuild::run(dir.filePath(QStringLiteral("mistyped")));
        QVERIFY(!report);
        QCOMPARE(report.error().code(), ErrorCode::StoreNotFound);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("mistyped"))));
    }
};

QTEST_GUILESS_MAIN(TestStoreRebuild)
#include "TestStoreRebuild.moc"
