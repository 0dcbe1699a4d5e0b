#include "core/dossier/DossierPagesModel.h"

#include "core/common/CoreLogging.h"
#include "core/dossier/StoreNotifier.h"

#include <QCoreApplication>

namespace sohoa {

namespace {

// Component rows carry 0 as internal id; page rows carry their component's id (never 0 in SQLite).
constexpr quintptr kComponentRow = 0;

} // namespace

DossierPagesModel::DossierPagesModel(DossierStore &store, qint64 dossierId, View view, QObject *parent)
    : QAbstractItemModel(parent), m_store(store), m_dossierId(dossierId), m_view(view)
{
    StoreNotifier *n = store.notifier();
    connect(n, &StoreNotifier::componentAdded, this, &DossierPagesModel::onComponentAdded);
    connect(n, &StoreNotifier::pageAdded, this, &DossierPagesModel::onPageAdded);
    connect(n, &StoreNotifier::pageMoved, this, &DossierPagesModel::onPageMoved);
    connect(n, &StoreNotifier::pageRotated, this, &DossierPagesModel::onPageRotated);
    connect(n, &StoreNotifier::pageUpdated, this, &DossierPagesModel::onPageUpdated);
    connect(n, &StoreNotifier::pageDeleted, this, &DossierPagesModel::onPageDeleted);
    connect(n, &StoreNotifier::pageRestored, this, &DossierPagesModel::onPageRestored);
    connect(n, &StoreNotifier::changedElsewhere, this, &DossierPagesModel::onChangedElsewhere);
    (void)reload();
}

Result<QList<DossierPagesModel::ComponentNode>> DossierPagesModel::readNodes() const
{
    QList<ComponentNode> nodes;
    auto components = m_store.components(m_dossierId);
    if (!components)
        return components.error();
    for (const ComponentInfo &c : components.value()) {
        auto pages = m_view == View::VisiblePages ? m_store.pages(c.id) : m_store.deletedPages(c.id);
        if (!pages)
            return pages.error();
        nodes.append({c, pages.value()});
    }
    return nodes;
}

Result<void> DossierPagesModel::reload()
{
    auto nodes = readNodes();
    beginResetModel();
    m_components = nodes ? nodes.value() : QList<ComponentNode>();
    endResetModel();
    if (!nodes)
        return nodes.error();
    return {};
}

namespace {

bool sameComponent(const ComponentInfo &a, const ComponentInfo &b)
{
    return a.id == b.id && a.dossierId == b.dossierId && a.name == b.name && a.position == b.position;
}

// Everything a row shows or a role returns.
bool samePage(const PageRecord &a, const PageRecord &b)
{
    return a.id == b.id && a.componentId == b.componentId && a.position == b.position && a.rotation == b.rotation &&
           a.deleted == b.deleted && a.deletedAt == b.deletedAt && a.relativePath == b.relativePath &&
           a.sha256 == b.sha256 && a.size == b.size && a.width == b.width && a.height == b.height && a.dpi == b.dpi &&
           a.format == b.format && a.mode == b.mode && a.bitDepth == b.bitDepth &&
           a.cleanup.present == b.cleanup.present && a.cleanup.blank == b.cleanup.blank &&
           a.cleanup.blankReview == b.cleanup.blankReview && a.cleanup.sha256 == b.cleanup.sha256 &&
           a.cleanup.absolutePath == b.cleanup.absolutePath && a.cleanup.operations == b.cleanup.operations;
}

QVariant blankState(const PageCleanupRecord &c)
{
    using S = DossierPagesModel::BlankState;
    return int(!c.blank ? S::NotBlank : c.awaitsBlankReview() ? S::AwaitsReview : S::Kept); // as an int: views compare
}

// The roles a cleanup (or a blank review) changes.
const QList<int> kCleanupRoles{DossierPagesModel::BlankRole,         DossierPagesModel::CleanedImageRole,
                               DossierPagesModel::CleanedSha256Role, DossierPagesModel::CleanedSizeRole,
                               DossierPagesModel::SkewCorrectedRole, DossierPagesModel::RotatedRole,
                               DossierPagesModel::InkPercentRole,    DossierPagesModel::CleanupOperationsRole};

} // namespace

Result<void> DossierPagesModel::refresh()
{
    auto nodes = readNodes();
    if (!nodes)
        return reload(); // empty, with the error
    // Same components and pages in the same places: only values may differ, rows stay (and the selection).
    bool sameShape = nodes->size() == m_components.size();
    for (int c = 0; sameShape && c < nodes->size(); ++c) {
        const ComponentNode &now = nodes->at(c);
        const ComponentNode &held = m_components.at(c);
        sameShape = now.info.id == held.info.id && now.pages.size() == held.pages.size();
        for (int r = 0; sameShape && r < now.pages.size(); ++r)
            sameShape = now.pages.at(r).id == held.pages.at(r).id;
    }
    if (!sameShape) {
        beginResetModel();
        m_components = nodes.value();
        endResetModel();
        return {};
    }
    for (int c = 0; c < nodes->size(); ++c) {
        ComponentNode &held = m_components[c];
        const ComponentNode &now = nodes->at(c);
        if (!sameComponent(held.info, now.info)) {
            held.info = now.info;
            const QModelIndex row = createIndex(c, 0, kComponentRow);
            emit dataChanged(row, row);
        }
        for (int r = 0; r < now.pages.size(); ++r) {
            if (samePage(held.pages.at(r), now.pages.at(r)))
                continue;
            held.pages[r] = now.pages.at(r);
            const QModelIndex row = createIndex(r, 0, quintptr(held.info.id));
            emit dataChanged(row, row);
        }
    }
    return {};
}

void DossierPagesModel::onChangedElsewhere(const QList<qint64> &dossierIds, bool wholeStore)
{
    if (wholeStore || dossierIds.contains(m_dossierId))
        (void)refresh();
}

void DossierPagesModel::resync(const char *why)
{
    qCWarning(lcCore) << "pages model of dossier" << m_dossierId << "reloaded:" << why;
    (void)reload();
}

int DossierPagesModel::componentRow(qint64 componentId) const
{
    for (int row = 0; row < m_components.size(); ++row) {
        if (m_components.at(row).info.id == componentId)
            return row;
    }
    return -1;
}

int DossierPagesModel::pageRow(int componentRow, qint64 pageId) const
{
    const QList<PageRecord> &pages = m_components.at(componentRow).pages;
    for (int row = 0; row < pages.size(); ++row) {
        if (pages.at(row).id == pageId)
            return row;
    }
    return -1;
}

QModelIndex DossierPagesModel::componentIndex(qint64 componentId) const
{
    const int row = componentRow(componentId);
    return row < 0 ? QModelIndex() : createIndex(row, 0, kComponentRow);
}

QModelIndex DossierPagesModel::pageIndex(qint64 pageId) const
{
    for (int c = 0; c < m_components.size(); ++c) {
        if (const int row = pageRow(c, pageId); row >= 0)
            return createIndex(row, 0, quintptr(m_components.at(c).info.id));
    }
    return {};
}

QModelIndex DossierPagesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kComponentRow);
    return createIndex(row, column, quintptr(m_components.at(parent.row()).info.id));
}

