#include "core/dossier/DossierListModel.h"

#include "core/dossier/StoreNotifier.h"

#include <QSet>

namespace sohoa {

DossierListModel::DossierListModel(DossierStore &store, QObject *parent) : QAbstractListModel(parent), m_store(store)
{
    connect(store.notifier(), &StoreNotifier::dossierCreated, this, &DossierListModel::onCreated);
    connect(store.notifier(), &StoreNotifier::dossierUpdated, this, &DossierListModel::onUpdated);
    connect(store.notifier(), &StoreNotifier::changedElsewhere, this, &DossierListModel::onChangedElsewhere);
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

namespace {

bool sameDossier(const DossierInfo &a, const DossierInfo &b)
{
    return a.id == b.id && a.code == b.code && a.freeForm == b.freeForm && a.procedure == b.procedure &&
           a.applicant == b.applicant && a.status == b.status && a.createdAt == b.createdAt &&
           a.updatedAt == b.updatedAt && a.pageCount == b.pageCount;
}

} // namespace

Result<void> DossierListModel::refresh(const QList<qint64> &ids)
{
    QList<DossierInfo> fresh;
    if (ids.isEmpty()) {
        auto all = m_store.dossiers();
        if (!all)
            return all.error();
        fresh = all.value();
        // Gone from the store (only a rebuilt index loses dossiers): their rows go.
        QSet<qint64> present;
        for (const DossierInfo &d : std::as_const(fresh))
            present.insert(d.id);
        for (int row = int(m_dossiers.size()) - 1; row >= 0; --row) {
            if (present.contains(m_dossiers.at(row).id))
                continue;
            beginRemoveRows({}, row, row);
            m_dossiers.removeAt(row);
            endRemoveRows();
        }
    } else {
        for (const qint64 id : ids) {
            auto one = m_store.dossierById(id);
            if (one)
                fresh.append(one.value());
            else if (one.error().code() != ErrorCode::DossierNotFound)
                return one.error();
        }
    }
    for (const DossierInfo &d : std::as_const(fresh)) {
        const int row = rowOf(d.id);
        if (row < 0)
            onCreated(d);
        else if (!sameDossier(m_dossiers.at(row), d))
            onUpdated(d);
    }
    return {};
}

void DossierListModel::onChangedElsewhere(const QList<qint64> &dossierIds, bool wholeStore)
{
    (void)refresh(wholeStore ? QList<qint64>() : dossierIds);
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
