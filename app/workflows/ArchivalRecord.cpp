#include "app/workflows/ArchivalRecord.h"

#include "SohoaVersion.h"
#include "core/common/DurableFile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QXmlStreamWriter>

#include <algorithm>

namespace sohoa::workflows {

namespace {

QString label(const char *text)
{
    return QCoreApplication::translate("sohoa::workflows::ArchivalRecord", text);
}

Error invalid(const QString &what)
{
    return Error(ErrorCode::InvalidArgument, what);
}

// Appendix VI writes the file code as the agency's identifier, the year the file was opened and the
// file's notation, joined by dots (e.g. 000.00.12.H41.2025.01-TCCB).
QString fileCode(const QString &organId, const QString &year, const QString &notation)
{
    if (organId.isEmpty() || year.isEmpty() || notation.isEmpty())
        return {};
    return organId + u'.' + year + u'.' + notation;
}

QString valueOf(const QList<ArchivalField> &fields, qint64 componentId, const QString &name)
{
    for (const ArchivalField &f : fields) {
        if (f.componentId == componentId && f.field == name)
            return f.value;
    }
    return {};
}

} // namespace

QList<ArchivalFieldSpec> archivalFieldSpecs()
{
    using K = ArchivalFieldSpec::Kind;
    return {
        {QStringLiteral("FileCode"), false, K::Computed,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "File code (agency ID.year.notation)"))},
        {QStringLiteral("OrganId"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Agency identifier"))},
        {QStringLiteral("FileCatalog"), false, K::Year,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Year the file was opened"))},
        {QStringLiteral("FileNotation"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "File notation"))},
        {QStringLiteral("Title"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "File title"))},
        {QStringLiteral("Maintenance"), false, K::Maintenance,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Retention period"))},
        {QStringLiteral("Rights"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Access rights"))},
        {QStringLiteral("Creator"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Compiled by"))},
        {QStringLiteral("Language"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Language"))},
        {QStringLiteral("StartDate"), false, K::Date,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Start date"))},
        {QStringLiteral("EndDate"), false, K::Date,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "End date"))},
        {QStringLiteral("DocTotal"), false, K::Computed,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Number of documents"))},
        {QStringLiteral("PageTotal"), false, K::Computed,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Number of pages"))},
        {QStringLiteral("Description"), false, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Notes"))},
        {QStringLiteral("CodeNumber"), true, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Document number"))},
        {QStringLiteral("CodeNotation"), true, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Document notation"))},
        {QStringLiteral("IssuedDate"), true, K::Date,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Issued on"))},
        {QStringLiteral("OrganName"), true, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Issuing agency"))},
        {QStringLiteral("Subject"), true, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Subject"))},
        {QStringLiteral("PageAmount"), true, K::Computed,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Number of pages"))},
        {QStringLiteral("SignerInfo"), true, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Signed by"))},
        {QStringLiteral("Description"), true, K::Text,
         label(QT_TRANSLATE_NOOP("sohoa::workflows::ArchivalRecord", "Notes"))},
    };
}

const ArchivalFieldSpec *archivalFieldSpec(const QString &name, bool document)
{
    static const QList<ArchivalFieldSpec> specs = archivalFieldSpecs();
    for (const ArchivalFieldSpec &s : specs) {
        if (s.document == document && s.name.compare(name, Qt::CaseInsensitive) == 0)
            return &s;
    }
    return nullptr;
}

Result<std::pair<QString, QString>> parseArchivalAssignment(const QString &assignment, bool document)
{
    const qsizetype eq = assignment.indexOf(u'=');
    if (eq <= 0)
        return invalid(QStringLiteral("\"%1\": write FIELD=VALUE").arg(assignment));
    const QString name = assignment.left(eq).trimmed();
    const QString value = assignment.mid(eq + 1).trimmed();
    const ArchivalFieldSpec *spec = archivalFieldSpec(name, document);
    if (!spec) {
        QStringList names;
        for (const ArchivalFieldSpec &s : archivalFieldSpecs()) {
            if (s.document == document && s.kind != ArchivalFieldSpec::Kind::Computed)
                names.append(s.name);
        }
        return invalid(QStringLiteral("unknown %1 field \"%2\" (one of: %3)")
                           .arg(document ? QStringLiteral("document") : QStringLiteral("file"), name,
                                names.join(QStringLiteral(", "))));
    }
    if (spec->kind == ArchivalFieldSpec::Kind::Computed)
        return invalid(QStringLiteral("%1 is computed from the dossier and cannot be set").arg(spec->name));
    if (value.isEmpty())
        return std::pair{spec->name, QString()};
    switch (spec->kind) {
    case ArchivalFieldSpec::Kind::Date: {
        QDate date = QDate::fromString(value, Qt::ISODate);
        if (!date.isValid())
            date = QDate::fromString(value, QStringLiteral("d/M/yyyy"));
        if (!date.isValid())
            return invalid(QStringLiteral("%1: \"%2\" is not a date (yyyy-mm-dd or dd/mm/yyyy)").arg(spec->name, value));
        return std::pair{spec->name, date.toString(Qt::ISODate)};
    }
    case ArchivalFieldSpec::Kind::Year: {
        static const QRegularExpression year(QStringLiteral("^(19|20)\\d\\d$"));
        if (!year.match(value).hasMatch())
            return invalid(QStringLiteral("%1: \"%2\" is not a year").arg(spec->name, value));
        return std::pair{spec->name, value};
    }
    case ArchivalFieldSpec::Kind::Maintenance: {
        // Permanent, or a number of years (Circular 10/2022/TT-BNV's retention periods).
        static const QRegularExpression years(QStringLiteral("^(\\d{1,3})( *(năm|years?))?$"),
                                              QRegularExpression::CaseInsensitiveOption);
        const QString lower = value.toLower();
        if (lower == u"vĩnh viễn" || lower == u"permanent")
            return std::pair{spec->name, QStringLiteral("Vĩnh viễn")};
        const auto m = years.match(value);
        if (!m.hasMatch() || m.captured(1).toInt() == 0)
            return invalid(QStringLiteral("%1: \"%2\" is neither \"Vĩnh viễn\" (permanent) nor a number of years")
                               .arg(spec->name, value));
        return std::pair{spec->name, QStringLiteral("%1 năm").arg(m.captured(1).toInt())};
    }
    default:
        return std::pair{spec->name, value};
    }
}

QString ArchivalRecord::value(const QString &field) const
{
    for (const auto &[name, v] : file) {
        if (name == field)
            return v;
    }
    return {};
}

Result<ArchivalRecord> archivalRecord(const DossierStore &store, const DossierInfo &dossier, const QString &component)
{
    auto typed = store.archivalFields(dossier.id);
    if (!typed)
        return typed.error();
    auto components = store.components(dossier.id);
    if (!components)
        return components.error();
    ArchivalRecord record;
    int nextPage = 1;
    QStringList issued;
    for (const ComponentInfo &c : std::as_const(components.value())) {
        if (!component.isEmpty() && c.name != component)
            continue;
        auto pages = store.pages(c.id);
        if (!pages)
            return pages.error();
        if (pages->isEmpty())
            continue; // a document without pages is not in the export
        ArchivalDocument doc;
        doc.component = c.name;
        doc.firstPage = nextPage;
        doc.pageCount = int(pages->size());
        nextPage += doc.pageCount;
        for (const ArchivalFieldSpec &spec : archivalFieldSpecs()) {
            if (!spec.document)
                continue;
            QString v = spec.name == u"PageAmount" ? QString::number(doc.pageCount) : valueOf(typed.value(), c.id, spec.name);
            if (spec.name == u"Subject" && v.isEmpty())
                v = c.name; // the component's name is what the counter called the document
            if (spec.name == u"IssuedDate" && !v.isEmpty())
                issued.append(v);
            if (!v.isEmpty())
                doc.fields.append({spec.name, v});
        }
        record.documents.append(doc);
    }
    std::sort(issued.begin(), issued.end()); // ISO dates sort as text
    for (const ArchivalFieldSpec &spec : archivalFieldSpecs()) {
        if (spec.document)
            continue;
        QString v = valueOf(typed.value(), 0, spec.name);
        if (spec.name == u"FileCode")
            v = fileCode(valueOf(typed.value(), 0, QStringLiteral("OrganId")), valueOf(typed.value(), 0, QStringLiteral("FileCatalog")),
                         valueOf(typed.value(), 0, QStringLiteral("FileNotation")));
        else if (spec.name == u"DocTotal")
            v = QString::number(record.documents.size());
        else if (spec.name == u"PageTotal")
            v = QString::number(nextPage - 1);
        else if (spec.name == u"Title" && v.isEmpty())
            v = dossier.procedure.isEmpty() ? dossier.code : dossier.procedure;
        else if (spec.name == u"Language" && v.isEmpty())
            v = QStringLiteral("Tiếng Việt");
        else if (spec.name == u"StartDate" && v.isEmpty() && !issued.isEmpty())
            v = issued.constFirst();
        else if (spec.name == u"EndDate" && v.isEmpty() && !issued.isEmpty())
            v = issued.constLast();
        if (!v.isEmpty())
            record.file.append({spec.name, v});
    }
    return record;
}

Result<void> setArchivalMetadata(DossierStore &store, const QString &dossierCode, const QString &component,
                                 const QStringList &assignments)
{
    if (assignments.isEmpty())
        return invalid(QStringLiteral("nothing to set: give FIELD=VALUE"));
    auto dossier = store.dossier(dossierCode);
    if (!dossier)
        return dossier.error();
    qint64 componentId = 0;
    if (!component.isEmpty()) {
        auto c = store.component(dossier->id, component);
        if (!c)
            return c.error();
        componentId = c->id;
    }
    QList<std::pair<QString, QString>> fields;
    for (const QString &a : assignments) {
        auto parsed = parseArchivalAssignment(a, componentId != 0);
        if (!parsed)
            return parsed.error();
        fields.append(parsed.value());
    }
    return store.setArchivalFields(dossier->id, componentId, fields);
}

QString sidecarPathFor(const QString &pdfPath)
{
    QString base = pdfPath;
    if (base.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral(".xml");
}

QString vietnamTime(const QDateTime &time)
{
    return time.toOffsetFromUtc(7 * 3600).toString(Qt::ISODate);
}

Result<void> writeArchivalSidecar(const QString &path, const ArchivalRecord &record,
                                  const QList<ArchivalManifestItem> &items, const QDateTime &created, bool overwrite)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    w.writeStartDocument();
    w.writeDefaultNamespace(QString::fromLatin1(kArchivalNamespace));
    w.writeStartElement(QStringLiteral("ArchivalRecord"));
    w.writeAttribute(QStringLiteral("version"), QStringLiteral("1"));
    w.writeTextElement(QStringLiteral("Created"), vietnamTime(created));
    w.writeTextElement(QStringLiteral("Producer"), QStringLiteral("SoHoa " SOHOA_VERSION_STRING));
    w.writeStartElement(QStringLiteral("File"));
    for (const auto &[name, value] : record.file)
        w.writeTextElement(name, value);
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("Documents"));
    for (const ArchivalDocument &doc : record.documents) {
        w.writeStartElement(QStringLiteral("Document"));
        w.writeAttribute(QStringLiteral("component"), doc.component);
        w.writeAttribute(QStringLiteral("firstPage"), QString::number(doc.firstPage));
        for (const auto &[name, value] : doc.fields)
            w.writeTextElement(name, value);
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("Manifest"));
    w.writeAttribute(QStringLiteral("algorithm"), QStringLiteral("SHA-256"));
    for (const ArchivalManifestItem &item : items) {
        w.writeStartElement(QStringLiteral("Item"));
        w.writeAttribute(QStringLiteral("role"), item.role);
        w.writeAttribute(QStringLiteral("path"), item.path);
        w.writeAttribute(QStringLiteral("size"), QString::number(item.size));
        w.writeAttribute(QStringLiteral("sha256"), item.sha256);
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    AtomicFileWriter out(path, overwrite);
    if (auto r = out.open(); !r)
        return r;
    if (auto r = out.write(xml); !r)
        return r;
    return out.commit();
}

} // namespace sohoa::workflows
