#include "signing/FormAppearances_p.h"

#include "signing/SigningLogging.h"

#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace sohoa::signing {

namespace {

// Where a reference to an appearance stream sits: the dictionary or array holding it (direct
// objects are shared by handle, so replacing there changes `owner`) and the indirect object it
// belongs to.
struct Referrer
{
    QPDFObjectHandle container;
    std::string key; // in a dictionary; empty in an array
    int index = -1;  // in an array
    QPDFObjGen owner;
};

// An input object as it was before qpdf touched the form.
struct Snapshot
{
    QPDFObjectHandle handle;
    std::string text; // a dictionary or array as written; a stream's dictionary
    std::string data; // an appearance stream's decoded data (token filters applied)
};

const std::string kUndecodable("\x01undecodable\0", 13); // the NUL too: no stream data looks like it

// Decoded data, qpdf's token filters applied. Those filters keep state: read a stream once after
// they are added.
std::string streamData(QPDFObjectHandle stream)
{
    try {
        const auto buffer = stream.getStreamData(qpdf_dl_generalized);
        return std::string(reinterpret_cast<const char *>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception &) {
        return kUndecodable;
    }
}

std::string describe(QPDFObjectHandle o)
{
    return o.isStream() ? o.getDict().unparse() : o.unparseResolved();
}

// The input's objects a form-appearance pass can touch: the catalog, the AcroForm and its field
// tree with default resources, every page holding annotations, its /Annots array and widgets, and
// what their appearance dictionaries reach. Actions, destinations and /P are not followed (they
// lead to the page tree, which qpdf does not change here).
class Walker
{
public:
    Walker(int lastOldObject) : m_lastOld(lastOldObject) {}

    std::map<QPDFObjGen, Snapshot> seen;
    std::map<QPDFObjGen, std::vector<Referrer>> apReferrers; // appearance streams -> references to them
    int widgets = 0;

    void record(QPDFObjectHandle o)
    {
        if (!o.isIndirect() || o.getObjectID() > m_lastOld || seen.count(o.getObjGen()))
            return;
        seen[o.getObjGen()] = Snapshot{o, describe(o), {}};
    }

    void walkFrom(QPDFObjectHandle start, QPDFObjGen startOwner, QPDFObjectHandle container, const std::string &key)
    {
        std::vector<Item> stack{Item{start, startOwner, false, container, key, -1}};
        while (!stack.empty()) {
            Item it = stack.back();
            stack.pop_back();
            QPDFObjectHandle o = it.handle;
            QPDFObjGen owner = it.owner;
            if (o.isIndirect()) {
                if (it.underAp && o.isStream() && it.container.isInitialized())
                    apReferrers[o.getObjGen()].push_back(Referrer{it.container, it.key, it.index, it.owner});
                if (o.getObjectID() > m_lastOld || seen.count(o.getObjGen()))
                    continue;
                Snapshot s{o, describe(o), {}};
                if (it.underAp && o.isStream())
                    s.data = streamData(o);
                seen[o.getObjGen()] = std::move(s);
                owner = o.getObjGen();
            }
            QPDFObjectHandle holder = o.isStream() ? o.getDict() : o;
            if (holder.isDictionary()) {
                for (const std::string &k : holder.getKeys()) {
                    static const std::set<std::string> notFollowed{"/P", "/A", "/AA", "/Dest", "/Pg", "/IRT", "/Popup"};
                    if (notFollowed.count(k))
                        continue;
                    const bool underAp = k == "/Resources" ? false : (it.underAp || k == "/AP");
                    stack.push_back(Item{holder.getKey(k), owner, underAp, holder, k, -1});
                }
            } else if (holder.isArray()) {
                for (int i = 0; i < holder.getArrayNItems(); ++i)
                    stack.push_back(Item{holder.getArrayItem(i), owner, it.underAp, holder, std::string(), i});
            }
        }
    }

    void walkPageAnnotations(QPDFObjectHandle page)
    {
        QPDFObjectHandle annots = page.getKey("/Annots");
        if (!annots.isArray())
            return;
        record(page);
        record(annots);
        const QPDFObjGen owner = annots.isIndirect() ? annots.getObjGen() : page.getObjGen();
        for (int i = 0; i < annots.getArrayNItems(); ++i) {
            QPDFObjectHandle annot = annots.getArrayItem(i);
            if (!annot.isDictionary() || !annot.getKey("/Subtype").isNameAndEquals("/Widget"))
                continue;
            ++widgets;
            walkFrom(annot, owner, annots, std::string());
        }
    }

private:
    struct Item
    {
        QPDFObjectHandle handle;
        QPDFObjGen owner;
        bool underAp = false;
        QPDFObjectHandle container;
        std::string key;
        int index = -1;
    };
    int m_lastOld;
};

void replaceReference(Referrer r, QPDFObjectHandle with)
{
    if (r.container.isDictionary())
        r.container.replaceKey(r.key, with);
    else if (r.container.isArray() && r.index >= 0 && r.index < r.container.getArrayNItems())
        r.container.setArrayItem(r.index, with);
}

} // namespace

Result<FormAppearanceUpdate> generateNeededAppearances(QPDF &qpdf, int lastOldObject)
{
    FormAppearanceUpdate update;
    QPDFObjectHandle root = qpdf.getRoot();
    QPDFObjectHandle acroForm = root.getKey("/AcroForm");
    if (!acroForm.isDictionary() || !acroForm.getKey("/NeedAppearances").isBool() ||
        !acroForm.getKey("/NeedAppearances").getBoolValue())
        return update;

    Walker walker(lastOldObject);
    walker.record(root);
    walker.walkFrom(acroForm, root.getObjGen(), root, "/AcroForm");
    for (const QPDFObjectHandle &page : qpdf.getAllPages())
        walker.walkPageAnnotations(page);
    update.widgets = walker.widgets;
    // A repair while reading the form: let the caller refuse the file as damaged.
    if (qpdf.anyWarnings())
        return update;

    const int countBefore = int(qpdf.getObjectCount());
    QPDFAcroFormDocumentHelper(qpdf).generateAppearancesIfNeeded();
    // qpdf warns about widgets it cannot draw (no bounding box, a shared stream): those keep what
    // they had. That is no damage of the file, so it does not fail the signature.
    if (qpdf.anyWarnings())
        for (const QPDFExc &w : qpdf.getWarnings())
            qCInfo(lcSigning) << "form appearance:" << w.what();

    // What changed: input dictionaries and arrays are rewritten as they are; input streams are
    // replaced by new ones (below).
    // qpdf's token filters are one-shot (they keep state): an appearance stream's data is read
    // once here and kept for its replacement.
    std::set<QPDFObjGen> changedSet;
    std::map<QPDFObjGen, std::string> staleStreams; // input stream -> its final (decoded) data
    for (auto &[og, snapshot] : walker.seen) {
        QPDFObjectHandle o = snapshot.handle;
        const bool isAppearance = o.isStream() && walker.apReferrers.count(og);
        const std::string data = isAppearance ? streamData(o) : std::string();
        if (describe(o) == snapshot.text && data == snapshot.data)
            continue;
        if (o.isStream())
            staleStreams[og] = data;
        else
            changedSet.insert(og);
    }

    std::vector<QPDFObjectHandle> fresh;
    for (const auto &[og, finalData] : staleStreams) {
        QPDFObjectHandle old = walker.seen.at(og).handle;
        auto referrers = walker.apReferrers.find(og);
        if (referrers == walker.apReferrers.end() || referrers->second.empty())
            return Error(
                ErrorCode::PdfUnsupported,
                QStringLiteral("a form stream outside the widgets' appearances changed (object %1)").arg(og.getObj()));
        QPDFObjectHandle dict = old.getDict().shallowCopy();
        std::string data = finalData;
        if (data == kUndecodable) {
            // Not decodable here, so no token filter could apply: only its dictionary changed.
            const auto buffer = old.getRawStreamData();
            data.assign(reinterpret_cast<const char *>(buffer->getBuffer()), buffer->getSize());
        } else {
            for (const char *key : {"/Filter", "/DecodeParms", "/DL"})
                dict.removeKey(key);
        }
        dict.removeKey("/Length");
        QPDFObjectHandle stream = qpdf.newStream(data);
        stream.replaceDict(dict);
        fresh.push_back(stream);
        for (const Referrer &r : referrers->second) {
            replaceReference(r, stream);
            if (r.owner.getObj() <= lastOldObject) {
                if (qpdf.getObject(r.owner).isStream())
                    return Error(ErrorCode::PdfUnsupported,
                                 QStringLiteral("an appearance stream referenced from a stream (object %1)")
                                     .arg(r.owner.getObj()));
                changedSet.insert(r.owner);
            }
        }
    }
    for (const QPDFObjGen &og : changedSet)
        update.changed.push_back(qpdf.getObject(og));

    // The new objects, each once: from the rewritten input objects and the replacement streams,
    // through direct values and new objects, never into input objects.
    std::vector<QPDFObjectHandle> stack;
    std::set<QPDFObjGen> createdSet;
    auto pushChildren = [&stack](QPDFObjectHandle o) {
        QPDFObjectHandle holder = o.isStream() ? o.getDict() : o;
        if (holder.isDictionary()) {
            for (const std::string &k : holder.getKeys())
                stack.push_back(holder.getKey(k));
        } else if (holder.isArray()) {
            for (int i = 0; i < holder.getArrayNItems(); ++i)
                stack.push_back(holder.getArrayItem(i));
        }
    };
    for (const QPDFObjectHandle &o : update.changed)
        pushChildren(o);
    stack.insert(stack.end(), fresh.begin(), fresh.end());
    while (!stack.empty()) {
        QPDFObjectHandle o = stack.back();
        stack.pop_back();
        if (o.isIndirect()) {
            if (o.getObjectID() <= lastOldObject || createdSet.count(o.getObjGen()))
                continue;
            createdSet.insert(o.getObjGen());
            update.created.push_back(o);
        }
        pushChildren(o);
    }
    // Streams qpdf made for fields without an appearance carry their content as a token filter,
    // applied only when the data is read decoded: store the result itself.
    for (QPDFObjectHandle &o : update.created) {
        if (o.isStream() && o.getObjectID() > countBefore &&
            std::find_if(fresh.begin(), fresh.end(),
                         [&](const QPDFObjectHandle &f) { return f.getObjGen() == o.getObjGen(); }) == fresh.end()) {
            const auto buffer = o.getStreamData(qpdf_dl_generalized);
            o.replaceStreamData(std::string(reinterpret_cast<const char *>(buffer->getBuffer()), buffer->getSize()),
                                QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
        }
    }
    qCInfo(lcSigning) << "form appearances generated:" << update.widgets << "widgets," << update.changed.size()
                      << "objects changed," << update.created.size() << "new";
    return update;
}

} // namespace sohoa::signing
