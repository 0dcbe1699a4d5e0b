#include "PdfaRules.h"

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QXmlStreamReader>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <memory>
#include <set>

namespace sohoa::test {

namespace {

using Handle = QPDFObjectHandle;

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

QString where(const Handle &h)
{
    return h.isIndirect() ? QStringLiteral("object %1").arg(h.getObjectID()) : QStringLiteral("a direct object");
}

// ---- XMP --------------------------------------------------------------------------------------------

const QSet<QString> kPredefinedNamespaces = {
    // XMP Specification 2005 and ISO 19005-2 §6.6.2.3.2: usable without an extension schema.
    QStringLiteral("http://purl.org/dc/elements/1.1/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/rights/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/mm/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/bj/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/t/pg/"),
    QStringLiteral("http://ns.adobe.com/xmp/1.0/DynamicMedia/"),
    QStringLiteral("http://ns.adobe.com/pdf/1.3/"),
    QStringLiteral("http://ns.adobe.com/photoshop/1.0/"),
    QStringLiteral("http://ns.adobe.com/camera-raw-settings/1.0/"),
    QStringLiteral("http://ns.adobe.com/tiff/1.0/"),
    QStringLiteral("http://ns.adobe.com/exif/1.0/"),
    QStringLiteral("http://ns.adobe.com/exif/1.0/aux/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/sType/ResourceRef#"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/sType/Version#"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/sType/Job#"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/sType/Dimensions#"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/sType/Font#"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/g/"),
    QStringLiteral("http://ns.adobe.com/xap/1.0/g/img/"),
    QStringLiteral("http://www.aiim.org/pdfa/ns/id/"),
    QStringLiteral("http://www.aiim.org/pdfa/ns/extension/"),
    QStringLiteral("http://www.aiim.org/pdfa/ns/schema#"),
    QStringLiteral("http://www.aiim.org/pdfa/ns/property#"),
    QStringLiteral("http://www.aiim.org/pdfa/ns/type#"),
    QStringLiteral("http://www.aiim.org/pdfa/ns/field#"),
};
const QString kRdf = QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
const QString kMeta = QStringLiteral("adobe:ns:meta/");
const QString kDc = QStringLiteral("http://purl.org/dc/elements/1.1/");
const QString kXmp = QStringLiteral("http://ns.adobe.com/xap/1.0/");
const QString kPdf = QStringLiteral("http://ns.adobe.com/pdf/1.3/");
const QString kPdfaId = QStringLiteral("http://www.aiim.org/pdfa/ns/id/");
const QString kSchema = QStringLiteral("http://www.aiim.org/pdfa/ns/schema#");
const QString kProperty = QStringLiteral("http://www.aiim.org/pdfa/ns/property#");
const QString kType = QStringLiteral("http://www.aiim.org/pdfa/ns/type#");
const QString kField = QStringLiteral("http://www.aiim.org/pdfa/ns/field#");

const QSet<QString> kSimpleValueTypes = {
    QStringLiteral("Text"),
    QStringLiteral("Integer"),
    QStringLiteral("Real"),
    QStringLiteral("Boolean"),
    QStringLiteral("Date"),
    QStringLiteral("URI"),
    QStringLiteral("URL"),
    QStringLiteral("ProperName"),
    QStringLiteral("AgentName"),
    QStringLiteral("Locale"),
    QStringLiteral("GUID"),
    QStringLiteral("MIMEType"),
    QStringLiteral("RenditionClass"),
    QStringLiteral("ResourceRef"),
    QStringLiteral("Part"),
    QStringLiteral("XPath"),
    QStringLiteral("Rational"),
    QStringLiteral("Lang Alt"),
    QStringLiteral("Thumbnail"),
    QStringLiteral("Dimensions"),
    QStringLiteral("Font"),
    QStringLiteral("Job"),
    QStringLiteral("ResourceEvent"),
    QStringLiteral("Version"),
};

struct Xmp
{
    QString error;
    // "namespace|name" of every property (top level) -> its values (a simple value, or the items of an
    // array; for an Alt the x-default item first).
    QHash<QString, QStringList> properties;
    // Properties and fields in namespaces that need an extension schema: namespace, local name, is field.
    struct Use
    {
        QString ns, name;
        bool field;
    };
    QList<Use> custom;
    QSet<QString> declaredNamespaces, declaredProperties, declaredFields, declaredTypes;
    QStringList propertyValueTypes;

    QString value(const QString &ns, const QString &name) const
    {
        const QStringList v = properties.value(ns + u'|' + name);
        return v.isEmpty() ? QString() : v.first();
    }
    bool has(const QString &ns, const QString &name) const { return properties.contains(ns + u'|' + name); }
};

Xmp parseXmp(const QByteArray &packet)
{
    Xmp x;
    QXmlStreamReader r(packet);
    struct Frame
    {
        QString ns, name;
        int role; // 0 other, 1 top-level rdf:Description, 2 property, 3 field, 4 rdf:li
        QString lang;
        QString text;
    };
    QList<Frame> stack;
    auto topProperty = [&]() -> int {
        for (int i = int(stack.size()) - 1; i >= 0; --i)
            if (stack[i].role == 2)
                return i;
        return -1;
    };
    while (!r.atEnd()) {
        const auto token = r.readNext();
        if (token == QXmlStreamReader::StartElement) {
            Frame f{r.namespaceUri().toString(), r.name().toString(), 0, {}, {}};
            const bool inRdfRoot = !stack.isEmpty() && stack.last().ns == kRdf && stack.last().name == u"RDF";
            if (f.ns == kRdf && f.name == u"Description" && inRdfRoot) {
                f.role = 1;
                // Properties written as attributes: pdfaid:part="2".
                for (const QXmlStreamAttribute &a : r.attributes()) {
                    const QString ns = a.namespaceUri().toString();
                    if (ns.isEmpty() || ns == kRdf || a.qualifiedName().startsWith(u"xmlns"))
                        continue;
                    x.properties[ns + u'|' + a.name().toString()].append(a.value().toString());
                    if (!kPredefinedNamespaces.contains(ns))
                        x.custom.append({ns, a.name().toString(), false});
                }
            } else if (f.ns != kRdf && f.ns != kMeta && !stack.isEmpty()) {
                f.role = stack.last().role == 1 ? 2 : 3;
                if (!kPredefinedNamespaces.contains(f.ns))
                    x.custom.append({f.ns, f.name, f.role == 3});
            } else if (f.ns == kRdf && f.name == u"li") {
                f.role = 4;
                f.lang = r.attributes().value(QStringLiteral("xml:lang")).toString();
            }
            stack.append(f);
        } else if (token == QXmlStreamReader::Characters) {
            if (!stack.isEmpty())
                stack.last().text += r.text();
        } else if (token == QXmlStreamReader::EndElement) {
            if (stack.isEmpty())
                break;
            const Frame f = stack.takeLast();
            const QString text = f.text.trimmed();
            if (f.role == 2 && !x.properties.contains(f.ns + u'|' + f.name))
                x.properties[f.ns + u'|' + f.name].append(text); // simple value (array items came first)
            else if (f.role == 4) {
                const int p = topProperty();
                if (p >= 0 && stack.size() - p <= 2) { // an item of the property's own array
                    QStringList &values = x.properties[stack[p].ns + u'|' + stack[p].name];
                    if (f.lang == u"x-default")
                        values.prepend(text);
                    else
                        values.append(text);
                }
            }
            if ((f.ns == kSchema || f.ns == kType) && f.name == u"namespaceURI")
                x.declaredNamespaces.insert(text);
            else if (f.ns == kProperty && f.name == u"name")
                x.declaredProperties.insert(text);
            else if (f.ns == kField && f.name == u"name")
                x.declaredFields.insert(text);
            else if (f.ns == kType && f.name == u"type")
                x.declaredTypes.insert(text);
            else if (f.ns == kProperty && f.name == u"valueType")
                x.propertyValueTypes.append(text);
        }
    }
    if (r.hasError())
        x.error = r.errorString();
    return x;
}

// ---- dates --------------------------------------------------------------------------------------------

QDateTime pdfDate(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+\-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?$)"));
    const auto m = re.match(s.trimmed());
    if (!m.hasMatch())
        return {};
    auto n = [&](int i, int def) {
        return m.captured(i).isEmpty() ? def : m.captured(i).toInt();
    };
    const QDate date(n(1, 0), n(2, 1), n(3, 1));
    const QTime time(n(4, 0), n(5, 0), n(6, 0));
    int offset = 0;
    if (m.captured(7) == u"+" || m.captured(7) == u"-")
        offset = (m.captured(7) == u"-" ? -1 : 1) * (n(8, 0) * 3600 + n(9, 0) * 60);
    return QDateTime(date, time, QTimeZone(offset));
}

QDateTime xmpDate(const QString &s)
{
    return QDateTime::fromString(s.trimmed(), Qt::ISODate);
}

// ---- content streams ----------------------------------------------------------------------------------

// What a content stream draws with: device colours the output intent does not cover, and inline images
// with interpolation or LZW (the image rules for what is not an XObject).
class ContentScan : public QPDFObjectHandle::ParserCallbacks
{
public:
    QStringList found;
    int intentComponents = 0;

