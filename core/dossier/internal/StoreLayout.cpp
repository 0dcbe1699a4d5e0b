#include "core/dossier/internal/StoreLayout.h"

#include "core/dossier/DossierManifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sohoa::store {

QString indexFileName()
{
    return QStringLiteral("sohoa.sqlite");
}

QStringList indexSideSuffixes()
{
    return {QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")};
}

IndexState indexState(const QString &indexPath)
{
    const QFileInfo fi(indexPath);
    if (!fi.exists())
        return IndexState::Missing;
    if (fi.size() == 0)
        return IndexState::Empty;
    QFile f(indexPath);
    if (!f.open(QIODevice::ReadOnly))
        return IndexState::Present; // unreadable here: SQLite gives the exact error
    static const QByteArray kHeader("SQLite format 3\0", 16);
    return f.read(kHeader.size()) == kHeader ? IndexState::Present : IndexState::NotADatabase;
}

QString indexStateName(IndexState state)
{
    switch (state) {
    case IndexState::Missing:
        return QStringLiteral("missing");
    case IndexState::Empty:
        return QStringLiteral("empty");
    case IndexState::NotADatabase:
        return QStringLiteral("not-a-database");
    case IndexState::Present:
        return QStringLiteral("present");
    }
    return {};
}

bool isDerivedImageName(const QString &fileName)
{
    return fileName.contains(QLatin1String(".cleaned-"));
}

bool isPageImageName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return !fileName.startsWith(u'.') && !isDerivedImageName(fileName) &&
           (suffix == u"jpg" || suffix == u"jpeg" || suffix == u"png" || suffix == u"tif" || suffix == u"tiff");
}

QString findStoreContent(const QString &root)
{
    const QDir rootDir(root);
    QStringList level = rootDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (int depth = 1; depth <= 3 && !level.isEmpty(); ++depth) {
        QStringList next;
        for (const QString &rel : std::as_const(level)) {
            const QDir dir(rootDir.filePath(rel));
            const QStringList files = dir.entryList(QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDir::Name);
            for (const QString &name : files) {
                if ((depth == 1 && DossierManifest::isManifestName(name)) || isPageImageName(name))
                    return rel + u'/' + name;
            }
            for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name))
                next.append(rel + u'/' + sub);
        }
        level = next;
    }
    return {};
}

QString fileInStore(const QString &root, const QString &relative)
{
    if (relative.isEmpty() || QDir::isAbsolutePath(relative))
        return {};
    const QString clean = QDir::cleanPath(relative);
    if (clean == u".." || clean.startsWith(QStringLiteral("../")))
        return {};
    return root + u'/' + clean;
}

} // namespace sohoa::store
