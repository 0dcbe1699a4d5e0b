#include "signing/PdfChangeAnalysis_p.h"

#include "signing/PdfRevisionScan_p.h"
#include "signing/VerifyReasons_p.h"

#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace sohoa::signing::detail {

namespace {

using Table = std::map<QPDFObjGen, QPDFXRefEntry>;

bool sameEntry(const QPDFXRefEntry &a, const QPDFXRefEntry &b)
{
    if (a.getType() != b.getType())
        return false;
    if (a.getType() == 1)
        return a.getOffset() == b.getOffset();
    if (a.getType() == 2)
        return a.getObjStreamNumber() == b.getObjStreamNumber() && a.getObjStreamIndex() == b.getObjStreamIndex();
    return true;
}

// Two values are the same when they serialize the same: direct values compare deeply, references by
// number (the referenced objects are compared where they changed).
bool same(QPDFObjectHandle a, QPDFObjectHandle b)
{
    if (a.isIndirect() != b.isIndirect())
        return false;
    if (a.isIndirect())
        return a.getObjGen() == b.getObjGen();
    if (a.isStream() || b.isStream())
        return false;
    return a.unparse() == b.unparse();
}

QString num(QPDFObjGen og)
{
    return QString::number(og.getObj());
}

std::set<std::string> keysOf(QPDFObjectHandle d)
{
    return d.isDictionary() ? d.getKeys() : std::set<std::string>{};
}

std::set<std::string> keysOfBoth(QPDFObjectHandle a, QPDFObjectHandle b)
{
    std::set<std::string> keys = keysOf(a);
    for (const std::string &k : keysOf(b))
        keys.insert(k);
    return keys;
}

bool hasVisibleRect(QPDFObjectHandle widget)
{
    if (!widget.isDictionary())
        return false;
    const long long flags = widget.getKey("/F").isInteger() ? widget.getKey("/F").getIntValue() : 0;
    if (flags & (2 | 32)) // Hidden, NoView
        return false;
    QPDFObjectHandle r = widget.getKey("/Rect");
    if (!r.isArray() || r.getArrayNItems() != 4)
        return false;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        QPDFObjectHandle x = r.getArrayItem(i);
        if (!x.isNumber())
            return false;
        v[i] = x.getNumericValue();
    }
    return std::abs(v[2] - v[0]) > 0.5 && std::abs(v[3] - v[1]) > 0.5;
}

enum class Zone
{
    Core,            // what the pages show: any change is a modification unless a rule allows it
    Dss,             // validation data
    Info,            // the document information dictionary
    Metadata,        // XMP
    FieldAppearance, // the appearance of a form field that is not a signature: form filling
};

struct Node
{
    Zone zone = Zone::Core;
    QString role;  // where it was found, for the report ("page 1 /Contents")
    int page = 0;  // 1-based page it belongs to, 0 for none
    QString field; // FieldAppearance: the field's name
};

struct Pending
{
    QPDFObjectHandle h;
    Node node;
};

class Analysis
{
public:
    Analysis(QPDF &s, QPDF &f, const ChangeContext &c) : m_s(s), m_f(f), m_ctx(c) {}