QModelIndex DossierPagesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kComponentRow)
        return {};
    const int row = componentRow(qint64(child.internalId()));
    return row < 0 ? QModelIndex() : createIndex(row, 0, kComponentRow);
}

int DossierPagesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_components.size());
    if (parent.column() != 0 || parent.internalId() != kComponentRow)
        return 0;
    return int(m_components.at(parent.row()).pages.size());
}

int DossierPagesModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant DossierPagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isPage = index.internalId() != kComponentRow;
    const ComponentNode &node = m_components.at(isPage ? componentRow(qint64(index.internalId())) : index.row());
    switch (role) {
    case IsPageRole:
        return isPage;
    case ComponentIdRole:
        return node.info.id;
    case ComponentNameRole:
        return node.info.name;
    case PageCountRole:
        return isPage ? QVariant() : QVariant(int(node.pages.size()));
    default:
        break;
    }
    if (!isPage)
        return role == Qt::DisplayRole ? QVariant(node.info.name) : QVariant();
    const PageRecord &p = node.pages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QCoreApplication::translate("DossierPagesModel", "Page %1").arg(p.position);
    case PageIdRole:
        return p.id;
    case PositionRole:
        return p.position;
    case RotationRole:
        return p.rotation;
    case PathRole:
        return p.absolutePath;
    case RelativePathRole:
        return p.relativePath;
    case Sha256Role:
        return p.sha256;
    case DpiRole:
        return p.dpi;
    case WidthRole:
        return p.width;
    case HeightRole:
        return p.height;
    case FileSizeRole:
        return p.size;
    case FormatRole:
        return p.format;
    case DeletedRole:
        return p.deleted;
    case DeletedAtRole:
        return p.deletedAt;
    case BlankRole:
        return blankState(p.cleanup);
    case CleanedImageRole:
        return p.cleanup.hasImage() ? p.cleanup.absolutePath : QString();
    case CleanedSha256Role:
        return p.cleanup.hasImage() ? p.cleanup.sha256 : QString();
    case CleanedSizeRole:
        return p.cleanup.hasImage() ? p.cleanup.size : qint64(0);
    case SkewCorrectedRole:
        return p.cleanup.skewCorrectedDeg;
    case RotatedRole:
        return p.cleanup.rotatedDeg;
    case InkPercentRole:
        return p.cleanup.inkPercent;
    case CleanupOperationsRole:
        return p.cleanup.operations;
    default:
        return {};
    }
}

