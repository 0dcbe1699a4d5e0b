#include "core/pdf/internal/PdfXmp.h"

#include <cmath>

namespace sohoa::pdf {

namespace {

QString xmlEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QStringLiteral("&amp;");
            break;
        case u'<':
            out += QStringLiteral("&lt;");
            break;
        case u'>':
            out += QStringLiteral("&gt;");
            break;
        case u'"':
            out += QStringLiteral("&quot;");
            break;
        case u'\'':
            out += QStringLiteral("&apos;");
            break;
        default:
            // XML 1.0 forbids most control characters, even escaped.
            if (c.unicode() >= 0x20 || c == u'\t' || c == u'\n' || c == u'\r')
                out += c;
        }
    }
    return out;
}

struct FieldDoc
{
    const char *name;
    const char *description;
};

// Decree 30/2020 Appendix VI, the dossier (hồ sơ) and the document (văn bản) records. The descriptions
// go into the PDF/A extension schema, where a validator (and a curious archivist) reads them.
constexpr FieldDoc kDossierFields[] = {
    {"FileCode", "Mã hồ sơ: OrganId.Year.FileNotation"},
    {"OrganId", "Mã cơ quan lưu trữ lịch sử"},
    {"FileNotation", "Số và ký hiệu hồ sơ"},
    {"Title", "Tiêu đề hồ sơ"},
    {"Maintenance", "Thời hạn bảo quản"},
    {"Rights", "Chế độ sử dụng"},
    {"Creator", "Người lập hồ sơ"},
    {"Language", "Ngôn ngữ"},
    {"StartDate", "Thời gian bắt đầu (ISO 8601)"},
    {"EndDate", "Thời gian kết thúc (ISO 8601)"},
    {"DocTotal", "Tổng số văn bản trong hồ sơ"},
    {"PageTotal", "Tổng số trang của hồ sơ"},
    {"Description", "Ghi chú"},
};
constexpr FieldDoc kDocumentFields[] = {
    {"CodeNumber", "Số của văn bản"},
    {"CodeNotation", "Ký hiệu của văn bản"},
    {"IssuedDate", "Ngày, tháng, năm văn bản (ISO 8601)"},
    {"OrganName", "Tên cơ quan, tổ chức ban hành văn bản"},
    {"Subject", "Trích yếu nội dung"},
    {"PageAmount", "Số trang của văn bản"},
    {"SignerInfo", "Thông tin người ký"},
    {"Description", "Ghi chú"},
};

// Only the fields of the decree, in its order, whatever order (or extra keys) the caller gave: the
// extension schema declares exactly these, and an undeclared property would break PDF/A.
template <size_t N>
QList<std::pair<QString, QString>> knownFields(const QList<std::pair<QString, QString>> &given,
                                               const FieldDoc (&fields)[N])
{
    QList<std::pair<QString, QString>> out;
    for (const FieldDoc &f : fields) {
        for (const auto &[key, value] : given) {
            if (key == QLatin1StringView(f.name) && !value.isEmpty()) {
                out.append({key, value});
                break;
            }
        }
    }
    return out;
}

template <size_t N> QString fieldDescriptions(const FieldDoc (&fields)[N], const char *prefix, const QString &indent)
{
    QString x;
    for (const FieldDoc &f : fields)
        x += indent +
             QStringLiteral("<rdf:li rdf:parseType=\"Resource\"><%1:name>%2</%1:name><%1:valueType>Text</%1:valueType>")
                 .arg(QLatin1StringView(prefix), QLatin1StringView(f.name)) +
             (QLatin1StringView(prefix) == QLatin1StringView("pdfaProperty")
                  ? QStringLiteral("<pdfaProperty:category>external</pdfaProperty:category>")
                  : QString()) +
             QStringLiteral("<%1:description>%2</%1:description></rdf:li>\n")
                 .arg(QLatin1StringView(prefix), xmlEscaped(QString::fromUtf8(f.description)));
    return x;
}

