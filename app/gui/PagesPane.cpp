#include "app/gui/PagesPane.h"

#include "app/gui/Icons.h"
#include "app/gui/PageDelegate.h"
#include "app/gui/PageListModel.h"
#include "app/gui/PageThumbnails.h"
#include "core/dossier/DossierPagesModel.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/PageCommands.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace sohoa::gui {

PagesPane::PagesPane(QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent), m_undo(undoStack), m_list(std::make_unique<PageListModel>()), m_title(new QLabel(this)),
      m_deletedButton(new QToolButton(this)), m_blankButton(new QToolButton(this)), m_view(new QListView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_title->setObjectName(QStringLiteral("pagesTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    m_title->setFont(f);
    top->addWidget(m_title, 1);
    m_deletedButton->setObjectName(QStringLiteral("deletedPages"));
    m_deletedButton->setIcon(Icons::get(QStringLiteral("restore")));
    m_deletedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_deletedButton->setPopupMode(QToolButton::InstantPopup);
    m_deletedButton->setToolTip(tr("Deleted pages stay in the store and can be put back"));
    auto *deletedMenu = new QMenu(m_deletedButton);
    m_deletedButton->setMenu(deletedMenu);
    connect(deletedMenu, &QMenu::aboutToShow, this, [this, deletedMenu] { fillDeletedMenu(deletedMenu); });
    top->addWidget(m_deletedButton);
    m_blankButton->setObjectName(QStringLiteral("blankPages"));
    m_blankButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_blankButton->setStyleSheet(QStringLiteral("QToolButton { color: #e65100; font-weight: bold; }"));
    m_blankButton->setToolTip(tr("Look at each page flagged blank: keep it or remove it (Ctrl+K)"));
    m_blankButton->hide();
    connect(m_blankButton, &QToolButton::clicked, this, &PagesPane::blankReviewRequested);
    top->addWidget(m_blankButton);
    layout->addLayout(top);

    m_view->setObjectName(QStringLiteral("pageGrid"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setFlow(QListView::LeftToRight);
    m_view->setWrapping(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Snap);
    m_view->setSpacing(4);
    m_view->setUniformItemSizes(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setModel(m_list.get());
    m_view->setAccessibleName(tr("Pages of the dossier"));
    layout->addWidget(m_view, 1);

    connect(m_list.get(), &PageListModel::moveRequested, this, &PagesPane::movePages);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid() || current.data(PageListModel::IsHeaderRole).toBool()) {
            Q_EMIT currentPageChanged({}, 0, 0);
            return;
        }
        Q_EMIT currentPageChanged(current.data(DossierPagesModel::PathRole).toString(),
                                  current.data(DossierPagesModel::RotationRole).toInt(),
                                  current.data(DossierPagesModel::PageIdRole).toLongLong());
    });
    // A rotation or a cleanup of the current page shows in the preview at once; a blank review changes
    // what is left to review.
    connect(m_list.get(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &a, const QModelIndex &b, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(DossierPagesModel::BlankRole)) {
                    updateTitle();
                    Q_EMIT contentChanged();
                }
                const QModelIndex current = m_view->currentIndex();
                if (current.isValid() && current.row() >= a.row() && current.row() <= b.row() &&
                    !current.data(PageListModel::IsHeaderRole).toBool())
                    Q_EMIT currentPageChanged(current.data(DossierPagesModel::PathRole).toString(),
                                              current.data(DossierPagesModel::RotationRole).toInt(),
                                              current.data(DossierPagesModel::PageIdRole).toLongLong());
            });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_list.get(), signal, this, [this] {
            updateTitle();
            Q_EMIT contentChanged();
        });
    connect(m_list.get(), &QAbstractItemModel::rowsMoved, this, [this] { Q_EMIT contentChanged(); });
    connect(m_list.get(), &QAbstractItemModel::modelReset, this, [this] {
        updateTitle();
        Q_EMIT contentChanged();
    });
    updateTitle();
}

PagesPane::~PagesPane()
{
    m_view->setModel(nullptr);
}

