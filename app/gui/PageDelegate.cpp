#include "app/gui/PageDelegate.h"

#include "app/gui/PageListModel.h"
#include "app/gui/PageThumbnails.h"
#include "core/dossier/DossierPagesModel.h"

#include <QApplication>
#include <QListView>
#include <QPainter>

namespace sohoa::gui {

namespace {
constexpr int kCardWidth = PageThumbnails::kSide + 16;
constexpr int kCardHeight = PageThumbnails::kSide + 34;
constexpr int kHeaderHeight = 30;
} // namespace

PageDelegate::PageDelegate(PageThumbnails *thumbnails, QListView *view)
    : QStyledItemDelegate(view), m_thumbnails(thumbnails), m_view(view)
{
}

QSize PageDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &index) const
{
    if (index.data(PageListModel::IsHeaderRole).toBool()) {
        // As wide as the grid, so each component starts a new line of thumbnails.
        const int width = m_view->viewport()->width() - 2 * m_view->spacing() - 2;
        return {std::max(width, kCardWidth), kHeaderHeight};
    }
    return {kCardWidth, kCardHeight};
}

void PageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->setRenderHint(QPainter::Antialiasing);
    if (index.data(PageListModel::IsHeaderRole).toBool())
        paintHeader(painter, option, index);
    else
        paintPage(painter, option, index);
    painter->restore();
}

void PageDelegate::paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QRect r = option.rect.adjusted(0, 2, 0, -2);
    const bool current = option.state & QStyle::State_HasFocus;
    painter->setPen(current ? option.palette.highlight().color() : QColor(0xb0, 0xbe, 0xc5));
    painter->setBrush(QColor(0xec, 0xef, 0xf1));
    painter->drawRoundedRect(r, 4, 4);
    const QString name = index.data(DossierPagesModel::ComponentNameRole).toString();
    const int pages = index.data(DossierPagesModel::PageCountRole).toInt();
    const qint64 componentId = index.data(DossierPagesModel::ComponentIdRole).toLongLong();
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.text().color());
    const QRect textRect = r.adjusted(10, 0, -10, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, name);
    painter->setFont(option.font);
    QString count = tr("%n page(s)", nullptr, pages);
    QColor countColour = option.palette.text().color();
    if (const auto it = m_confirmed.constFind(componentId); it != m_confirmed.constEnd()) {
        if (*it == pages) {
            count = tr("✓ %n page(s), matches the paper", nullptr, pages);
            countColour = QColor(0x2e, 0x7d, 0x32);
        } else {
            count = tr("%1 — changed since %2 were confirmed").arg(count).arg(*it);
            countColour = QColor(0xb2, 0x6a, 0x00);
        }
    }
    painter->setPen(countColour);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignRight, count);
}

void PageDelegate::paintPage(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QRect card = option.rect.adjusted(3, 3, -3, -3);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(selected ? QPen(option.palette.highlight().color(), 3) : QPen(QColor(0xcf, 0xd8, 0xdc), 1));
    painter->setBrush(selected ? option.palette.highlight().color().lighter(180) : QColor(Qt::white));
    painter->drawRoundedRect(card, 4, 4);
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(option.palette.highlight().color(), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(2, 2, -2, -2), 3, 3);
    }
    const QRect imageArea(card.left() + 5, card.top() + 5, card.width() - 10, PageThumbnails::kSide);
    // The cleaned image where cleanup made one (what the archival export uses), else the page as scanned.
    // The cache is keyed by the checksum of the file shown, so the two never mix.
    const QString cleaned = index.data(DossierPagesModel::CleanedImageRole).toString();
    const bool showCleaned = !cleaned.isEmpty();
    const QString shownSha =
        index.data(showCleaned ? DossierPagesModel::CleanedSha256Role : DossierPagesModel::Sha256Role).toString();
    const QImage thumb = m_thumbnails->get(
        showCleaned ? cleaned : index.data(DossierPagesModel::PathRole).toString(), shownSha,
        index.data(showCleaned ? DossierPagesModel::CleanedSizeRole : DossierPagesModel::FileSizeRole).toLongLong());
    const int rotation = index.data(DossierPagesModel::RotationRole).toInt();
    if (!thumb.isNull()) {
        const QImage turned = rotation ? thumb.transformed(QTransform().rotate(rotation)) : thumb;
        const QSize size = turned.size().scaled(imageArea.size(), Qt::KeepAspectRatio);
        const QRect target(imageArea.center().x() - size.width() / 2, imageArea.center().y() - size.height() / 2,
                           size.width(), size.height());
        painter->drawImage(target, turned);
        painter->setPen(QColor(0x90, 0xa4, 0xae));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(target);
    } else if (m_thumbnails->isFailed(shownSha)) {
        painter->setPen(QColor(0xc6, 0x28, 0x28));
        painter->drawText(imageArea, Qt::AlignCenter | Qt::TextWordWrap, tr("Page file missing or damaged:\nrescan it (Ctrl+F5)"));
    } else {
        painter->setPen(QColor(0x90, 0xa4, 0xae));
        painter->drawText(imageArea, Qt::AlignCenter, tr("…"));
    }
    const QRect label(card.left(), imageArea.bottom() + 2, card.width(), card.bottom() - imageArea.bottom() - 2);
    painter->setPen(option.palette.text().color());
    QString text = QString::number(index.data(PageListModel::PageNumberRole).toInt());
    if (rotation)
        text += QStringLiteral("  ↻%1°").arg(rotation);
    const auto blank = DossierPagesModel::BlankState(index.data(DossierPagesModel::BlankRole).toInt());
    if (blank == DossierPagesModel::BlankState::Kept)
        text += u"  " + tr("(blank, kept)");
    painter->drawText(label, Qt::AlignCenter, text);
    if (blank == DossierPagesModel::BlankState::AwaitsReview)
        paintBlankBadge(painter, option, card);
}

// A page flagged blank and not yet reviewed: an amber frame and a "Blank?" tag over the thumbnail, seen
// from across the desk; nothing happens to the page until someone answers in the review (Ctrl+K).
void PageDelegate::paintBlankBadge(QPainter *painter, const QStyleOptionViewItem &option, const QRect &card) const
{
    const QColor amber(0xef, 0x6c, 0x00);
    painter->setPen(QPen(amber, 2, Qt::DashLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(card.adjusted(1, 1, -1, -1), 4, 4);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    const QString tag = tr("Blank?");
    const QFontMetrics metrics(bold);
    const QRect badge(card.right() - metrics.horizontalAdvance(tag) - 18, card.top() + 8,
                      metrics.horizontalAdvance(tag) + 12, metrics.height() + 4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(amber);
    painter->drawRoundedRect(badge, 3, 3);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, tag);
    painter->setFont(option.font);
}

} // namespace sohoa::gui