    void handleObject(QPDFObjectHandle object) override
    {
        if (object.isInlineImage()) {
            for (qsizetype i = 0; i + 1 < m_operands.size(); ++i) {
                Handle key = m_operands.at(i), value = m_operands.at(i + 1);
                if (key.isName() && (key.getName() == "/I" || key.getName() == "/Interpolate") && value.isBool() &&
                    value.getBoolValue())
                    note(QStringLiteral("an inline image with /Interpolate true"));
            }
            for (Handle operand : m_operands)
                if (operand.isName() && (operand.getName() == "/LZW" || operand.getName() == "/LZWDecode"))
                    note(QStringLiteral("an LZW-compressed inline image"));
            m_operands.clear();
            return;
        }
        if (!object.isOperator()) {
            m_operands.append(object);
            return;
        }
        const std::string op = object.getOperatorValue();
        if ((op == "k" || op == "K") && intentComponents != 4)
            note(QStringLiteral("DeviceCMYK colour (%1) with an output intent that is not CMYK").arg(str(op)));
        if ((op == "rg" || op == "RG") && intentComponents != 3)
            note(QStringLiteral("DeviceRGB colour (%1) with an output intent that is not RGB").arg(str(op)));
        if ((op == "cs" || op == "CS") && !m_operands.isEmpty() && m_operands.last().isName() &&
            m_operands.last().getName() == "/DeviceCMYK" && intentComponents != 4)
            note(
                QStringLiteral("the DeviceCMYK colour space (%1) with an output intent that is not CMYK").arg(str(op)));
        if (op != "BI" && op != "ID")
            m_operands.clear();
    }
    void handleEOF() override {}

private:
    void note(const QString &text)
    {
        if (!found.contains(text))
            found.append(text);
    }
    QList<Handle> m_operands;
};

// ---- the checker ----------------------------------------------------------------------------------------

class Checker
{
public:
    Checker(const QString &path, const PdfaCheckOptions &options) : m_path(path), m_options(options) {}

