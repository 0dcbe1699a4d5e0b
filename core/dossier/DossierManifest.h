#pragma once

#include "core/common/Result.h"
#include "core/dossier/DossierStore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace sohoa {

// A dossier as the store's index has it, kept as a small JSON file beside its pages
// (`<store>/<dossier folder>/.sohoa-dossier.json`), so that what the folders cannot say (the code as
// typed, procedure, applicant, status, the order of components and pages after moves, rotation,
// deleted pages, checksums) survives the loss of the index: StoreRebuild prefers it to the file names.
//
// The store rewrites it (atomically and durably) after every committed change of the dossier. A page
// edit writes it once more BEFORE its commit, with the state before the edit and the edit in
// `pending`: a crash between the commit and the rewrite then leaves a manifest that says it may be one
// change behind, never one that silently contradicts the index. A page saved after the last rewrite
// is a file the manifest does not list; the rebuild finds it by its folder.
struct ManifestPage
{
    QString path; // relative to the store root, as in the index
    int seq = 0;
    QString originComponent; // the component the file was made for (numbering is per origin)
    int position = 0;        // 1-based among the visible pages; for a deleted page, where it was
    int rotation = 0;
    bool deleted = false;
    QDateTime deletedAt;
    QString sha256;
    qint64 size = 0;
    int width = 0;
    int height = 0;
    int dpi = 0;
    ColorMode mode = ColorMode::Color;
    int bitDepth = 8;
    QString format;
    QString device;
    QDateTime scannedAt;
    QDateTime savedAt;
    QString batchId;
    bool adopted = false;
    PageCleanupRecord cleanup; // present: cleanup ran (its derived file's path relative to the store root)
};

struct ManifestComponent
{
    QString name;
    int position = 0;
    QDateTime createdAt;
    QList<ManifestPage> pages; // visible pages in order, then deleted ones
};

struct DossierManifest
{
    static constexpr int kFormatVersion = 1;

    DossierInfo dossier; // id and pageCount are not stored
    QList<ManifestComponent> components;
    // Decree 30 metadata: the component's name ("" for the dossier itself), field, value.
    struct Field
    {
        QString component;
        QString field;
        QString value;
    };
    QList<Field> archivalFields;
    QDateTime writtenAt;
    // Non-empty while a change was being committed: {"action": ..., "detail": {...}}. The rest of the
    // manifest is the state before that change, which may or may not have been committed.
    QJsonObject pending;

    // `.sohoa-dossier.json` in the dossier's folder (DossierStore::sanitizeName(code)). A free-form code
    // that sanitizing changes shares its folder name with other codes: its manifest gets a name of its
    // own (`.sohoa-dossier-<first 16 hex digits of the code's SHA-256>.json`).
    static QString fileNameFor(const QString &code);
    static QJsonObject cleanupToJson(const PageCleanupRecord &cleanup);
    static PageCleanupRecord cleanupFromJson(const QJsonObject &object);
    static QString folderFor(const QString &code); // relative to the store root
    static QString pathFor(const QString &storeRoot, const QString &code);
    static bool isManifestName(const QString &fileName);

    QJsonObject toJson() const;
    // invalid-argument (with the path) when the object is not a manifest this version can read.
    static Result<DossierManifest> fromJson(const QJsonObject &object, const QString &path = {});
    static Result<DossierManifest> read(const QString &path);
    // Atomic and durable (temporary, fsync, rename over the old one, fsync of the folder).
    Result<void> write(const QString &path) const;
};

} // namespace sohoa
