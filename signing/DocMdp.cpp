#include "signing/DocMdp_p.h"

#include <qpdf/QPDFObjectHandle.hh>

#include <set>

namespace sohoa::signing {

int docMdpPermission(QPDF &qpdf)
{
    QPDFObjectHandle perms = qpdf.getRoot().getKey("/Perms");
    if (!perms.isDictionary())
        return 0;
    QPDFObjectHandle certification = perms.getKey("/DocMDP");
    if (!certification.isDictionary())
        return 0;
    QPDFObjectHandle references = certification.getKey("/Reference");
    if (references.isArray()) {
        for (int i = 0; i < references.getArrayNItems(); ++i) {
            QPDFObjectHandle reference = references.getArrayItem(i);
            if (!reference.isDictionary() || !reference.getKey("/TransformMethod").isNameAndEquals("/DocMDP"))
                continue;
            QPDFObjectHandle params = reference.getKey("/TransformParams");
            if (params.isDictionary() && params.getKey("/P").isInteger()) {
                const long long p = params.getKey("/P").getIntValue();
                if (p >= 1 && p <= 3)
                    return int(p);
            }
        }
    }
    return 2;
}

namespace {

// Depth-first through /Kids; a field reached twice (a malformed tree with a loop) is visited once.
bool holdsSignatureIn(QPDFObjectHandle field, bool inheritedSig, std::set<QPDFObjGen> &seen)
{
    if (!field.isDictionary() || (field.isIndirect() && !seen.insert(field.getObjGen()).second))
        return false;
    QPDFObjectHandle type = field.getKey("/FT");
    const bool isSig = type.isName() ? type.isNameAndEquals("/Sig") : inheritedSig;
    if (isSig && field.getKey("/V").isDictionary())
        return true;
    QPDFObjectHandle kids = field.getKey("/Kids");
    if (kids.isArray())
        for (int i = 0; i < kids.getArrayNItems(); ++i)
            if (holdsSignatureIn(kids.getArrayItem(i), isSig, seen))
                return true;
    return false;
}

} // namespace

bool holdsSignature(QPDF &qpdf)
{
    // A certification whose field went missing still makes the document signed.
    QPDFObjectHandle perms = qpdf.getRoot().getKey("/Perms");
    if (perms.isDictionary() && perms.getKey("/DocMDP").isDictionary())
        return true;
    QPDFObjectHandle acroForm = qpdf.getRoot().getKey("/AcroForm");
    QPDFObjectHandle fields = acroForm.isDictionary() ? acroForm.getKey("/Fields") : QPDFObjectHandle::newNull();
    if (!fields.isArray())
        return false;
    std::set<QPDFObjGen> seen;
    for (int i = 0; i < fields.getArrayNItems(); ++i)
        if (holdsSignatureIn(fields.getArrayItem(i), false, seen))
            return true;
    return false;
}

} // namespace sohoa::signing