    QList<Modification> run()
    {
        const Table tableS = m_s.getXRefTable();
        const Table tableF = m_f.getXRefTable();
        std::vector<QPDFObjGen> changed, created;
        for (const auto &[og, entry] : tableF) {
            auto it = tableS.find(og);
            if (it == tableS.end())
                created.push_back(og);
            else if (!sameEntry(it->second, entry))
                changed.push_back(og);
        }
        for (const auto &[og, entry] : tableS)
            if (!tableF.count(og))
                changed.push_back(og);
        QPDFObjectHandle trailerS = m_s.getTrailer(), trailerF = m_f.getTrailer();
        const bool trailerSame = same(trailerS.getKey("/Root"), trailerF.getKey("/Root")) &&
                                 same(trailerS.getKey("/Info"), trailerF.getKey("/Info")) &&
                                 trailerS.getKey("/Encrypt").unparse() == trailerF.getKey("/Encrypt").unparse();
        if (changed.empty() && created.empty() && trailerSame)
            return {};

        level = m_ctx.certificationLevel;
        m_rootS = trailerS.getKey("/Root").getObjGen();
        collectPages();
        walkSigned(tableS);
        collectSignatureWidgetsNow();

        if (!same(trailerS.getKey("/Root"), trailerF.getKey("/Root")))
            add("catalog-replaced", false);
        if (trailerS.getKey("/Encrypt").unparse() != trailerF.getKey("/Encrypt").unparse())
            add("trailer-changed", false, {QStringLiteral("/Encrypt")});
        if (!same(trailerS.getKey("/Info"), trailerF.getKey("/Info")))
            add("info-updated", true);
        if (m_pageCountS != m_pageCountF)
            add("pages-changed", false, {QString::number(m_pageCountS), QString::number(m_pageCountF)});

        for (const QPDFObjGen &og : changed) {
            auto it = m_nodes.find(og);
            if (it != m_nodes.end())
                check(og, it->second, tableF.count(og) > 0);
        }
        for (const QPDFObjGen &og : created)
            if (m_dangling.count(og))
                add("object-defined-late", false, {num(og)});
        // The same number with two generations: readers disagree on which one a reference means.
        std::map<int, int> generations;
        for (const auto &[og, entry] : tableF)
            ++generations[og.getObj()];
        for (const auto &[obj, count] : generations) {
            if (count < 2)
                continue;
            for (const auto &[og, node] : m_nodes)
                if (og.getObj() == obj) {
                    add("generation-reused", false, {QString::number(obj)});
                    break;
                }
        }
        return m_out;
    }

private:
    void add(const char *id, bool allowed, const QStringList &args = {})
    {
        Modification m = modification(id, allowed, args);
        for (const Modification &o : std::as_const(m_out))
            if (o.id == m.id && o.en == m.en)
                return;
        m_out.append(m);
    }

    void collectPages()
    {
        try {
            const std::vector<QPDFObjectHandle> &pages = m_s.getAllPages();
            for (size_t i = 0; i < pages.size(); ++i)
                m_pages[pages[i].getObjGen()] = int(i) + 1;
            m_pageCountS = int(pages.size());
        } catch (const std::exception &) {
            m_pageCountS = -1;
        }
        try {
            m_pageCountF = int(m_f.getAllPages().size());
        } catch (const std::exception &) {
            m_pageCountF = -2;
        }
    }

    // Every object the signed revision reaches, with the zone it belongs to: the core first, so that an
    // object shared by a page and by the DSS counts as the page's.
    void walkSigned(const Table &tableS)
    {
        QPDFObjectHandle root = m_s.getTrailer().getKey("/Root");
        QPDFObjectHandle acroForm = root.getKey("/AcroForm");
        if (acroForm.isIndirect())
            m_acroFormS = acroForm.getObjGen();
        if (acroForm.getKey("/Fields").isIndirect())
            m_fieldsArrayS = acroForm.getKey("/Fields").getObjGen();
        collectFields(acroForm.getKey("/Fields"));

        std::deque<Pending> core{{root, {Zone::Core, QStringLiteral("catalog"), 0, {}}}};
        std::deque<Pending> later;
        if (root.getKey("/DSS").isDictionary())
            later.push_back({root.getKey("/DSS"), {Zone::Dss, QStringLiteral("DSS"), 0, {}}});
        if (root.getKey("/Metadata").isStream())
            later.push_back({root.getKey("/Metadata"), {Zone::Metadata, QStringLiteral("metadata"), 0, {}}});
        if (m_s.getTrailer().getKey("/Info").isDictionary())
            later.push_back({m_s.getTrailer().getKey("/Info"), {Zone::Info, QStringLiteral("info"), 0, {}}});
        drain(core, later, tableS);
        std::deque<Pending> none;
        drain(later, none, tableS);
    }