    QStringList run()
    {
        QFile f(m_path);
        if (!f.open(QIODevice::ReadOnly))
            return {QStringLiteral("cannot read %1: %2").arg(m_path, f.errorString())};
        m_bytes = f.readAll();
        checkFileStructure();
        try {
            m_pdf.setSuppressWarnings(true);
            m_pdf.processFile(QFile::encodeName(m_path).constData());
            checkTrailer();
            Handle root = m_pdf.getRoot();
            checkCatalog(root);
            checkMetadata(root);
            checkOutputIntents(root);
            for (const Handle &page : m_pdf.getAllPages())
                checkPage(page);
            checkAllObjects();
            for (const auto &w : m_pdf.getWarnings())
                violation(QStringLiteral("qpdf repaired the file while reading it (PDF/A wants a well-formed file): ") +
                          str(w.what()));
        } catch (const std::exception &e) {
            violation(QStringLiteral("the file cannot be read as PDF: ") + QString::fromLocal8Bit(e.what()));
        }
        return m_violations;
    }

private:
    void violation(const QString &text)
    {
        if (!m_violations.contains(text))
            m_violations.append(text);
    }

    // ISO 19005-2 §6.1.2, §6.1.3: the header at byte 0 with a version PDF/A-2 knows, a comment of four
    // binary bytes after it, %%EOF at the end of the final revision.
    void checkFileStructure()
    {
        static const QRegularExpression header(QStringLiteral("^%PDF-1\\.[0-7][\\r\\n]"));
        if (!header.match(QString::fromLatin1(m_bytes.left(10))).hasMatch())
            violation(QStringLiteral("header: the file must start with %PDF-1.0 ... %PDF-1.7 at byte 0, found \"%1\"")
                          .arg(QString::fromLatin1(m_bytes.left(9).toHex(' '))));
        const qsizetype eol = m_bytes.indexOf('\n');
        const QByteArray second = eol > 0 ? m_bytes.mid(eol + 1, 5) : QByteArray();
        int high = 0;
        for (int i = 1; i < second.size(); ++i)
            high += uchar(second.at(i)) > 127 ? 1 : 0;
        if (!second.startsWith('%') || high < 4)
            violation(QStringLiteral("header: the second line must be a comment of at least four bytes above 127"));
        QByteArray tail = m_bytes.right(16);
        while (tail.endsWith('\n') || tail.endsWith('\r'))
            tail.chop(1);
        if (!tail.endsWith("%%EOF"))
            violation(QStringLiteral("trailer: the final revision does not end with %%EOF"));
    }

    // §6.1.3: an /ID, no encryption.
    void checkTrailer()
    {
        Handle trailer = m_pdf.getTrailer();
        Handle id = trailer.getKey("/ID");
        if (!id.isArray() || id.getArrayNItems() != 2 || !id.getArrayItem(0).isString() ||
            !id.getArrayItem(1).isString())
            violation(QStringLiteral("trailer: /ID must be an array of two strings"));
        if (trailer.hasKey("/Encrypt"))
            violation(QStringLiteral("trailer: /Encrypt present (PDF/A forbids encryption)"));
    }

    void checkCatalog(Handle root)
    {
        if (root.hasKey("/AA"))
            violation(QStringLiteral("catalog: /AA (additional actions) present"));
        Handle names = root.getKey("/Names");
        if (names.isDictionary() && names.hasKey("/JavaScript"))
            violation(QStringLiteral("catalog: /Names /JavaScript present"));
        if (names.isDictionary() && names.hasKey("/EmbeddedFiles"))
            violation(QStringLiteral("catalog: /Names /EmbeddedFiles present (only PDF/A attachments are allowed; "
                                     "not checked here, so none is)"));
        if (root.getKey("/NeedsRendering").isBool() && root.getKey("/NeedsRendering").getBoolValue())
            violation(QStringLiteral("catalog: /NeedsRendering true"));
        Handle form = root.getKey("/AcroForm");
        if (form.isDictionary()) {
            if (form.getKey("/NeedAppearances").isBool() && form.getKey("/NeedAppearances").getBoolValue())
                violation(QStringLiteral("AcroForm: /NeedAppearances true"));
            if (form.hasKey("/XFA"))
                violation(QStringLiteral("AcroForm: /XFA present"));
        }
    }

