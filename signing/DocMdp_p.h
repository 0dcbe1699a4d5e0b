#pragma once

// Private to signing/: qpdf types.

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include <qpdf/QPDF.hh>

namespace sohoa::signing {

// The access permissions of a certified document (ISO 32000-1 §12.8.2.2, "DocMDP"): the /P of the
// DocMDP transform of the certification signature that the catalog's /Perms /DocMDP names.
// 0: not certified; 1: no changes allowed; 2: form filling and signing; 3: also annotations.
// A certification without a readable /P counts as 2, the standard's default.
int docMdpPermission(QPDF &qpdf);

// Whether the document holds a signature already (an approval or certification signature, or a
// document timestamp): a field of type /Sig, its own or inherited, with a value, anywhere in the
// form's field tree. An empty signature field does not count.
bool holdsSignature(QPDF &qpdf);

} // namespace sohoa::signing
