// What long-term validation needs written into a PDF (issue 12): certification signatures (DocMDP),
// document timestamps and the document security store. Judged by tools we did not write: pdfsig
// for the signatures, qpdf for the structure and the objects, openssl for the timestamp tokens.

#include "SigningFixtures.h"
#include "TsaServer.h"

#include "signing/PdfDocumentTimestamper.h"
#include "signing/PdfDssWriter.h"
#include "signing/PdfSignatureInspector.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTest>
#include <QTimeZone>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;

namespace {

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

// The objects as qpdf sees them, streams with their decoded data (base64): "obj:N G R" and "trailer".
QJsonObject qpdfObjectsWithData(const QString &pdf)
{
    const ToolResult r = runTool(QStringLiteral("qpdf"),
                                 {QStringLiteral("--json=2"), QStringLiteral("--json-key=qpdf"),
                                  QStringLiteral("--json-stream-data=inline"), pdf},
                                 120000);
    const QJsonArray qpdf = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("qpdf")).toArray();
    return qpdf.size() > 1 ? qpdf.at(1).toObject() : QJsonObject();
}

QJsonObject dictOf(const QJsonObject &objects, const QJsonValue &v)
{
    const QJsonValue r = resolved(objects, v);
    const QJsonObject o = r.toObject();
    return o.contains(QStringLiteral("dict")) ? o.value(QStringLiteral("dict")).toObject() : o;
}

QJsonObject catalogOf(const QJsonObject &objects)
{
    const QJsonObject trailer =
        objects.value(QStringLiteral("trailer")).toObject().value(QStringLiteral("value")).toObject();
    return dictOf(objects, trailer.value(QStringLiteral("/Root")));
}

// The decoded bytes of the stream `ref` ("N G R").
QByteArray streamData(const QJsonObject &objects, const QString &ref)
{
    const QJsonObject stream = objects.value(u"obj:" + ref).toObject().value(QStringLiteral("stream")).toObject();
    return QByteArray::fromBase64(stream.value(QStringLiteral("data")).toString().toLatin1());
}

QStringList refsIn(const QJsonValue &array)
{
    QStringList refs;
    for (const QJsonValue &v : array.toArray())
        refs << v.toString();
    return refs;
}

// The signature fields: (name, reference of the value dictionary), in object order.
QList<std::pair<QString, QString>> signatureValues(const QJsonObject &objects)
{
    QList<std::pair<QString, QString>> out;
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        const QJsonObject d = it.value().toObject().value(QStringLiteral("value")).toObject();
        if (d.value(QStringLiteral("/FT")).toString() == u"/Sig" && d.contains(QStringLiteral("/V")))
            out.append({d.value(QStringLiteral("/T")).toString().mid(2), d.value(QStringLiteral("/V")).toString()});
    }
    return out;
}

// The bytes of a definite-length DER value at the start of data (the /Contents without padding).
QByteArray derPrefix(const QByteArray &data)
{
    if (data.size() < 2)
        return {};
    const int first = uchar(data[1]);
    qsizetype header = 2, length = first;
    if (first & 0x80) {
        const int n = first & 0x7f;
        length = 0;
        for (int i = 0; i < n; ++i)
            length = (length << 8) | uchar(data[2 + i]);
        header = 2 + n;
    }
    return data.left(header + length);
}

// The /Contents string of the signature whose gap is [from, to) in file: its bytes as stored.
QByteArray contentsBytes(const QByteArray &file, qint64 from, qint64 to)
{
    return QByteArray::fromHex(file.mid(from + 1, to - from - 2));
}

QByteArray derOfPem(const QString &pem, const QString &kind)
{
    const ToolResult r = runTool(QStringLiteral("openssl"),
                                 {kind, QStringLiteral("-in"), pem, QStringLiteral("-outform"), QStringLiteral("DER"),
                                  QStringLiteral("-out"), pem + QStringLiteral(".der")});
    return r.exitCode == 0 ? readFile(pem + QStringLiteral(".der")) : QByteArray();
}

} // namespace

