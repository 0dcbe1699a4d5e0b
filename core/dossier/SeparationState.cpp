#include "core/dossier/SeparationState.h"

namespace sohoa {

QJsonObject SeparationState::toJson() const
{
    return QJsonObject{{QStringLiteral("dossier"), dossierCode},
                       {QStringLiteral("component"), component},
                       {QStringLiteral("pending"), pending},
                       {QStringLiteral("from"), from},
                       {QStringLiteral("base"), base},
                       {QStringLiteral("barcode"), barcode},
                       {QStringLiteral("pages_in_document"), pagesInDocument},
                       {QStringLiteral("batch"), batchId}};
}

SeparationState SeparationState::fromJson(const QJsonObject &json)
{
    SeparationState s;
    s.dossierCode = json.value(QStringLiteral("dossier")).toString();
    s.component = json.value(QStringLiteral("component")).toString();
    s.pending = json.value(QStringLiteral("pending")).toBool();
    s.from = json.value(QStringLiteral("from")).toString();
    // Schema-1 readers fell back to the component being filled when "base" was absent.
    s.base = json.value(QStringLiteral("base")).toString(s.pending ? s.from : s.component);
    s.barcode = json.value(QStringLiteral("barcode")).toString();
    s.pagesInDocument = json.value(QStringLiteral("pages_in_document")).toInt();
    s.batchId = json.value(QStringLiteral("batch")).toString();
    return s;
}

} // namespace sohoa
