#pragma once

// Private to signing/: qpdf types.

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include "core/common/Result.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <vector>

namespace sohoa::signing {

// What giving a form's fields their appearances changed in the document, for the incremental update.
struct FormAppearanceUpdate
{
    std::vector<QPDFObjectHandle> changed; // input objects (dictionaries, arrays) rewritten in the update
    std::vector<QPDFObjectHandle> created; // new objects (appearance streams), each reachable from `changed`
    int widgets = 0;                       // widget annotations on the pages
};

// A form with /NeedAppearances true asks viewers to redraw every field's appearance, and some
// (Poppler, pdf.js) redraw the signature widgets too, hiding a signature's visible block. Before
// the signature is added, qpdf generates the missing appearances (text and choice fields; check
// boxes and radio buttons get /AS matching their value) and removes /NeedAppearances.
// qpdf fills in existing appearance streams lazily (token filters applied when the data is read);
// here every such stream is baked: a new stream object with the final content replaces the input's
// stream in the widget's /AP, so the input's objects that change are dictionaries and arrays only.
// Objects up to lastOldObject belong to the input. Nothing happens when /NeedAppearances is not true.
Result<FormAppearanceUpdate> generateNeededAppearances(QPDF &qpdf, int lastOldObject);

} // namespace sohoa::signing