QHash<int, QByteArray> DossierPagesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{IsPageRole, "isPage"},
                  {ComponentIdRole, "componentId"},
                  {ComponentNameRole, "componentName"},
                  {PageCountRole, "pageCount"},
                  {PageIdRole, "pageId"},
                  {PositionRole, "position"},
                  {RotationRole, "rotation"},
                  {PathRole, "path"},
                  {RelativePathRole, "relativePath"},
                  {Sha256Role, "sha256"},
                  {DpiRole, "dpi"},
                  {WidthRole, "width"},
                  {HeightRole, "height"},
                  {FileSizeRole, "fileSize"},
                  {FormatRole, "format"},
                  {DeletedRole, "deleted"},
                  {DeletedAtRole, "deletedAt"},
                  {BlankRole, "blank"},
                  {CleanedImageRole, "cleanedImage"},
                  {CleanedSha256Role, "cleanedSha256"},
                  {CleanedSizeRole, "cleanedSize"},
                  {SkewCorrectedRole, "skewCorrected"},
                  {RotatedRole, "rotated"},
                  {InkPercentRole, "inkPercent"},
                  {CleanupOperationsRole, "cleanupOperations"}});
    return names;
}

void DossierPagesModel::insertPage(int componentRow, int row, const PageRecord &page)
{
    beginInsertRows(createIndex(componentRow, 0, kComponentRow), row, row);
    m_components[componentRow].pages.insert(row, page);
    endInsertRows();
    renumber(componentRow, row + 1);
}

void DossierPagesModel::removePage(int componentRow, int row)
{
    beginRemoveRows(createIndex(componentRow, 0, kComponentRow), row, row);
    m_components[componentRow].pages.removeAt(row);
    endRemoveRows();
    renumber(componentRow, row);
}

void DossierPagesModel::renumber(int componentRow, int fromRow)
{
    const QModelIndex component = createIndex(componentRow, 0, kComponentRow);
    emit dataChanged(component, component, {PageCountRole});
    // Deleted pages keep the position they had; only the visible order is contiguous.
    QList<PageRecord> &pages = m_components[componentRow].pages;
    if (m_view != View::VisiblePages || fromRow >= pages.size())
        return;
    for (int row = fromRow; row < pages.size(); ++row)
        pages[row].position = row + 1;
    const quintptr id = quintptr(m_components.at(componentRow).info.id);
    emit dataChanged(createIndex(fromRow, 0, id), createIndex(int(pages.size()) - 1, 0, id),
                     {Qt::DisplayRole, PositionRole});
}

