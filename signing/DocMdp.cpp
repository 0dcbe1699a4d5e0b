#include "signing/DocMdp_p.h"

#include <qpdf/QPDFObjectHandle.hh>

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

} // namespace sohoa::signing