    // §6.6.2: uncompressed XMP with pdfaid part 2 conformance B, every custom namespace declared by an
    // extension schema; §6.6.3: the Info dictionary's entries equal their XMP counterparts.
    void checkMetadata(Handle root)
    {
        Handle meta = root.getKey("/Metadata");
        if (!meta.isStream()) {
            violation(QStringLiteral("catalog: no /Metadata stream"));
            return;
        }
        Handle dict = meta.getDict();
        if (dict.hasKey("/Filter"))
            violation(QStringLiteral("metadata %1: compressed (/Filter %2); PDF/A wants it plain")
                          .arg(where(meta), str(dict.getKey("/Filter").unparse())));
        if (!dict.getKey("/Type").isNameAndEquals("/Metadata") || !dict.getKey("/Subtype").isNameAndEquals("/XML"))
            violation(QStringLiteral("metadata %1: /Type /Metadata /Subtype /XML missing").arg(where(meta)));
        std::shared_ptr<Buffer> data = meta.getStreamData(qpdf_dl_generalized);
        const QByteArray packet(reinterpret_cast<const char *>(data->getBuffer()), qsizetype(data->getSize()));
        if (!packet.contains("<?xpacket begin="))
            violation(QStringLiteral("metadata: no xpacket header"));
        if (packet.contains(" bytes=") || packet.contains(" encoding="))
            violation(QStringLiteral("metadata: the xpacket header has a bytes or encoding attribute"));
        const Xmp xmp = parseXmp(packet);
        if (!xmp.error.isEmpty()) {
            violation(QStringLiteral("metadata: the XMP is not well-formed XML: ") + xmp.error);
            return;
        }
        if (xmp.value(kPdfaId, QStringLiteral("part")) != u"2")
            violation(QStringLiteral("metadata: pdfaid:part is \"%1\", not 2")
                          .arg(xmp.value(kPdfaId, QStringLiteral("part"))));
        if (xmp.value(kPdfaId, QStringLiteral("conformance")) != u"B")
            violation(QStringLiteral("metadata: pdfaid:conformance is \"%1\", not B")
                          .arg(xmp.value(kPdfaId, QStringLiteral("conformance"))));
        for (const Xmp::Use &use : xmp.custom) {
            if (!xmp.declaredNamespaces.contains(use.ns))
                violation(QStringLiteral("metadata: namespace %1 (%2) is used without a PDF/A extension schema")
                              .arg(use.ns, use.name));
            else if (use.field ? !xmp.declaredFields.contains(use.name) : !xmp.declaredProperties.contains(use.name))
                violation(QStringLiteral("metadata: %1 %2 of %3 is not declared in its extension schema")
                              .arg(use.field ? QStringLiteral("field") : QStringLiteral("property"), use.name, use.ns));
        }
        for (const QString &valueType : xmp.propertyValueTypes) {
            QString base = valueType;
            for (const char *prefix : {"Seq ", "Bag ", "Alt "})
                if (base.startsWith(QLatin1StringView(prefix)))
                    base = base.mid(4);
            if (!kSimpleValueTypes.contains(base) && !xmp.declaredTypes.contains(base) && valueType != u"Lang Alt")
                violation(QStringLiteral("metadata: the extension schema names value type \"%1\" without defining it")
                              .arg(valueType));
        }
        checkInfo(xmp);
    }

    void checkInfo(const Xmp &xmp)
    {
        Handle info = m_pdf.getTrailer().getKey("/Info");
        if (!info.isDictionary())
            return;
        struct Pair
        {
            const char *key;
            QString ns, name;
        };
        const Pair pairs[] = {
            {"/Title", kDc, QStringLiteral("title")},          {"/Author", kDc, QStringLiteral("creator")},
            {"/Subject", kDc, QStringLiteral("description")},  {"/Keywords", kPdf, QStringLiteral("Keywords")},
            {"/Creator", kXmp, QStringLiteral("CreatorTool")}, {"/Producer", kPdf, QStringLiteral("Producer")},
        };
        for (const Pair &p : pairs) {
            Handle v = info.getKey(p.key);
            if (!v.isString())
                continue;
            const QString infoValue = str(v.getUTF8Value());
            if (!xmp.has(p.ns, p.name))
                violation(QStringLiteral("Info %1 \"%2\" has no XMP counterpart (%3)")
                              .arg(QLatin1StringView(p.key), infoValue, p.name));
            else if (xmp.value(p.ns, p.name) != infoValue)
                violation(QStringLiteral("Info %1 \"%2\" differs from the XMP's %3 \"%4\"")
                              .arg(QLatin1StringView(p.key), infoValue, p.name, xmp.value(p.ns, p.name)));
        }
        const std::pair<const char *, QString> dates[] = {{"/CreationDate", QStringLiteral("CreateDate")},
                                                          {"/ModDate", QStringLiteral("ModifyDate")}};
        for (const auto &[key, name] : dates) {
            Handle v = info.getKey(key);
            if (!v.isString())
                continue;
            const QString text = str(v.getUTF8Value());
            const QDateTime infoDate = pdfDate(text);
            if (!infoDate.isValid()) {
                violation(QStringLiteral("Info %1 \"%2\" is not a PDF date").arg(QLatin1StringView(key), text));
                continue;
            }
            const QDateTime x = xmpDate(xmp.value(kXmp, name));
            if (!x.isValid())
                violation(
                    QStringLiteral("Info %1 has no valid XMP counterpart xmp:%2").arg(QLatin1StringView(key), name));
            else if (x != infoDate || x.offsetFromUtc() != infoDate.offsetFromUtc())
                violation(QStringLiteral("Info %1 \"%2\" differs from xmp:%3 \"%4\"")
                              .arg(QLatin1StringView(key), text, name, xmp.value(kXmp, name)));
        }
    }

