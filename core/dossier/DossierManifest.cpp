#include "core/dossier/DossierManifest.h"

#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "core/dossier/internal/StoreDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace sohoa {

namespace {

const QString kFormat = QStringLiteral("sohoa-dossier-manifest");
const QString kPlainName = QStringLiteral(".sohoa-dossier.json");

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(store::isoTime(t)) : QJsonValue();
}

QDateTime timeFrom(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonObject pageJson(const ManifestPage &p)
{
    QJsonObject o{{QStringLiteral("path"), p.path},
                  {QStringLiteral("seq"), p.seq},
                  {QStringLiteral("origin_component"), p.originComponent},
                  {QStringLiteral("position"), p.position},
                  {QStringLiteral("rotation"), p.rotation},
                  {QStringLiteral("deleted"), p.deleted},
                  {QStringLiteral("sha256"), p.sha256},
                  {QStringLiteral("size"), p.size},
                  {QStringLiteral("width"), p.width},
                  {QStringLiteral("height"), p.height},
                  {QStringLiteral("dpi"), p.dpi},
                  {QStringLiteral("color_mode"), colorModeName(p.mode)},
                  {QStringLiteral("bit_depth"), p.bitDepth},
                  {QStringLiteral("format"), p.format},
                  {QStringLiteral("device"), p.device},
                  {QStringLiteral("scanned_at"), timeJson(p.scannedAt)},
                  {QStringLiteral("saved_at"), timeJson(p.savedAt)},
                  {QStringLiteral("batch_id"), p.batchId},
                  {QStringLiteral("adopted"), p.adopted}};
    if (p.deleted)
        o.insert(QStringLiteral("deleted_at"), timeJson(p.deletedAt));
    if (p.cleanup.present)
        o.insert(QStringLiteral("cleanup"), DossierManifest::cleanupToJson(p.cleanup));
    return o;
}

ManifestPage pageFrom(const QJsonObject &o)
{
    ManifestPage p;
    p.path = o.value(QStringLiteral("path")).toString();
    p.seq = o.value(QStringLiteral("seq")).toInt();
    p.originComponent = o.value(QStringLiteral("origin_component")).toString();
    p.position = o.value(QStringLiteral("position")).toInt();
    p.rotation = o.value(QStringLiteral("rotation")).toInt();
    p.deleted = o.value(QStringLiteral("deleted")).toBool();
    p.deletedAt = timeFrom(o.value(QStringLiteral("deleted_at")));
    p.sha256 = o.value(QStringLiteral("sha256")).toString();
    p.size = o.value(QStringLiteral("size")).toInteger();
    p.width = o.value(QStringLiteral("width")).toInt();
    p.height = o.value(QStringLiteral("height")).toInt();
    p.dpi = o.value(QStringLiteral("dpi")).toInt();
    colorModeFromName(o.value(QStringLiteral("color_mode")).toString(), &p.mode);
    p.bitDepth = o.value(QStringLiteral("bit_depth")).toInt(8);
    p.format = o.value(QStringLiteral("format")).toString();
    p.device = o.value(QStringLiteral("device")).toString();
    p.scannedAt = timeFrom(o.value(QStringLiteral("scanned_at")));
    p.savedAt = timeFrom(o.value(QStringLiteral("saved_at")));
    p.batchId = o.value(QStringLiteral("batch_id")).toString();
    p.adopted = o.value(QStringLiteral("adopted")).toBool();
    if (o.value(QStringLiteral("cleanup")).isObject())
        p.cleanup = DossierManifest::cleanupFromJson(o.value(QStringLiteral("cleanup")).toObject());
    return p;
}

} // namespace

