// DossierStore, continued: what cleanup made of pages (derived images, blank flags and their review) and
// the Decree 30 archival metadata of dossiers. Split from DossierStore.cpp by concern; the files share
// DossierStore::Private.

#include "core/dossier/DossierStore.h"

#include "core/common/CoreLogging.h"
#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/DossierStorePrivate.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace sohoa {

using namespace store;

namespace {

// `H1/thanh-phan/0001.jpg` → `H1/thanh-phan/0001.cleaned-1a2b3c4d.png`. The checksum in the name makes
// every version of a derived image a new file: the one the index names is never overwritten, so a crash
// between writing a new one and committing its row leaves the old pair intact (and a stray file).
QString derivedPathFor(const QString &originalRelative, const QString &sha256, const QString &extension)
{
    const QFileInfo fi(originalRelative);
    const QString folder = fi.path() == u"." ? QString() : fi.path() + u'/';
    return folder + fi.completeBaseName() + QStringLiteral(".cleaned-") + sha256.left(8) + u'.' + extension;
}

QJsonObject cleanupDetail(const PageCleanupRecord &c)
{
    QJsonObject detail{{QStringLiteral("options"), c.options},
                       {QStringLiteral("operations"), QJsonArray::fromStringList(c.operations)},
                       {QStringLiteral("skew_detected_deg"), c.skewDetectedDeg},
                       {QStringLiteral("skew_corrected_deg"), c.skewCorrectedDeg},
                       {QStringLiteral("rotated_deg"), c.rotatedDeg},
                       {QStringLiteral("ink_percent"), c.inkPercent},
                       {QStringLiteral("blank"), c.blank}};
    if (c.hasImage()) {
        detail.insert(QStringLiteral("derived"), c.relativePath);
        detail.insert(QStringLiteral("derived_sha256"), c.sha256);
        detail.insert(QStringLiteral("derived_size"), c.size);
    }
    return detail;
}

} // namespace

Result<PageRecord> DossierStore::saveCleanup(qint64 pageId, const PageCleanupRecord &findings,
                                             const EncodedImage *derived)
{
    auto page = d->database.page(pageId);
    if (!page)
        return page.error();
    PageCleanupRecord record = findings;
    record.present = true;
    record.relativePath.clear();
    record.absolutePath.clear();
    record.sha256.clear();
    record.size = 0;
    record.width = record.height = 0;
    record.format.clear();
    if (derived && !derived->data.isEmpty()) {
        record.sha256 = sha256Hex(derived->data);
        record.size = derived->data.size();
        record.width = derived->size.width();
        record.height = derived->size.height();
        record.format = derived->extension;
        record.relativePath = derivedPathFor(page->relativePath, record.sha256, derived->extension);
        record.absolutePath = d->root() + u'/' + record.relativePath;
        // The same image again (cleanup run twice) is already there under this name: keep it.
        const QFileInfo existing(record.absolutePath);
        if (!(existing.exists() && existing.size() == record.size)) {
            if (auto w = writeFileDurably(record.absolutePath, derived->data, true); !w)
                return w.error();
        }
    }
    // A blank review survives a new cleanup that still finds the page blank.
    if (record.blank && page->cleanup.blank)
        record.blankReview = page->cleanup.blankReview;
    else if (!record.blank)
        record.blankReview.clear();

    const QString previousFile = page->cleanup.hasImage() ? page->cleanup.absolutePath : QString();
    auto change = d->changePage(pageId, [&](const PageRecord &) -> Result<Private::PageEdit> {
        auto up = d->database.exec(
            QStringLiteral("INSERT OR REPLACE INTO page_cleanups (page_id, options, operations, skew_detected_deg,"
                           " skew_corrected_deg, rotated_deg, ink_percent, blank, blank_review, path, sha256, size,"
                           " width, height, format, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {pageId, record.options, record.operations.join(u'\n'), record.skewDetectedDeg, record.skewCorrectedDeg,
             record.rotatedDeg, record.inkPercent, record.blank ? 1 : 0, record.blankReview,
             record.hasImage() ? QVariant(record.relativePath) : QVariant(),
             record.hasImage() ? QVariant(record.sha256) : QVariant(),
             record.hasImage() ? QVariant(record.size) : QVariant(),
             record.hasImage() ? QVariant(record.width) : QVariant(),
             record.hasImage() ? QVariant(record.height) : QVariant(),
             record.hasImage() ? QVariant(record.format) : QVariant(), isoNow()});
        if (!up)
            return up.error();
        return Private::PageEdit{QStringLiteral("page-cleaned"), cleanupDetail(record)};
    });
    if (!change)
        return change.error();
    // The previous derived image is no longer what the index names; the original is never touched.
    if (!previousFile.isEmpty() && previousFile != change->after.cleanup.absolutePath && QFile::exists(previousFile) &&
        !QFile::remove(previousFile))
        qCWarning(lcCore) << "cannot remove the previous cleaned image" << previousFile;
    emit d->notifier->pageUpdated(change->after);
    emit d->notifier->dossierUpdated(change->dossier);
    return change->after;
}

