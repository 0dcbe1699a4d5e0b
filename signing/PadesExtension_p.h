#pragma once

// Private to signing/: qpdf types.

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <vector>

namespace sohoa::signing {

// The document security store and document timestamps are PDF 2.0 structures. A PDF 1.x file that
// holds them declares the extension PAdES defines for PDF 1.7 (ETSI EN 319 142-1), as pyHanko does: the
// catalog's /Extensions gets /ESIC << /BaseVersion /1.7 /ExtensionLevel 1 >> and /Version is raised
// to 1.7 when the file is older. Nothing changes in a PDF 2.0 file or one that declares it already.
// Returns the input objects changed (the catalog, an indirect /Extensions), for the update.
std::vector<QPDFObjectHandle> declareEsicExtension(QPDF &qpdf);

} // namespace sohoa::signing
