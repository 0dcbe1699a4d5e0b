#pragma once

#include <QHash>
#include <QStyledItemDelegate>

class QListView;

namespace sohoa::gui {

class PageThumbnails;

// Paints the page grid: a thumbnail card per page (turned as the user rotated it, with its number in
// the dossier) and a full-width header per component (name, "N pages", whether the officer
// confirmed that count against the paper). A cleaned page shows its cleaned image; a page flagged
// blank and awaiting review carries an amber "Blank?" tag, a kept one says so under it.
class PageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    PageDelegate(PageThumbnails *thumbnails, QListView *view);

    // componentId → the page count the officer confirmed (absent: not confirmed).
    void setConfirmed(const QHash<qint64, int> &confirmed) { m_confirmed = confirmed; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintPage(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintBlankBadge(QPainter *painter, const QStyleOptionViewItem &option, const QRect &card) const;

    PageThumbnails *m_thumbnails;
    QListView *m_view;
    QHash<qint64, int> m_confirmed;
};

} // namespace sohoa::gui
