#include "core/barcode/Separation.h"

#include "core/dossier/DossierCode.h"

#include <QUrl>
#include <QUrlQuery>

namespace sohoa {

namespace {

const QString kCoverPrefix = QStringLiteral("SOHOA:");
const QString kPatchT = QStringLiteral("PATCHT");

QString encodeField(const QString &field)
{
    QString out;
    out.reserve(field.size());
    for (const QChar c : field) {
        if (c == u'%' || c == u':' || c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("%%1").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out;
}

// A structured (provincial or national) dossier code, or empty.
QString structuredCode(const QString &text)
{
    const auto form = DossierCode::classify(text);
    return form == DossierCode::Form::Provincial || form == DossierCode::Form::National ? text : QString();
}

// Receipts: the payload is a dossier code by itself, or a URL whose query carries one
// (".../tra-cuu?ma=H15.50.05.13-261008-0975").
QString receiptCode(const QString &payload)
{
    const QString trimmed = payload.trimmed();
    if (QString code = structuredCode(trimmed); !code.isEmpty())
        return code;
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || !url.hasQuery())
        return {};
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        Q_UNUSED(key)
        if (QString code = structuredCode(value.trimmed()); !code.isEmpty())
            return code;
    }
    return {};
}

SheetClass coverSheet(const Barcode &barcode, bool allowFreeFormCode)
{
    SheetClass c;
    c.value = barcode.text;
    c.format = barcode.format;
    const QStringList fields = barcode.text.mid(kCoverPrefix.size()).split(u':');
    auto invalid = [&](const QString &why) {
        SheetClass doc;
        doc.value = barcode.text;
        doc.format = barcode.format;
        doc.warning = Error(ErrorCode::CoverSheetInvalid, why + QStringLiteral(": ") + barcode.text);
        return doc;
    };
    if (fields.size() != 3 || fields.at(0) != u"1")
        return invalid(QStringLiteral("not a version 1 cover sheet (SOHOA:1:CODE:COMPONENT)"));
    const QString code = QUrl::fromPercentEncoding(fields.at(1).toUtf8());
    const QString component = QUrl::fromPercentEncoding(fields.at(2).toUtf8());
    if (auto form = DossierCode::validate(code, allowFreeFormCode); !form)
        return invalid(QStringLiteral("invalid dossier code \"%1\"").arg(code));
    c.kind = SheetClass::Kind::CoverSheet;
    c.dossierCode = code;
    c.component = component.trimmed();
    return c;
}

} // namespace

Result<SeparationSettings> SeparationSettings::parse(const QString &text)
{
    SeparationSettings s;
    const QString t = text.trimmed().toLower();
    if (t == u"qr") {
        s.mode = Mode::Qr;
        return s;
    }
    if (t == u"patch-t" || t == u"patcht") {
        s.mode = Mode::PatchT;
        return s;
    }
    if (t.startsWith(QStringLiteral("every:"))) {
        bool ok = false;
        const int n = t.mid(6).toInt(&ok);
        if (ok && n >= 1) {
            s.mode = Mode::EveryN;
            s.everyN = n;
            return s;
        }
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("--separate must be qr, patch-t or every:N, not ") + text);
}

QString SeparationSettings::name() const
{
    switch (mode) {
    case Mode::None:
        return QStringLiteral("none");
    case Mode::Qr:
        return QStringLiteral("qr");
    case Mode::PatchT:
        return QStringLiteral("patch-t");
    case Mode::EveryN:
        return QStringLiteral("every:%1").arg(everyN);
    }
    return QStringLiteral("none");
}

QString sheetKindName(SheetClass::Kind kind)
{
    switch (kind) {
    case SheetClass::Kind::Document:
        return QStringLiteral("document");
    case SheetClass::Kind::CoverSheet:
        return QStringLiteral("cover");
    case SheetClass::Kind::Receipt:
        return QStringLiteral("receipt");
    case SheetClass::Kind::PatchT:
        return QStringLiteral("patch-t");
    }
    return QStringLiteral("document");
}

QString Separation::coverPayload(const QString &dossierCode, const QString &component)
{
    return kCoverPrefix + QStringLiteral("1:") + encodeField(dossierCode) + u':' + encodeField(component);
}

BarcodeFormats Separation::formatsFor(SeparationSettings::Mode mode)
{
    switch (mode) {
    case SeparationSettings::Mode::Qr:
        return BarcodeFormat::QrCode;
    case SeparationSettings::Mode::PatchT:
        return BarcodeFormat::Code39;
    case SeparationSettings::Mode::None:
    case SeparationSettings::Mode::EveryN:
        break;
    }
    return {};
}

SheetClass Separation::classify(const QList<Barcode> &barcodes, SeparationSettings::Mode mode, bool allowFreeFormCode)
{
    if (mode == SeparationSettings::Mode::PatchT) {
        for (const Barcode &b : barcodes) {
            if (b.format == BarcodeFormat::Code39 && b.text.trimmed() == kPatchT) {
                SheetClass c;
                c.kind = SheetClass::Kind::PatchT;
                c.value = b.text.trimmed();
                c.format = b.format;
                return c;
            }
        }
        return {};
    }
    if (mode != SeparationSettings::Mode::Qr)
        return {};
    // Our own cover sheet first: a page may carry both (a receipt stapled behind a cover sheet).
    SheetClass rejected;
    for (const Barcode &b : barcodes) {
        if (b.format == BarcodeFormat::QrCode && b.text.startsWith(kCoverPrefix)) {
            SheetClass c = coverSheet(b, allowFreeFormCode);
            if (c.isSeparator())
                return c;
            if (!rejected.warning.isError())
                rejected = c;
        }
    }
    if (rejected.warning.isError())
        return rejected;
    for (const Barcode &b : barcodes) {
        if (b.format != BarcodeFormat::QrCode)
            continue;
        if (const QString code = receiptCode(b.text); !code.isEmpty()) {
            SheetClass c;
            c.kind = SheetClass::Kind::Receipt;
            c.dossierCode = code;
            c.value = b.text;
            c.format = b.format;
            return c;
        }
    }
    return {};
}

SheetClass Separation::classifyPage(const QImage &page, int dpi, SeparationSettings::Mode mode, bool allowFreeFormCode)
{
    const BarcodeFormats formats = formatsFor(mode);
    if (!formats)
        return {};
    BarcodeReadOptions options;
    options.formats = formats;
    // Linear codes need more pixels than QR codes: measured with 0.5 mm bars, Code 39 failed after
    // averaging 300 dpi down to 150 dpi (gray bar edges) and read at 200 dpi and above.
    if (mode == SeparationSettings::Mode::PatchT)
        options.analysisDpi = 200;
    return classify(BarcodeReader::read(page, dpi, options), mode, allowFreeFormCode);
}

} // namespace sohoa