    void drain(std::deque<Pending> &queue, std::deque<Pending> &deferred, const Table &tableS)
    {
        while (!queue.empty()) {
            Pending p = std::move(queue.front());
            queue.pop_front();
            QPDFObjectHandle h = p.h;
            if (h.isIndirect()) {
                const QPDFObjGen og = h.getObjGen();
                if (!tableS.count(og)) {
                    m_dangling.insert(og);
                    continue;
                }
                if (m_nodes.count(og))
                    continue;
                auto page = m_pages.find(og);
                if (page != m_pages.end()) {
                    p.node.page = page->second;
                    p.node.role = QStringLiteral("page %1").arg(page->second);
                }
                m_nodes[og] = p.node;
            }
            auto child = [&](QPDFObjectHandle value, const QString &key) {
                if (!value.isIndirect() && !value.isDictionary() && !value.isArray())
                    return;
                Node n = p.node;
                if (n.role.count(u'/') < 4)
                    n.role += key;
                queue.push_back({value, n});
            };
            if (h.isArray()) {
                for (int i = 0; i < h.getArrayNItems(); ++i)
                    child(h.getArrayItem(i), QString());
                continue;
            }
            if (!h.isDictionary() && !h.isStream())
                continue;
            QPDFObjectHandle dict = h.isStream() ? h.getDict() : h;
            const bool catalog = h.isIndirect() && h.getObjGen() == m_rootS;
            const bool formWidget = p.node.zone == Zone::Core && dict.getKey("/Subtype").isNameAndEquals("/Widget") &&
                                    fieldTypeOf(dict) != "/Sig";
            if (p.node.page > 0 && dict.getKey("/Annots").isIndirect())
                m_annotArrays[dict.getKey("/Annots").getObjGen()] = p.node.page;
            if (p.node.page > 0 && dict.getKey("/Annots").isArray() && dict.getKey("/Type").isNameAndEquals("/Page")) {
                QPDFObjectHandle annots = dict.getKey("/Annots");
                for (int i = 0; i < annots.getArrayNItems(); ++i)
                    if (annots.getArrayItem(i).isIndirect())
                        m_annotsS.emplace(annots.getArrayItem(i).getObjGen(), p.node.page);
            }
            for (const std::string &key : dict.getKeys()) {
                if (catalog && (key == "/DSS" || key == "/Metadata"))
                    continue; // their own zones
                if (key == "/Parent" || key == "/P")
                    continue; // back links: reached from above
                QPDFObjectHandle value = dict.getKey(key);
                if (formWidget && key == "/AP") {
                    deferred.push_back(
                        {value, {Zone::FieldAppearance, p.node.role + QStringLiteral("/AP"), p.node.page,
                                 fieldNameOf(dict)}});
                    continue;
                }
                child(value, QString::fromStdString(key));
            }
        }
    }

    void collectFields(QPDFObjectHandle fields)
    {
        forEachField(fields, [this](QPDFObjectHandle f) {
            if (!f.isIndirect())
                return;
            const QString name = fieldNameOf(f);
            if (fieldTypeOf(f) == "/Sig") {
                QPDFObjectHandle field = f.getKey("/FT").isName() || !f.getKey("/Parent").isDictionary()
                                             ? f
                                             : f.getKey("/Parent");
                m_sigFieldsS[f.getObjGen()] = {name, field.getKey("/V").isDictionary()};
            } else {
                m_formFieldsS[f.getObjGen()] = name;
            }
        });
    }

    void collectSignatureWidgetsNow()
    {
        forEachField(m_f.getTrailer().getKey("/Root").getKey("/AcroForm").getKey("/Fields"), [this](QPDFObjectHandle f) {
            if (f.isIndirect() && fieldTypeOf(f) == "/Sig")
                m_sigWidgetsF.insert(f.getObjGen());
        });
    }

    bool annotationsAllowed() const { return level == 0 || level == 3; }
    bool formFillingAllowed() const { return level != 1; }

    bool isSignature(QPDFObjectHandle v) const
    {
        return v.isDictionary() && v.isIndirect() && m_ctx.signatureDictionaries.count(v.getObjGen());
    }

