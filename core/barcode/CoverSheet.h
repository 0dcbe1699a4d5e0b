#pragma once

#include "core/barcode/QrCode.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sohoa {

struct CoverSheetSpec
{
    QString dossierCode;
    QStringList components; // one page per component; one page for the whole dossier when empty
    bool allowFreeFormCode = false;
    QrErrorCorrection level = QrErrorCorrection::High; // sheets get handled, stamped and stapled
    double qrSizeMm = 70;                              // the symbol without its quiet zone
};

struct CoverSheetOutput
{
    QString path;
    int pages = 0;
    qint64 size = 0;
    QStringList payloads; // per page
};

// Printable A4 cover sheets for separation (Separation::coverPayload in a large vector QR code, the
// dossier code in large text, the component and a one-line instruction in Vietnamese and English),
// drawn with Qt's PDF writer in Liberation Serif 2, loaded from fonts-liberation2's files; a missing
// glyph or another font is refused, never replaced. Needs a QGuiApplication (offscreen is enough).
class CoverSheet
{
public:
    static Result<QByteArray> render(const CoverSheetSpec &spec);
    // Written atomically; an existing file is replaced only with overwrite (OutputExists otherwise).
    static Result<CoverSheetOutput> write(const QString &path, const CoverSheetSpec &spec, bool overwrite = false);
};

} // namespace sohoa
