#pragma once

// Private to signing/: qpdf types. What changed between a signed revision and the file as it is now,
// judged by an allow-list in the manner of pyHanko's difference analysis: a change is allowed only when
// a rule proves it is one of the kinds the signature permits; everything else is a modification that
// changes what the signed document shows.

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include "signing/PdfSignatureValidator.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjGen.hh>

#include <set>

namespace sohoa::signing::detail {

struct ChangeContext
{
    // The DocMDP level of the document's certification (0: not certified, 1, 2, 3).
    int certificationLevel = 0;
    // The signature dictionaries of the file that passed the structural checks (signatures and
    // document timestamps): a field whose new value is one of them was signed, not merely filled.
    std::set<QPDFObjGen> signatureDictionaries;
};

// The modifications of `current` relative to `signedRevision` (both opened strictly by qpdf; the first
// is a prefix of the second). Empty when nothing was changed.
QList<Modification> analyseChanges(QPDF &signedRevision, QPDF &current, const ChangeContext &context);

} // namespace sohoa::signing::detail