    // §6.2.3: a GTS_PDFA1 output intent whose ICC profile's colour space matches /N; several share one.
    void checkOutputIntents(Handle root)
    {
        Handle intents = root.getKey("/OutputIntents");
        int found = 0;
        QSet<QString> profiles;
        if (intents.isArray()) {
            for (int i = 0; i < intents.getArrayNItems(); ++i) {
                Handle intent = intents.getArrayItem(i);
                if (!intent.isDictionary() || !intent.getKey("/S").isNameAndEquals("/GTS_PDFA1"))
                    continue;
                ++found;
                Handle profile = intent.getKey("/DestOutputProfile");
                if (!profile.isStream()) {
                    violation(QStringLiteral("output intent: GTS_PDFA1 without a /DestOutputProfile ICC stream"));
                    continue;
                }
                profiles.insert(QString::number(profile.getObjectID()));
                std::shared_ptr<Buffer> data = profile.getStreamData(qpdf_dl_generalized);
                const QByteArray icc(reinterpret_cast<const char *>(data->getBuffer()), qsizetype(data->getSize()));
                if (icc.size() < 132 || icc.mid(36, 4) != "acsp") {
                    violation(
                        QStringLiteral("output intent: the profile %1 is not an ICC profile").arg(where(profile)));
                    continue;
                }
                const QByteArray space = icc.mid(16, 4);
                const int n = space == "RGB " ? 3 : space == "GRAY" ? 1 : space == "CMYK" ? 4 : 0;
                m_intentComponents = n;
                Handle nKey = profile.getDict().getKey("/N");
                if (!nKey.isInteger() || nKey.getIntValue() != n)
                    violation(QStringLiteral("output intent: /N %1 does not match the profile's colour space \"%2\"")
                                  .arg(str(nKey.unparse()), QString::fromLatin1(space)));
                if (uchar(icc.at(8)) > 4)
                    violation(QStringLiteral("output intent: ICC profile version %1 (PDF/A-2 reads up to 4)")
                                  .arg(uchar(icc.at(8))));
                const QByteArray deviceClass = icc.mid(12, 4);
                if (deviceClass != "prtr" && deviceClass != "mntr")
                    violation(QStringLiteral("output intent: profile class \"%1\" (must be prtr or mntr)")
                                  .arg(QString::fromLatin1(deviceClass)));
            }
        }
        if (found == 0)
            violation(QStringLiteral("catalog: no /OutputIntents entry with /S /GTS_PDFA1"));
        if (profiles.size() > 1)
            violation(QStringLiteral("output intents: several GTS_PDFA1 intents with different profiles"));
    }

    void checkPage(Handle page)
    {
        const QString name = QStringLiteral("page object %1").arg(page.getObjectID());
        if (page.hasKey("/AA"))
            violation(name + QStringLiteral(": /AA (additional actions) present"));
        checkGroup(page.getKey("/Group"), name);
        checkResources(inherited(page, "/Resources"), name);
        ContentScan scan;
        scan.intentComponents = m_intentComponents;
        try {
            page.parsePageContents(&scan);
        } catch (const std::exception &e) {
            violation(name + QStringLiteral(": its content cannot be parsed: ") + QString::fromLocal8Bit(e.what()));
        }
        for (const QString &f : scan.found)
            violation(name + QStringLiteral(": ") + f);
        Handle annots = page.getKey("/Annots");
        if (annots.isArray())
            for (int i = 0; i < annots.getArrayNItems(); ++i)
                checkAnnotation(annots.getArrayItem(i), name);
    }

    static Handle inherited(const Handle &page, const char *key)
    {
        std::set<QPDFObjGen> seen;
        for (Handle node = page; node.isDictionary(); node = node.getKey("/Parent")) {
            if (node.isIndirect() && !seen.insert(node.getObjGen()).second)
                break;
            if (node.hasKey(key))
                return node.getKey(key);
        }
        return Handle::newNull();
    }

    // §6.3: annotations printable and visible, appearances with /N only, no forbidden kinds.
    void checkAnnotation(Handle annot, const QString &page)
    {
        if (!annot.isDictionary())
            return;
        const QString subtype = str(annot.getKey("/Subtype").isName() ? annot.getKey("/Subtype").getName() : "");
        const QString name = QStringLiteral("%1 annotation %2 on %3").arg(subtype, where(annot), page);
        static const QSet<QString> forbidden = {QStringLiteral("/3D"), QStringLiteral("/Sound"),
                                                QStringLiteral("/Screen"), QStringLiteral("/Movie"),
                                                QStringLiteral("/FileAttachment")};
        if (forbidden.contains(subtype))
            violation(name + QStringLiteral(": this kind of annotation is not allowed"));
        if (subtype != u"/Popup") {
            Handle f = annot.getKey("/F");
            const long long flags = f.isInteger() ? f.getIntValue() : 0;
            if (!(flags & 4))
                violation(name + QStringLiteral(": /F %1 lacks the Print flag (4)").arg(flags));
            if (flags & (1 | 2 | 32))
                violation(name + QStringLiteral(": /F %1 sets Invisible, Hidden or NoView").arg(flags));
        }
        if (annot.hasKey("/AA"))
            violation(name + QStringLiteral(": /AA (additional actions) present"));
        Handle ap = annot.getKey("/AP");
        Handle rect = annot.getKey("/Rect");
        bool zeroRect = false;
        if (rect.isArray() && rect.getArrayNItems() == 4) {
            double r[4];
            for (int i = 0; i < 4; ++i)
                r[i] = rect.getArrayItem(i).isNumber() ? rect.getArrayItem(i).getNumericValue() : 0;
            zeroRect = r[0] == r[2] && r[1] == r[3];
        }
        if (!ap.isDictionary()) {
            if (subtype != u"/Popup" && subtype != u"/Link" && !zeroRect)
                violation(name + QStringLiteral(": no appearance dictionary (/AP)"));
            return;
        }
        for (const std::string &key : ap.getKeys())
            if (key != "/N")
                violation(name +
                          QStringLiteral(": its appearance dictionary has %1 (only /N is allowed)").arg(str(key)));
        Handle n = ap.getKey("/N");
        if (n.isStream())
            checkForm(n, name + QStringLiteral(" /AP /N"));
        else if (n.isDictionary()) {
            if (!(subtype == u"/Widget" && annot.getKey("/FT").isNameAndEquals("/Btn")) &&
                !(subtype == u"/Widget" && inheritedField(annot, "/FT").isNameAndEquals("/Btn")))
                violation(name + QStringLiteral(": /AP /N is a dictionary of states, allowed only for buttons"));
            for (const std::string &key : n.getKeys())
                if (n.getKey(key).isStream())
                    checkForm(n.getKey(key), name + QStringLiteral(" /AP /N ") + str(key));
        } else {
            violation(name + QStringLiteral(": /AP /N is neither a stream nor a dictionary"));
        }
    }

