#pragma once

// Private to core/dossier: what a store folder holds as files (its index, the dossier folders and
// their manifests), read without opening the database: whether there is a store at all, and whether
// an index that is missing or empty would hide dossiers that are there.

#include <QString>
#include <QStringList>

namespace sohoa::store {

QString indexFileName(); // "sohoa.sqlite"
// SQLite's own files beside the index: write-ahead log, shared memory, rollback journal. They belong
// to the index file and go wherever it goes.
QStringList indexSideSuffixes();

enum class IndexState
{
    Missing,
    Empty,        // 0 bytes: SQLite would silently take it for a new database
    NotADatabase, // no SQLite header
    Present,      // a SQLite file (whether its tables are healthy is for SQLite to say)
};
IndexState indexState(const QString &indexPath);
QString indexStateName(IndexState state); // "missing", "empty", "not-a-database", "present"

// Page files are images; everything else in a dossier folder (the manifest, exported PDFs) is not.
bool isPageImageName(const QString &fileName); // a scanned original: not a derived image
// A cleaned image derived from a page (`0001.cleaned-<8 hex>.jpg`, DossierStore::saveCleanup).
bool isDerivedImageName(const QString &fileName);

// The first dossier manifest or page image below root, relative to it; empty when there is none. It
// looks in the folders of root down to three levels (the default template puts pages two deep, in
// `{dossier}/{component}/`), never in root itself, skips hidden folders and does not follow links:
// a folder that merely holds other things (a mistyped --store pointing at a home folder) stays cheap.
QString findStoreContent(const QString &root);

// The absolute path of a file the index or a manifest names relative to root; empty when the name
// would leave the store (absolute, or ".." above root): a tampered index or manifest must not make
// export, verification or recovery read (or hash into a PDF) a file outside the store. An empty path
// is a missing file to every caller.
QString fileInStore(const QString &root, const QString &relative);

} // namespace sohoa::store
