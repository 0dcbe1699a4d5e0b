#include "app/workflows/DossierSetup.h"

#include "core/dossier/DossierCode.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sohoa::workflows {

namespace {
const char *const kContext = "sohoa::workflows::DossierSetup";
const QString kDefaultComponent = QStringLiteral("Tài liệu");
} // namespace

QVariantMap ProcedureTemplate::toVariant() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("components"), components}};
}

ProcedureTemplate ProcedureTemplate::fromVariant(const QVariantMap &map)
{
    ProcedureTemplate t;
    t.name = map.value(QStringLiteral("name")).toString();
    for (const QString &c : map.value(QStringLiteral("components")).toStringList()) {
        if (!c.trimmed().isEmpty())
            t.components << c.trimmed();
    }
    return t;
}

QList<ProcedureTemplate> ProcedureTemplate::defaults()
{
    return {
        {QStringLiteral("Đăng ký khai sinh"), {QStringLiteral("Tờ khai đăng ký khai sinh"), QStringLiteral("Giấy chứng sinh")}},
        {QStringLiteral("Chứng thực bản sao từ bản chính"), {QStringLiteral("Bản chính"), QStringLiteral("Bản sao")}},
        {QStringLiteral("Cấp giấy phép xây dựng"),
         {QStringLiteral("Đơn đề nghị cấp giấy phép"), QStringLiteral("Giấy tờ về quyền sử dụng đất"),
          QStringLiteral("Bản vẽ thiết kế")}},
        {QStringLiteral("Hồ sơ khác"), {}},
    };
}

Result<DossierSetupResult> createDossier(DossierStore &store, const NewDossier &request)
{
    const QString code = request.code.trimmed();
    if (auto form = DossierCode::validate(code, request.allowFreeForm); !form)
        return form.error();
    QStringList names;
    for (const QString &c : request.components) {
        const QString name = c.trimmed();
        if (DossierStore::sanitizeName(name).isEmpty())
            return Error::withHint(ErrorCode::InvalidArgument, kContext,
                                   QT_TRANSLATE_NOOP("sohoa::workflows::DossierSetup",
                                                     "A component needs a name (letters or digits), not \"%1\"."),
                                   {c});
        if (!names.contains(name))
            names << name;
    }
    if (names.isEmpty())
        names << kDefaultComponent;
    if (auto existing = store.dossier(code); existing)
        return Error::withHint(ErrorCode::InvalidArgument, kContext,
                               QT_TRANSLATE_NOOP("sohoa::workflows::DossierSetup",
                                                 "A dossier with the code %1 exists already: open it from the list, "
                                                 "or give the new dossier another code."),
                               {code});
    auto dossier = store.createOrGetDossier(code, request.allowFreeForm, request.procedure.trimmed(),
                                            request.applicant.trimmed());
    if (!dossier)
        return dossier.error();
    DossierSetupResult result;
    for (const QString &name : names) {
        auto component = store.createOrGetComponent(dossier.value().id, name);
        if (!component)
            return component.error();
        result.components << component.value();
    }
    auto fresh = store.dossierById(dossier.value().id);
    result.dossier = fresh ? fresh.value() : dossier.value();
    return result;
}

Result<QString> suggestDossierCode(const DossierStore &store, const QString &agencyPrefix, const QString &systemId,
                                   const QDate &date)
{
    auto all = store.dossiers();
    if (!all)
        return all.error();
    QStringList codes;
    for (const DossierInfo &d : all.value())
        codes << d.code;
    return DossierCode::suggestNext(agencyPrefix, systemId, date, codes);
}

Result<void> confirmPageCount(DossierStore &store, const ComponentInfo &component, int pages)
{
    const QJsonObject detail{{QStringLiteral("component"), component.name}, {QStringLiteral("pages"), pages}};
    return store.audit(QStringLiteral("pages-confirmed"),
                       QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), component.dossierId);
}

} // namespace sohoa::workflows
