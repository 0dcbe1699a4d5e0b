#include "signing/PadesExtension_p.h"

#include <QByteArray>
#include <QString>

#include <utility>

namespace sohoa::signing {

namespace {

// "1.7" (a header's version) or "/1.7" (a catalog's /Version name) as (1, 7); (0, 0) when unreadable.
std::pair<int, int> versionOf(const std::string &text)
{
    QString s = QString::fromStdString(text);
    if (s.startsWith(u'/'))
        s.remove(0, 1);
    const qsizetype dot = s.indexOf(u'.');
    bool okMajor = false, okMinor = false;
    const int major = s.left(dot).toInt(&okMajor);
    const int minor = dot < 0 ? 0 : s.mid(dot + 1).toInt(&okMinor);
    if (!okMajor || (dot >= 0 && !okMinor))
        return {0, 0};
    return {major, minor};
}

} // namespace

std::vector<QPDFObjectHandle> declareEsicExtension(QPDF &qpdf)
{
    QPDFObjectHandle root = qpdf.getRoot();
    std::pair<int, int> version = versionOf(qpdf.getPDFVersion());
    QPDFObjectHandle catalogVersion = root.getKey("/Version");
    if (catalogVersion.isName())
        version = std::max(version, versionOf(catalogVersion.getName()));
    if (version >= std::make_pair(2, 0))
        return {};

    std::vector<QPDFObjectHandle> changed;
    bool rootChanged = false;
    if (version < std::make_pair(1, 7)) {
        root.replaceKey("/Version", QPDFObjectHandle::newName("/1.7"));
        rootChanged = true;
    }
    QPDFObjectHandle extensions = root.getKey("/Extensions");
    QPDFObjectHandle esic = extensions.isDictionary() ? extensions.getKey("/ESIC") : QPDFObjectHandle::newNull();
    const bool declared = esic.isDictionary() && esic.getKey("/ExtensionLevel").isInteger() &&
                          esic.getKey("/ExtensionLevel").getIntValue() >= 1;
    if (!declared) {
        QPDFObjectHandle entry = QPDFObjectHandle::newDictionary();
        entry.replaceKey("/BaseVersion", QPDFObjectHandle::newName("/1.7"));
        entry.replaceKey("/ExtensionLevel", QPDFObjectHandle::newInteger(1));
        if (!extensions.isDictionary()) {
            extensions = QPDFObjectHandle::newDictionary();
            root.replaceKey("/Extensions", extensions);
            rootChanged = true;
        }
        extensions.replaceKey("/ESIC", entry);
        if (extensions.isIndirect())
            changed.push_back(extensions);
        else
            rootChanged = true;
    }
    if (rootChanged)
        changed.push_back(root);
    return changed;
}

} // namespace sohoa::signing