    static Handle inheritedField(const Handle &field, const char *key)
    {
        std::set<QPDFObjGen> seen;
        for (Handle node = field; node.isDictionary(); node = node.getKey("/Parent")) {
            if (node.isIndirect() && !seen.insert(node.getObjGen()).second)
                break;
            if (node.hasKey(key))
                return node.getKey(key);
        }
        return Handle::newNull();
    }

    void checkForm(Handle form, const QString &name)
    {
        if (form.isIndirect() && !m_seen.insert(form.getObjGen()).second)
            return;
        Handle dict = form.getDict();
        checkGroup(dict.getKey("/Group"), name);
        checkResources(dict.getKey("/Resources"), name);
        ContentScan scan;
        scan.intentComponents = m_intentComponents;
        try {
            form.parseAsContents(&scan);
        } catch (const std::exception &e) {
            violation(name + QStringLiteral(": its content cannot be parsed: ") + QString::fromLocal8Bit(e.what()));
        }
        for (const QString &f : scan.found)
            violation(name + QStringLiteral(": ") + f);
    }

    void checkGroup(Handle group, const QString &name)
    {
        if (!m_options.allowTransparency && group.isDictionary() && group.getKey("/S").isNameAndEquals("/Transparency"))
            violation(name + QStringLiteral(": a transparency group (/Group /S /Transparency)"));
    }

    // Fonts embedded, images without interpolation or soft masks, forms and patterns recursively.
    void checkResources(Handle resources, const QString &owner)
    {
        if (!resources.isDictionary())
            return;
        if (resources.isIndirect() && !m_seen.insert(resources.getObjGen()).second)
            return;
        Handle fonts = resources.getKey("/Font");
        if (fonts.isDictionary())
            for (const std::string &key : fonts.getKeys())
                checkFont(fonts.getKey(key), owner + QStringLiteral(" font ") + str(key));
        Handle xobjects = resources.getKey("/XObject");
        if (xobjects.isDictionary()) {
            for (const std::string &key : xobjects.getKeys()) {
                Handle x = xobjects.getKey(key);
                if (!x.isStream())
                    continue;
                const QString name = owner + QStringLiteral(" XObject ") + str(key) + u' ' + where(x);
                Handle subtype = x.getDict().getKey("/Subtype");
                if (subtype.isNameAndEquals("/Form"))
                    checkForm(x, name);
                else if (subtype.isNameAndEquals("/Image"))
                    checkImage(x, name);
                else if (subtype.isNameAndEquals("/PS"))
                    violation(name + QStringLiteral(": a PostScript XObject"));
            }
        }
        Handle patterns = resources.getKey("/Pattern");
        if (patterns.isDictionary())
            for (const std::string &key : patterns.getKeys())
                if (patterns.getKey(key).isStream())
                    checkForm(patterns.getKey(key), owner + QStringLiteral(" pattern ") + str(key));
        Handle states = resources.getKey("/ExtGState");
        if (states.isDictionary())
            for (const std::string &key : states.getKeys())
                checkGraphicsState(states.getKey(key), owner + QStringLiteral(" ExtGState ") + str(key));
    }

    void checkGraphicsState(Handle gs, const QString &name)
    {
        if (!gs.isDictionary())
            return;
        if (gs.hasKey("/TR"))
            violation(name + QStringLiteral(": a transfer function (/TR)"));
        if (gs.hasKey("/TR2") && !gs.getKey("/TR2").isNameAndEquals("/Default"))
            violation(name + QStringLiteral(": /TR2 other than /Default"));
        if (gs.hasKey("/HTP"))
            violation(name + QStringLiteral(": /HTP"));
        if (m_options.allowTransparency)
            return;
        if (gs.hasKey("/SMask") && !gs.getKey("/SMask").isNameAndEquals("/None"))
            violation(name + QStringLiteral(": a soft mask (/SMask)"));
        for (const char *alpha : {"/CA", "/ca"}) {
            Handle a = gs.getKey(alpha);
            if (a.isNumber() && a.getNumericValue() < 1.0)
                violation(
                    name +
                    QStringLiteral(": constant alpha %1 %2").arg(QLatin1StringView(alpha)).arg(a.getNumericValue()));
        }
        Handle bm = gs.getKey("/BM");
        if (bm.isName() && !bm.isNameAndEquals("/Normal") && !bm.isNameAndEquals("/Compatible"))
            violation(name + QStringLiteral(": blend mode %1").arg(str(bm.getName())));
    }

