#include "core/dossier/DossierListModel.h"

#include "core/dossier/StoreNotifier.h"

namespace sohoa {

DossierListModel::DossierListModel(DossierStore &store, QObject *parent) : QAbstractListModel(parent), m_store(store)
{
    connect(store.notifier(), &StoreNotifier::dossierCreated, this, &DossierListModel::onCreated);
    connect(store.notifier(), &StoreNotifier::dossierUpdated, this, &DossierListModel::onUpdated);
    (void)reload();
}

Result<void> DossierListModel::reload()
{
    auto list = m_store.dossiers();
    beginResetModel();
    m_dossiers = list ? list.value() : QList<DossierInfo>();
    endResetModel();
    if (!list)
        return list.error();
    return {};
}

int DossierListModel::rowOf(qint64 dossierId) const
{
    for (int row = 0; row < m_dossiers.size(); ++row) {
        if (m_dossiers.at(row).id == dossierId)
            return row;
    }
    return -1;
}

int DossierListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_dossiers.size());
}

QVariant DossierListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DossierInfo &d = m_dossiers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case CodeRole:
        return d.code;
    case IdRole:
        return d.id;
    case ApplicantRole:
        return d.applicant;
    case ProcedureRole:
        return d.procedure;
    case StatusRole:
        return d.status;
    case PageCountRole:
        return d.pageCount;
    case CreatedAtRole:
        return d.createdAt;
    case UpdatedAtRole:
        return d.updatedAt;
    case FreeFormRole:
        return d.freeForm;
    default:
        return {};
    }
}

QHash<int, QByteArray> DossierListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "dossierId"},
                  {CodeRole, "code"},
                  {ApplicantRole, "applicant"},
                  {ProcedureRole, "procedure"},
                  {StatusRole, "status"},
                  {PageCountRole, "pageCount"},
                  {CreatedAtRole, "createdAt"},
                  {UpdatedAtRole, "updatedAt"},
                  {FreeFormRole, "freeForm"}});
    return names;
}

void DossierListModel::onCreated(const DossierInfo &dossier)
{
    // Already there when the model was (re)loaded after the commit but before the queued signal.
    if (rowOf(dossier.id) >= 0)
        return onUpdated(dossier);
    const int row = int(m_dossiers.size());
    beginInsertRows({}, row, row);
    m_dossiers.append(dossier);
    endInsertRows();
}

void DossierListModel::onUpdated(const DossierInfo &dossier)
{
    const int row = rowOf(dossier.id);
    if (row < 0)
        return onCreated(dossier);
    m_dossiers[row] = dossier;
    emit dataChanged(index(row), index(row));
}

} // namespace sohoa
