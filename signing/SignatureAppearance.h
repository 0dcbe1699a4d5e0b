#pragma once

#include "core/common/Corner.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace sohoa::signing {

// What the visible block of a signature shows (design.md, "Rules of the domain").
enum class AppearanceKind
{
    None,         // invisible signature
    Copy,         // digitized copy signed by the organization: text only
    Attachment,   // attachment in a separate file signed by the organization: text only
    Signer,       // competent person: title, handwritten signature image, name
    Organization, // as Signer plus the organization's seal over the left third of the signature
};

// The names users type and settings keep (sohoa-cli --appearance, the signing desk's profiles).
inline constexpr EnumName<AppearanceKind> kAppearanceKindNames[] = {
    {AppearanceKind::None, QLatin1StringView("none")},
    {AppearanceKind::Copy, QLatin1StringView("copy")},
    {AppearanceKind::Attachment, QLatin1StringView("attachment")},
    {AppearanceKind::Signer, QLatin1StringView("signer")},
    {AppearanceKind::Organization, QLatin1StringView("organization")},
};

struct AppearanceSpec
{
    AppearanceKind kind = AppearanceKind::None;
    QString copyForm = QStringLiteral("SAO Y"); // Copy: "SAO Y" | "SAO LỤC" | "TRÍCH SAO"
    QString organizationName;                   // Copy: the copying organization
    QString documentNumber;                     // Attachment: "Số: 123/QĐ-UBND"
    QString signerTitle, signerName;            // Signer / Organization
    QString signatureImagePath;                 // Signer / Organization: transparent PNG, blue
    QString sealImagePath;                      // Organization: transparent PNG, red, real size from its pHYs
    QDateTime signingTime;                      // Copy / Attachment: shown in Vietnam time (+07:00)
};

// A one-page PDF whose page is exactly the block; imported as the Form XObject of the widget.
struct RenderedAppearance
{
    QByteArray pdf;
    QSizeF sizePt; // whole points: the PDF's MediaBox is [0 0 width height]
};

class SignatureAppearance
{
public:
    // Copy and Attachment blocks sit this far from the top and right edges of page 1.
    static constexpr double kDefaultMarginMm = 10.0;
    // Text lines wrap at this width rather than run off the block.
    static constexpr double kMaxTextWidthMm = 75.0;

    // Needs a QGuiApplication (fonts). None gives an empty PDF and size 0.
    static Result<RenderedAppearance> render(const AppearanceSpec &spec);
    // The block's natural size in points (as render() would make it); invalid size on error.
    static QSizeF defaultSizePt(const AppearanceSpec &spec);
    // ISO 8601 in Vietnam time, seconds precision: "2026-11-21T14:05:09+07:00"; empty if invalid.
    static QString formatSigningTime(const QDateTime &time);

    // Places a block in a page box. Both rectangles are in PDF user space (y grows upwards):
    // rect.x()/rect.y() are the lower-left corner. offsetMm.x() is the distance from the left or
    // right edge, offsetMm.y() from the top or bottom edge, both measured inwards. Page /Rotate is
    // the caller's business.
    static QRectF placeRect(const QRectF &pageBoxPt, const QSizeF &blockPt, Corner corner, QPointF offsetMm);
    // Copy/Attachment: top right with kDefaultMarginMm; other kinds: a null rect (the caller decides).
    static QRectF defaultPlaceRect(AppearanceKind kind, const QRectF &pageBoxPt, const QSizeF &blockPt);
};

} // namespace sohoa::signing