QJsonObject DossierManifest::cleanupToJson(const PageCleanupRecord &c)
{
    QJsonObject o{{QStringLiteral("options"), c.options},
                  {QStringLiteral("operations"), QJsonArray::fromStringList(c.operations)},
                  {QStringLiteral("skew_detected_deg"), c.skewDetectedDeg},
                  {QStringLiteral("skew_corrected_deg"), c.skewCorrectedDeg},
                  {QStringLiteral("rotated_deg"), c.rotatedDeg},
                  {QStringLiteral("ink_percent"), c.inkPercent},
                  {QStringLiteral("blank"), c.blank},
                  {QStringLiteral("blank_review"), c.blankReview},
                  {QStringLiteral("at"), timeJson(c.at)}};
    if (c.hasImage()) {
        o.insert(QStringLiteral("path"), c.relativePath);
        o.insert(QStringLiteral("sha256"), c.sha256);
        o.insert(QStringLiteral("size"), c.size);
        o.insert(QStringLiteral("width"), c.width);
        o.insert(QStringLiteral("height"), c.height);
        o.insert(QStringLiteral("format"), c.format);
    }
    return o;
}

PageCleanupRecord DossierManifest::cleanupFromJson(const QJsonObject &o)
{
    PageCleanupRecord c;
    c.present = true;
    c.options = o.value(QStringLiteral("options")).toString();
    const QJsonArray operationArray = o.value(QStringLiteral("operations")).toArray();
    for (const QJsonValue &v : operationArray)
        c.operations.append(v.toString());
    c.skewDetectedDeg = o.value(QStringLiteral("skew_detected_deg")).toDouble();
    c.skewCorrectedDeg = o.value(QStringLiteral("skew_corrected_deg")).toDouble();
    c.rotatedDeg = o.value(QStringLiteral("rotated_deg")).toInt();
    c.inkPercent = o.value(QStringLiteral("ink_percent")).toDouble();
    c.blank = o.value(QStringLiteral("blank")).toBool();
    c.blankReview = o.value(QStringLiteral("blank_review")).toString();
    c.at = timeFrom(o.value(QStringLiteral("at")));
    c.relativePath = o.value(QStringLiteral("path")).toString();
    c.sha256 = o.value(QStringLiteral("sha256")).toString();
    c.size = o.value(QStringLiteral("size")).toInteger();
    c.width = o.value(QStringLiteral("width")).toInt();
    c.height = o.value(QStringLiteral("height")).toInt();
    c.format = o.value(QStringLiteral("format")).toString();
    return c;
}

QString DossierManifest::folderFor(const QString &code)
{
    return DossierStore::sanitizeName(code);
}

QString DossierManifest::fileNameFor(const QString &code)
{
    if (folderFor(code) == code)
        return kPlainName;
    return QStringLiteral(".sohoa-dossier-%1.json").arg(sha256Hex(code.toUtf8()).left(16));
}

QString DossierManifest::pathFor(const QString &storeRoot, const QString &code)
{
    return storeRoot + u'/' + folderFor(code) + u'/' + fileNameFor(code);
}

bool DossierManifest::isManifestName(const QString &fileName)
{
    return fileName.startsWith(QStringLiteral(".sohoa-dossier")) && fileName.endsWith(QStringLiteral(".json")) &&
           !fileName.contains(QStringLiteral(".tmp-"));
}

QJsonObject DossierManifest::toJson() const
{
    QJsonArray comps;
    for (const ManifestComponent &c : components) {
        QJsonArray pages;
        for (const ManifestPage &p : c.pages)
            pages.append(pageJson(p));
        comps.append(QJsonObject{{QStringLiteral("name"), c.name},
                                 {QStringLiteral("position"), c.position},
                                 {QStringLiteral("created_at"), timeJson(c.createdAt)},
                                 {QStringLiteral("pages"), pages}});
    }
    QJsonObject o{{QStringLiteral("format"), kFormat},
                  {QStringLiteral("format_version"), kFormatVersion},
                  {QStringLiteral("written_at"), timeJson(writtenAt)},
                  {QStringLiteral("dossier"), QJsonObject{{QStringLiteral("code"), dossier.code},
                                                          {QStringLiteral("free_form"), dossier.freeForm},
                                                          {QStringLiteral("procedure"), dossier.procedure},
                                                          {QStringLiteral("applicant"), dossier.applicant},
                                                          {QStringLiteral("status"), dossier.status},
                                                          {QStringLiteral("created_at"), timeJson(dossier.createdAt)},
                                                          {QStringLiteral("updated_at"), timeJson(dossier.updatedAt)}}},
                  {QStringLiteral("components"), comps}};
    if (!archivalFields.isEmpty()) {
        QJsonArray fields;
        for (const Field &f : archivalFields)
            fields.append(QJsonObject{{QStringLiteral("component"), f.component},
                                      {QStringLiteral("field"), f.field},
                                      {QStringLiteral("value"), f.value}});
        o.insert(QStringLiteral("archival_metadata"), fields);
    }
    if (!pending.isEmpty())
        o.insert(QStringLiteral("pending"), pending);
    return o;
}