    void check(QPDFObjGen og, const Node &node, bool stillDefined)
    {
        switch (node.zone) {
        case Zone::Dss:
            add("dss-updated", true);
            return;
        case Zone::Info:
            add("info-updated", true);
            return;
        case Zone::Metadata:
            add("metadata-updated", true);
            return;
        case Zone::FieldAppearance:
            add("form-filled", formFillingAllowed(), {node.field});
            return;
        case Zone::Core:
            break;
        }
        if (!stillDefined) {
            add("object-deleted", false, {num(og), node.role});
            return;
        }
        QPDFObjectHandle o = m_s.getObjectByObjGen(og), n = m_f.getObjectByObjGen(og);
        if (og == m_rootS) {
            checkCatalog(o, n);
        } else if (og == m_acroFormS) {
            checkAcroForm(o, n);
        } else if (og == m_fieldsArrayS) {
            checkFields(o, n);
        } else if (m_pages.count(og)) {
            checkPage(m_pages[og], o, n);
        } else if (m_annotArrays.count(og)) {
            checkAnnots(m_annotArrays[og], o, n);
        } else if (m_sigFieldsS.count(og)) {
            checkSignatureField(og, o, n);
        } else if (m_formFieldsS.count(og)) {
            checkFormField(m_formFieldsS[og], o, n);
        } else if (m_annotsS.count(og) && !o.isStream() && n.isDictionary()) {
            add("annotation-changed", annotationsAllowed(), {QString::number(m_annotsS[og])});
        } else if (node.page > 0) {
            add("page-changed", false, {QString::number(node.page), node.role});
        } else {
            add("object-changed", false, {num(og), node.role});
        }
    }

    void checkCatalog(QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const std::set<std::string> keys = keysOfBoth(o, n);
        for (const std::string &k : keys) {
            QPDFObjectHandle a = o.getKey(k), b = n.getKey(k);
            if (same(a, b))
                continue;
            if (k == "/AcroForm")
                checkAcroForm(a, b);
            else if (k == "/DSS" || k == "/Extensions")
                add("dss-updated", true);
            else if (k == "/Version" && b.isName() && (!a.isName() || b.getName() > a.getName()))
                continue; // raised for the DSS or timestamp extension (ESIC): changes nothing shown
            else if (k == "/Metadata")
                add("metadata-updated", true);
            else
                add("catalog-changed", false, {QString::fromStdString(k)});
        }
    }

    void checkAcroForm(QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const std::set<std::string> keys = keysOfBoth(o, n);
        for (const std::string &k : keys) {
            QPDFObjectHandle a = o.getKey(k), b = n.getKey(k);
            if (same(a, b) || k == "/SigFlags" || k == "/DR" || k == "/DA")
                continue;
            if (k == "/Fields")
                checkFields(a, b);
            else
                add("form-changed", false, {QString::fromStdString(k)});
        }
    }

    static std::vector<std::string> itemsOf(QPDFObjectHandle array)
    {
        std::vector<std::string> items;
        if (array.isArray())
            for (int i = 0; i < array.getArrayNItems(); ++i)
                items.push_back(array.getArrayItem(i).unparse());
        return items;
    }

    static bool contains(const std::vector<std::string> &items, const std::string &item)
    {
        return std::find(items.begin(), items.end(), item) != items.end();
    }

    void checkFields(QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const std::vector<std::string> before = itemsOf(o), after = itemsOf(n);
        for (int i = 0; o.isArray() && i < o.getArrayNItems(); ++i)
            if (!contains(after, o.getArrayItem(i).unparse()))
                add("field-removed", false, {fieldNameOf(o.getArrayItem(i))});
        for (int i = 0; n.isArray() && i < n.getArrayNItems(); ++i)
            if (!contains(before, n.getArrayItem(i).unparse()))
                newField(n.getArrayItem(i));
    }

    void newField(QPDFObjectHandle f)
    {
        const QString name = fieldNameOf(f);
        if (!f.isDictionary() || fieldTypeOf(f) != "/Sig") {
            add("field-added", false, {name});
            return;
        }
        QPDFObjectHandle v = f.getKey("/V");
        if (isSignature(v)) {
            if (v.getKey("/Type").isNameAndEquals("/DocTimeStamp"))
                add("timestamp-added", true, {name});
            else
                add("signature-added", level != 1, {name});
            return;
        }
        bool visible = hasVisibleRect(f);
        QPDFObjectHandle kids = f.getKey("/Kids");
        for (int i = 0; kids.isArray() && i < kids.getArrayNItems(); ++i)
            visible = visible || hasVisibleRect(kids.getArrayItem(i));
        if (visible)
            add("signature-field-visible-unsigned", level == 0, {name});
        else
            add("signature-field-added", level != 1, {name});
    }

