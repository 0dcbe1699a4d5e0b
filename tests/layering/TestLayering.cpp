// The house's layers, read from the includes of every source file (style.md rules 1 and 2): folders
// are layers and may only include what lies below them; private headers (_p.h) stay in their folder;
// core/pdf/internal/ is the one internal API core shares with signing/; no third-party type in a
// public header; no widgets outside app/gui; the CLI's files stay small; no name reserved to the
// implementation.

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

// Names reserved to the implementation ([lex.name]: a double underscore anywhere, or an underscore and a
// capital letter at the start) that the code spells, comments and string literals left out; the standard
// and compiler names we may use are allowed. clang-tidy's bugprone-reserved-identifier checks the same
// on declarations, at half the cost of a whole clang-tidy run, so it is left out of .clang-tidy for this.
QStringList reservedNamesIn(const QString &source)
{
    static const QRegularExpression noise(
        QStringLiteral("//[^\\n]*|/\\*.*?\\*/|\"(\\\\.|[^\"\\\\\\n])*\"|'(\\\\.|[^'\\\\\\n])*'"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression name(QStringLiteral("\\b[A-Za-z_]\\w*"));
    static const QStringList allowed{QStringLiteral("_Exit"),
                                     QStringLiteral("__attribute__"),
                                     QStringLiteral("__FILE__"),
                                     QStringLiteral("__LINE__"),
                                     QStringLiteral("__func__"),
                                     QStringLiteral("__cplusplus"),
                                     QStringLiteral("__has_include"),
                                     QStringLiteral("__has_feature"),
                                     QStringLiteral("__GNUC__"),
                                     QStringLiteral("__clang__"),
                                     QStringLiteral("__SANITIZE_ADDRESS__"),
                                     QStringLiteral("_Pragma"),
                                     QStringLiteral("__PRETTY_FUNCTION__")};
    QString code = source;
    code.replace(noise, QStringLiteral(" "));
    QStringList out;
    for (auto it = name.globalMatch(code); it.hasNext();) {
        const QString n = it.next().captured();
        const bool reserved = n.contains(u"__") || (n.size() > 1 && n.at(0) == u'_' && n.at(1).isUpper());
        if (reserved && !n.startsWith(u"__builtin_") && !allowed.contains(n))
            out.append(n);
    }
    return out;
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

    void noNameReservedToTheImplementation()
    {
        // The scanner itself: it finds what it must and only that.
        QCOMPARE(reservedNamesIn(QStringLiteral("int __bad; int _Bad; int my__name; int _fine; int fine_;\n"
                                                "void f() { std::_Exit(0); } // __comment\n"
                                                "const char *s = \"__string\"; /* _Block */ char c = '_';")),
                 QStringList({QStringLiteral("__bad"), QStringLiteral("_Bad"), QStringLiteral("my__name")}));
        QStringList bad;
        int files = 0;
        for (const QString &file :
             sources(kProductFolders +
                     QStringList{QStringLiteral("tests"), QStringLiteral("bench"), QStringLiteral("fuzz")})) {
            QFile f(kRoot + u'/' + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            for (const QString &n : reservedNamesIn(QString::fromUtf8(f.readAll())))
                bad.append(file + QStringLiteral(": ") + n);
        }
        QVERIFY2(files > 200, qPrintable(QString::number(files)));
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
