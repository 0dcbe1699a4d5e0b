#pragma once

#include "core/dossier/DossierStore.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;

namespace sohoa::gui {

class PreviewPane;

// "Review blank pages" (Ctrl+K): the pages of a dossier that cleanup flagged blank, one at a time and
// large, each answered with one key: K or Space keeps it (DossierStore::reviewBlankPage(id, true)),
// Delete or R removes it (a soft delete, restorable from "Deleted"). Arrows move without answering, O
// shows the page as scanned, Esc closes. Nothing is removed without a key press; after an answer the
// next page not yet answered comes up, and when none is left the dialog says so.
class BlankReviewDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Answer
    {
        Open,
        Kept,
        Removed,
    };
    Q_ENUM(Answer)

    BlankReviewDialog(DossierStore &store, qint64 dossierId, QWidget *parent = nullptr);

    int count() const { return int(m_items.size()); }
    int current() const { return m_current; } // 0-based; -1 when there is nothing to review
    qint64 currentPageId() const;
    Answer answer(int item) const { return m_items.at(item).answer; }
    int openCount() const;
    bool allReviewed() const { return !m_items.isEmpty() && openCount() == 0; }
    QString statusText() const;
    PreviewPane *preview() const { return m_preview; }

    void keep();
    void remove();
    void step(int delta);

Q_SIGNALS:
    // A page was kept or removed (the store has it already).
    void reviewed(qint64 pageId, bool kept);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Item
    {
        PageRecord page;
        QString component;
        int pageInDossier = 0; // 1-based, as the grid numbers it
        Answer answer = Answer::Open;
    };

    void load(qint64 dossierId);
    void answerCurrent(bool keep);
    void showCurrent();

    DossierStore &m_store;
    QList<Item> m_items;
    int m_current = -1;
    bool m_shown = false;
    QLabel *m_counter;
    QLabel *m_details;
    QLabel *m_status;
    PreviewPane *m_preview;
    QPushButton *m_keep;
    QPushButton *m_remove;
    QPushButton *m_previous;
    QPushButton *m_next;
};

} // namespace sohoa::gui