void PagesPane::setStore(DossierStore *store, PageThumbnails *thumbnails)
{
    setDossier(0);
    m_store = store;
    m_thumbnails = thumbnails;
    delete m_delegate;
    m_delegate = nullptr;
    if (thumbnails) {
        m_delegate = new PageDelegate(thumbnails, m_view);
        m_view->setItemDelegate(m_delegate);
        connect(thumbnails, &PageThumbnails::ready, m_view->viewport(), qOverload<>(&QWidget::update));
    }
}

void PagesPane::setDossier(qint64 dossierId)
{
    if (m_thumbnails)
        m_thumbnails->cancelPending();
    m_list->setSourceModel(nullptr);
    m_pages.reset();
    m_dossierId = m_store ? dossierId : 0;
    m_code.clear();
    if (m_dossierId) {
        if (auto dossier = m_store->dossierById(m_dossierId))
            m_code = dossier.value().code;
        m_pages = std::make_unique<DossierPagesModel>(*m_store, m_dossierId);
        if (auto loaded = m_pages->reload(); !loaded)
            Q_EMIT failed(loaded.error());
        m_list->setSourceModel(m_pages.get());
        loadConfirmations();
        if (m_list->rowCount() > 0)
            m_view->setCurrentIndex(m_list->index(0));
    }
    updateTitle();
    Q_EMIT contentChanged();
}

void PagesPane::loadConfirmations()
{
    // The latest "pages-confirmed" entry per component, from the audit log.
    m_confirmed.clear();
    if (!m_store || !m_dossierId)
        return;
    auto log = m_store->auditLog(m_dossierId);
    if (!log)
        return;
    for (const AuditEntry &e : log.value()) {
        if (e.action != u"pages-confirmed")
            continue;
        const QJsonObject o = QJsonDocument::fromJson(e.detail.toUtf8()).object();
        auto component = m_store->component(m_dossierId, o.value(QStringLiteral("component")).toString());
        if (component)
            m_confirmed.insert(component.value().id, o.value(QStringLiteral("pages")).toInt());
    }
    if (m_delegate)
        m_delegate->setConfirmed(m_confirmed);
}

void PagesPane::setConfirmed(qint64 componentId, int pages)
{
    m_confirmed.insert(componentId, pages);
    if (m_delegate)
        m_delegate->setConfirmed(m_confirmed);
    m_view->viewport()->update();
}

void PagesPane::updateTitle()
{
    if (!m_pages) {
        m_title->setText(tr("No dossier chosen"));
        m_deletedButton->hide();
        return;
    }
    int pages = 0;
    for (int c = 0; c < m_pages->rowCount(); ++c)
        pages += m_pages->rowCount(m_pages->index(c, 0));
    m_title->setText(tr("%1 — %n page(s)", nullptr, pages).arg(m_code));
    // Called for every page a scan adds: only the count here; the menu is filled when it opens.
    const qsizetype deleted = deletedPages().size();
    m_deletedButton->setVisible(deleted > 0);
    m_deletedButton->setText(tr("Deleted (%1)").arg(deleted));
    const int blank = int(blankPagesToReview().size());
    m_blankButton->setVisible(blank > 0);
    m_blankButton->setText(tr("%n blank page(s) to review", nullptr, blank));
}

QList<qint64> PagesPane::blankPagesToReview() const
{
    QList<qint64> ids;
    if (!m_pages)
        return ids;
    for (int c = 0; c < m_pages->rowCount(); ++c) {
        const QModelIndex component = m_pages->index(c, 0);
        for (int r = 0; r < m_pages->rowCount(component); ++r) {
            const QModelIndex page = m_pages->index(r, 0, component);
            if (DossierPagesModel::BlankState(page.data(DossierPagesModel::BlankRole).toInt()) ==
                DossierPagesModel::BlankState::AwaitsReview)
                ids << page.data(DossierPagesModel::PageIdRole).toLongLong();
        }
    }
    return ids;
}

QString PagesPane::currentCleanedPath() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(PageListModel::IsHeaderRole).toBool())
        return {};
    return current.data(DossierPagesModel::CleanedImageRole).toString();
}