    void checkImage(Handle image, const QString &name)
    {
        Handle dict = image.getDict();
        if (dict.getKey("/Interpolate").isBool() && dict.getKey("/Interpolate").getBoolValue())
            violation(name + QStringLiteral(": /Interpolate true"));
        if (dict.hasKey("/Alternates"))
            violation(name + QStringLiteral(": /Alternates"));
        if (dict.hasKey("/OPI"))
            violation(name + QStringLiteral(": /OPI"));
        if (!m_options.allowTransparency && dict.hasKey("/SMask"))
            violation(name + QStringLiteral(": a soft mask (/SMask)"));
        if (dict.getKey("/ColorSpace").isNameAndEquals("/DeviceCMYK") && m_intentComponents != 4)
            violation(name + QStringLiteral(": DeviceCMYK with an output intent that is not CMYK"));
        if (dict.getKey("/ColorSpace").isNameAndEquals("/DeviceRGB") && m_intentComponents != 3)
            violation(name + QStringLiteral(": DeviceRGB with an output intent that is not RGB"));
    }

    // §6.2.11: every font's program embedded; composite fonts with a ToUnicode CMap; the glyph widths of
    // a CIDFontType2 the same in the font dictionary as in the font program.
    void checkFont(Handle font, const QString &name)
    {
        if (!font.isDictionary())
            return;
        if (font.isIndirect() && !m_seen.insert(font.getObjGen()).second)
            return;
        Handle subtype = font.getKey("/Subtype");
        const QString label = name + u' ' + where(font) + u' ' +
                              str(font.getKey("/BaseFont").isName() ? font.getKey("/BaseFont").getName() : "");
        if (subtype.isNameAndEquals("/Type3")) {
            checkResources(font.getKey("/Resources"), label);
            return;
        }
        Handle descriptorOwner = font;
        if (subtype.isNameAndEquals("/Type0")) {
            if (!font.getKey("/ToUnicode").isStream() && !font.getKey("/ToUnicode").isName())
                violation(label + QStringLiteral(": a Type0 font without /ToUnicode"));
            Handle descendants = font.getKey("/DescendantFonts");
            if (!descendants.isArray() || descendants.getArrayNItems() != 1 ||
                !descendants.getArrayItem(0).isDictionary()) {
                violation(label + QStringLiteral(": /DescendantFonts is not one CIDFont"));
                return;
            }
            descriptorOwner = descendants.getArrayItem(0);
            Handle map = descriptorOwner.getKey("/CIDToGIDMap");
            if (descriptorOwner.getKey("/Subtype").isNameAndEquals("/CIDFontType2") && !map.isStream() &&
                !map.isNameAndEquals("/Identity"))
                violation(label + QStringLiteral(": a CIDFontType2 without /CIDToGIDMap (stream or /Identity)"));
        }
        Handle descriptor = descriptorOwner.getKey("/FontDescriptor");
        Handle program;
        if (descriptor.isDictionary())
            for (const char *key : {"/FontFile", "/FontFile2", "/FontFile3"})
                if (descriptor.getKey(key).isStream())
                    program = descriptor.getKey(key);
        if (!program.isInitialized() || !program.isStream()) {
            violation(label +
                      QStringLiteral(": the font program is not embedded (no FontFile, FontFile2 or FontFile3)"));
            return;
        }
        if (descriptorOwner.getKey("/Subtype").isNameAndEquals("/CIDFontType2") &&
            descriptor.getKey("/FontFile2").isStream())
            checkCidWidths(descriptorOwner, program, label);
    }

    struct TrueTypeMetrics
    {
        int unitsPerEm = 0;
        QList<int> advances; // per glyph
    };

    static TrueTypeMetrics readMetrics(const QByteArray &ttf)
    {
        TrueTypeMetrics m;
        auto u16 = [&](qsizetype at) {
            return at + 2 <= ttf.size() ? (uchar(ttf[at]) << 8) | uchar(ttf[at + 1]) : 0;
        };
        auto u32 = [&](qsizetype at) {
            return (qint64(u16(at)) << 16) | u16(at + 2);
        };
        const int tables = u16(4);
        qint64 head = -1, hhea = -1, hmtx = -1, maxp = -1;
        for (int i = 0; i < tables; ++i) {
            const QByteArray tag = ttf.mid(12 + 16 * i, 4);
            const qint64 offset = u32(12 + 16 * i + 8);
            if (tag == "head")
                head = offset;
            else if (tag == "hhea")
                hhea = offset;
            else if (tag == "hmtx")
                hmtx = offset;
            else if (tag == "maxp")
                maxp = offset;
        }
        if (head < 0 || hhea < 0 || hmtx < 0 || maxp < 0)
            return m;
        m.unitsPerEm = u16(head + 18);
        const int metrics = u16(hhea + 34), glyphs = u16(maxp + 4);
        int last = 0;
        for (int g = 0; g < glyphs; ++g) {
            if (g < metrics)
                last = u16(hmtx + 4 * g);
            m.advances.append(last);
        }
        return m;
    }

