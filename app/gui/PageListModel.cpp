#include "app/gui/PageListModel.h"

#include "core/dossier/DossierPagesModel.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace sohoa::gui {

PageListModel::PageListModel(QObject *parent) : QAbstractListModel(parent) {}

void PageListModel::setSourceModel(DossierPagesModel *source)
{
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_source = source;
    m_counts.clear();
    if (source) {
        for (int c = 0; c < source->rowCount(); ++c)
            m_counts << source->rowCount(source->index(c, 0));
        using M = DossierPagesModel;
        m_connections << connect(source, &M::modelAboutToBeReset, this, [this] { beginResetModel(); });
        m_connections << connect(source, &M::modelReset, this, [this] {
            m_counts.clear();
            for (int c = 0; c < m_source->rowCount(); ++c)
                m_counts << m_source->rowCount(m_source->index(c, 0));
            endResetModel();
        });
        // Each change is begun while the source still holds the old rows and ended once it holds the
        // new ones, as a proxy must (views and QAbstractItemModelTester read both sides).
        m_connections << connect(source, &M::rowsAboutToBeInserted, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid()) { // new components come empty: a header each
                                         const int row = first < m_counts.size() ? headerRow(first) : rowCount();
                                         beginInsertRows({}, row, row + (last - first));
                                         return;
                                     }
                                     const int row = headerRow(parent.row()) + 1 + first;
                                     beginInsertRows({}, row, row + (last - first));
                                 });
        m_connections << connect(source, &M::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
            if (!parent.isValid()) {
                bool empty = true;
                for (int c = first; c <= last; ++c) {
                    m_counts.insert(c, 0);
                    empty = empty && m_source->rowCount(m_source->index(c, 0)) == 0;
                }
                endInsertRows();
                if (!empty)
                    resync(); // not how notifications come; never show a wrong list
                return;
            }
            m_counts[parent.row()] += last - first + 1;
            endInsertRows();
            const QModelIndex header = index(headerRow(parent.row()));
            Q_EMIT dataChanged(header, header);
        });
        m_connections << connect(source, &M::rowsAboutToBeRemoved, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid()) {
                                         const int from = headerRow(first);
                                         int to = from - 1;
                                         for (int c = first; c <= last; ++c)
                                             to += 1 + m_counts.value(c);
                                         beginRemoveRows({}, from, to);
                                         return;
                                     }
                                     const int row = headerRow(parent.row()) + 1 + first;
                                     beginRemoveRows({}, row, row + (last - first));
                                 });
        m_connections << connect(source, &M::rowsRemoved, this, [this](const QModelIndex &parent, int first, int last) {
            if (!parent.isValid()) {
                m_counts.remove(first, last - first + 1);
                endRemoveRows();
                return;
            }
            m_counts[parent.row()] -= last - first + 1;
            endRemoveRows();
            const QModelIndex header = index(headerRow(parent.row()));
            Q_EMIT dataChanged(header, header);
        });
        m_connections << connect(source, &M::rowsAboutToBeMoved, this,
                                 [this](const QModelIndex &from, int first, int last, const QModelIndex &to, int dest) {
                                     if (!from.isValid() || !to.isValid()) {
                                         m_moving = false;
                                         return;
                                     }
                                     const int srcRow = headerRow(from.row()) + 1 + first;
                                     const int dstRow = headerRow(to.row()) + 1 + dest;
                                     m_moving = beginMoveRows({}, srcRow, srcRow + (last - first), {}, dstRow);
                                     if (!m_moving)
                                         Q_EMIT layoutAboutToBeChanged();
                                 });
        m_connections << connect(source, &M::rowsMoved, this,
                                 [this](const QModelIndex &from, int first, int last, const QModelIndex &to, int) {
                                     if (!from.isValid() || !to.isValid())
                                         return resync();
                                     m_counts[from.row()] -= last - first + 1;
                                     m_counts[to.row()] += last - first + 1;
                                     if (m_moving)
                                         endMoveRows();
                                     else
                                         Q_EMIT layoutChanged();
                                     m_moving = false;
                                     for (int c : {from.row(), to.row()}) {
                                         const QModelIndex header = index(headerRow(c));
                                         Q_EMIT dataChanged(header, header);
                                     }
                                 });
        m_connections << connect(
            source, &M::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                const QModelIndex a = mapFromSource(topLeft);
                const QModelIndex b = mapFromSource(bottomRight);
                if (a.isValid() && b.isValid())
                    Q_EMIT dataChanged(a, b, roles);
            });
        m_connections << connect(source, &M::layoutChanged, this, [this] { resync(); });
    }
    endResetModel();
}