    void checkPage(int page, QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const std::set<std::string> keys = keysOfBoth(o, n);
        for (const std::string &k : keys) {
            QPDFObjectHandle a = o.getKey(k), b = n.getKey(k);
            if (same(a, b))
                continue;
            if (k == "/Annots")
                checkAnnots(page, a, b);
            else
                add("page-changed", false, {QString::number(page), QString::fromStdString(k)});
        }
    }

    void checkAnnots(int page, QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const std::vector<std::string> before = itemsOf(o), after = itemsOf(n);
        for (const std::string &item : before)
            if (!contains(after, item))
                add("annotation-removed", false, {QString::number(page)});
        for (int i = 0; n.isArray() && i < n.getArrayNItems(); ++i) {
            QPDFObjectHandle a = n.getArrayItem(i);
            if (contains(before, a.unparse()))
                continue;
            if (a.isIndirect() && m_sigWidgetsF.count(a.getObjGen()))
                continue; // a signature field's widget: judged with the field
            const QString subtype = a.getKey("/Subtype").isName()
                                        ? QString::fromStdString(a.getKey("/Subtype").getName()).mid(1)
                                        : QStringLiteral("?");
            // A widget that belongs to no field of the form is drawn but never filled or signed.
            const bool allowed = subtype != u"Widget" && annotationsAllowed();
            add("annotation-added", allowed, {subtype, QString::number(page)});
        }
    }

    void checkSignatureField(QPDFObjGen og, QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const auto &[name, signedBefore] = m_sigFieldsS[og];
        if (signedBefore) {
            add("signed-field-changed", false, {name});
            return;
        }
        const std::set<std::string> keys = keysOfBoth(o, n);
        bool onlyValueAndLook = true;
        for (const std::string &k : keys)
            if (!same(o.getKey(k), n.getKey(k)) && k != "/V" && k != "/AP" && k != "/AS")
                onlyValueAndLook = false;
        if (!onlyValueAndLook) {
            add("object-changed", false, {num(og), name});
            return;
        }
        QPDFObjectHandle field = n.getKey("/FT").isName() || !n.getKey("/Parent").isDictionary() ? n : n.getKey("/Parent");
        QPDFObjectHandle v = field.getKey("/V");
        if (isSignature(v)) {
            if (v.getKey("/Type").isNameAndEquals("/DocTimeStamp"))
                add("timestamp-added", true, {name});
            else
                add("signature-added", level != 1, {name});
        } else if (hasVisibleRect(n)) {
            add("signature-field-visible-unsigned", level == 0, {name});
        } else {
            add("object-changed", false, {num(og), name});
        }
    }

    void checkFormField(const QString &name, QPDFObjectHandle o, QPDFObjectHandle n)
    {
        const std::set<std::string> keys = keysOfBoth(o, n);
        for (const std::string &k : keys) {
            if (same(o.getKey(k), n.getKey(k)) || k == "/V" || k == "/AP" || k == "/AS")
                continue;
            add("object-changed", false, {num(o.getObjGen()), name});
            return;
        }
        add("form-filled", formFillingAllowed(), {name});
    }

    QPDF &m_s;
    QPDF &m_f;
    const ChangeContext &m_ctx;
    int level = 0;
    QPDFObjGen m_rootS, m_acroFormS, m_fieldsArrayS;
    int m_pageCountS = 0, m_pageCountF = 0;
    std::map<QPDFObjGen, Node> m_nodes;
    std::set<QPDFObjGen> m_dangling;
    std::map<QPDFObjGen, int> m_pages;
    std::map<QPDFObjGen, int> m_annotArrays;
    std::map<QPDFObjGen, int> m_annotsS;
    std::map<QPDFObjGen, std::pair<QString, bool>> m_sigFieldsS; // name, signed in S
    std::map<QPDFObjGen, QString> m_formFieldsS;
    std::set<QPDFObjGen> m_sigWidgetsF;
    QList<Modification> m_out;
};

} // namespace

QList<Modification> analyseChanges(QPDF &signedRevision, QPDF &current, const ChangeContext &context)
{
    return Analysis(signedRevision, current, context).run();
}

} // namespace sohoa::signing::detail