// The PDF/A extension schema (ISO 19005-2 §6.6.2.3.3) that makes nd30: a known namespace to validators.
QString extensionSchema()
{
    QString x;
    x += QStringLiteral(
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
        "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"\n"
        "    xmlns:pdfaType=\"http://www.aiim.org/pdfa/ns/type#\"\n"
        "    xmlns:pdfaField=\"http://www.aiim.org/pdfa/ns/field#\">\n"
        "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
        "    <pdfaSchema:schema>Decree 30/2020/ND-CP Appendix VI archival metadata</pdfaSchema:schema>\n");
    x += QStringLiteral("    <pdfaSchema:namespaceURI>%1</pdfaSchema:namespaceURI>\n"
                        "    <pdfaSchema:prefix>%2</pdfaSchema:prefix>\n")
             .arg(QLatin1StringView(kNd30Namespace), QLatin1StringView(kNd30Prefix));
    x += QStringLiteral("    <pdfaSchema:property><rdf:Seq>\n");
    x += fieldDescriptions(kDossierFields, "pdfaProperty", QStringLiteral("     "));
    x += QStringLiteral("     <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>Documents</pdfaProperty:name>"
                        "<pdfaProperty:valueType>Seq Document</pdfaProperty:valueType>"
                        "<pdfaProperty:category>external</pdfaProperty:category>"
                        "<pdfaProperty:description>Các văn bản trong hồ sơ</pdfaProperty:description></rdf:li>\n"
                        "    </rdf:Seq></pdfaSchema:property>\n");
    x += QStringLiteral("    <pdfaSchema:valueType><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                        "     <pdfaType:type>Document</pdfaType:type>\n"
                        "     <pdfaType:namespaceURI>%1</pdfaType:namespaceURI>\n"
                        "     <pdfaType:prefix>%2</pdfaType:prefix>\n"
                        "     <pdfaType:description>Một văn bản (Decree 30/2020 Appendix VI)</pdfaType:description>\n"
                        "     <pdfaType:field><rdf:Seq>\n")
             .arg(QLatin1StringView(kNd30DocumentNamespace), QLatin1StringView(kNd30DocumentPrefix));
    x += fieldDescriptions(kDocumentFields, "pdfaField", QStringLiteral("      "));
    x += QStringLiteral("     </rdf:Seq></pdfaType:field>\n"
                        "    </rdf:li></rdf:Seq></pdfaSchema:valueType>\n"
                        "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
                        "  </rdf:Description>\n");
    return x;
}

QString archivalRecord(const PdfArchivalRecord &record)
{
    const auto dossier = knownFields(record.dossier, kDossierFields);
    QList<QList<std::pair<QString, QString>>> documents;
    for (const auto &doc : record.documents) {
        auto fields = knownFields(doc, kDocumentFields);
        if (!fields.isEmpty())
            documents.append(fields);
    }
    if (dossier.isEmpty() && documents.isEmpty())
        return {};
    const QString p = QLatin1StringView(kNd30Prefix);
    const QString dp = QLatin1StringView(kNd30DocumentPrefix);
    QString x = QStringLiteral("  <rdf:Description rdf:about=\"\"\n    xmlns:%1=\"%2\"\n    xmlns:%3=\"%4\">\n")
                    .arg(p, QLatin1StringView(kNd30Namespace), dp, QLatin1StringView(kNd30DocumentNamespace));
    for (const auto &[key, value] : dossier)
        x += QStringLiteral("   <%1:%2>%3</%1:%2>\n").arg(p, key, xmlEscaped(value));
    if (!documents.isEmpty()) {
        x += QStringLiteral("   <%1:Documents><rdf:Seq>\n").arg(p);
        for (const auto &doc : documents) {
            x += QStringLiteral("    <rdf:li rdf:parseType=\"Resource\">\n");
            for (const auto &[key, value] : doc)
                x += QStringLiteral("     <%1:%2>%3</%1:%2>\n").arg(dp, key, xmlEscaped(value));
            x += QStringLiteral("    </rdf:li>\n");
        }
        x += QStringLiteral("   </rdf:Seq></%1:Documents>\n").arg(p);
    }
    x += QStringLiteral("  </rdf:Description>\n");
    return x;
}

} // namespace

