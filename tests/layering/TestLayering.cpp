// The house's layers, read from the includes of every source file (style.md rules 1 and 2): folders
// are layers and may only include what lies below them; private headers (_p.h) stay in their folder;
// core/pdf/internal/ is the one internal API core shares with signing/; no third-party type in a
// public header; no widgets outside app/gui; the CLI's files stay small.

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

namespace {

const QString kRoot = QStringLiteral(SOHOA_SOURCE_DIR);

struct Include
{
    QString file; // relative to the root
    int line = 0;
    QString target; // as written
    bool angled = false;
};

QStringList sources(const QStringList &folders)
{
    QStringList out;
    for (const QString &folder : folders) {
        QDirIterator it(kRoot + u'/' + folder, {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.c")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            out.append(QDir(kRoot).relativeFilePath(it.next()));
    }
    out.sort();
    return out;
}

QList<Include> includesOf(const QString &file)
{
    QFile f(kRoot + u'/' + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression re(QStringLiteral("^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"));
    QList<Include> out;
    int n = 0;
    while (!f.atEnd()) {
        ++n;
        const QString line = QString::fromUtf8(f.readLine());
        const auto m = re.match(line);
        if (m.hasMatch())
            out.append({file, n, m.captured(2), m.captured(1) == u"<"});
    }
    return out;
}

QString where(const Include &i)
{
    return QStringLiteral("%1:%2 includes %3").arg(i.file).arg(i.line).arg(i.target);
}

// The layer of a path: core, scanner, signing, app/workflows, app/cli, app/gui.
QString layerOf(const QString &path)
{
    if (path.startsWith(u"app/"))
        return path.section(u'/', 0, 1);
    return path.section(u'/', 0, 0);
}

const QStringList kProductFolders{QStringLiteral("core"), QStringLiteral("scanner"), QStringLiteral("signing"),
                                  QStringLiteral("upload"), QStringLiteral("app")};

} // namespace

class TestLayering : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectIncludesNameTheirLayerAndFolder()
    {
        QStringList bad;
        for (const QString &file : sources(kProductFolders)) {
            for (const Include &i : includesOf(file)) {
                if (i.angled || i.target == u"SohoaVersion.h" || i.target.endsWith(u".moc"))
                    continue;
                if (!QFileInfo::exists(kRoot + u'/' + i.target))
                    bad.append(where(i));
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void layersOnlyIncludeWhatLiesBelowThem()
    {
        const QHash<QString, QStringList> allowed{
            {QStringLiteral("core"), {QStringLiteral("core")}},
            {QStringLiteral("scanner"), {QStringLiteral("core"), QStringLiteral("scanner")}},
            {QStringLiteral("signing"), {QStringLiteral("core"), QStringLiteral("signing")}},
            {QStringLiteral("upload"), {QStringLiteral("core"), QStringLiteral("upload")}},
            // The PDF render helper links nothing of ours (a hostile file reaches no more than Poppler); its
            // protocol header is what the preview job shares with it.
            {QStringLiteral("app/render"), {QStringLiteral("app/render")}},
            {QStringLiteral("app/workflows"),
             {QStringLiteral("core"), QStringLiteral("scanner"), QStringLiteral("signing"), QStringLiteral("upload"),
              QStringLiteral("app/workflows"), QStringLiteral("app/render")}},
            {QStringLiteral("app/cli"),
             {QStringLiteral("core"), QStringLiteral("scanner"), QStringLiteral("signing"), QStringLiteral("upload"),
              QStringLiteral("app/workflows"), QStringLiteral("app/cli")}},
            {QStringLiteral("app/gui"),
             {QStringLiteral("core"), QStringLiteral("scanner"), QStringLiteral("signing"), QStringLiteral("upload"),
              QStringLiteral("app/workflows"), QStringLiteral("app/gui")}},
        };
        QStringList bad;
        for (const QString &file : sources(kProductFolders)) {
            const QString layer = layerOf(file);
            QVERIFY2(allowed.contains(layer), qPrintable(file));
            for (const Include &i : includesOf(file)) {
                if (i.angled || !i.target.contains(u'/'))
                    continue;
                if (!allowed.value(layer).contains(layerOf(i.target)))
                    bad.append(where(i));
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void privateHeadersStayInTheirFolder()
    {
        QStringList bad;
        for (const QString &file : sources(kProductFolders)) {
            for (const Include &i : includesOf(file)) {
                if (i.angled)
                    continue;
                if (i.target.endsWith(u"_p.h") && QFileInfo(i.target).path() != QFileInfo(file).path())
                    bad.append(where(i));
                // A public header that pulls in a private one makes it public.
                if (i.target.endsWith(u"_p.h") && file.endsWith(u".h") && !file.endsWith(u"_p.h"))
                    bad.append(where(i));
                // The one internal API across libraries: core's PDF internals, for signing/.
                if (i.target.startsWith(u"core/pdf/internal/") && !file.startsWith(u"core/") &&
                    !file.startsWith(u"signing/"))
                    bad.append(where(i));
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void noThirdPartyTypeInAPublicHeader()
    {
        static const QRegularExpression thirdParty(
            QStringLiteral("^(sane/|openssl/|qpdf/|ZXing/|p11-kit|pkcs11|tiff|zlib|jpeglib|poppler|tesseract)"));
        QStringList bad;
        for (const QString &file : sources(kProductFolders)) {
            if (!file.endsWith(u".h") || file.endsWith(u"_p.h") || file.contains(u"/internal/"))
                continue;
            for (const Include &i : includesOf(file))
                if (i.angled && thirdParty.match(i.target).hasMatch())
                    bad.append(where(i));
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void noWidgetsBelowTheWindow()
    {
        static const QRegularExpression widgets(
            QStringLiteral("^(QtWidgets|QWidget|QApplication|QDialog|QMainWindow|QMessageBox|QAbstractItemView)"));
        QStringList bad;
        for (const QString &file : sources(kProductFolders)) {
            if (file.startsWith(u"app/gui/"))
                continue;
            for (const Include &i : includesOf(file))
                if (i.angled && widgets.match(i.target).hasMatch())
                    bad.append(where(i));
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    // A command parses, runs, prints: a file that grows past this is hiding a use case.
    void cliFilesStaySmall()
    {
        QStringList bad;
        for (const QString &file : sources({QStringLiteral("app/cli")})) {
            QFile f(kRoot + u'/' + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const int lines = int(f.readAll().count('\n'));
            if (lines >= 300)
                bad.append(QStringLiteral("%1: %2 lines").arg(file).arg(lines));
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "TestLayering.moc"
