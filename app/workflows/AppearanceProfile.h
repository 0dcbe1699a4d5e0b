#pragma once

#include "core/common/Corner.h"
#include "core/common/Result.h"
#include "signing/PdfSigner.h"

#include <QList>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QVariantMap>

namespace sohoa::workflows {

// A named signature appearance a clerk sets up once and picks on the signing desk: which Decree 30
// block (copy, attachment, signer, organization), its texts and images, and where it goes (the page,
// a corner and an offset from it, a size). Stored in the settings as plain values, like ScanProfile
// (unknown keys ignored, missing ones at their defaults).
struct AppearanceProfile
{
    QString name;
    signing::AppearanceSpec spec;
    int page = 0; // 0-based; -1: the last page
    // Off: the Decree 30 place of the kind (copy and attachment: top right of page 1, 10 mm in).
    bool customPosition = false;
    Corner corner = Corner::TopRight;
    QPointF positionMm; // from `corner`, inwards
    QSizeF sizeMm;      // empty: the block's natural size

    // Appearance and placement of `options` as this profile says.
    void applyTo(signing::SignOptions &options) const;
    // The first missing text or image, as a sentence in the user's language; empty when complete.
    QString missingField() const;

    QVariantMap toVariant() const;
    static AppearanceProfile fromVariant(const QVariantMap &map);
    // One of each kind: copy, attachment, signer, organization.
    static QList<AppearanceProfile> defaults();
    static QString kindName(signing::AppearanceKind kind);
    static signing::AppearanceKind kindFromName(const QString &name);
};

} // namespace sohoa::workflows