QString xmpDate(const QDateTime &dt)
{
    const int offset = dt.offsetFromUtc();
    QString zone = QStringLiteral("Z");
    if (offset != 0) {
        const int minutes = std::abs(offset) / 60;
        zone = (offset < 0 ? u'-' : u'+') + QString::number(minutes / 60).rightJustified(2, u'0') + u':' +
               QString::number(minutes % 60).rightJustified(2, u'0');
    }
    return dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + zone;
}

QString xmpUuid(const QString &hex)
{
    const QString h = hex.toLower();
    return QStringLiteral("uuid:%1-%2-%3-%4-%5")
        .arg(h.mid(0, 8), h.mid(8, 4), h.mid(12, 4), h.mid(16, 4), h.mid(20, 12));
}

QByteArray xmpPacket(const XmpInput &in)
{
    const PdfMetadata &m = in.metadata;
    QString x;
    x += QStringLiteral("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                        "  <rdf:Description rdf:about=\"\"\n"
                        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                        "    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
                        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    if (in.archival)
        x += QStringLiteral("\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    x += QStringLiteral(">\n   <dc:format>application/pdf</dc:format>\n");
    auto alt = [&](const QString &tag, const QString &value) {
        if (!value.isEmpty())
            x += QStringLiteral("   <%1><rdf:Alt><rdf:li xml:lang=\"x-default\">%2</rdf:li></rdf:Alt></%1>\n")
                     .arg(tag, xmlEscaped(value));
    };
    auto list = [&](const QString &tag, const QString &kind, const QString &value) {
        if (!value.isEmpty())
            x += QStringLiteral("   <%1><rdf:%2><rdf:li>%3</rdf:li></rdf:%2></%1>\n").arg(tag, kind, xmlEscaped(value));
    };
    auto simple = [&](const QString &tag, const QString &value) {
        if (!value.isEmpty())
            x += QStringLiteral("   <%1>%2</%1>\n").arg(tag, xmlEscaped(value));
    };
    // Each value is the Info dictionary's, as PDF/A (ISO 19005-2 §6.6.3) wants them to agree.
    alt(QStringLiteral("dc:title"), m.title);
    alt(QStringLiteral("dc:description"), m.subject);
    list(QStringLiteral("dc:creator"), QStringLiteral("Seq"), m.author);
    list(QStringLiteral("dc:language"), QStringLiteral("Bag"), m.language);
    simple(QStringLiteral("pdf:Keywords"), m.keywords);
    simple(QStringLiteral("pdf:Producer"), in.producer);
    simple(QStringLiteral("xmp:CreatorTool"), m.creator);
    simple(QStringLiteral("xmp:CreateDate"), xmpDate(m.created));
    simple(QStringLiteral("xmp:ModifyDate"), xmpDate(m.modified));
    simple(QStringLiteral("xmp:MetadataDate"), xmpDate(m.modified));
    simple(QStringLiteral("xmpMM:DocumentID"), xmpUuid(in.documentId));
    simple(QStringLiteral("xmpMM:InstanceID"), xmpUuid(in.instanceId));
    if (in.archival) {
        simple(QStringLiteral("pdfaid:part"), QStringLiteral("2"));
        simple(QStringLiteral("pdfaid:conformance"), QStringLiteral("B"));
    }
    x += QStringLiteral("  </rdf:Description>\n");
    const QString record = archivalRecord(m.record);
    if (!record.isEmpty())
        x += extensionSchema() + record;
    x += QStringLiteral(" </rdf:RDF>\n</x:xmpmeta>\n");

    QByteArray packet = QByteArrayLiteral("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    packet += x.toUtf8();
    // Padding lets an editor update the packet in place.
    const QByteArray padLine = QByteArray(99, ' ') + '\n';
    for (int i = 0; i < 20; ++i)
        packet += padLine;
    packet += QByteArrayLiteral("<?xpacket end=\"w\"?>");
    return packet;
}

} // namespace sohoa::pdf