QString PagesPane::currentCleanupNote() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(PageListModel::IsHeaderRole).toBool())
        return {};
    QStringList parts;
    const QStringList operations = current.data(DossierPagesModel::CleanupOperationsRole).toStringList();
    if (!operations.isEmpty())
        parts << tr("Cleaned up: %1").arg(operations.join(QStringLiteral(", ")));
    const double ink = current.data(DossierPagesModel::InkPercentRole).toDouble();
    switch (DossierPagesModel::BlankState(current.data(DossierPagesModel::BlankRole).toInt())) {
    case DossierPagesModel::BlankState::AwaitsReview:
        parts << tr("Looks blank (ink %1 %): review it with Ctrl+K").arg(QLocale().toString(ink, 'f', 2));
        break;
    case DossierPagesModel::BlankState::Kept:
        parts << tr("Looks blank, kept after review");
        break;
    case DossierPagesModel::BlankState::NotBlank:
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

void PagesPane::fillDeletedMenu(QMenu *menu)
{
    menu->clear();
    for (const PageRecord &p : deletedPages()) {
        auto component = m_store->componentById(p.componentId);
        QAction *a = menu->addAction(Icons::get(QStringLiteral("restore")),
                                     tr("Restore page %1 of %2 (deleted %3)")
                                         .arg(p.position)
                                         .arg(component ? component.value().name : QString())
                                         .arg(QLocale().toString(p.deletedAt.toLocalTime(), QLocale::ShortFormat)));
        connect(a, &QAction::triggered, this, [this, id = p.id] { restorePage(id); });
    }
}

qint64 PagesPane::currentComponentId() const
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        return current.data(DossierPagesModel::ComponentIdRole).toLongLong();
    return componentIdAt(0);
}

QString PagesPane::currentComponentName() const
{
    const qint64 id = currentComponentId();
    if (!m_store || !id)
        return {};
    auto c = m_store->componentById(id);
    return c ? c.value().name : QString();
}

qint64 PagesPane::currentPageId() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(PageListModel::IsHeaderRole).toBool())
        return 0;
    return current.data(DossierPagesModel::PageIdRole).toLongLong();
}

int PagesPane::currentPosition() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(PageListModel::IsHeaderRole).toBool())
        return 0;
    return current.data(DossierPagesModel::PositionRole).toInt();
}

QList<qint64> PagesPane::selectedPageIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &i : std::as_const(rows)) {
        if (!i.data(PageListModel::IsHeaderRole).toBool())
            ids << i.data(DossierPagesModel::PageIdRole).toLongLong();
    }
    if (ids.isEmpty() && currentPageId())
        ids << currentPageId();
    return ids;
}

int PagesPane::pageCount(qint64 componentId) const
{
    if (!m_pages)
        return 0;
    return m_pages->rowCount(m_pages->componentIndex(componentId));
}

int PagesPane::componentCount() const
{
    return m_pages ? m_pages->rowCount() : 0;
}

qint64 PagesPane::componentIdAt(int index) const
{
    if (!m_pages || index < 0 || index >= m_pages->rowCount())
        return 0;
    return m_pages->data(m_pages->index(index, 0), DossierPagesModel::ComponentIdRole).toLongLong();
}

