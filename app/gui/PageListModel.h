#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

#include "core/dossier/DossierPagesModel.h"

namespace sohoa::gui {

// DossierPagesModel's tree (components → pages) as one flat list for a thumbnail grid: a header row
// for each component followed by its pages. Every change of the tree is passed on row by row (an
// insert, a move, a removal), never as a reset, so the officer's selection and scroll position survive
// the pages arriving from the feeder. Drops of pages are turned into a request (moveRequested) that the
// pane carries out through the undo stack; the model itself never changes the store.
class PageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IsHeaderRole = Qt::UserRole + 500,
        PageNumberRole, // 1-based position in the whole dossier (pages only)
    };

    static constexpr const char *kMimeType = "application/x-sohoa-page-ids";

    explicit PageListModel(QObject *parent = nullptr);

    void setSourceModel(DossierPagesModel *source);
    DossierPagesModel *sourceModel() const { return m_source; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }

    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const;
    QModelIndex mapToSource(const QModelIndex &index) const;
    // Where a page put at flat `row` would go: the component and the 1-based position in it.
    bool placeAt(int row, qint64 *componentId, int *position) const;

Q_SIGNALS:
    // Pages dropped at `position` (1-based) of the component, in this order.
    void moveRequested(const QList<qint64> &pageIds, qint64 componentId, int position);

private:
    int headerRow(int component) const; // flat row of a component's header (by the counts held)
    void resync();

    QPointer<DossierPagesModel> m_source;
    QList<int> m_counts; // pages per component, as this model last told its views
    QList<QMetaObject::Connection> m_connections;
    bool m_moving = false;
};

} // namespace sohoa::gui