void DossierPagesModel::onComponentAdded(const ComponentInfo &component)
{
    if (component.dossierId != m_dossierId || componentRow(component.id) >= 0)
        return;
    int row = 0;
    while (row < m_components.size() && m_components.at(row).info.position < component.position)
        ++row;
    beginInsertRows({}, row, row);
    m_components.insert(row, {component, {}});
    endInsertRows();
}

void DossierPagesModel::onPageAdded(const PageRecord &page)
{
    if (m_view != View::VisiblePages)
        return;
    const int c = componentRow(page.componentId);
    if (c < 0 || pageRow(c, page.id) >= 0) // another dossier, or already read by reload()
        return;
    const int row = page.position - 1;
    if (row < 0 || row > m_components.at(c).pages.size())
        return resync("page added outside the known order");
    insertPage(c, row, page);
}

void DossierPagesModel::onPageRestored(const PageRecord &page)
{
    if (m_view == View::VisiblePages)
        return onPageAdded(page);
    const int c = componentRow(page.componentId);
    if (c < 0)
        return;
    if (const int row = pageRow(c, page.id); row >= 0)
        removePage(c, row);
}

void DossierPagesModel::onPageDeleted(const PageRecord &page, int fromPosition)
{
    Q_UNUSED(fromPosition); // the row is found by id: robust to a reload between commit and signal
    const int c = componentRow(page.componentId);
    if (c < 0)
        return;
    const int row = pageRow(c, page.id);
    if (m_view == View::VisiblePages) {
        if (row >= 0)
            removePage(c, row);
    } else if (row < 0) {
        insertPage(c, int(m_components.at(c).pages.size()), page); // oldest deletion first
    }
}

void DossierPagesModel::onPageRotated(const PageRecord &page)
{
    replacePage(page, {RotationRole});
}

// Cleanup findings or a blank review: the row's values change in place (a page removed in the review
// comes as pageDeleted).
void DossierPagesModel::onPageUpdated(const PageRecord &page)
{
    replacePage(page, kCleanupRoles);
}

// The page's row, where the model shows it, takes the new record; views hear of `roles`.
void DossierPagesModel::replacePage(const PageRecord &page, const QList<int> &roles)
{
    const int c = componentRow(page.componentId);
    if (c < 0)
        return;
    const int row = pageRow(c, page.id);
    if (row < 0)
        return;
    m_components[c].pages[row] = page;
    const QModelIndex changed = createIndex(row, 0, quintptr(page.componentId));
    emit dataChanged(changed, changed, roles);
}

void DossierPagesModel::onPageMoved(const PageRecord &page, qint64 fromComponentId, int fromPosition)
{
    Q_UNUSED(fromPosition);
    if (m_view != View::VisiblePages)
        return;
    const int from = componentRow(fromComponentId);
    const int to = componentRow(page.componentId);
    if (from < 0 || to < 0)
        return;
    const int row = pageRow(from, page.id);
    const int target = page.position - 1;
    if (row < 0) {
        if (pageRow(to, page.id) == target) // read by reload() after the move
            return;
        return resync("moved page not found");
    }
    QList<PageRecord> &source = m_components[from].pages;
    const int limit = int(m_components.at(to).pages.size()) - (from == to ? 1 : 0);
    if (target < 0 || target > limit)
        return resync("page moved outside the known order");
    if (from == to && row == target) {
        source[row] = page;
        return;
    }
    const QModelIndex sourceParent = createIndex(from, 0, kComponentRow);
    const QModelIndex targetParent = createIndex(to, 0, kComponentRow);
    // Within one parent, beginMoveRows wants the row the page goes BEFORE, counted before the move.
    const int destination = from == to && target > row ? target + 1 : target;
    beginMoveRows(sourceParent, row, row, targetParent, destination);
    source.removeAt(row);
    m_components[to].pages.insert(target, page);
    endMoveRows();
    renumber(from, std::min(row, from == to ? target : row));
    if (from != to)
        renumber(to, target);
}

} // namespace sohoa
