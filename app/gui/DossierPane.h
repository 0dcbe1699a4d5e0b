#pragma once

#include <QWidget>

#include <memory>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace sohoa {
class DossierStore;
class DossierListModel;
} // namespace sohoa

namespace sohoa::gui {

// The left pane: the store's dossiers, newest first, with a search field (Ctrl+F) that matches the
// code, the applicant and the procedure. Each row shows the code, the page count, the applicant, the
// procedure, the status and the date.
class DossierPane : public QWidget
{
    Q_OBJECT
public:
    explicit DossierPane(QWidget *parent = nullptr);
    ~DossierPane() override;

    void setStore(DossierStore *store);
    qint64 currentDossierId() const;
    void selectDossier(qint64 dossierId);
    void focusSearch();
    QLineEdit *searchField() const { return m_search; }
    QListView *view() const { return m_view; }
    int visibleCount() const;

Q_SIGNALS:
    void currentDossierChanged(qint64 dossierId);

private:
    std::unique_ptr<DossierListModel> m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_search;
    QListView *m_view;
};

} // namespace sohoa::gui
