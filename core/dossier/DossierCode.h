#pragma once

#include "core/common/Result.h"

#include <QDate>
#include <QString>

namespace sohoa {

// Dossier codes of TTHC systems (design.md):
//  provincial form  H15.50.05.13-261008-0975         (agency e-ID, receipt date YYMMDD, daily sequence)
//  national form    MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX  (agency e-ID, receipt date, 2-digit system id,
//                                                     daily sequence of 4 or more digits)
// Any other code is accepted only when free-form codes are explicitly allowed, and even then it must
// be usable as a folder name.
class DossierCode
{
public:
    enum class Form
    {
        Invalid,
        Provincial,
        National,
        FreeForm
    };

    static Form classify(const QString &code);
    static Result<Form> validate(const QString &code, bool allowFreeForm);
    static QDate receiptDate(const QString &code); // invalid for free-form codes
    static QString formName(Form form);
    // Finds a structured dossier code inside a longer text (a URL query, a receipt line).
    static QString findIn(const QString &text);
    // The next free code of a counter for `date`: "<prefix>-YYMMDD-NNNN" (provincial form) or, with a
    // two-digit systemId, "<prefix>-YYMMDD-<systemId>NNNN" (national form), where NNNN is one more than
    // the highest daily sequence among `existing` codes of the same prefix, date and system. Empty
    // when the prefix (or system id) cannot make a valid code.
    static QString suggestNext(const QString &prefix, const QString &systemId, const QDate &date,
                               const QStringList &existing);
};

} // namespace sohoa