void PagesPane::selectPage(qint64 pageId)
{
    if (!m_pages)
        return;
    const QModelIndex i = m_list->mapFromSource(m_pages->pageIndex(pageId));
    if (!i.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(i);
}

void PagesPane::selectComponent(qint64 componentId)
{
    if (!m_pages)
        return;
    const QModelIndex i = m_list->mapFromSource(m_pages->componentIndex(componentId));
    if (!i.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::Clear);
    m_view->scrollTo(i);
}

void PagesPane::stepComponent(int delta)
{
    const int count = componentCount();
    if (!count)
        return;
    int at = 0;
    for (int c = 0; c < count; ++c) {
        if (componentIdAt(c) == currentComponentId())
            at = c;
    }
    selectComponent(componentIdAt(std::clamp(at + delta, 0, count - 1)));
}

void PagesPane::pushCommand(QUndoCommand *command)
{
    m_undo->push(command);
}

namespace {
template <typename Command, typename... Args> Command *makeCommand(PagesPane *pane, Args &&...args)
{
    auto *command = new Command(std::forward<Args>(args)...);
    command->onError([pane](const Error &e) { Q_EMIT pane->failed(e); });
    return command;
}
} // namespace

void PagesPane::rotateSelected(int degrees)
{
    const QList<qint64> ids = selectedPageIds();
    if (!m_store || ids.isEmpty())
        return;
    m_undo->beginMacro(degrees == 90 ? tr("Rotate right") : tr("Rotate left"));
    for (qint64 id : ids)
        pushCommand(makeCommand<RotatePageCommand>(this, *m_store, id, (degrees + 360) % 360));
    m_undo->endMacro();
}

void PagesPane::deleteSelected()
{
    const QList<qint64> ids = selectedPageIds();
    if (!m_store || ids.isEmpty())
        return;
    // The page after the last deleted one becomes current, so Delete can be pressed again.
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? current.row() : 0;
    m_undo->beginMacro(tr("Delete %n page(s)", nullptr, int(ids.size())));
    for (qint64 id : ids)
        pushCommand(makeCommand<DeletePageCommand>(this, *m_store, id));
    m_undo->endMacro();
    const int next = std::min(row, m_list->rowCount() - 1);
    if (next >= 0)
        m_view->selectionModel()->setCurrentIndex(m_list->index(next), QItemSelectionModel::ClearAndSelect);
    updateTitle();
}

void PagesPane::restorePage(qint64 pageId)
{
    if (!m_store)
        return;
    pushCommand(makeCommand<RestorePageCommand>(this, *m_store, pageId));
    updateTitle();
    selectPage(pageId);
}

QList<PageRecord> PagesPane::deletedPages() const
{
    QList<PageRecord> all;
    if (!m_store || !m_dossierId)
        return all;
    auto components = m_store->components(m_dossierId);
    if (!components)
        return all;
    for (const ComponentInfo &c : components.value()) {
        if (auto deleted = m_store->deletedPages(c.id); deleted)
            all += deleted.value();
    }
    return all;
}

void PagesPane::movePages(const QList<qint64> &pageIds, qint64 componentId, int position)
{
    if (!m_store || pageIds.isEmpty())
        return;
    m_undo->beginMacro(tr("Move %n page(s)", nullptr, int(pageIds.size())));
    int target = position;
    for (qint64 id : pageIds) {
        auto page = m_store->page(id);
        if (!page)
            continue;
        int to = target;
        // Positions count the page itself: taking it out first shifts later places up by one.
        if (page.value().componentId == componentId && page.value().position < to)
            --to;
        to = std::max(to, 1);
        const int count = pageCount(componentId);
        to = std::min(to, page.value().componentId == componentId ? count : count + 1);
        pushCommand(makeCommand<MovePageCommand>(this, *m_store, id, componentId, to));
        target = to + 1;
    }
    m_undo->endMacro();
    selectPage(pageIds.first());
}

void PagesPane::moveSelected(int delta)
{
    const qint64 id = currentPageId();
    if (!m_store || !id)
        return;
    auto page = m_store->page(id);
    if (!page)
        return;
    const qint64 component = page.value().componentId;
    const int position = page.value().position;
    int index = 0;
    for (int c = 0; c < componentCount(); ++c) {
        if (componentIdAt(c) == component)
            index = c;
    }
    if (delta < 0) {
        if (position > 1)
            return movePages({id}, component, position - 1);
        if (index > 0)
            return movePages({id}, componentIdAt(index - 1), pageCount(componentIdAt(index - 1)) + 1);
    } else {
        if (position < pageCount(component))
            return movePages({id}, component, position + 2);
        if (index + 1 < componentCount())
            return movePages({id}, componentIdAt(index + 1), 1);
    }
}

void PagesPane::moveSelectedToComponent(qint64 componentId)
{
    movePages(selectedPageIds(), componentId, pageCount(componentId) + 1);
}

} // namespace sohoa::gui