class TestPdfLtvWriting : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    TsaServer m_tsa;
    QTemporaryDir m_work;
    std::unique_ptr<Pkcs12Key> m_key;
    QByteArray m_crl, m_ocsp;

    QString work(const QString &name) const { return m_work.filePath(name); }
    QUrl tsaUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_tsa.port())); }

    SignResult sign(const QString &in, const QString &out, int certifyLevel = 0)
    {
        SignOptions options;
        options.appearance.kind = AppearanceKind::None;
        options.certifyLevel = certifyLevel;
        return PdfSigner(*m_key).signFile(in, out, options);
    }

    // `openssl ts -verify` of the document timestamp whose /ByteRange is br in file: the token
    // (from the file) against the bytes the ranges cover.
    ToolResult verifyTimestamp(const QByteArray &file, const QList<qint64> &br, const QString &tag, bool tamper = false)
    {
        const QString token = work(tag + QStringLiteral(".tst"));
        const QString data = work(tag + QStringLiteral(".covered"));
        writeFile(token, derPrefix(contentsBytes(file, br[1], br[2])));
        QByteArray covered = file.left(br[1]) + file.mid(br[2], br[3]);
        if (tamper)
            covered[covered.size() / 2] = char(covered[covered.size() / 2] ^ 0x01);
        writeFile(data, covered);
        return runTool(QStringLiteral("openssl"),
                       {QStringLiteral("ts"), QStringLiteral("-verify"), QStringLiteral("-in"), token,
                        QStringLiteral("-token_in"), QStringLiteral("-data"), data, QStringLiteral("-CAfile"),
                        m_ca.path(QStringLiteral("root.pem"))});
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("sohoa.signing.debug=false"));
        SOHOA_REQUIRE_TOOL("openssl");
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdfsig");
        QVERIFY(m_work.isValid());
        m_work.setAutoRemove(qEnvironmentVariableIsEmpty("SOHOA_KEEP_TEST_OUTPUT"));
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("signer"), QStringLiteral("/CN=Nguyễn Văn A/O=UBND xã Thử"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("tsa"), QStringLiteral("/CN=SoHoa LTV TSA/O=SoHoa Test"),
                            QStringLiteral("tsa_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_tsa.start(m_ca.path(QStringLiteral("tsa.key")), m_ca.path(QStringLiteral("tsa.pem")),
                             m_ca.path(QStringLiteral("root.pem")), &error),
                 qPrintable(error));
        auto key = Pkcs12Key::load(m_ca.p12(QStringLiteral("signer")), TestCa::password());
        QVERIFY2(key, qPrintable(key ? QString() : key.error().fullText()));
        m_key = std::move(key).value();

        // Revocation data as a CA and its OCSP responder make them (openssl ca -gencrl, openssl ocsp).
        const QString crlPem = m_ca.path(QStringLiteral("root.crl.pem"));
        QVERIFY2(
            runOk(QStringLiteral("openssl"),
                  {QStringLiteral("ca"), QStringLiteral("-gencrl"), QStringLiteral("-config"),
                   m_ca.path(QStringLiteral("ca.cnf")), QStringLiteral("-cert"), m_ca.path(QStringLiteral("root.pem")),
                   QStringLiteral("-keyfile"), m_ca.path(QStringLiteral("root.key")), QStringLiteral("-crldays"),
                   QStringLiteral("30"), QStringLiteral("-out"), crlPem},
                  &error),
            qPrintable(error));
        m_crl = derOfPem(crlPem, QStringLiteral("crl"));
        const QString request = m_ca.path(QStringLiteral("ocsp.req")), response = m_ca.path(QStringLiteral("ocsp.der"));
        QVERIFY2(runOk(QStringLiteral("openssl"),
                       {QStringLiteral("ocsp"), QStringLiteral("-issuer"), m_ca.path(QStringLiteral("root.pem")),
                        QStringLiteral("-cert"), m_ca.path(QStringLiteral("signer.pem")), QStringLiteral("-no_nonce"),
                        QStringLiteral("-reqout"), request},
                       &error),
                 qPrintable(error));
        QVERIFY2(runOk(QStringLiteral("openssl"),
                       {QStringLiteral("ocsp"), QStringLiteral("-index"), m_ca.path(QStringLiteral("index.txt")),
                        QStringLiteral("-rsigner"), m_ca.path(QStringLiteral("root.pem")), QStringLiteral("-rkey"),
                        m_ca.path(QStringLiteral("root.key")), QStringLiteral("-CA"),
                        m_ca.path(QStringLiteral("root.pem")), QStringLiteral("-reqin"), request,
                        QStringLiteral("-respout"), response, QStringLiteral("-ndays"), QStringLiteral("1")},
                       &error),
                 qPrintable(error));
        m_ocsp = readFile(response);
        QVERIFY(!m_crl.isEmpty() && !m_ocsp.isEmpty());
    }

    // ---- Certification signatures (DocMDP)

    void certifies_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("level");
        const QString table = cleanCorpusPdf("11-pages-with-labels.pdf"), stream = cleanCorpusPdf("qpdfjob-ctest3.pdf");
        for (int level = 1; level <= 3; ++level) {
            QTest::addRow("P=%d, xref table", level) << table << level;
            QTest::addRow("P=%d, xref stream", level) << stream << level;
        }
    }

    void certifies()
    {
        QFETCH(QString, input);
        QFETCH(int, level);
        const QString output = work(QStringLiteral("certified-%1-%2").arg(level).arg(QFileInfo(input).fileName()));
        const SignResult r = sign(input, output, level);
        QVERIFY2(!r.error.isError(), qPrintable(r.error.fullText()));

        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);

        // Poppler 22.12's pdfsig does not say whether a signature certifies: qpdf shows the catalog's
        // /Perms /DocMDP naming our signature dictionary, whose DocMDP transform carries the level.
        const QJsonObject objects = qpdfObjectsWithData(output);
        const auto values = signatureValues(objects);
        QCOMPARE(values.size(), 1);
        const QJsonObject perms = dictOf(objects, catalogOf(objects).value(QStringLiteral("/Perms")));
        QCOMPARE(perms.value(QStringLiteral("/DocMDP")).toString(), values.at(0).second);
        const QJsonObject sig = dictOf(objects, values.at(0).second);
        const QJsonArray references = sig.value(QStringLiteral("/Reference")).toArray();
        QCOMPARE(references.size(), 1);
        const QJsonObject reference = references.at(0).toObject();
        QCOMPARE(reference.value(QStringLiteral("/Type")).toString(), QStringLiteral("/SigRef"));
        QCOMPARE(reference.value(QStringLiteral("/TransformMethod")).toString(), QStringLiteral("/DocMDP"));
        const QJsonObject params = reference.value(QStringLiteral("/TransformParams")).toObject();
        QCOMPARE(params.value(QStringLiteral("/Type")).toString(), QStringLiteral("/TransformParams"));
        QCOMPARE(params.value(QStringLiteral("/P")).toInt(), level);
        QCOMPARE(params.value(QStringLiteral("/V")).toString(), QStringLiteral("/1.2"));
    }

    // A certification must come first: a signed file (approval signature or document timestamp) is
    // refused with its own error, and nothing is written.
    void refusesToCertifyASignedFile()
    {
        const QString approved = work(QStringLiteral("approved.pdf"));
        QVERIFY(!sign(cleanCorpusPdf("minimal-9.pdf"), approved).error.isError());
        auto stamped = PdfDocumentTimestamper::timestamp(cleanCorpusPdf("minimal-9.pdf"),
                                                         work(QStringLiteral("ts-only.pdf")), {tsaUrl()});
        QVERIFY2(stamped, qPrintable(stamped ? QString() : stamped.error().fullText()));
        for (const QString &signedFile : {approved, work(QStringLiteral("ts-only.pdf"))}) {
            const QString dir = work(QStringLiteral("refused-") + QFileInfo(signedFile).baseName());
            QVERIFY(QDir().mkpath(dir));
            const SignResult r = sign(signedFile, dir + QStringLiteral("/out.pdf"), 2);
            QCOMPARE(r.error.code(), ErrorCode::PdfAlreadySigned);
            QVERIFY(r.error.messageEn().contains(QStringLiteral("first signature")));
            QCOMPARE(filesIn(dir), QStringList());
        }
    }

    // Level 2 allows signing: a second (approval) signature keeps the certification valid.
    void signsACertifiedFileThatAllowsIt()
    {
        const QString certified = work(QStringLiteral("p2.pdf")), signedAfter = work(QStringLiteral("p2-signed.pdf"));
        QVERIFY(!sign(cleanCorpusPdf("11-pages-with-labels.pdf"), certified, 2).error.isError());
        const SignResult r = sign(certified, signedAfter);
        QVERIFY2(!r.error.isError(), qPrintable(r.error.fullText()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(signedAfter, &raw);
        QCOMPARE(sigs.size(), 2);
        QVERIFY2(sigs.at(0).valid && !sigs.at(0).total, qPrintable(raw));
        QVERIFY2(sigs.at(1).valid && sigs.at(1).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(signedAfter), 0);
        // /Perms still names the certification, the first signature; the approval signature carries
        // no DocMDP transform.
        const QJsonObject objects = qpdfObjectsWithData(signedAfter);
        const auto values = signatureValues(objects);
        QCOMPARE(values.size(), 2);
        const QString certification = dictOf(objects, catalogOf(objects).value(QStringLiteral("/Perms")))
                                          .value(QStringLiteral("/DocMDP"))
                                          .toString();
        QStringList transforms;
        for (const auto &[name, ref] : values) {
            if (ref == certification)
                QCOMPARE(name, QStringLiteral("Signature1"));
            if (dictOf(objects, ref).contains(QStringLiteral("/Reference")))
                transforms << ref;
        }
        QCOMPARE(transforms, QStringList{certification});
    }

    // Level 1 allows no change: a further signature is refused and nothing is written.
    void refusesToSignANoChangesCertification()
    {
        const QString certified = work(QStringLiteral("p1.pdf"));
        QVERIFY(!sign(cleanCorpusPdf("11-pages-with-labels.pdf"), certified, 1).error.isError());
        const QString dir = work(QStringLiteral("p1-refused"));
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(sign(certified, dir + QStringLiteral("/out.pdf")).error.code(), ErrorCode::PdfCertifiedNoChanges);
        QCOMPARE(filesIn(dir), QStringList());
    }

    // ---- Document timestamps

    void documentTimestamp_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("signFirst");
        QTest::newRow("PDF 1.4, xref table") << cleanCorpusPdf("11-pages-with-labels.pdf") << false;
        QTest::newRow("xref stream") << cleanCorpusPdf("qpdfjob-ctest3.pdf") << false;
        QTest::newRow("after a signature") << cleanCorpusPdf("11-pages-with-labels.pdf") << true;
        QTest::newRow("after a no-changes certification") << cleanCorpusPdf("minimal-9.pdf") << true;
    }

    void documentTimestamp()
    {
        QFETCH(QString, input);
        QFETCH(bool, signFirst);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_').remove(u',');
        QString source = input;
        if (signFirst) {
            source = work(tag + QStringLiteral("-signed.pdf"));
            const int level = tag.contains(QStringLiteral("certification")) ? 1 : 0;
            QVERIFY(!sign(input, source, level).error.isError());
        }
        const QString output = work(tag + QStringLiteral("-stamped.pdf"));
        const QByteArray before = readFile(source);
        auto stamped = PdfDocumentTimestamper::timestamp(source, output, {tsaUrl()});
        QVERIFY2(stamped, qPrintable(stamped ? QString() : stamped.error().fullText()));
        QCOMPARE(readFile(source), before);
        const QByteArray file = readFile(output);
        QVERIFY(file.startsWith(before));
        QCOMPARE(stamped->outputSize, file.size());
        const QList<qint64> br = stamped->byteRange;
        QCOMPARE(br.size(), 4);
        QCOMPARE(br[2] + br[3], file.size());

        // openssl: the token in the file stamps exactly the bytes the ranges cover (and not others).
        const ToolResult verified = verifyTimestamp(file, br, tag);
        QVERIFY2(verified.exitCode == 0 && verified.out.contains(QStringLiteral("Verification: OK")),
                 qPrintable(verified.describe()));
        QCOMPARE(derPrefix(contentsBytes(file, br[1], br[2])), stamped->token);
        QVERIFY(verifyTimestamp(file, br, tag + QStringLiteral("-tampered"), true).exitCode != 0);

        QCOMPARE(qpdfCheckRank(output), 0);
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == (signFirst ? 2 : 1), qPrintable(raw));
        // Poppler 22.12 lists a document timestamp (its field, the TSA, the ranges) but cannot validate
        // one ("Signature Type: unknown"): openssl judged it above.
        QVERIFY2(sigs.constLast().text.contains(QStringLiteral("Timestamp1")) && sigs.constLast().total,
                 qPrintable(raw));
        if (signFirst)
            QVERIFY2(sigs.at(0).valid, qPrintable(raw));

        const QJsonObject objects = qpdfObjectsWithData(output);
        const auto values = signatureValues(objects);
        QCOMPARE(values.constLast().first, QStringLiteral("Timestamp1"));
        const QJsonObject dts = dictOf(objects, values.constLast().second);
        QCOMPARE(dts.value(QStringLiteral("/Type")).toString(), QStringLiteral("/DocTimeStamp"));
        QCOMPARE(dts.value(QStringLiteral("/SubFilter")).toString(), QStringLiteral("/ETSI.RFC3161"));
        QVERIFY(!dts.contains(QStringLiteral("/M")) && !dts.contains(QStringLiteral("/Reference")));
        // A PDF 1.x file declares the PAdES extension to PDF 1.7.
        const QJsonObject catalog = catalogOf(objects);
        const QJsonObject esic =
            dictOf(objects, catalog.value(QStringLiteral("/Extensions"))).value(QStringLiteral("/ESIC")).toObject();
        QCOMPARE(esic.value(QStringLiteral("/ExtensionLevel")).toInt(), 1);
        QCOMPARE(esic.value(QStringLiteral("/BaseVersion")).toString(), QStringLiteral("/1.7"));
    }

    // ---- The document security store

    // A signed file gets a DSS: every DER in its own stream, a VRI entry for the signature; the
    // signature stays valid.
    void appendsDss()
    {
        const QString signedFile = work(QStringLiteral("dss-signed.pdf")), output = work(QStringLiteral("dss.pdf"));
        QVERIFY(!sign(cleanCorpusPdf("11-pages-with-labels.pdf"), signedFile).error.isError());
        const QByteArray before = readFile(signedFile);
        auto sigs = PdfSignatureInspector::signatures(signedFile);
        QVERIFY(sigs && sigs->size() == 1);
        const QByteArray contents = contentsBytes(before, sigs->at(0).byteRange[1], sigs->at(0).byteRange[2]);

        DssData data;
        data.certificates = {derOfPem(m_ca.path(QStringLiteral("signer.pem")), QStringLiteral("x509")),
                             derOfPem(m_ca.path(QStringLiteral("root.pem")), QStringLiteral("x509"))};
        data.ocspResponses = {m_ocsp};
        data.crls = {m_crl};
        const QDateTime gathered(QDate(2026, 11, 21), QTime(14, 5, 9), QTimeZone(7 * 3600));
        data.vri = {VriEntry{contents, {0, 1}, {0}, {0}, gathered}};
        QVERIFY(!data.certificates.at(0).isEmpty() && !data.certificates.at(1).isEmpty());
        auto appended = PdfDssWriter::append(signedFile, output, data, false);
        QVERIFY2(appended, qPrintable(appended ? QString() : appended.error().fullText()));
        QCOMPARE(readFile(signedFile), before);
        QVERIFY(readFile(output).startsWith(before));

        QCOMPARE(qpdfCheckRank(output), 0);
        QString raw;
        const QList<PdfSigEntry> report = pdfsigReport(output, &raw);
        QVERIFY2(report.size() == 1 && report.at(0).valid, qPrintable(raw));

        const QJsonObject objects = qpdfObjectsWithData(output);
        const QJsonObject dss = dictOf(objects, catalogOf(objects).value(QStringLiteral("/DSS")));
        const QStringList certs = refsIn(dss.value(QStringLiteral("/Certs")));
        const QStringList ocsps = refsIn(dss.value(QStringLiteral("/OCSPs")));
        const QStringList crls = refsIn(dss.value(QStringLiteral("/CRLs")));
        QCOMPARE(certs.size(), 2);
        QCOMPARE(streamData(objects, certs.at(0)), data.certificates.at(0));
        QCOMPARE(streamData(objects, certs.at(1)), data.certificates.at(1));
        QCOMPARE(ocsps.size(), 1);
        QCOMPARE(streamData(objects, ocsps.at(0)), m_ocsp);
        QCOMPARE(crls.size(), 1);
        QCOMPARE(streamData(objects, crls.at(0)), m_crl);

        const QString key =
            QString::fromLatin1(QCryptographicHash::hash(contents, QCryptographicHash::Sha1).toHex().toUpper());
        QCOMPARE(PdfDssWriter::vriKey(contents), key);
        const QJsonObject vri = dictOf(objects, dss.value(QStringLiteral("/VRI")));
        QCOMPARE(vri.keys(), QStringList{u'/' + key});
        const QJsonObject entry = dictOf(objects, vri.value(u'/' + key));
        QCOMPARE(refsIn(entry.value(QStringLiteral("/Cert"))), certs);
        QCOMPARE(refsIn(entry.value(QStringLiteral("/OCSP"))), ocsps);
        QCOMPARE(refsIn(entry.value(QStringLiteral("/CRL"))), crls);
        QCOMPARE(entry.value(QStringLiteral("/TU")).toString(), QStringLiteral("u:D:20261121140509+07'00'"));

        // A document timestamp after the DSS protects it (PAdES B-LTA); the signature stays valid.
        const QString lta = work(QStringLiteral("dss-lta.pdf"));
        auto stamped = PdfDocumentTimestamper::timestamp(output, lta, {tsaUrl()});
        QVERIFY2(stamped, qPrintable(stamped ? QString() : stamped.error().fullText()));
        const QList<PdfSigEntry> ltaReport = pdfsigReport(lta, &raw);
        QVERIFY2(ltaReport.size() == 2 && ltaReport.at(0).valid, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(lta), 0);
    }

    // A second DSS update with overlapping data adds only what is new: equal bytes are one stream,
    // the first update's objects are kept, the VRI entry gains what it lacked. The same data again
    // adds nothing: the output is the input's copy.
    void mergesWithAnExistingDss()
    {
        const QString signedFile = work(QStringLiteral("merge-signed.pdf"));
        QVERIFY(!sign(cleanCorpusPdf("qpdfjob-ctest3.pdf"), signedFile).error.isError());
        const QByteArray contents = "signature contents";
        const QByteArray signer = derOfPem(m_ca.path(QStringLiteral("signer.pem")), QStringLiteral("x509"));
        const QByteArray root = derOfPem(m_ca.path(QStringLiteral("root.pem")), QStringLiteral("x509"));
        const QByteArray tsa = derOfPem(m_ca.path(QStringLiteral("tsa.pem")), QStringLiteral("x509"));

        DssData first;
        first.certificates = {signer, root};
        first.crls = {m_crl};
        first.vri = {VriEntry{contents, {0, 1}, {}, {0}, {}}};
        const QString once = work(QStringLiteral("merge-1.pdf")), twice = work(QStringLiteral("merge-2.pdf"));
        QVERIFY(PdfDssWriter::append(signedFile, once, first, false));
        const QJsonObject objects1 = qpdfObjectsWithData(once);
        const QStringList certs1 =
            refsIn(dictOf(objects1, catalogOf(objects1).value(QStringLiteral("/DSS"))).value(QStringLiteral("/Certs")));
        QCOMPARE(certs1.size(), 2);

        DssData second;
        second.certificates = {root, tsa, root}; // the root again, and twice in this list
        second.crls = {m_crl};
        second.ocspResponses = {m_ocsp};
        second.vri = {VriEntry{contents, {0, 1}, {0}, {0}, {}}};
        QVERIFY(PdfDssWriter::append(once, twice, second, false));
        QCOMPARE(qpdfCheckRank(twice), 0);
        QString raw;
        const QList<PdfSigEntry> report = pdfsigReport(twice, &raw);
        QVERIFY2(report.size() == 1 && report.at(0).valid, qPrintable(raw));

        const QJsonObject objects = qpdfObjectsWithData(twice);
        const QJsonObject dss = dictOf(objects, catalogOf(objects).value(QStringLiteral("/DSS")));
        const QStringList certs = refsIn(dss.value(QStringLiteral("/Certs")));
        QCOMPARE(certs.size(), 3);
        QCOMPARE(certs.mid(0, 2), certs1);
        QList<QByteArray> stored;
        for (const QString &ref : certs)
            stored << streamData(objects, ref);
        QCOMPARE(stored, (QList<QByteArray>{signer, root, tsa}));
        QCOMPARE(refsIn(dss.value(QStringLiteral("/CRLs"))).size(), 1);
        QCOMPARE(refsIn(dss.value(QStringLiteral("/OCSPs"))).size(), 1);
        const QJsonObject vri = dictOf(objects, dss.value(QStringLiteral("/VRI")));
        QCOMPARE(vri.size(), 1);
        const QJsonObject entry = dictOf(objects, vri.value(u'/' + PdfDssWriter::vriKey(contents)));
        QCOMPARE(refsIn(entry.value(QStringLiteral("/Cert"))), certs);
        QCOMPARE(refsIn(entry.value(QStringLiteral("/OCSP"))).size(), 1);
        QCOMPARE(refsIn(entry.value(QStringLiteral("/CRL"))).size(), 1);

        const QString thrice = work(QStringLiteral("merge-3.pdf"));
        QVERIFY(PdfDssWriter::append(twice, thrice, second, false));
        QCOMPARE(readFile(thrice), readFile(twice));
    }

    // Never an existing output unless asked; bad indexes are refused before anything is read.
    void refusesWhatItMustNot()
    {
        const QString signedFile = work(QStringLiteral("refuse-signed.pdf"));
        QVERIFY(!sign(cleanCorpusPdf("minimal-9.pdf"), signedFile).error.isError());
        DssData data;
        data.crls = {m_crl};
        const QString existing = work(QStringLiteral("existing.pdf"));
        QVERIFY(writeFile(existing, "keep me"));
        auto r = PdfDssWriter::append(signedFile, existing, data, false);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::OutputExists);
        QCOMPARE(readFile(existing), QByteArray("keep me"));
        QVERIFY(PdfDssWriter::append(signedFile, existing, data, true));
        QCOMPARE(qpdfCheckRank(existing), 0);

        data.vri = {VriEntry{"x", {}, {}, {1}, {}}};
        const QString dir = work(QStringLiteral("bad-index"));
        QVERIFY(QDir().mkpath(dir));
        r = PdfDssWriter::append(signedFile, dir + QStringLiteral("/out.pdf"), data, false);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(filesIn(dir), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestPdfLtvWriting)
#include "TestPdfLtvWriting.moc"
