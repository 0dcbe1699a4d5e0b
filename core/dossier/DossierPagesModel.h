#pragma once

#include "core/dossier/DossierStore.h"

#include <QAbstractItemModel>
#include <QList>

namespace sohoa {

// One dossier as a two-level tree: its components (in position order) and, under each, its pages
// in position order. Filled once by reload() and then kept up to date by the store's notifier with
// beginInsertRows / beginMoveRows / beginRemoveRows / dataChanged: never polled, never reset except
// by an explicit reload(). A page moved to another component moves between parents.
//
// The DeletedPages view lists, under each component, its soft-deleted pages (oldest deletion first)
// for a "restore" view: a deletion adds a row there, a restore removes it.
class DossierPagesModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class View
    {
        VisiblePages,
        DeletedPages,
    };
    Q_ENUM(View)

    enum Role
    {
        IsPageRole = Qt::UserRole + 1, // false on component rows
        ComponentIdRole,
        ComponentNameRole,
        PageCountRole, // component rows: pages listed under it
        PageIdRole,
        PositionRole, // 1-based; for a deleted page the position it had
        RotationRole,
        PathRole, // absolute
        RelativePathRole,
        Sha256Role,
        DpiRole,
        WidthRole,
        HeightRole,
        FileSizeRole,
        FormatRole,
        DeletedRole,
        DeletedAtRole,
        // Cleanup (PageCleanupRecord): what it found and made of the page.
        BlankRole,             // int(BlankState): flagged blank and awaiting a person's review, or kept by one
        CleanedImageRole,      // absolute path of the cleaned image; empty when cleanup made none
        CleanedSha256Role,     // its checksum (the thumbnail cache's key for it)
        CleanedSizeRole,       // its size in bytes
        SkewCorrectedRole,     // degrees turned to straighten the page (0: none)
        RotatedRole,           // clockwise degrees turned to make it upright (0: none)
        InkPercentRole,        // share of the page that is ink, 0..100
        CleanupOperationsRole, // QStringList of what was applied ("deskew -3.92°", "rotate 180°")
    };
    Q_ENUM(Role)

    enum class BlankState
    {
        NotBlank,
        AwaitsReview, // flagged by blank detection; nothing happens to it until a person answers
        Kept,         // flagged, and a person kept it
    };
    Q_ENUM(BlankState)

    DossierPagesModel(DossierStore &store, qint64 dossierId, View view = View::VisiblePages, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 dossierId() const { return m_dossierId; }
    View view() const { return m_view; }
    QModelIndex componentIndex(qint64 componentId) const; // invalid if absent
    QModelIndex pageIndex(qint64 pageId) const;           // invalid if absent
    // Reads the dossier again (a model reset). The error, if any, leaves the model empty.
    Result<void> reload();
    // Reads the dossier again and changes only what differs: nothing when it is the same, dataChanged
    // on the rows that differ when every component and page is where it was (a rotation elsewhere), a
    // reset otherwise. What StoreNotifier::changedElsewhere for this dossier leads to.
    Result<void> refresh();

private:
    struct ComponentNode
    {
        ComponentInfo info;
        QList<PageRecord> pages;
    };

    Result<QList<ComponentNode>> readNodes() const;
    void onChangedElsewhere(const QList<qint64> &dossierIds, bool wholeStore);

    int componentRow(qint64 componentId) const;
    int pageRow(int componentRow, qint64 pageId) const;
    // Puts a page in / takes it out of a component's list, with the row signals.
    void insertPage(int componentRow, int row, const PageRecord &page);
    void removePage(int componentRow, int row);
    // The page's row takes its new record; views hear of `roles`.
    void replacePage(const PageRecord &page, const QList<int> &roles);
    // The positions of rows from `row` on follow their rows again; the component row's count changed.
    void renumber(int componentRow, int fromRow);
    // A notification that does not fit what the model holds (it was loaded after that change was
    // committed, or missed one): read everything again rather than show a wrong order.
    void resync(const char *why);

    void onComponentAdded(const sohoa::ComponentInfo &component);
    void onPageAdded(const sohoa::PageRecord &page);
    void onPageMoved(const sohoa::PageRecord &page, qint64 fromComponentId, int fromPosition);
    void onPageRotated(const sohoa::PageRecord &page);
    void onPageUpdated(const sohoa::PageRecord &page);
    void onPageDeleted(const sohoa::PageRecord &page, int fromPosition);
    void onPageRestored(const sohoa::PageRecord &page);

    DossierStore &m_store;
    const qint64 m_dossierId;
    const View m_view;
    QList<ComponentNode> m_components;
};

} // namespace sohoa
