// The validator against our own signatures and against every published attack class, built here from
// our own signed outputs by appending or editing raw bytes: Universal Signature Forgery, Signature
// Wrapping, Incremental Saving, Shadow hide / replace / hide-and-replace; and the allowed updates
// (a second signature, form filling, validation data) that must stay VALID. pdftotext shows that each
// attack really changes what a reader sees; pdfsig is asked too, to record where it is fooled.

#include "HandMadePdf.h"
#include "PdfAttacks.h"
#include "SigningFixtures.h"

#include "signing/PdfSignatureValidator.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

#include <QFileInfo>
#include <QTest>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;

namespace {

// One page saying "Pay 100 VND" with, under a white cover (form XObject 8), a hidden "Pay 1000000 VND"
// (Shadow hide); a text field "amount" (6, appearance 7); an unused page tree 9-11 that says
// "Pay 9999999 VND" (Shadow hide-and-replace); font 5 (Helvetica).
QByteArray basePdf()
{
    const QByteArray content = "BT /F1 24 Tf 72 700 Td (Pay 100 VND) Tj ET\n"
                               "BT /F1 24 Tf 72 600 Td (Pay 1000000 VND) Tj ET\n"
                               "q /Cover Do Q";
    const QByteArray fieldAp = "/Tx BMC BT /F1 12 Tf 2 10 Td (100) Tj ET EMC";
    const QByteArray cover = "1 g 60 590 400 40 re f";
    const QByteArray hidden = "BT /F1 24 Tf 72 700 Td (Pay 9999999 VND) Tj ET";
    return handMadePdf({
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one object, two lines
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> /XObject << /Cover 8 0 R >> >> /Annots [6 0 R] >>",
        pdfStream("<< >>", content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /Rect [72 480 300 510] /P 3 0 R /V (100)"
        " /AP << /N 7 0 R >> /DA (/F1 12 Tf 0 g) /F 4 >>",
        pdfStream("<< /Type /XObject /Subtype /Form /BBox [0 0 228 30] /Resources << /Font << /F1 5 0 R >> >> >>",
                  fieldAp),
        pdfStream("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] >>", cover),
        "<< /Type /Pages /Kids [10 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 9 0 R /MediaBox [0 0 595 842] /Contents 11 0 R /Resources << /Font << /F1 5 0 R >> >> "
        ">>",
        pdfStream("<< >>", hidden),
    });
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString pdfText(const QString &path)
{
    return runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")}).out.simplified();
}

// qpdf's text of object n as the file has it now (a dictionary, or a stream's dictionary).
QByteArray objectText(const QString &path, int n)
{
    const ToolResult r = runTool(QStringLiteral("qpdf"), {QStringLiteral("--show-object=%1").arg(n), path});
    return r.out.toLatin1().trimmed();
}

bool hasReason(const SignatureReport &s, const QString &id)
{
    for (const VerifyReason &r : s.reasons)
        if (r.id == id)
            return true;
    return false;
}

bool hasModification(const SignatureReport &s, const QString &id, bool allowed)
{
    for (const Modification &m : s.modifications)
        if (m.id == id && m.allowed == allowed)
            return true;
    return false;
}

QString describe(const PdfVerifyReport &r)
{
    QStringList out{r.path + QStringLiteral(" ") + r.statusId() + QStringLiteral(" ") + r.error.detail()};
    for (const SignatureReport &s : r.signatures) {
        out.append(QStringLiteral("#%1 %2 %3").arg(s.index).arg(s.field, verdictId(s.verdict)));
        for (const VerifyReason &x : s.reasons)
            out.append(QStringLiteral("   reason ") + x.id + QStringLiteral(": ") + x.en);
        for (const Modification &m : s.modifications)
            out.append(QStringLiteral("   mod ") + m.id + (m.allowed ? QStringLiteral(" (allowed): ") : QStringLiteral(": ")) + m.en);
    }
    return out.join(u'\n');
}

} // namespace

class TestVerifyAttacks : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_work;
    QString m_base, m_signed, m_twice;
    std::shared_ptr<TrustStore> m_trust;

    QString path(const QString &name) const { return m_work.filePath(name); }

    QString sign(const QString &input, const QString &output, const QString &who, SignOptions options = {})
    {
        auto key = Pkcs12Key::load(m_ca.p12(who), TestCa::password());
        if (!key)
            return key.error().fullText();
        options.overwrite = true;
        PdfSigner signer(*key.value());
        const SignResult r = signer.signFile(input, output, options);
        return r.error.isError() ? r.error.fullText() : QString();
    }

    PdfVerifyReport verify(const QString &file, bool trusted = true) const
    {
        VerifyPolicy policy;
        policy.offline = true;
        RevocationPolicy rp;
        rp.offline = true;
        const PdfSignatureValidator v(trusted ? m_trust : std::make_shared<TrustStore>(),
                                      std::make_shared<RevocationChecker>(rp), policy);
        return v.verify(file);
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString p = path(name);
        return writeFile(p, bytes) ? p : QString();
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"openssl", "pdfsig", "qpdf", "pdftotext"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("required tool '%1' is not installed").arg(QString::fromLatin1(tool))));
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("first"), QStringLiteral("/CN=Nguyễn Văn A/O=UBND xã Thử"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("second"), QStringLiteral("/CN=Trần Thị B/O=Sở Tư pháp"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        m_trust = std::make_shared<TrustStore>();
        QVERIFY(m_trust->addPath(m_ca.path(QStringLiteral("root.pem"))));
        m_base = write(QStringLiteral("base.pdf"), basePdf());
        QVERIFY(pdfText(m_base).contains(QStringLiteral("Pay 100 VND")));
        QVERIFY2(!pdfText(m_base).contains(QStringLiteral("9999999")), qPrintable(pdfText(m_base)));
        m_signed = path(QStringLiteral("signed.pdf"));
        const QString e = sign(m_base, m_signed, QStringLiteral("first"));
        QVERIFY2(e.isEmpty(), qPrintable(e));
        m_twice = path(QStringLiteral("twice.pdf"));
        const QString e2 = sign(m_signed, m_twice, QStringLiteral("second"));
        QVERIFY2(e2.isEmpty(), qPrintable(e2));
    }

    void ownSignatureIsValidWhenTrusted()
    {
        const PdfVerifyReport r = verify(m_signed);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QCOMPARE(r.signatures.size(), 1);
        const SignatureReport &s = r.signatures.first();
        QCOMPARE(s.signer, QStringLiteral("Nguyễn Văn A"));
        QVERIFY(s.coversWholeFile);
        QCOMPARE(s.revision, 2);
        QCOMPARE(s.revisions, 2);
        QVERIFY(s.modifications.isEmpty());
        QCOMPARE(s.timeSource, QStringLiteral("claimed-pdf")); // PAdES puts the claimed time in /M, not in the CMS
        QVERIFY(!s.timeTrusted);
        QVERIFY(hasReason(s, QStringLiteral("time-claimed")));
        // The test CA names no OCSP or CRL: said, without lowering the verdict.
        QCOMPARE(s.revocation.state, QStringLiteral("no-source"));
        // An independent checker agrees the signature is intact.
        const QList<PdfSigEntry> sig = pdfsigReport(m_signed);
        QCOMPARE(sig.size(), 1);
        QVERIFY(sig.first().valid);
    }

    void ownSignatureIsUntrustedWithoutItsRoot()
    {
        const PdfVerifyReport r = verify(m_signed, false);
        QCOMPARE(r.statusId(), QStringLiteral("VALID_UNTRUSTED"));
        QVERIFY(hasReason(r.signatures.first(), QStringLiteral("chain-untrusted")));
        QVERIFY(!r.allValid());
    }

    void twoSignersAreBothValid()
    {
        const PdfVerifyReport r = verify(m_twice);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QCOMPARE(r.signatures.size(), 2);
        QCOMPARE(r.signatures[0].signer, QStringLiteral("Nguyễn Văn A"));
        QCOMPARE(r.signatures[1].signer, QStringLiteral("Trần Thị B"));
        QVERIFY(!r.signatures[0].coversWholeFile);
        QVERIFY2(hasModification(r.signatures[0], QStringLiteral("signature-added"), true), qPrintable(describe(r)));
        QVERIFY(r.signatures[1].coversWholeFile);
    }

    void unsignedFileIsItsOwnStatus()
    {
        const PdfVerifyReport r = verify(m_base);
        QCOMPARE(r.kind, FileVerdict::Unsigned);
        QCOMPARE(r.statusId(), QStringLiteral("UNSIGNED"));
        QVERIFY(!r.allValid());
    }

    // Universal Signature Forgery: the signature dictionary edited in place (every offset kept) so that
    // it names no signature value or no signed range; Signature Wrapping: ranges that overlap, leave
    // the file, add a range or stop before the revision ends.
    void forgedStructureIsInvalid_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("reasonId");
        QTest::newRow("USF: no /Contents") << QStringLiteral("contents-absent") << QStringLiteral("contents-missing");
        QTest::newRow("USF: /Contents null") << QStringLiteral("contents-null") << QStringLiteral("contents-missing");
        QTest::newRow("USF: /Contents empty") << QStringLiteral("contents-empty") << QStringLiteral("contents-missing");
        QTest::newRow("USF: /Contents a number") << QStringLiteral("contents-number") << QStringLiteral("contents-missing");
        QTest::newRow("USF: no /ByteRange") << QStringLiteral("range-absent") << QStringLiteral("byte-range-missing");
        QTest::newRow("USF: /ByteRange null") << QStringLiteral("range-null") << QStringLiteral("byte-range-missing");
        QTest::newRow("USF: /ByteRange a string") << QStringLiteral("range-string") << QStringLiteral("byte-range-missing");
        QTest::newRow("USF: /ByteRange of three") << QStringLiteral("range-three") << QStringLiteral("byte-range-malformed");
        QTest::newRow("SWA: extra range") << QStringLiteral("range-six") << QStringLiteral("byte-range-malformed");
        QTest::newRow("SWA: overlapping ranges") << QStringLiteral("range-overlap") << QStringLiteral("byte-range-malformed");
        QTest::newRow("SWA: range past the end") << QStringLiteral("range-past-end") << QStringLiteral("byte-range-malformed");
        QTest::newRow("SWA: first range not at 0") << QStringLiteral("range-offset") << QStringLiteral("byte-range-malformed");
        QTest::newRow("SWA: negative length") << QStringLiteral("range-negative") << QStringLiteral("byte-range-malformed");
        QTest::newRow("SWA: ends inside the revision") << QStringLiteral("range-short") << QStringLiteral("revision-end-mismatch");
        QTest::newRow("SWA: object hidden in the gap") << QStringLiteral("gap-object") << QStringLiteral("contents-gap-mismatch");
    }

