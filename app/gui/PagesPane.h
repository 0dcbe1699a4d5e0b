#pragma once

#include "core/common/Error.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QLabel;
class QMenu;
class QListView;
class QToolButton;
class QUndoCommand;
class QUndoStack;

namespace sohoa {
class DossierStore;
class DossierPagesModel;
struct PageRecord;
} // namespace sohoa

namespace sohoa::gui {

class PageDelegate;
class PageListModel;
class PageThumbnails;

// The middle pane: the pages of the chosen dossier as thumbnails grouped by component. Page edits
// (drag, rotate, delete, move, restore) are pushed as the store's audited commands onto the window's
// undo stack; the grid follows the store's notifications, so it shows what is on disk.
class PagesPane : public QWidget
{
    Q_OBJECT
public:
    PagesPane(QUndoStack *undoStack, QWidget *parent = nullptr);
    ~PagesPane() override;

    // The store and its thumbnails (null: nothing shown). Clears the dossier.
    void setStore(DossierStore *store, PageThumbnails *thumbnails);
    void setDossier(qint64 dossierId); // 0: none
    qint64 dossierId() const { return m_dossierId; }

    QListView *view() const { return m_view; }
    PageListModel *model() const { return m_list.get(); }

    // The component the next scan goes into: the current item's (a header or a page), else the first.
    qint64 currentComponentId() const;
    QString currentComponentName() const;
    // The current page (0 when the current item is a header or nothing) and its 1-based position.
    qint64 currentPageId() const;
    int currentPosition() const;
    QList<qint64> selectedPageIds() const; // in grid order
    int pageCount(qint64 componentId) const;
    int componentCount() const;
    qint64 componentIdAt(int index) const; // 0-based among components

    void selectPage(qint64 pageId);
    void selectComponent(qint64 componentId);
    // Ctrl+PgDown / Ctrl+PgUp: the next / previous component's header.
    void stepComponent(int delta);

    // The page operations (on the selection; each is one undo step).
    void rotateSelected(int degrees);
    void deleteSelected();
    void moveSelected(int delta); // Alt+Up / Alt+Down: one place earlier / later (across components)
    void moveSelectedToComponent(qint64 componentId);
    void movePages(const QList<qint64> &pageIds, qint64 componentId, int position);
    void restorePage(qint64 pageId);
    QList<PageRecord> deletedPages() const;

    // Pages flagged blank by cleanup that nobody has kept or removed yet, in grid order.
    QList<qint64> blankPagesToReview() const;
    // What the page view shows for the current page besides its file: the cleaned image (empty: none)
    // and a line on what cleanup did and found.
    QString currentCleanedPath() const;
    QString currentCleanupNote() const;
    void setConfirmed(qint64 componentId, int pages);
    QHash<qint64, int> confirmed() const { return m_confirmed; }

Q_SIGNALS:
    void currentPageChanged(const QString &path, int rotation, qint64 pageId);
    void failed(const sohoa::Error &error);
    void contentChanged();
    // The "N blank pages to review" button was pressed.
    void blankReviewRequested();

private:
    void updateTitle();
    void fillDeletedMenu(QMenu *menu);
    void loadConfirmations();
    void pushCommand(QUndoCommand *command);

    QUndoStack *m_undo;
    DossierStore *m_store = nullptr;
    PageThumbnails *m_thumbnails = nullptr;
    qint64 m_dossierId = 0;
    QString m_code; // of the dossier shown
    std::unique_ptr<DossierPagesModel> m_pages;
    std::unique_ptr<PageListModel> m_list;
    QLabel *m_title;
    QToolButton *m_deletedButton;
    QToolButton *m_blankButton;
    QListView *m_view;
    PageDelegate *m_delegate = nullptr;
    QHash<qint64, int> m_confirmed;
};

} // namespace sohoa::gui
