#include "app/workflows/AppearanceProfile.h"

#include "app/workflows/SignBatchJob.h"

#include <QCoreApplication>

namespace sohoa::workflows {

using signing::AppearanceKind;

QString AppearanceProfile::kindName(AppearanceKind kind)
{
    return enumToName(signing::kAppearanceKindNames, kind);
}

AppearanceKind AppearanceProfile::kindFromName(const QString &name)
{
    return enumFromName(signing::kAppearanceKindNames, name).value_or(AppearanceKind::Copy);
}

void AppearanceProfile::applyTo(signing::SignOptions &options) const
{
    options.appearance = spec;
    options.page = page;
    options.customPosition = customPosition;
    options.corner = corner;
    options.positionMm = positionMm;
    options.sizeMm = sizeMm;
}

QString AppearanceProfile::missingField() const
{
    switch (missingAppearanceField(spec)) {
    case MissingAppearanceField::Organization:
        return QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "A copy block needs the name of the copying organization.");
    case MissingAppearanceField::DocumentNumber:
        return QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "An attachment block needs the number of the main document.");
    case MissingAppearanceField::SignatureImage:
        return QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "A signer block needs the image of the handwritten signature.");
    case MissingAppearanceField::SignatureAndSealImages:
        return QCoreApplication::translate("sohoa::workflows::AppearanceProfile",
                                           "An organization block needs the signature image and the seal image.");
    case MissingAppearanceField::None:
        break;
    }
    return {};
}

QVariantMap AppearanceProfile::toVariant() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("kind"), kindName(spec.kind)},
        {QStringLiteral("copyForm"), spec.copyForm},
        {QStringLiteral("organization"), spec.organizationName},
        {QStringLiteral("documentNumber"), spec.documentNumber},
        {QStringLiteral("signerTitle"), spec.signerTitle},
        {QStringLiteral("signerName"), spec.signerName},
        {QStringLiteral("signatureImage"), spec.signatureImagePath},
        {QStringLiteral("sealImage"), spec.sealImagePath},
        {QStringLiteral("page"), page},
        {QStringLiteral("customPosition"), customPosition},
        {QStringLiteral("corner"), enumToName(kCornerNames, corner)},
        {QStringLiteral("xMm"), positionMm.x()},
        {QStringLiteral("yMm"), positionMm.y()},
        {QStringLiteral("widthMm"), sizeMm.width()},
        {QStringLiteral("heightMm"), sizeMm.height()},
    };
}

AppearanceProfile AppearanceProfile::fromVariant(const QVariantMap &m)
{
    AppearanceProfile p;
    const auto text = [&](const char *key, const QString &fallback = {}) {
        return m.value(QLatin1String(key), fallback).toString();
    };
    p.name = text("name");
    p.spec.kind = kindFromName(text("kind", QStringLiteral("copy")));
    p.spec.copyForm = text("copyForm", p.spec.copyForm);
    p.spec.organizationName = text("organization");
    p.spec.documentNumber = text("documentNumber");
    p.spec.signerTitle = text("signerTitle");
    p.spec.signerName = text("signerName");
    p.spec.signatureImagePath = text("signatureImage");
    p.spec.sealImagePath = text("sealImage");
    p.page = m.value(QStringLiteral("page"), 0).toInt();
    p.customPosition = m.value(QStringLiteral("customPosition"), false).toBool();
    p.corner = cornerFromName(text("corner", QStringLiteral("top-right"))).value_or(Corner::TopRight);
    p.positionMm = QPointF(m.value(QStringLiteral("xMm"), 0.0).toDouble(), m.value(QStringLiteral("yMm"), 0.0).toDouble());
    const QSizeF size(m.value(QStringLiteral("widthMm"), 0.0).toDouble(),
                      m.value(QStringLiteral("heightMm"), 0.0).toDouble());
    p.sizeMm = size.isValid() && !size.isEmpty() ? size : QSizeF();
    return p;
}

QList<AppearanceProfile> AppearanceProfile::defaults()
{
    QList<AppearanceProfile> list;
    AppearanceProfile copy;
    copy.name = QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "Certified copy");
    copy.spec.kind = AppearanceKind::Copy;
    list.append(copy);
    AppearanceProfile attachment;
    attachment.name = QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "Attachment");
    attachment.spec.kind = AppearanceKind::Attachment;
    list.append(attachment);
    AppearanceProfile signer;
    signer.name = QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "Signer");
    signer.spec.kind = AppearanceKind::Signer;
    signer.page = -1;
    signer.customPosition = true;
    signer.corner = Corner::BottomRight;
    signer.positionMm = QPointF(20, 40);
    list.append(signer);
    AppearanceProfile organization = signer;
    organization.name = QCoreApplication::translate("sohoa::workflows::AppearanceProfile", "Organization (signature and seal)");
    organization.spec.kind = AppearanceKind::Organization;
    list.append(organization);
    return list;
}

} // namespace sohoa::workflows