    void forgedStructureIsInvalid()
    {
        QFETCH(QString, what);
        QFETCH(QString, reasonId);
        const QByteArray pdf = readAll(m_signed);
        const SignatureText sig = lastSignatureText(pdf);
        QVERIFY(sig.numbers.size() == 4 && sig.contentsAt > 0);
        const auto br = [&](const QByteArray &array) -> QByteArray { return replaceInPlace(pdf, sig.byteRange, "/ByteRange " + array, sig.byteRangeAt); };
        const auto nums = [](std::initializer_list<qint64> v) -> QByteArray {
            QByteArrayList parts;
            for (qint64 x : v)
                parts.append(QByteArray::number(x));
            return "[" + parts.join(' ') + "]";
        };
        const qint64 a = sig.numbers[1], b = sig.numbers[2], c = sig.numbers[3];
        QByteArray forged;
        if (what == u"contents-absent")
            forged = replaceInPlace(pdf, sig.contents, "", sig.contentsAt);
        else if (what == u"contents-null")
            forged = replaceInPlace(pdf, sig.contents, "/Contents null", sig.contentsAt);
        else if (what == u"contents-empty")
            forged = replaceInPlace(pdf, sig.contents, "/Contents <>", sig.contentsAt);
        else if (what == u"contents-number")
            forged = replaceInPlace(pdf, sig.contents, "/Contents 12345", sig.contentsAt);
        else if (what == u"range-absent")
            forged = replaceInPlace(pdf, sig.byteRange, "", sig.byteRangeAt);
        else if (what == u"range-null")
            forged = br("null");
        else if (what == u"range-string")
            forged = br("(0 1 2 3)");
        else if (what == u"range-three")
            forged = br(nums({0, a, b}));
        else if (what == u"range-six")
            forged = br(nums({0, a, b, c, 0, 10}));
        else if (what == u"range-overlap")
            forged = br(nums({0, b + 10, b, c}));
        else if (what == u"range-past-end")
            forged = br(nums({0, a, b, c + 1000}));
        else if (what == u"range-offset")
            forged = br(nums({5, a - 5, b, c}));
        else if (what == u"range-negative")
            forged = br(nums({0, a, b, -c}));
        else if (what == u"range-short")
            forged = br(nums({0, a, b, c - 100}));
        else if (what == u"gap-object") {
            // An object written into the zero padding of /Contents: the digest does not see the gap.
            const qsizetype padding = pdf.indexOf("0000000000000000000000000000000000000000", sig.contentsAt);
            QVERIFY(padding > 0 && padding < b);
            forged = pdf;
            const QByteArray evil = ">\n99 0 obj (evil) endobj\n<";
            forged.replace(padding, evil.size(), evil);
        }
        QVERIFY2(!forged.isEmpty(), "the forgery could not be written in place");
        QCOMPARE(forged.size(), pdf.size());
        const QString file = write(what + QStringLiteral(".pdf"), forged);
        const PdfVerifyReport r = verify(file);
        QCOMPARE(r.kind, FileVerdict::Signed);
        QCOMPARE(r.signatures.size(), 1);
        QVERIFY2(r.signatures.first().verdict == SignatureVerdict::Invalid, qPrintable(describe(r)));
        QVERIFY2(hasReason(r.signatures.first(), reasonId), qPrintable(describe(r)));
    }

