// What cleanup made of pages and the Decree 30 metadata, in the store: the original is never touched, a
// derived image is a new file with its own checksum, a blank flag waits for a person, and all of it is
// audited, in the dossier's manifest and back after the index is lost.

#include "StoreTestSupport.h"

#include "core/dossier/DossierManifest.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/StoreRebuild.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

EncodedImage derivedImage(QColor colour)
{
    QImage image(40, 60, QImage::Format_RGB888);
    image.fill(colour);
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return EncodedImage{data, QStringLiteral("png"), image.size()};
}

PageCleanupRecord findings(bool blank)
{
    PageCleanupRecord r;
    r.options = QStringLiteral("deskew,blank");
    r.operations = {QStringLiteral("deskew -3.92°")};
    r.skewDetectedDeg = 3.92;
    r.skewCorrectedDeg = -3.92;
    r.inkPercent = blank ? 0.001 : 4.2;
    r.blank = blank;
    return r;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString lastAction(const DossierStore &store)
{
    return store.auditLog()->constLast().action;
}

} // namespace

class TestStoreArchival : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanupIsRecordedBesideTheOriginal()
    {
        TwoComponentStore f;
        QVERIFY(f.setUp(2, 0));
        const PageRecord before = f.store->page(f.aIds.at(0)).value();
        QVERIFY(!before.cleanup.present);
        const QByteArray original = fileBytes(before.absolutePath);
        QSignalSpy updated(f.store->notifier(), &StoreNotifier::pageUpdated);

        const EncodedImage derived = derivedImage(Qt::red);
        auto saved = f.store->saveCleanup(before.id, findings(false), &derived);
        QVERIFY2(saved, qPrintable(saved.error().fullText()));
        const PageCleanupRecord &c = saved->cleanup;
        QVERIFY(c.present);
        QVERIFY(c.hasImage());
        QCOMPARE(c.operations, QStringList{QStringLiteral("deskew -3.92°")});
        QCOMPARE(c.skewCorrectedDeg, -3.92);
        QVERIFY(c.relativePath.contains(QStringLiteral(".cleaned-")));
        QCOMPARE(fileBytes(c.absolutePath), derived.data);
        QCOMPARE(c.size, qint64(derived.data.size()));
        // The original is what it was, byte for byte, and still the page's file.
        QCOMPARE(saved->relativePath, before.relativePath);
        QCOMPARE(fileBytes(before.absolutePath), original);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(lastAction(*f.store), QStringLiteral("page-cleaned"));
        const QJsonObject detail = QJsonDocument::fromJson(f.store->auditLog()->constLast().detail.toUtf8()).object();
        QCOMPARE(detail.value(QStringLiteral("derived_sha256")).toString(), c.sha256);

        // Cleaning again with another result: a new file, the old one gone, the original untouched.
        const QString firstDerived = c.absolutePath;
        const EncodedImage second = derivedImage(Qt::blue);
        auto again = f.store->saveCleanup(before.id, findings(false), &second);
        QVERIFY(again);
        QVERIFY(again->cleanup.absolutePath != firstDerived);
        QVERIFY(!QFileInfo::exists(firstDerived));
        QCOMPARE(fileBytes(again->cleanup.absolutePath), second.data);
        QCOMPARE(fileBytes(before.absolutePath), original);

        // Findings without an image (nothing changed the pixels): no derived file.
        auto plain = f.store->saveCleanup(before.id, findings(false), nullptr);
        QVERIFY(plain);
        QVERIFY(plain->cleanup.present);
        QVERIFY(!plain->cleanup.hasImage());
        QVERIFY(!QFileInfo::exists(again->cleanup.absolutePath));
        // The listing agrees with the single page read.
        QCOMPARE(f.store->pages(f.a.id)->constFirst().cleanup.present, true);
        QCOMPARE(f.store->pages(f.a.id)->at(1).cleanup.present, false);
    }

    void blankPagesWaitForAPerson()
    {
        TwoComponentStore f;
        QVERIFY(f.setUp(3, 0));
        const qint64 blankId = f.aIds.at(1);
        auto flagged = f.store->saveCleanup(blankId, findings(true), nullptr);
        QVERIFY(flagged);
        QVERIFY(flagged->cleanup.blank);
        QVERIFY(flagged->cleanup.awaitsBlankReview());
        // The detector only flags: the page is still in the order.
        QCOMPARE(f.store->pages(f.a.id)->size(), 3);

        // A page that is not flagged cannot be "kept blank".
        QCOMPARE(f.store->reviewBlankPage(f.aIds.at(0), true).error().code(), ErrorCode::InvalidArgument);

        auto kept = f.store->reviewBlankPage(blankId, true);
        QVERIFY(kept);
        QCOMPARE(kept->cleanup.blankReview, QStringLiteral("kept"));
        QVERIFY(!kept->cleanup.awaitsBlankReview());
        QCOMPARE(lastAction(*f.store), QStringLiteral("blank-page-kept"));
        // A new cleanup that still finds it blank keeps the person's answer.
        auto redone = f.store->saveCleanup(blankId, findings(true), nullptr);
        QVERIFY(redone);
        QCOMPARE(redone->cleanup.blankReview, QStringLiteral("kept"));

        // Removing one is a soft delete: restorable, file kept.
        auto other = f.store->saveCleanup(f.aIds.at(2), findings(true), nullptr);
        QVERIFY(other);
        auto removed = f.store->reviewBlankPage(f.aIds.at(2), false);
        QVERIFY(removed);
        QVERIFY(removed->deleted);
        QVERIFY(QFileInfo::exists(removed->absolutePath));
        QCOMPARE(f.store->pages(f.a.id)->size(), 2);
        QVERIFY(f.store->restorePage(f.aIds.at(2)));
        QCOMPARE(f.store->pages(f.a.id)->size(), 3);
    }

    void archivalFieldsAreKeptPerDossierAndDocument()
    {
        TwoComponentStore f;
        QVERIFY(f.setUp(1, 1));
        QVERIFY(f.store->setArchivalFields(f.dossier.id, 0,
                                           {{QStringLiteral("Title"), QStringLiteral("Hồ sơ cấp phép xây dựng")},
                                            {QStringLiteral("Maintenance"), QStringLiteral("Vĩnh viễn")}}));
        QVERIFY(f.store->setArchivalFields(f.dossier.id, f.b.id, {{QStringLiteral("CodeNumber"), QStringLiteral("708")}}));
        QCOMPARE(lastAction(*f.store), QStringLiteral("metadata-changed"));
        auto fields = f.store->archivalFields(f.dossier.id);
        QVERIFY(fields);
        QCOMPARE(fields->size(), 3);
        QCOMPARE(fields->at(2).componentId, f.b.id);
        QCOMPARE(fields->at(2).value, QStringLiteral("708"));
        // An empty value removes the field.
        QVERIFY(f.store->setArchivalFields(f.dossier.id, 0, {{QStringLiteral("Maintenance"), QString()}}));
        QCOMPARE(f.store->archivalFields(f.dossier.id)->size(), 2);
        // A component of another dossier is refused.
        auto other = f.store->createOrGetDossier(QStringLiteral("H15.50.05.13-261008-0976"), false);
        QVERIFY(other);
        QCOMPARE(f.store->setArchivalFields(other->id, f.a.id, {{QStringLiteral("Subject"), QStringLiteral("x")}})
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);
    }

    // The manifest carries cleanup and metadata: a rebuilt index has them again; a derived file that
    // went missing comes back as findings without an image.
    void rebuildKeepsCleanupAndMetadata()
    {
        TwoComponentStore f;
        QVERIFY(f.setUp(2, 1));
        const EncodedImage derived = derivedImage(Qt::green);
        auto cleaned = f.store->saveCleanup(f.aIds.at(0), findings(false), &derived);
        QVERIFY(cleaned);
        const EncodedImage derived2 = derivedImage(Qt::yellow);
        auto lost = f.store->saveCleanup(f.aIds.at(1), findings(true), &derived2);
        QVERIFY(lost);
        QVERIFY(f.store->setArchivalFields(f.dossier.id, 0, {{QStringLiteral("Title"), QStringLiteral("Hồ sơ")}}));
        QVERIFY(f.store->setArchivalFields(f.dossier.id, f.b.id, {{QStringLiteral("SignerInfo"), QStringLiteral("Lê Văn A")}}));
        const QString root = f.dir.path();
        const auto manifest = DossierManifest::read(DossierManifest::pathFor(root, f.dossier.code));
        QVERIFY(manifest);
        QCOMPARE(manifest->archivalFields.size(), 2);
        QVERIFY(manifest->components.constFirst().pages.constFirst().cleanup.present);
        f.store.reset();

        QVERIFY(QFile::remove(lost->cleanup.absolutePath));
        QVERIFY(QFile::remove(root + QStringLiteral("/sohoa.sqlite")));
        auto report = StoreRebuild::run(root, {});
        QVERIFY2(report, qPrintable(report.error().fullText()));
        // The derived files are not taken for pages of their own.
        QCOMPARE(report->pages, 3);
        QVERIFY(report->unlistedFiles.isEmpty());

        auto reopened = DossierStore::open(root);
        QVERIFY(reopened);
        DossierStore &store = *reopened.value();
        const DossierInfo d = store.dossier(f.dossier.code).value();
        const QList<PageRecord> pages = store.dossierPages(d.id).value();
        QCOMPARE(pages.size(), 3);
        QVERIFY(pages.at(0).cleanup.hasImage());
        QCOMPARE(pages.at(0).cleanup.sha256, cleaned->cleanup.sha256);
        QCOMPARE(pages.at(0).cleanup.skewCorrectedDeg, -3.92);
        QVERIFY(pages.at(1).cleanup.present);
        QVERIFY(pages.at(1).cleanup.blank);
        QVERIFY(!pages.at(1).cleanup.hasImage());
        const QList<ArchivalField> fields = store.archivalFields(d.id).value();
        QCOMPARE(fields.size(), 2);
        QCOMPARE(fields.at(0).field, QStringLiteral("Title"));
        QCOMPARE(fields.at(1).value, QStringLiteral("Lê Văn A"));
        QVERIFY(fields.at(1).componentId != 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreArchival)
#include "TestStoreArchival.moc"