Result<DossierManifest> DossierManifest::fromJson(const QJsonObject &object, const QString &path)
{
    const auto refuse = [&](const QString &why) {
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + why);
    };
    if (object.value(QStringLiteral("format")).toString() != kFormat)
        return refuse(QStringLiteral("not a SoHoa dossier manifest"));
    const int version = object.value(QStringLiteral("format_version")).toInt();
    if (version < 1 || version > kFormatVersion)
        return refuse(
            QStringLiteral("manifest format %1, this program reads up to %2").arg(version).arg(kFormatVersion));
    DossierManifest m;
    const QJsonObject d = object.value(QStringLiteral("dossier")).toObject();
    m.dossier.code = d.value(QStringLiteral("code")).toString();
    if (m.dossier.code.isEmpty())
        return refuse(QStringLiteral("no dossier code"));
    m.dossier.freeForm = d.value(QStringLiteral("free_form")).toBool();
    m.dossier.procedure = d.value(QStringLiteral("procedure")).toString();
    m.dossier.applicant = d.value(QStringLiteral("applicant")).toString();
    m.dossier.status = d.value(QStringLiteral("status")).toString(QStringLiteral("open"));
    m.dossier.createdAt = timeFrom(d.value(QStringLiteral("created_at")));
    m.dossier.updatedAt = timeFrom(d.value(QStringLiteral("updated_at")));
    m.writtenAt = timeFrom(object.value(QStringLiteral("written_at")));
    m.pending = object.value(QStringLiteral("pending")).toObject();
    const QJsonArray componentArray = object.value(QStringLiteral("components")).toArray();
    for (const QJsonValue &cv : componentArray) {
        const QJsonObject c = cv.toObject();
        ManifestComponent comp;
        comp.name = c.value(QStringLiteral("name")).toString();
        if (comp.name.trimmed().isEmpty())
            return refuse(QStringLiteral("a component without a name"));
        comp.position = c.value(QStringLiteral("position")).toInt();
        comp.createdAt = timeFrom(c.value(QStringLiteral("created_at")));
        const QJsonArray pageArray = c.value(QStringLiteral("pages")).toArray();
        for (const QJsonValue &pv : pageArray) {
            ManifestPage page = pageFrom(pv.toObject());
            if (page.path.isEmpty())
                return refuse(QStringLiteral("a page without a file in %1").arg(comp.name));
            if (page.originComponent.isEmpty())
                page.originComponent = comp.name;
            comp.pages.append(page);
        }
        m.components.append(comp);
    }
    const QJsonArray fieldArray = object.value(QStringLiteral("archival_metadata")).toArray();
    for (const QJsonValue &fv : fieldArray) {
        const QJsonObject f = fv.toObject();
        m.archivalFields.append(Field{f.value(QStringLiteral("component")).toString(),
                                      f.value(QStringLiteral("field")).toString(),
                                      f.value(QStringLiteral("value")).toString()});
    }
    return m;
}

Result<DossierManifest> DossierManifest::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + f.errorString());
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject())
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + err.errorString());
    return fromJson(doc.object(), path);
}

Result<void> DossierManifest::write(const QString &path) const
{
    // Indented: the manifest is also meant for people (an archivist checking a folder by hand).
    return writeFileDurably(path, QJsonDocument(toJson()).toJson(QJsonDocument::Indented), true);
}

} // namespace sohoa