Result<PageRecord> DossierStore::reviewBlankPage(qint64 pageId, bool keep)
{
    if (!keep)
        return deletePage(pageId);
    auto change = d->changePage(pageId, [&](const PageRecord &page) -> Result<Private::PageEdit> {
        if (!page.cleanup.blank)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("page %1 (%2) is not flagged blank").arg(page.id).arg(page.relativePath));
        if (page.cleanup.blankReview == u"kept")
            return Private::PageEdit{}; // already kept: nothing to write
        auto up = d->database.exec(QStringLiteral("UPDATE page_cleanups SET blank_review = 'kept' WHERE page_id = ?"),
                                   {page.id});
        if (!up)
            return up.error();
        return Private::PageEdit{QStringLiteral("blank-page-kept"),
                                 QJsonObject{{QStringLiteral("position"), page.position},
                                             {QStringLiteral("ink_percent"), page.cleanup.inkPercent}}};
    });
    if (!change)
        return change.error();
    if (change->changed) {
        emit d->notifier->pageUpdated(change->after);
        emit d->notifier->dossierUpdated(change->dossier);
    }
    return change->after;
}

Result<QList<ArchivalField>> DossierStore::archivalFields(qint64 dossierId) const
{
    auto q = d->database.exec(QStringLiteral("SELECT component_id, field, value, updated_at FROM archival_metadata"
                                             " WHERE dossier_id = ? ORDER BY component_id, field"),
                              {dossierId});
    if (!q)
        return q.error();
    QList<ArchivalField> out;
    while (q->next())
        out.append(ArchivalField{q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
                                 QDateTime::fromString(q->value(3).toString(), Qt::ISODateWithMs)});
    return out;
}

Result<void> DossierStore::setArchivalFields(qint64 dossierId, qint64 componentId,
                                             const QList<std::pair<QString, QString>> &fields)
{
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto dossier = d->database.dossier(dossierId);
    if (!dossier)
        return dossier.error();
    if (componentId != 0) {
        auto component = d->database.component(componentId);
        if (!component)
            return component.error();
        if (component->dossierId != dossierId)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("component %1 is not in dossier %2").arg(componentId).arg(dossier->code));
    }
    const QString now = isoNow();
    QJsonObject changed;
    for (const auto &[field, value] : fields) {
        auto q = value.isEmpty()
                     ? d->database.exec(QStringLiteral("DELETE FROM archival_metadata WHERE dossier_id = ? AND"
                                                       " component_id = ? AND field = ?"),
                                        {dossierId, componentId, field})
                     : d->database.exec(QStringLiteral("INSERT OR REPLACE INTO archival_metadata (dossier_id,"
                                                       " component_id, field, value, updated_at) VALUES (?, ?, ?, ?, ?)"),
                                        {dossierId, componentId, field, value, now});
        if (!q)
            return q.error();
        changed.insert(field, value);
    }
    if (auto r = d->database.touchDossier(dossierId, now); !r)
        return r.error();
    const QJsonObject detail{{QStringLiteral("component_id"), componentId}, {QStringLiteral("fields"), changed}};
    if (auto a = d->database.audit(QStringLiteral("metadata-changed"),
                                   QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), dossierId,
                                   0);
        !a)
        return a;
    auto after = d->database.dossier(dossierId);
    if (!after)
        return after.error();
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    // The manifest carries the metadata too, so that a rebuilt index keeps what the archivist typed.
    if (auto lock = d->manifests.lock(after->code); lock) {
        if (auto w = d->manifests.rewrite(dossierId); !w)
            d->manifests.recordFailure(dossierId, w.error());
    }
    emit d->notifier->dossierUpdated(after.value());
    return {};
}

} // namespace sohoa
