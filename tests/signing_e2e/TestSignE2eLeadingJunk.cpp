// `sohoa-cli sign` on PDFs with bytes before their "%PDF-" header (issue 10, item 12): a mail gateway's
// header, a scanner's preamble. Readers count the offsets inside such a file from the header (ISO
// 32000-1 §7.5.2 puts it at byte 0; qpdf and Poppler tolerate junk by offsetting), so the update's
// xref entries and startxref must count from there too, while the signature's /ByteRange counts from
// byte 0 of the file (Poppler reads it so, and the junk is then signed too). `stamp-qr` shares the
// update writer and is checked here too. Judged by pdfsig (valid AND total document signed), qpdf
// --check, Poppler's stderr, pdftotext and zbarimg.

#include "SigningFixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace sohoa::test;

namespace {

// 50 bytes of binary garbage without a '%' (so no second header can appear in it).
QByteArray garbage50()
{
    QByteArray junk;
    for (int i = 0; i < 50; ++i)
        junk += char((i * 37 + 11) % 251 == '%' ? 1 : (i * 37 + 11) % 251);
    return junk;
}

QByteArray mailHeader()
{
    return "From: may-quet@ubnd-xa.example.vn\r\nTo: mot-cua@ubnd-xa.example.vn\r\n"
           "Subject: Ho so H15.50.05.13-261008-0975\r\nContent-Type: application/pdf\r\n\r\n";
}

// The /ByteRange of the newest signature as written in the file.
QList<qint64> newestByteRange(const QString &pdf)
{
    const QByteArray data = readFile(pdf);
    const qsizetype at = data.lastIndexOf("/ByteRange");
    const qsizetype open = data.indexOf('[', at), close = data.indexOf(']', at);
    QList<qint64> range;
    if (at < 0 || open < 0 || close < open)
        return range;
    for (const QByteArray &n : data.mid(open + 1, close - open - 1).simplified().split(' '))
        range.append(n.toLongLong());
    return range;
}

// What zbarimg reads on page 1 rendered by pdftoppm at 150 dpi, or what Poppler said: it rebuilds a
// cross-reference table it cannot follow, and says so on stderr.
QString codeOnPage1(const QString &pdf, const QString &prefix)
{
    const ToolResult render =
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-gray"),
                                             QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                             QStringLiteral("1"), QStringLiteral("-singlefile"), pdf, prefix});
    if (render.exitCode != 0 || !render.err.isEmpty())
        return QStringLiteral("pdftoppm: ") + render.describe();
    const ToolResult zbar = runTool(QStringLiteral("zbarimg"),
                                    {QStringLiteral("-q"), QStringLiteral("--raw"), prefix + QStringLiteral(".pgm")});
    return zbar.out.trimmed();
}

} // namespace