    void checkCidWidths(Handle cidFont, Handle program, const QString &label)
    {
        std::shared_ptr<Buffer> data = program.getStreamData(qpdf_dl_generalized);
        const TrueTypeMetrics metrics =
            readMetrics(QByteArray(reinterpret_cast<const char *>(data->getBuffer()), qsizetype(data->getSize())));
        if (metrics.unitsPerEm == 0 || metrics.advances.isEmpty()) {
            violation(label + QStringLiteral(": the embedded TrueType has no readable head/hhea/hmtx"));
            return;
        }
        const double dw = cidFont.getKey("/DW").isNumber() ? cidFont.getKey("/DW").getNumericValue() : 1000;
        QHash<int, double> widths; // from /W
        Handle w = cidFont.getKey("/W");
        if (w.isArray()) {
            for (int i = 0; i + 1 < w.getArrayNItems();) {
                const int first = int(w.getArrayItem(i).getIntValue());
                Handle next = w.getArrayItem(i + 1);
                if (next.isArray()) {
                    for (int k = 0; k < next.getArrayNItems(); ++k)
                        widths[first + k] = next.getArrayItem(k).getNumericValue();
                    i += 2;
                } else if (i + 2 < w.getArrayNItems()) {
                    const int last = int(next.getIntValue());
                    for (int c = first; c <= last && c - first < 65536; ++c)
                        widths[c] = w.getArrayItem(i + 2).getNumericValue();
                    i += 3;
                } else {
                    break;
                }
            }
        }
        QByteArray map;
        Handle mapObject = cidFont.getKey("/CIDToGIDMap");
        if (mapObject.isStream()) {
            std::shared_ptr<Buffer> m = mapObject.getStreamData(qpdf_dl_generalized);
            map = QByteArray(reinterpret_cast<const char *>(m->getBuffer()), qsizetype(m->getSize()));
        }
        // Every CID the font can show: those of /W, and for a mapped font every CID the map sends to a
        // glyph other than .notdef (DW then applies).
        QList<int> cids = widths.keys();
        if (!map.isEmpty())
            for (int cid = 0; cid < map.size() / 2; ++cid)
                if ((uchar(map[2 * cid]) << 8 | uchar(map[2 * cid + 1])) != 0 && !widths.contains(cid))
                    cids.append(cid);
        int wrong = 0;
        QString example;
        for (int cid : cids) {
            const int gid = map.isEmpty()
                                ? cid
                                : (2 * cid + 1 < map.size() ? (uchar(map[2 * cid]) << 8 | uchar(map[2 * cid + 1])) : 0);
            if (gid == 0 || gid >= metrics.advances.size())
                continue;
            const double fromFont = metrics.advances.at(gid) * 1000.0 / metrics.unitsPerEm;
            const double fromDict = widths.value(cid, dw);
            if (std::abs(fromFont - fromDict) > 1.0) {
                if (++wrong == 1)
                    example = QStringLiteral("CID %1 (glyph %2): %3 in the dictionary, %4 in the font")
                                  .arg(cid)
                                  .arg(gid)
                                  .arg(fromDict)
                                  .arg(fromFont);
            }
        }
        if (wrong)
            violation(
                label +
                QStringLiteral(": %1 glyph widths differ from the font program's, e.g. %2").arg(wrong).arg(example));
    }

    // Rules that hold for every object of the final revision: no LZW, no external streams, no forbidden
    // actions, no embedded files.
    void checkAllObjects()
    {
        static const QSet<QString> forbiddenActions = {
            QStringLiteral("/JavaScript"), QStringLiteral("/Launch"),      QStringLiteral("/Sound"),
            QStringLiteral("/Movie"),      QStringLiteral("/ResetForm"),   QStringLiteral("/ImportData"),
            QStringLiteral("/Hide"),       QStringLiteral("/SetOCGState"), QStringLiteral("/Rendition"),
            QStringLiteral("/Trans"),      QStringLiteral("/GoTo3DView"),
        };
        for (Handle o : m_pdf.getAllObjects()) {
            Handle dict = o.isStream() ? o.getDict() : o;
            if (!dict.isDictionary())
                continue;
            const QString name = where(o);
            if (o.isStream()) {
                Handle filter = dict.getKey("/Filter");
                const std::string filters = filter.unparse();
                if (filters.find("/LZWDecode") != std::string::npos)
                    violation(name + QStringLiteral(": an LZW-compressed stream"));
                for (const char *key : {"/F", "/FFilter", "/FDecodeParms"})
                    if (dict.hasKey(key))
                        violation(name +
                                  QStringLiteral(": a stream with %1 (external data)").arg(QLatin1StringView(key)));
                if (dict.getKey("/Type").isNameAndEquals("/EmbeddedFile"))
                    violation(name + QStringLiteral(": an embedded file"));
            }
            Handle s = dict.getKey("/S");
            if (s.isName() && forbiddenActions.contains(str(s.getName())) &&
                (dict.getKey("/Type").isNameAndEquals("/Action") || dict.hasKey("/JS") || dict.hasKey("/Next") ||
                 !dict.hasKey("/Type")))
                violation(name + QStringLiteral(": a %1 action").arg(str(s.getName())));
            if (dict.hasKey("/JS"))
                violation(name + QStringLiteral(": JavaScript (/JS)"));
        }
    }

    QString m_path;
    PdfaCheckOptions m_options;
    QByteArray m_bytes;
    QPDF m_pdf;
    QStringList m_violations;
    std::set<QPDFObjGen> m_seen;
    int m_intentComponents = 0;
};

} // namespace

QStringList pdfaViolations(const QString &pdfPath, const PdfaCheckOptions &options)
{
    return Checker(pdfPath, options).run();
}

} // namespace sohoa::test
