// `sohoa-cli sign` end to end with a PKCS#12 file and a SoftHSM2 token made per run; the outputs are
// judged by tools we did not write (pdfsig, qpdf, pdftotext).

#include "ToolRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa::test;

namespace {

QByteArray fileSha(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

bool run(const QString &program, const QStringList &args)
{
    const ToolResult r = runTool(program, args);
    if (r.exitCode != 0)
        qWarning().noquote() << program << args.join(u' ') << r.describe();
    return r.exitCode == 0;
}

// pdfsig's verdict on the last signature of a file.
bool lastSignatureValidAndTotal(const QString &pdf, QString *report)
{
    const ToolResult r = runTool(QStringLiteral("pdfsig"), {QStringLiteral("-nocert"), pdf});
    *report = r.out;
    const qsizetype last = r.out.lastIndexOf(QRegularExpression(QStringLiteral("Signature #\\d+:")));
    if (last < 0)
        return false;
    const QString section = r.out.mid(last);
    return section.contains(QStringLiteral("Signature is Valid")) &&
           section.contains(QStringLiteral("Total document signed"));
}

} // namespace

class TestCliSign : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_p12;

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("openssl");
        SOHOA_REQUIRE_TOOL("pdfsig");
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdftotext");
        const QString d = m_dir.path();
        QVERIFY(
            run(QStringLiteral("openssl"),
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                 QStringLiteral("-nodes"), QStringLiteral("-keyout"), d + QStringLiteral("/key.pem"),
                 QStringLiteral("-out"), d + QStringLiteral("/cert.pem"), QStringLiteral("-days"), QStringLiteral("30"),
                 QStringLiteral("-utf8"), QStringLiteral("-subj"), QStringLiteral("/CN=Văn thư/O=Sở Tư pháp"),
                 QStringLiteral("-addext"), QStringLiteral("keyUsage=digitalSignature,nonRepudiation")}));
        m_p12 = d + QStringLiteral("/signer.p12");
        QVERIFY(run(QStringLiteral("openssl"),
                    {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                     d + QStringLiteral("/key.pem"), QStringLiteral("-in"), d + QStringLiteral("/cert.pem"),
                     QStringLiteral("-out"), m_p12, QStringLiteral("-passout"), QStringLiteral("pass:mật-khẩu"),
                     QStringLiteral("-certpbe"), QStringLiteral("AES-256-CBC"), QStringLiteral("-keypbe"),
                     QStringLiteral("AES-256-CBC"), QStringLiteral("-macalg"), QStringLiteral("sha256")}));
        qputenv("SOHOA_TEST_PASSWORD", "mật-khẩu");
    }

    void batchSignsCorpusFilesWithoutTouchingInputs()
    {
        const QDir corpus(QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean"));
        QStringList inputs;
        for (const QString &name : corpus.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name).mid(0, 12))
            inputs << corpus.filePath(name);
        if (inputs.isEmpty())
            QFAIL("the corpus ../shared/corpus/pdf/clean is missing");
        QHash<QString, QByteArray> before;
        for (const QString &in : inputs)
            before.insert(in, fileSha(in));
        QTemporaryDir out;
        const ToolResult r = runCli(QStringList{QStringLiteral("sign")} + inputs +
                                    QStringList{QStringLiteral("--out"), out.path(), QStringLiteral("--p12"), m_p12,
                                                QStringLiteral("--pin-env"), QStringLiteral("SOHOA_TEST_PASSWORD"),
                                                QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.events(QStringLiteral("signed")).size(), inputs.size());
        QCOMPARE(r.events(QStringLiteral("summary")).value(0).value(QStringLiteral("signed")).toInt(), inputs.size());
        for (const QString &in : inputs) {
            QCOMPARE(fileSha(in), before.value(in)); // inputs are never modified
            const QString output = QDir(out.path()).filePath(QFileInfo(in).fileName());
            QString report;
            QVERIFY2(lastSignatureValidAndTotal(output, &report), qPrintable(output + u'\n' + report));
            QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), output}).exitCode == 0,
                     runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), in}).exitCode == 0);
            // An incremental update: the input's bytes come first, unchanged.
            QFile a(in), b(output);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            const QByteArray original = a.readAll();
            QCOMPARE(b.read(original.size()), original);
            QVERIFY2(b.size() - original.size() < 40 * 1024, qPrintable(output)); // issue 3's size target
        }
    }

    void copyAppearanceExtractsExactVietnamese()
    {
        QTemporaryDir out;
        const QString output = out.filePath(QStringLiteral("copy.pdf"));
        const ToolResult r =
            runCli({QStringLiteral("sign"), QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/minimal-9.pdf"),
                    QStringLiteral("--out"), output, QStringLiteral("--p12"), m_p12, QStringLiteral("--pin-env"),
                    QStringLiteral("SOHOA_TEST_PASSWORD"), QStringLiteral("--appearance"), QStringLiteral("copy"),
                    QStringLiteral("--copy-form"), QStringLiteral("SAO LỤC"), QStringLiteral("--organization"),
                    QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString text = runTool(QStringLiteral("pdftotext"), {output, QStringLiteral("-")})
                                 .out.normalized(QString::NormalizationForm_C);
        QVERIFY2(text.contains(QStringLiteral("SAO LỤC")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp")), qPrintable(text));
        QVERIFY2(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00"))
                     .match(text)
                     .hasMatch(),
                 qPrintable(text));
        QString report;
        QVERIFY2(lastSignatureValidAndTotal(output, &report), qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("ETSI.CAdES.detached")));
    }

    void batchGoesOnPastAFailingFile()
    {
        QTemporaryDir out;
        const QString good = QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/minimal-9.pdf");
        const QString locked = QStringLiteral(SOHOA_CORPUS_DIR "/pdf/broken/enc-R2,V1.pdf");
        const QString junk = out.filePath(QStringLiteral("in/junk.pdf"));
        QDir().mkpath(out.filePath(QStringLiteral("in")));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("%PDF-1.4\nnot really\n");
        f.close();
        const ToolResult r =
            runCli({QStringLiteral("sign"), locked, junk, good, QStringLiteral("--out"),
                    out.filePath(QStringLiteral("o")), QStringLiteral("--mkdir"), QStringLiteral("--p12"), m_p12,
                    QStringLiteral("--pin-env"), QStringLiteral("SOHOA_TEST_PASSWORD"), QStringLiteral("--json")});
        QVERIFY(r.exitCode != 0);
        const auto results = r.events(QStringLiteral("signed"));
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(0).value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QCOMPARE(results.at(0).value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("pdf-encrypted"));
        QCOMPARE(results.at(1).value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QCOMPARE(results.at(1).value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("pdf-damaged"));
        QCOMPARE(results.at(2).value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        // Nothing half-written for the failures, and no temporaries.
        const QStringList left = QDir(out.filePath(QStringLiteral("o"))).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(left, QStringList{QStringLiteral("minimal-9.pdf")});
    }

    void wrongPasswordAndExistingOutput()
    {
        QTemporaryDir out;
        qputenv("SOHOA_WRONG", "nope");
        const QString output = out.filePath(QStringLiteral("x.pdf"));
        const QStringList base{QStringLiteral("sign"),     QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/minimal-9.pdf"),
                               QStringLiteral("--out"),    output,
                               QStringLiteral("--p12"),    m_p12,
                               QStringLiteral("--pin-env")};
        const ToolResult wrong = runCli(base + QStringList{QStringLiteral("SOHOA_WRONG")});
        QCOMPARE(wrong.exitCode, 7);
        QVERIFY(wrong.err.contains(QStringLiteral("wrong-password")));
        QVERIFY(!wrong.err.contains(QStringLiteral("nope"))); // the secret is never echoed
        QVERIFY(!QFile::exists(output));
        QVERIFY(runCli(base + QStringList{QStringLiteral("SOHOA_TEST_PASSWORD")}).exitCode == 0);
        const QByteArray first = fileSha(output);
        const ToolResult again = runCli(base + QStringList{QStringLiteral("SOHOA_TEST_PASSWORD")});
        QVERIFY(again.exitCode != 0);
        QVERIFY(again.err.contains(QStringLiteral("output-exists")) ||
                again.out.contains(QStringLiteral("output-exists")));
        QCOMPARE(fileSha(output), first);
    }

    void softHsmToken()
    {
        SOHOA_REQUIRE_TOOL("softhsm2-util");
        SOHOA_REQUIRE_TOOL("pkcs11-tool");
        const QString module = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
        if (!QFile::exists(module))
            QFAIL("SoftHSM2 module missing (scripts/install-deps.sh test installs softhsm2)");
        QTemporaryDir hsm;
        QDir().mkpath(hsm.filePath(QStringLiteral("tokens")));
        QFile conf(hsm.filePath(QStringLiteral("softhsm2.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("directories.tokendir = " + hsm.filePath(QStringLiteral("tokens")).toLocal8Bit() +
                   "\nobjectstore.backend = file\n");
        conf.close();
        qputenv("SOFTHSM2_CONF", conf.fileName().toLocal8Bit());
        QVERIFY(run(QStringLiteral("softhsm2-util"),
                    {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                     QStringLiteral("van-thu"), QStringLiteral("--pin"), QStringLiteral("1234"),
                     QStringLiteral("--so-pin"), QStringLiteral("5678")}));
        const QString d = m_dir.path();
        QVERIFY(
            run(QStringLiteral("openssl"),
                {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-nocrypt"), QStringLiteral("-in"),
                 d + QStringLiteral("/key.pem"), QStringLiteral("-out"), hsm.filePath(QStringLiteral("key8.pem"))}));
        QVERIFY(run(QStringLiteral("softhsm2-util"),
                    {QStringLiteral("--import"), hsm.filePath(QStringLiteral("key8.pem")), QStringLiteral("--token"),
                     QStringLiteral("van-thu"), QStringLiteral("--label"), QStringLiteral("ky-so"),
                     QStringLiteral("--id"), QStringLiteral("01"), QStringLiteral("--pin"), QStringLiteral("1234")}));
        QVERIFY(run(QStringLiteral("openssl"),
                    {QStringLiteral("x509"), QStringLiteral("-in"), d + QStringLiteral("/cert.pem"),
                     QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"),
                     hsm.filePath(QStringLiteral("cert.der"))}));
        QVERIFY(run(QStringLiteral("pkcs11-tool"),
                    {QStringLiteral("--module"), module, QStringLiteral("--token-label"), QStringLiteral("van-thu"),
                     QStringLiteral("--login"), QStringLiteral("--pin"), QStringLiteral("1234"),
                     QStringLiteral("--write-object"), hsm.filePath(QStringLiteral("cert.der")),
                     QStringLiteral("--type"), QStringLiteral("cert"), QStringLiteral("--id"), QStringLiteral("01"),
                     QStringLiteral("--label"), QStringLiteral("ky-so")}));
        QTemporaryDir out;
        qputenv("SOHOA_TEST_PIN", "1234");
        qputenv("SOHOA_BAD_PIN", "9999");
        const QStringList base{QStringLiteral("sign"),
                               QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/minimal-9.pdf"),
                               QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/good4.pdf"),
                               QStringLiteral("--out"),
                               out.path(),
                               QStringLiteral("--pkcs11-module"),
                               module,
                               QStringLiteral("--token"),
                               QStringLiteral("van-thu"),
                               QStringLiteral("--key"),
                               QStringLiteral("ky-so"),
                               QStringLiteral("--json"),
                               QStringLiteral("--pin-env")};
        const ToolResult bad = runCli(base + QStringList{QStringLiteral("SOHOA_BAD_PIN")});
        QCOMPARE(bad.exitCode, 7);
        QCOMPARE(bad.events(QStringLiteral("error"))
                     .value(0)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("wrong-pin"));
        QVERIFY(QDir(out.path()).entryList(QDir::Files).isEmpty());
        const ToolResult good = runCli(base + QStringList{QStringLiteral("SOHOA_TEST_PIN")});
        QVERIFY2(good.exitCode == 0, qPrintable(good.describe()));
        for (const QString &name : {QStringLiteral("minimal-9.pdf"), QStringLiteral("good4.pdf")}) {
            QString report;
            QVERIFY2(lastSignatureValidAndTotal(QDir(out.path()).filePath(name), &report), qPrintable(report));
        }
        // A pkcs11: URI names the same key.
        QTemporaryDir out2;
        const ToolResult uri =
            runCli({QStringLiteral("sign"), QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/minimal-9.pdf"),
                    QStringLiteral("--out"), out2.filePath(QStringLiteral("u.pdf")), QStringLiteral("--key"),
                    QStringLiteral("pkcs11:token=van-thu;object=ky-so?module-path=") + module,
                    QStringLiteral("--pin-env"), QStringLiteral("SOHOA_TEST_PIN")});
        QVERIFY2(uri.exitCode == 0, qPrintable(uri.describe()));
        // A PIN inside the URI is refused (every account can read a command line), and nothing is signed.
        QTemporaryDir out3;
        const ToolResult pinInUri =
            runCli({QStringLiteral("sign"), QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/minimal-9.pdf"),
                    QStringLiteral("--out"), out3.filePath(QStringLiteral("u.pdf")), QStringLiteral("--key"),
                    QStringLiteral("pkcs11:token=van-thu;object=ky-so?pin-value=1234&module-path=") + module});
        QVERIFY2(pinInUri.exitCode != 0, qPrintable(pinInUri.describe()));
        QVERIFY2(pinInUri.err.contains(QStringLiteral("pin-value")), qPrintable(pinInUri.describe()));
        QVERIFY(QDir(out3.path()).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliSign)
#include "TestCliSign.moc"
