#pragma once

#include "core/common/Result.h"
#include "core/dossier/DossierStore.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace sohoa::workflows {

// The Decree 30/2020 (Appendix VI) metadata of an archival record: the file (hồ sơ: the dossier) and
// its documents (văn bản: the dossier's components). What a person types is kept in the store
// (DossierStore::setArchivalFields); what the store already knows is computed (DocTotal, PageTotal,
// PageAmount, StartDate/EndDate from the documents' dates, FileCode from its parts). The record goes into
// the archival PDF's XMP (namespace kArchivalNamespace, docs/archival-metadata.md) and into an XML
// sidecar beside it with a SHA-256 manifest of the files.
inline constexpr const char *kArchivalNamespace = "https://sohoa.vn/ns/nd30/1.0/";

struct ArchivalFieldSpec
{
    enum class Kind
    {
        Text,
        Date,        // ISO 8601 date, yyyy-MM-dd (dd/MM/yyyy accepted and converted)
        Year,        // four digits
        Maintenance, // "Vĩnh viễn" (permanent) or a number of years
        Computed     // from the store; a typed value is refused
    };
    QString name; // "Title", "CodeNumber", …
    bool document = false;
    Kind kind = Kind::Text;
    QString label; // for people (translated)
};

// Every field, the file's first, in the order of Appendix VI.
QList<ArchivalFieldSpec> archivalFieldSpecs();
const ArchivalFieldSpec *archivalFieldSpec(const QString &name, bool document);

// "Title=Hồ sơ …" → a checked, normalized (name, value); an empty value removes the field.
// invalid-argument with what is wrong (unknown field, computed field, a date that is no date).
Result<std::pair<QString, QString>> parseArchivalAssignment(const QString &assignment, bool document);

struct ArchivalDocument
{
    QString component;
    int firstPage = 0; // 1-based page of the export where the document starts
    int pageCount = 0;
    QList<std::pair<QString, QString>> fields; // typed and computed, in spec order
};

struct ArchivalRecord
{
    QList<std::pair<QString, QString>> file; // typed and computed, in spec order
    QList<ArchivalDocument> documents;

    QString value(const QString &field) const;
};

// The record of a dossier (or of one component: then that document alone) as the store has it now.
Result<ArchivalRecord> archivalRecord(const DossierStore &store, const DossierInfo &dossier,
                                      const QString &component = {});

// Sets typed fields of the dossier (component empty) or of one component, each "FIELD=VALUE".
Result<void> setArchivalMetadata(DossierStore &store, const QString &dossierCode, const QString &component,
                                 const QStringList &assignments);

// One file the sidecar vouches for.
struct ArchivalManifestItem
{
    QString role; // "archival-pdf", "page-original", "page-cleaned"
    QString path; // as written: beside the sidecar (file name) or relative to the store root
    qint64 size = 0;
    QString sha256;
};

// `<pdf without .pdf>.xml`: the record and the manifest, UTF-8, written atomically.
QString sidecarPathFor(const QString &pdfPath);
Result<void> writeArchivalSidecar(const QString &path, const ArchivalRecord &record,
                                  const QList<ArchivalManifestItem> &items, const QDateTime &created, bool overwrite);

// ISO 8601 with the Vietnamese offset (+07:00), as the archival guidance asks, whatever the machine's zone.
QString vietnamTime(const QDateTime &time);

} // namespace sohoa::workflows