class TestSignE2eLeadingJunk : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_work;

    QString path(const QString &name) const { return m_work.filePath(name); }

    QStringList p12Args() const
    {
        return {QStringLiteral("--p12"), m_ca.p12(QStringLiteral("clerk")), QStringLiteral("--pin-env"),
                QStringLiteral("SOHOA_E2E_PASSWORD")};
    }

    // junk followed by the bytes of a corpus file, under the work folder.
    QString junkPrefixed(const QByteArray &junk, const char *file, const QString &name)
    {
        const QString out = path(name);
        return writeFile(out, junk + readFile(cleanCorpusPdf(file))) ? out : QString();
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"openssl", "pdfsig", "qpdf", "pdftotext", "pdftoppm", "zbarimg"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("required tool '%1' is not installed").arg(QString::fromLatin1(tool))));
        QVERIFY(m_work.isValid());
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Văn thư/O=UBND xã Thử"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        qputenv("SOHOA_E2E_PASSWORD", TestCa::password());
    }

    void signedFile_data()
    {
        QTest::addColumn<QByteArray>("junk");
        QTest::addColumn<QString>("file");
        // One byte used to slip through (startxref, taken as a file offset, still found the section
        // one byte later) and gave an output qpdf could not read; longer junk was refused as damaged.
        QTest::newRow("one newline, xref table") << QByteArray("\n") << QStringLiteral("good4.pdf");
        QTest::newRow("50 bytes of garbage, xref table") << garbage50() << QStringLiteral("good4.pdf");
        QTest::newRow("mail header, xref stream") << mailHeader() << QStringLiteral("compress-objstm-xref-qdf.pdf");
        QTest::newRow("mail header, 11 pages") << mailHeader() << QStringLiteral("11-pages-with-labels.pdf");
    }

    // The signature is valid over the whole file (junk included), the file is clean for qpdf, and the
    // copy block reads back; one changed junk byte breaks the signature.
    void signedFile()
    {
        QFETCH(QByteArray, junk);
        QFETCH(QString, file);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-').remove(u',');
        const QString input = junkPrefixed(junk, file.toLatin1().constData(), tag + QStringLiteral("-in.pdf"));
        QVERIFY(!input.isEmpty());
        const QString output = path(tag + QStringLiteral("-signed.pdf"));
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output,
                                                QStringLiteral("--appearance"), QStringLiteral("copy"),
                                                QStringLiteral("--organization"), QStringLiteral("UBND xã Thử")} +
                                    p12Args());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QByteArray in = readFile(input), out = readFile(output);
        QVERIFY(out.startsWith(in)); // the junk and the input stay, byte for byte

        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);
        // The ranges count from the file's first byte: the junk is covered, the end is the file's end.
        const QList<qint64> range = newestByteRange(output);
        QCOMPARE(range.size(), qsizetype(4));
        QCOMPARE(range.at(0), qint64(0));
        QCOMPARE(range.at(2) + range.at(3), qint64(out.size()));
        const ToolResult text =
            runTool(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                  QStringLiteral("1"), output, QStringLiteral("-")});
        QVERIFY2(text.out.normalized(QString::NormalizationForm_C).contains(QStringLiteral("UBND xã Thử")),
                 qPrintable(text.describe()));

        // A verifier that reads the ranges as pdfsig does sees a changed junk byte.
        QByteArray tampered = out;
        tampered[0] = char(tampered.at(0) ^ 0x20);
        const QString tamperedPath = path(tag + QStringLiteral("-tampered.pdf"));
        QVERIFY(writeFile(tamperedPath, tampered));
        const QList<PdfSigEntry> after = pdfsigReport(tamperedPath, &raw);
        QVERIFY2(after.size() == 1 && !after.at(0).valid, qPrintable(raw));
    }

    // A second signature over a junk-prefixed signed file: its /Prev chain and ranges hold, the first
    // signature stays valid over its revision.
    void signedTwice()
    {
        const QString input = junkPrefixed(mailHeader(), "good4.pdf", QStringLiteral("twice-in.pdf"));
        const QString once = path(QStringLiteral("twice-1.pdf"));
        const QString twice = path(QStringLiteral("twice-2.pdf"));
        ToolResult r = runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), once} + p12Args());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = runCli(QStringList{QStringLiteral("sign"), once, QStringLiteral("--out"), twice} + p12Args());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(twice, &raw);
        QVERIFY2(sigs.size() == 2, qPrintable(raw));
        QVERIFY2(sigs.at(0).valid && !sigs.at(0).total, qPrintable(raw));
        QVERIFY2(sigs.at(1).valid && sigs.at(1).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(twice), 0);
    }

    // `stamp-qr` writes its update through the same module: offsets from the header, the input a
    // byte-identical prefix; qpdf finds no error, Poppler renders without complaint, zbarimg reads.
    void stamped_data()
    {
        QTest::addColumn<QByteArray>("junk");
        QTest::addColumn<QString>("file");
        QTest::newRow("one newline, xref table") << QByteArray("\n") << QStringLiteral("good4.pdf");
        QTest::newRow("50 bytes of garbage, xref table") << garbage50() << QStringLiteral("11-pages-with-labels.pdf");
        QTest::newRow("mail header, xref stream") << mailHeader() << QStringLiteral("compress-objstm-xref-qdf.pdf");
    }
    void stamped()
    {
        QFETCH(QByteArray, junk);
        QFETCH(QString, file);
        const QString tag = QStringLiteral("stamp-") + QString::number(junk.size());
        const QString input = junkPrefixed(junk, file.toLatin1().constData(), tag + QStringLiteral("-in.pdf"));
        QVERIFY(!input.isEmpty());
        const QString output = path(tag + QStringLiteral("-out.pdf"));
        const QString payload = QStringLiteral("SOHOA:H15.50.05.13-261008-0975");
        const ToolResult r =
            runCli({QStringLiteral("stamp-qr"), input, QStringLiteral("--out"), output, QStringLiteral("--text"),
                    payload, QStringLiteral("--pages"), QStringLiteral("all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(readFile(output).startsWith(readFile(input)));
        QCOMPARE(qpdfCheckRank(output), 0);
        QCOMPARE(codeOnPage1(output, path(tag + QStringLiteral("-page1"))), payload);
    }

    // `sign --qr`: the stamp (its own update, through the same writer) and the signature over it.
    void signedWithQr()
    {
        const QString input = junkPrefixed(garbage50(), "11-pages-with-labels.pdf", QStringLiteral("qr-in.pdf"));
        const QString output = path(QStringLiteral("qr-signed.pdf"));
        const QString payload = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975");
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output, QStringLiteral("--qr"),
                               QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}"),
                               QStringLiteral("--dossier-code"), QStringLiteral("H15.50.05.13-261008-0975")} +
                   p12Args());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(readFile(output).startsWith(readFile(input)));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);
        QCOMPARE(codeOnPage1(output, path(QStringLiteral("qr-page1"))), payload);
    }

    // Where qpdf and Poppler would take different bytes for the header, the offsets would mean
    // different things to them: refused as damaged, nothing written.
    void ambiguousHeaderRefused()
    {
        const QString input =
            junkPrefixed(QByteArray("%PDF-x (not a version)\n"), "good4.pdf", QStringLiteral("ambiguous-in.pdf"));
        const QString output = path(QStringLiteral("ambiguous-signed.pdf"));
        const ToolResult r = runCli(
            QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output, QStringLiteral("--json")} +
            p12Args());
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        const QJsonObject event = r.events(QStringLiteral("signed")).value(0);
        QCOMPARE(signedEventErrorId(event), QStringLiteral("pdf-damaged"));
        QVERIFY2(event.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("header")),
                 qPrintable(r.describe()));
        QVERIFY(!QFileInfo::exists(output));
    }
};

QTEST_GUILESS_MAIN(TestSignE2eLeadingJunk)
#include "TestSignE2eLeadingJunk.moc"
