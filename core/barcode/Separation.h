#pragma once

#include "core/barcode/BarcodeReader.h"
#include "core/common/Error.h"
#include "core/common/Result.h"

#include <QImage>
#include <QList>
#include <QString>

namespace sohoa {

// How a scan batch is split into dossiers and documents.
//  Qr      our cover sheets (SOHOA:1:...) and TTHC receipts open a dossier/component
//  PatchT  a patch-T sheet (Code 39 "PATCHT") starts a new document (component)
//  EveryN  a new document every N pages, no sheet involved
struct SeparationSettings
{
    enum class Mode
    {
        None,
        Qr,
        PatchT,
        EveryN,
    };
    Mode mode = Mode::None;
    int everyN = 0;

    bool isEnabled() const { return mode != Mode::None; }
    bool readsBarcodes() const { return mode == Mode::Qr || mode == Mode::PatchT; }
    // "qr", "patch-t", "every:N" (N >= 1); InvalidArgument otherwise.
    static Result<SeparationSettings> parse(const QString &text);
    QString name() const;
};

// What one scanned sheet is, for separation.
struct SheetClass
{
    enum class Kind
    {
        Document,   // an ordinary page: saved
        CoverSheet, // our printed cover sheet: opens dossierCode / component
        Receipt,    // a QR code carrying a dossier code (bare or in a URL query): opens dossierCode
        PatchT,     // starts a new document
    };
    Kind kind = Kind::Document;
    QString dossierCode;
    QString component; // cover sheets only; empty: the batch's default component
    QString value;     // the barcode text that decided (empty for plain pages)
    BarcodeFormat format = BarcodeFormat::QrCode;
    // A SOHOA: payload that could not be used (bad version, field count or dossier code). The page is
    // then kept as a document page and the problem reported; it is never used silently.
    Error warning;

    bool isSeparator() const { return kind != Kind::Document; }
};

QString sheetKindName(SheetClass::Kind kind); // "document", "cover", "receipt", "patch-t"

class Separation
{
public:
    // Cover-sheet payload: "SOHOA:1:" + code + ":" + component, where '%' and ':' (and control
    // characters) in either field are percent-encoded (%25, %3A); everything else stays UTF-8.
    static QString coverPayload(const QString &dossierCode, const QString &component);

    // Classifies decoded barcodes (pure; the scanning pipeline and tests share it). In Qr mode a
    // SOHOA: payload wins over a receipt code; codes are validated with DossierCode (free-form codes
    // only on cover sheets and only when allowed).
    static SheetClass classify(const QList<Barcode> &barcodes, SeparationSettings::Mode mode,
                               bool allowFreeFormCode = false);
    // Reads the page (off the acquisition thread) and classifies it. Document for Mode::None/EveryN.
    static SheetClass classifyPage(const QImage &page, int dpi, SeparationSettings::Mode mode,
                                   bool allowFreeFormCode = false);

    // The barcode formats a mode needs.
    static BarcodeFormats formatsFor(SeparationSettings::Mode mode);
};

} // namespace sohoa
