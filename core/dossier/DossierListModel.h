#pragma once

#include "core/dossier/DossierStore.h"

#include <QAbstractListModel>
#include <QList>

namespace sohoa {

// The dossiers of a store, oldest first (as DossierStore::dossiers()). Filled once by reload() and
// then kept up to date by the store's notifier, row by row (new dossiers are appended, changed ones
// emit dataChanged), changes made elsewhere included (see DossierStore::watchForOutsideChanges):
// never polled, never reset except by an explicit reload().
class DossierListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        CodeRole,
        ApplicantRole,
        ProcedureRole,
        StatusRole,
        PageCountRole,
        CreatedAtRole,
        UpdatedAtRole,
        FreeFormRole,
    };
    Q_ENUM(Role)

    explicit DossierListModel(DossierStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const DossierInfo &dossierAt(int row) const { return m_dossiers.at(row); }
    int rowOf(qint64 dossierId) const; // -1 if absent
    // Reads the whole list again (a model reset). The error, if any, leaves the model empty.
    Result<void> reload();
    // Reads these dossiers again (all of them when `ids` is empty) and changes only the rows that differ:
    // dataChanged for a changed one, an inserted row for a new one, a removed row for one gone (a
    // rebuilt index). No reset: a view keeps its selection. What StoreNotifier::changedElsewhere leads to.
    Result<void> refresh(const QList<qint64> &ids = {});

private:
    void onChangedElsewhere(const QList<qint64> &dossierIds, bool wholeStore);
    void onCreated(const sohoa::DossierInfo &dossier);
    void onUpdated(const sohoa::DossierInfo &dossier);

    DossierStore &m_store;
    QList<DossierInfo> m_dossiers;
};

} // namespace sohoa