    // Changes appended after signing, each really visible to a reader (pdftotext), none allowed.
    void changesAfterSigningAreDetected_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("modificationId");
        QTest::addColumn<QString>("textNow"); // what pdftotext shows after the attack
        QTest::newRow("ISA: page text changed") << QStringLiteral("isa-text") << QStringLiteral("page-changed")
                                                << QStringLiteral("Pay 999 VND");
        QTest::newRow("ISA: page added") << QStringLiteral("isa-page") << QStringLiteral("pages-changed")
                                         << QStringLiteral("Annex: pay 5000000 VND");
        QTest::newRow("ISA: resources swapped") << QStringLiteral("isa-resources") << QStringLiteral("page-changed")
                                                << QStringLiteral("Pay 100 VND");
        QTest::newRow("Shadow hide: cover removed") << QStringLiteral("shadow-hide") << QStringLiteral("page-changed")
                                                    << QStringLiteral("Pay 1000000 VND");
        QTest::newRow("Shadow replace: font redefined") << QStringLiteral("shadow-replace")
                                                        << QStringLiteral("page-changed") << QStringLiteral("Pay 100 VND");
        QTest::newRow("Shadow hide-and-replace: page tree swapped")
            << QStringLiteral("shadow-hide-replace") << QStringLiteral("catalog-changed")
            << QStringLiteral("Pay 9999999 VND");
        QTest::newRow("object deleted") << QStringLiteral("freed") << QStringLiteral("object-deleted") << QString();
        QTest::newRow("signature field removed") << QStringLiteral("field-removed") << QStringLiteral("field-removed")
                                                 << QStringLiteral("Pay 100 VND");
        QTest::newRow("bytes after the last revision") << QStringLiteral("trailing") << QStringLiteral("trailing-data")
                                                       << QStringLiteral("Pay 100 VND");
    }

    void changesAfterSigningAreDetected()
    {
        QFETCH(QString, what);
        QFETCH(QString, modificationId);
        QFETCH(QString, textNow);
        const QByteArray pdf = readAll(m_signed);
        QByteArray attacked;
        if (what == u"isa-text") {
            attacked = appendUpdate(pdf, {{4, pdfStream("<< >>", "BT /F1 24 Tf 72 700 Td (Pay 999 VND) Tj ET")}});
        } else if (what == u"isa-page") {
            attacked = appendUpdate(
                pdf, {{2, "<< /Type /Pages /Kids [3 0 R 40 0 R] /Count 2 >>"},
                      {40, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 41 0 R"
                           " /Resources << /Font << /F1 5 0 R >> >> >>"},
                      {41, pdfStream("<< >>", "BT /F1 24 Tf 72 700 Td (Annex: pay 5000000 VND) Tj ET")}});
        } else if (what == u"isa-resources") {
            QByteArray page = objectText(m_signed, 3);
            QVERIFY2(page.contains("/F1 5 0 R"), page.constData());
            page.replace("/F1 5 0 R", "/F1 42 0 R");
            attacked = appendUpdate(pdf, {{3, page}, {42, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}});
        } else if (what == u"shadow-hide") {
            attacked = appendUpdate(pdf, {{8, pdfStream("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] >>", "")}});
        } else if (what == u"shadow-replace") {
            attacked = appendUpdate(pdf, {{5, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}});
        } else if (what == u"shadow-hide-replace") {
            QByteArray catalog = objectText(m_signed, 1);
            QVERIFY2(catalog.contains("/Pages 2 0 R"), catalog.constData());
            catalog.replace("/Pages 2 0 R", "/Pages 9 0 R");
            attacked = appendUpdate(pdf, {{1, catalog}});
        } else if (what == u"freed") {
            attacked = appendUpdate(pdf, {}, {8});
        } else if (what == u"field-removed") {
            QByteArray catalog = objectText(m_signed, 1);
            const SignatureText sig = lastSignatureText(pdf);
            // The signature's field is the last entry of /Fields: dropped.
            const qsizetype open = catalog.indexOf("/Fields [");
            const qsizetype close = catalog.indexOf(']', open);
            QVERIFY(open > 0 && close > open);
            catalog.replace(open, close + 1 - open, "/Fields [ 6 0 R ]");
            attacked = appendUpdate(pdf, {{1, catalog}});
            Q_UNUSED(sig);
        } else if (what == u"trailing") {
            attacked = pdf + "\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n";
        }
        QVERIFY(!attacked.isEmpty());
        const QString file = write(what + QStringLiteral(".pdf"), attacked);
        QVERIFY2(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), file}).exitCode != 2,
                 "the attack file is not even readable");
        if (!textNow.isEmpty())
            QVERIFY2(pdfText(file).contains(textNow), qPrintable(pdfText(file)));
        const PdfVerifyReport r = verify(file);
        QVERIFY2(r.kind == FileVerdict::Signed, qPrintable(describe(r)));
        const SignatureReport &s = r.signatures.first();
        if (what == u"field-removed") {
            QVERIFY2(!s.presentNow && hasReason(s, QStringLiteral("signature-removed")), qPrintable(describe(r)));
        } else {
            QVERIFY2(hasModification(s, modificationId, false), qPrintable(describe(r)));
            QVERIFY2(hasReason(s, QStringLiteral("changed-after-signing")), qPrintable(describe(r)));
        }
        QVERIFY2(s.verdict == SignatureVerdict::ChangedAfterSigning, qPrintable(describe(r)));
        // Whatever pdfsig says is recorded; our verdict does not depend on it.
        const QList<PdfSigEntry> sig = pdfsigReport(file);
        if (!sig.isEmpty() && sig.first().valid)
            qInfo("%s: pdfsig still says \"Signature is Valid\"", qPrintable(what));
    }

    // What a signer may allow after itself: another signature (above), form filling, validation data.
    void allowedUpdatesStayValid_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("modificationId");
        QTest::newRow("form filled") << QStringLiteral("form") << QStringLiteral("form-filled");
        QTest::newRow("DSS added") << QStringLiteral("dss") << QStringLiteral("dss-updated");
        QTest::newRow("document info updated") << QStringLiteral("info") << QStringLiteral("info-updated");
        QTest::newRow("comment added (approval signature)") << QStringLiteral("annotation")
                                                            << QStringLiteral("annotation-added");
    }

    void allowedUpdatesStayValid()
    {
        QFETCH(QString, what);
        QFETCH(QString, modificationId);
        const QByteArray pdf = readAll(m_signed);
        QByteArray updated;
        if (what == u"form") {
            QByteArray field = objectText(m_signed, 6);
            QVERIFY2(field.contains("/V (100)"), field.constData());
            field.replace("/V (100)", "/V (250)");
            field.replace("/N 7 0 R", "/N 43 0 R");
            updated = appendUpdate(
                pdf, {{6, field},
                      {43, pdfStream("<< /Type /XObject /Subtype /Form /BBox [0 0 228 30] /Resources << /Font << /F1 5 0 "
                                     "R >> >> >>",
                                     "/Tx BMC BT /F1 12 Tf 2 10 Td (250) Tj ET EMC")}});
        } else if (what == u"dss") {
            QByteArray catalog = objectText(m_signed, 1);
            catalog.chop(2);
            catalog += " /DSS 44 0 R >>";
            const QByteArray root = readAll(m_ca.path(QStringLiteral("root.pem")));
            updated = appendUpdate(pdf, {{1, catalog}, {44, "<< /Certs [45 0 R] >>"}, {45, pdfStream("<< >>", root)}});
        } else if (what == u"info") {
            updated = appendUpdate(pdf, {{46, "<< /Title (Hợp đồng) /Producer (SoHoa test) >>"}}, {}, "/Info 46 0 R");
        } else if (what == u"annotation") {
            QByteArray page = objectText(m_signed, 3);
            const qsizetype annots = page.indexOf("/Annots [");
            QVERIFY(annots > 0);
            page.insert(annots + 9, " 47 0 R");
            updated = appendUpdate(pdf, {{3, page},
                                         {47, "<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Contents "
                                              "(Reviewed) /P 3 0 R >>"}});
        }
        const QString file = write(what + QStringLiteral("-allowed.pdf"), updated);
        const PdfVerifyReport r = verify(file);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QVERIFY2(hasModification(r.signatures.first(), modificationId, true), qPrintable(describe(r)));
    }

    // Certification (DocMDP): levels 1-3 are valid as made; what each level allows stays valid, what it
    // forbids is CHANGED_AFTER_SIGNING — Evil Annotation and Sneaky Signature among them.
    void certificationLevels_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("update");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("modificationId");
        for (int p : {1, 2, 3})
            QTest::addRow("certified P=%d, untouched", p) << p << QString() << true << QString();
        QTest::newRow("P=1: form filled") << 1 << QStringLiteral("form") << false << QStringLiteral("form-filled");
        QTest::newRow("P=1: second signature") << 1 << QStringLiteral("sign") << false << QStringLiteral("signature-added");
        QTest::newRow("P=1: DSS added") << 1 << QStringLiteral("dss") << true << QStringLiteral("dss-updated");
        QTest::newRow("P=2: form filled") << 2 << QStringLiteral("form") << true << QStringLiteral("form-filled");
        QTest::newRow("P=2: second signature") << 2 << QStringLiteral("sign") << true << QStringLiteral("signature-added");
        QTest::newRow("P=2: Evil Annotation") << 2 << QStringLiteral("annotation") << false
                                             << QStringLiteral("annotation-added");
        QTest::newRow("P=2: Sneaky Signature") << 2 << QStringLiteral("sneaky") << false
                                              << QStringLiteral("signature-field-visible-unsigned");
        QTest::newRow("P=3: annotation") << 3 << QStringLiteral("annotation") << true << QStringLiteral("annotation-added");
        QTest::newRow("P=3: Sneaky Signature") << 3 << QStringLiteral("sneaky") << false
                                              << QStringLiteral("signature-field-visible-unsigned");
    }

    void certificationLevels()
    {
        QFETCH(int, level);
        QFETCH(QString, update);
        QFETCH(bool, allowed);
        QFETCH(QString, modificationId);
        const QString certified = path(QStringLiteral("certified-%1.pdf").arg(level));
        SignOptions options;
        options.certifyLevel = level;
        const QString e = sign(m_base, certified, QStringLiteral("first"), options);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QByteArray pdf = readAll(certified);
        QString file = certified;
        if (update == u"sign") {
            file = path(QStringLiteral("certified-%1-countersigned.pdf").arg(level));
            QVERIFY(sign(certified, file, QStringLiteral("second")).isEmpty() || level == 1);
            if (level == 1)
                return; // the signer refuses to sign a P=1 document; the file below is made by hand
        } else if (update == u"form") {
            QByteArray field = objectText(certified, 6);
            field.replace("/V (100)", "/V (250)");
            file = write(QStringLiteral("certified-%1-form.pdf").arg(level), appendUpdate(pdf, {{6, field}}));
        } else if (update == u"dss") {
            QByteArray catalog = objectText(certified, 1);
            catalog.chop(2);
            catalog += " /DSS 44 0 R >>";
            file = write(QStringLiteral("certified-%1-dss.pdf").arg(level),
                         appendUpdate(pdf, {{1, catalog}, {44, "<< /Certs [] >>"}}));
        } else if (update == u"annotation") {
            // Evil Annotation Attack: a FreeText annotation that paints over the certified text.
            QByteArray page = objectText(certified, 3);
            const qsizetype annots = page.indexOf("/Annots [");
            QVERIFY(annots > 0);
            page.insert(annots + 9, " 47 0 R");
            file = write(QStringLiteral("certified-%1-annotation.pdf").arg(level),
                         appendUpdate(pdf, {{3, page},
                                            {47, "<< /Type /Annot /Subtype /FreeText /Rect [60 690 400 730] /P 3 0 R"
                                                 " /Contents (Pay 999 VND) /DA (/Helv 24 Tf 0 g) /AP << /N 48 0 R >> >>"},
                                            {48, pdfStream("<< /Type /XObject /Subtype /Form /BBox [0 0 340 40] >>",
                                                           "1 g 0 0 340 40 re f 0 g BT /Helvetica 24 Tf 5 10 Td "
                                                           "(Pay 999 VND) Tj ET")}}));
        } else if (update == u"sneaky") {
            // Sneaky Signature Attack: a new, unsigned signature field whose appearance overlays the page.
            QByteArray page = objectText(certified, 3);
            const qsizetype annots = page.indexOf("/Annots [");
            QVERIFY(annots > 0);
            page.insert(annots + 9, " 49 0 R");
            QByteArray catalog = objectText(certified, 1);
            const qsizetype fields = catalog.indexOf("/Fields [");
            QVERIFY2(fields > 0, catalog.constData());
            catalog.insert(fields + 9, " 49 0 R");
            file = write(QStringLiteral("certified-%1-sneaky.pdf").arg(level),
                         appendUpdate(pdf, {{1, catalog},
                                            {3, page},
                                            {49, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /F 4"
                                                 " /Rect [60 690 400 730] /P 3 0 R /AP << /N 50 0 R >> >>"},
                                            {50, pdfStream("<< /Type /XObject /Subtype /Form /BBox [0 0 340 40] >>",
                                                           "1 g 0 0 340 40 re f")}}));
        }
        const PdfVerifyReport r = verify(file);
        QVERIFY2(r.kind == FileVerdict::Signed, qPrintable(describe(r)));
        const SignatureReport &cert = r.signatures.first();
        QCOMPARE(cert.certificationLevel, level);
        if (allowed)
            QVERIFY2(cert.verdict == SignatureVerdict::Valid, qPrintable(describe(r)));
        else
            QVERIFY2(cert.verdict == SignatureVerdict::ChangedAfterSigning &&
                         hasReason(cert, QStringLiteral("certification-forbids")),
                     qPrintable(describe(r)));
        if (!modificationId.isEmpty())
            QVERIFY2(hasModification(cert, modificationId, allowed), qPrintable(describe(r)));
    }

    // A second signature on a document certified with no changes allowed, written by hand (our signer
    // refuses to make it): the certification says CHANGED_AFTER_SIGNING, the new signature itself is intact.
    void certifiedNoChangesThenSigned()
    {
        const QString certified = path(QStringLiteral("certified-1.pdf"));
        SignOptions options;
        options.certifyLevel = 1;
        QVERIFY(sign(m_base, certified, QStringLiteral("first"), options).isEmpty());
        // Lower the certification in a copy only long enough to countersign, then put the P=1 bytes back:
        // the countersignature covers the P=1 revision as the attacker's would.
        QByteArray pdf = readAll(certified);
        const qsizetype p = pdf.indexOf("/P 1");
        QVERIFY(p > 0);
        QByteArray lowered = pdf;
        lowered[p + 3] = '2';
        const QString loweredFile = write(QStringLiteral("lowered.pdf"), lowered);
        const QString countersigned = path(QStringLiteral("lowered-countersigned.pdf"));
        QVERIFY(sign(loweredFile, countersigned, QStringLiteral("second")).isEmpty());
        QByteArray both = readAll(countersigned);
        both[p + 3] = '1';
        const QString file = write(QStringLiteral("certified-1-countersigned.pdf"), both);
        const PdfVerifyReport r = verify(file);
        QCOMPARE(r.signatures.size(), 2);
        QVERIFY2(r.signatures[0].verdict == SignatureVerdict::ChangedAfterSigning, qPrintable(describe(r)));
        QVERIFY2(hasModification(r.signatures[0], QStringLiteral("signature-added"), false), qPrintable(describe(r)));
        // The countersignature covered the lowered bytes: it is broken by putting them back.
        QCOMPARE(r.signatures[1].verdict, SignatureVerdict::Invalid);
        QVERIFY(hasReason(r.signatures[1], QStringLiteral("digest-mismatch")));
    }

    // The cross-reference chain is read strictly: an update whose /Prev points at itself (a loop), or
    // at nothing, is not repaired into something that verifies.
    void brokenXrefChainIsNotRepaired()
    {
        const QByteArray pdf = readAll(m_signed);
        QByteArray looped = appendUpdate(pdf, {{4, pdfStream("<< >>", "BT /F1 24 Tf 72 700 Td (Pay 1 VND) Tj ET")}});
        const qsizetype xref = looped.lastIndexOf("xref\n0 1");
        const qsizetype prev = looped.lastIndexOf("/Prev ");
        QVERIFY(xref > 0 && prev > xref);
        const qsizetype end = looped.indexOf(' ', prev + 6);
        looped.replace(prev + 6, end - (prev + 6), QByteArray::number(xref));
        const PdfVerifyReport r = verify(write(QStringLiteral("prev-loop.pdf"), looped));
        QVERIFY2(r.kind == FileVerdict::Error || (r.kind == FileVerdict::Signed && !r.signatures.isEmpty() &&
                                                  r.signatures.first().verdict == SignatureVerdict::Invalid),
                 qPrintable(describe(r)));
        if (r.kind == FileVerdict::Signed)
            QVERIFY2(hasReason(r.signatures.first(), QStringLiteral("xref-damaged")), qPrintable(describe(r)));
    }

    void signedRevisionCanBeExtracted()
    {
        const QByteArray pdf = readAll(m_signed);
        const QString file = write(QStringLiteral("extract.pdf"),
                                   appendUpdate(pdf, {{4, pdfStream("<< >>", "BT /F1 24 Tf 72 700 Td (Pay 1 VND) Tj ET")}}));
        const PdfVerifyReport r = verify(file);
        QCOMPARE(r.signatures.first().verdict, SignatureVerdict::ChangedAfterSigning);
        const QString out = path(QStringLiteral("what-was-signed.pdf"));
        QVERIFY(PdfSignatureValidator::extractRevision(file, r.signatures.first().revisionEnd, out));
        QCOMPARE(readAll(out), pdf);
        QVERIFY(pdfText(out).contains(QStringLiteral("Pay 100 VND")));
        QVERIFY(pdfText(file).contains(QStringLiteral("Pay 1 VND")));
        QVERIFY(verify(out).allValid());
    }
};

QTEST_GUILESS_MAIN(TestVerifyAttacks)
#include "TestVerifyAttacks.moc"