void PageListModel::resync()
{
    beginResetModel();
    m_counts.clear();
    if (m_source) {
        for (int c = 0; c < m_source->rowCount(); ++c)
            m_counts << m_source->rowCount(m_source->index(c, 0));
    }
    endResetModel();
}

int PageListModel::headerRow(int component) const
{
    int row = 0;
    for (int c = 0; c < component && c < m_counts.size(); ++c)
        row += 1 + m_counts.at(c);
    return row;
}

int PageListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    int n = 0;
    for (int count : m_counts)
        n += 1 + count;
    return n;
}

QModelIndex PageListModel::mapToSource(const QModelIndex &index) const
{
    if (!m_source || !index.isValid())
        return {};
    int row = index.row();
    for (int c = 0; c < m_counts.size(); ++c) {
        if (row == 0)
            return m_source->index(c, 0);
        if (row <= m_counts.at(c))
            return m_source->index(row - 1, 0, m_source->index(c, 0));
        row -= 1 + m_counts.at(c);
    }
    return {};
}

QModelIndex PageListModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid())
        return {};
    const QModelIndex parent = sourceIndex.parent();
    if (!parent.isValid())
        return sourceIndex.row() < m_counts.size() ? index(headerRow(sourceIndex.row())) : QModelIndex();
    if (parent.row() >= m_counts.size() || sourceIndex.row() >= m_counts.at(parent.row()))
        return {};
    return index(headerRow(parent.row()) + 1 + sourceIndex.row());
}

QVariant PageListModel::data(const QModelIndex &index, int role) const
{
    const QModelIndex source = mapToSource(index);
    if (!source.isValid())
        return {};
    const bool header = !source.parent().isValid();
    if (role == IsHeaderRole)
        return header;
    if (role == PageNumberRole) {
        if (header)
            return {};
        int number = source.row() + 1;
        for (int c = 0; c < source.parent().row(); ++c)
            number += m_counts.at(c);
        return number;
    }
    return m_source->data(source, role);
}

Qt::ItemFlags PageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    if (data(index, IsHeaderRole).toBool())
        return Qt::ItemIsEnabled | Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
}

QStringList PageListModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData *PageListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<QModelIndex> sorted = indexes;
    std::sort(sorted.begin(), sorted.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    for (const QModelIndex &i : std::as_const(sorted)) {
        if (!data(i, IsHeaderRole).toBool())
            out << data(i, DossierPagesModel::PageIdRole).toLongLong();
    }
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), bytes);
    return mime;
}

bool PageListModel::placeAt(int row, qint64 *componentId, int *position) const
{
    if (!m_source || m_counts.isEmpty())
        return false;
    if (row < 0 || row > rowCount())
        row = rowCount();
    // Row r sits before the item now at r: a header row's place is the end of the component above it.
    int start = 0;
    for (int c = 0; c < m_counts.size(); ++c) {
        const int end = start + m_counts.at(c); // the component's last page row
        if (row <= end + 1 || c == m_counts.size() - 1) {
            *componentId = m_source->data(m_source->index(c, 0), DossierPagesModel::ComponentIdRole).toLongLong();
            *position = std::clamp(row - start, 1, m_counts.at(c) + 1);
            if (row == start && c > 0) { // before a header: the end of the previous component
                *componentId =
                    m_source->data(m_source->index(c - 1, 0), DossierPagesModel::ComponentIdRole).toLongLong();
                *position = m_counts.at(c - 1) + 1;
            }
            return true;
        }
        start = end + 1;
    }
    return false;
}

bool PageListModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &) const
{
    return data && data->hasFormat(QString::fromLatin1(kMimeType));
}

bool PageListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    QList<qint64> ids;
    QDataStream in(data->data(QString::fromLatin1(kMimeType)));
    while (!in.atEnd()) {
        qint64 id = 0;
        in >> id;
        ids << id;
    }
    if (ids.isEmpty())
        return false;
    // Dropped onto an item: a page goes before it, a header means the start of its component.
    if (row < 0 && parent.isValid())
        row = parent.data(IsHeaderRole).toBool() ? parent.row() + 1 : parent.row();
    qint64 componentId = 0;
    int position = 0;
    if (!placeAt(row, &componentId, &position))
        return false;
    Q_EMIT moveRequested(ids, componentId, position);
    return false; // the store moves the pages; the view must not remove anything itself
}

} // namespace sohoa::gui
