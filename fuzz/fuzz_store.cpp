// A damaged store folder: what opening it (recovery of interrupted saves, the index checked against the
// files), verifying its dossiers, rebuilding its index from the manifests and page files (StoreRebuild)
// and opening the rebuilt store make of it. A clear Error at any step is a good answer; a crash is not.
//
// The input is the folder as a list of files, each "@@ <relative path>\n" then its bytes up to the next
// "\n@@ " (or the end); a path ending in "/" is an empty folder. Paths are confined to the store folder.
// fuzz/make_store_seed.py turns a store folder into such an input.

#include "FuzzSupport.h"

#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreRebuild.h"

#include <QDir>

#include <algorithm>

using namespace sohoa;

namespace {

// A relative path below the store, or empty when the input names something else.
QString confined(const QByteArray &raw)
{
    const QString path = QString::fromUtf8(raw);
    if (path.isEmpty() || path.size() > 200 || path.startsWith(u'/') || path.contains(u'\\') || path.contains(QChar(0)))
        return {};
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty() || parts.size() > 4)
        return {};
    for (const QString &part : parts)
        if (part == u"." || part == u"..")
            return {};
    return parts.join(u'/') + (path.endsWith(u'/') ? QStringLiteral("/") : QString());
}

void materialize(const QString &root, const QByteArray &input)
{
    static const QByteArray kMark = QByteArrayLiteral("@@ ");
    static const QByteArray kNextMark = QByteArrayLiteral("\n@@ ");
    qsizetype at = input.startsWith(kMark) ? 0 : input.indexOf(kNextMark);
    if (at > 0)
        ++at; // past the newline
    while (at >= 0 && at < input.size()) {
        const qsizetype nameEnd = input.indexOf('\n', at);
        if (nameEnd < 0)
            break;
        const QByteArray name = input.mid(at + kMark.size(), nameEnd - at - kMark.size());
        const qsizetype next = input.indexOf(kNextMark, nameEnd);
        // An empty file right before the next one: its mark starts at the end of this name line.
        const QByteArray content = input.mid(nameEnd + 1, next < 0 ? -1 : std::max<qsizetype>(0, next - nameEnd - 1));
        at = next < 0 ? -1 : next + 1;

        const QString rel = confined(name);
        if (rel.isEmpty())
            continue;
        const QString path = root + u'/' + rel;
        if (rel.endsWith(u'/')) {
            QDir().mkpath(path);
            continue;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(content);
    }
}

void openAndVerify(const QString &root, StoreOpenMode mode)
{
    StoreOptions options;
    options.mode = mode;
    auto store = DossierStore::open(root, options);
    if (!store)
        return;
    (void)store.value()->recoveryReport();
    if (auto dossiers = store.value()->dossiers()) {
        for (const DossierInfo &d : dossiers.value()) {
            QList<PageRecord> damaged, missing;
            (void)store.value()->dossierPages(d.id);
            (void)store.value()->verifyDossier(d.id, &damaged, &missing);
        }
    }
    (void)store.value()->auditLog();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initOnce();
    const QString root = fuzz::Scratch::instance().path(QStringLiteral("store"));
    QDir(root).removeRecursively(); // the previous input's folder, whatever it became
    QDir().mkpath(root);
    materialize(root, QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));

    openAndVerify(root, StoreOpenMode::Existing);
    RebuildOptions rebuild;
    rebuild.force = true;
    (void)StoreRebuild::run(root, rebuild);
    openAndVerify(root, StoreOpenMode::ReadOnly);
    return 0;
}
