// Verification against real revocation services on loopback (`openssl ocsp`, a CRL served by nginx, a
// listener that never answers), timestamps from a local RFC 3161 server, and long-term validation:
// a revoked signer is REVOKED, an unreachable service INDETERMINATE, B-T signatures carry a trusted
// time, and B-LT / B-LTA files made by `ltv` verify offline with every server stopped. Signatures
// made on a SoftHSM2 token and after QR stamping verify VALID.

#include "RevocationServers.h"
#include "TsaServer.h"

#include "app/workflows/LtvJob.h"
#include "signing/PdfSignatureValidator.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;

namespace {

QString describe(const PdfVerifyReport &r)
{
    QStringList out{r.path + u' ' + r.statusId() + u' ' + r.error.detail()};
    for (const SignatureReport &s : r.signatures) {
        out.append(QStringLiteral("#%1 %2 %3 revocation=%4/%5 %6")
                       .arg(s.index)
                       .arg(s.field, verdictId(s.verdict), s.revocation.state, s.revocation.source, s.revocation.detail));
        for (const VerifyReason &x : s.reasons)
            out.append(u"   reason " + x.id + u": " + x.en);
        for (const Modification &m : s.modifications)
            out.append(u"   mod " + m.id + (m.allowed ? u" (allowed)" : u""));
    }
    return out.join(u'\n');
}

bool hasReason(const SignatureReport &s, const QString &id)
{
    for (const VerifyReason &r : s.reasons)
        if (r.id == id)
            return true;
    return false;
}

} // namespace

class TestVerifyRevocation : public QObject
{
    Q_OBJECT

    RevocationPki m_pki;
    OcspResponder m_ocsp;
    CrlServer m_crls;
    TsaServer m_tsa;
    QTemporaryDir m_work;
    std::shared_ptr<TrustStore> m_trust;
    QString m_base;

    QString path(const QString &name) const { return m_work.filePath(name); }

    bool makeP12(const QString &name, QString *error)
    {
        TestCa &ca = m_pki.ca();
        return runOk(QStringLiteral("openssl"),
                     {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                      ca.path(name + u".key"), QStringLiteral("-in"), ca.path(name + u".pem"), QStringLiteral("-certfile"),
                      ca.path(QStringLiteral("root.pem")), QStringLiteral("-name"), name, QStringLiteral("-out"),
                      ca.path(name + u".p12"), QStringLiteral("-passout"),
                      QStringLiteral("pass:") + QString::fromUtf8(TestCa::password())},
                     error);
    }

    QString sign(const QString &who, const QString &output, bool timestamp = false)
    {
        auto key = Pkcs12Key::load(m_pki.ca().path(who + u".p12"), TestCa::password());
        if (!key)
            return key.error().fullText();
        SignOptions options;
        options.overwrite = true;
        if (timestamp)
            options.tsaUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_tsa.port()));
        const SignResult r = PdfSigner(*key.value()).signFile(m_base, output, options);
        return r.error.isError() ? r.error.fullText() : QString();
    }

    PdfVerifyReport verify(const QString &file, bool offline = false, bool requireRevocation = false,
                           int timeoutMs = 3000) const
    {
        VerifyPolicy policy;
        policy.offline = offline;
        policy.requireRevocation = requireRevocation;
        policy.networkTimeoutMs = timeoutMs;
        RevocationPolicy rp;
        rp.offline = offline;
        rp.timeoutMs = timeoutMs;
        return PdfSignatureValidator(m_trust, std::make_shared<RevocationChecker>(rp), policy).verify(file);
    }

    void restartServers()
    {
        QString error;
        if (!m_ocsp.isRunning())
            QVERIFY2(m_ocsp.start(m_pki, QStringLiteral("responder"), &error), qPrintable(error));
        if (!m_crls.isRunning())
            QVERIFY2(m_crls.start(m_pki.crlFolder(), m_pki.crlPort(), &error), qPrintable(error));
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"openssl", "nginx", "qpdf", "pdfsig"})
            if (findServerProgram(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("required tool '%1' is not installed (scripts/install-deps.sh test)")
                                     .arg(QString::fromLatin1(tool))));
        QString error;
        QVERIFY2(m_pki.make(&error), qPrintable(error));
        for (const char *who : {"good", "revoked", "crl-only", "no-source"})
            QVERIFY2(makeP12(QString::fromLatin1(who), &error), qPrintable(error));
        // A TSA certificate that names the CRL, as a real one does (long-term validation needs it).
        {
            QFile conf(m_pki.ca().path(QStringLiteral("ca.cnf")));
            QVERIFY(conf.open(QIODevice::Append));
            conf.write("\n[tsa_crl_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\n"
                       "extendedKeyUsage = critical, timeStamping\nsubjectKeyIdentifier = hash\n"
                       "authorityKeyIdentifier = keyid\ncrlDistributionPoints = URI:" +
                       m_pki.crlUrl().toLatin1() + "\n");
        }
        QVERIFY2(m_pki.ca().issue(QStringLiteral("tsa"), QStringLiteral("/CN=SoHoa Test TSA/O=SoHoa Test"),
                                  QStringLiteral("tsa_crl_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_tsa.start(m_pki.ca().path(QStringLiteral("tsa.key")), m_pki.ca().path(QStringLiteral("tsa.pem")),
                             m_pki.ca().path(QStringLiteral("root.pem")), &error),
                 qPrintable(error));
        restartServers();
        m_trust = std::make_shared<TrustStore>();
        QVERIFY(m_trust->addPath(m_pki.ca().path(QStringLiteral("root.pem"))));
        m_base = cleanCorpusPdf("minimal-9.pdf");
        QVERIFY(QFileInfo::exists(m_base));
    }

    void init() { restartServers(); }

    void goodSignerIsValidThroughOcsp()
    {
        const QString file = path(QStringLiteral("good.pdf"));
        QCOMPARE(sign(QStringLiteral("good"), file), QString());
        const PdfVerifyReport r = verify(file);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QCOMPARE(r.signatures.first().revocation.state, QStringLiteral("good"));
        QCOMPARE(r.signatures.first().revocation.source, QStringLiteral("ocsp"));
    }

    void revokedSignerIsRevoked()
    {
        const QString file = path(QStringLiteral("revoked.pdf"));
        QCOMPARE(sign(QStringLiteral("revoked"), file), QString());
        PdfVerifyReport r = verify(file);
        QVERIFY2(r.signatures.first().verdict == SignatureVerdict::Revoked, qPrintable(describe(r)));
        QVERIFY(hasReason(r.signatures.first(), QStringLiteral("revoked")));
        // Integrity first: the signature itself is intact, and the CLI says so with exit 1.
        const ToolResult cli = runCli({QStringLiteral("verify"), file, QStringLiteral("--trust"),
                                       m_pki.ca().path(QStringLiteral("root.pem")), QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 1);
        QCOMPARE(cli.events(QStringLiteral("file")).value(0).value(QStringLiteral("status")).toString(),
                 QStringLiteral("REVOKED"));
        // The responder down, the CRL still says it.
        m_ocsp.stop();
        r = verify(file);
        QVERIFY2(r.signatures.first().verdict == SignatureVerdict::Revoked, qPrintable(describe(r)));
        QCOMPARE(r.signatures.first().revocation.source, QStringLiteral("crl"));
    }

    void unreachableServicesAreIndeterminate()
    {
        const QString file = path(QStringLiteral("good-offline.pdf"));
        QCOMPARE(sign(QStringLiteral("good"), file), QString());
        m_ocsp.stop();
        m_crls.stop();
        QElapsedTimer clock;
        clock.start();
        const PdfVerifyReport r = verify(file, false, false, 2000);
        QVERIFY2(clock.elapsed() < 2 * 2000 + 5000, "waited far beyond its timeouts");
        const SignatureReport &s = r.signatures.first();
        QVERIFY2(s.verdict == SignatureVerdict::Indeterminate, qPrintable(describe(r)));
        QCOMPARE(s.revocation.state, QStringLiteral("unknown"));
        QVERIFY(hasReason(s, QStringLiteral("revocation-unknown")));
        // --offline with nothing embedded: the same, without any wait.
        const PdfVerifyReport offline = verify(file, true);
        QCOMPARE(offline.signatures.first().verdict, SignatureVerdict::Indeterminate);
    }

    void noSourceIsReportedNotPunished()
    {
        const QString file = path(QStringLiteral("no-source.pdf"));
        QCOMPARE(sign(QStringLiteral("no-source"), file), QString());
        PdfVerifyReport r = verify(file);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QCOMPARE(r.signatures.first().revocation.state, QStringLiteral("no-source"));
        QVERIFY(hasReason(r.signatures.first(), QStringLiteral("revocation-no-source")));
        r = verify(file, false, true);
        QCOMPARE(r.signatures.first().verdict, SignatureVerdict::Indeterminate);
    }

    void timestampGivesTrustedTime()
    {
        const QString file = path(QStringLiteral("good-bt.pdf"));
        QCOMPARE(sign(QStringLiteral("good"), file, true), QString());
        const PdfVerifyReport r = verify(file);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        const SignatureReport &s = r.signatures.first();
        QVERIFY(s.timestamp.present && s.timestamp.valid && s.timestamp.trusted);
        QVERIFY(s.timeTrusted);
        QCOMPARE(s.timeSource, QStringLiteral("timestamp"));
        QVERIFY(qAbs(s.signingTime.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        QVERIFY(!hasReason(s, QStringLiteral("time-claimed")));
    }

    void longTermValidationVerifiesOffline()
    {
        const QString signedFile = path(QStringLiteral("good-lt-in.pdf"));
        QCOMPARE(sign(QStringLiteral("good"), signedFile, true), QString());
        const QString lt = path(QStringLiteral("good-lt.pdf")), lta = path(QStringLiteral("good-lta.pdf"));
        RevocationPolicy rp;
        auto checker = std::make_shared<RevocationChecker>(rp);
        workflows::LtvOptions options;
        workflows::LtvResult r = workflows::addLongTermValidation(signedFile, lt, options, m_trust, checker);
        QVERIFY2(!r.error.isError(), qPrintable(r.error.fullText()));
        QVERIFY(r.certificates >= 3 && r.ocspResponses + r.crls >= 2);
        options.tsaUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_tsa.port()));
        r = workflows::addLongTermValidation(signedFile, lta, options, m_trust, checker);
        QVERIFY2(!r.error.isError() && r.timestamped, qPrintable(r.error.fullText()));
        QVERIFY(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), lta}).exitCode == 0);

        // Every server stopped: the evidence in the file decides.
        m_ocsp.stop();
        m_crls.stop();
        PdfVerifyReport v = verify(lt, true);
        QVERIFY2(v.allValid(), qPrintable(describe(v)));
        QVERIFY(v.signatures.first().revocation.source.startsWith(u"embedded"));
        QVERIFY2(v.signatures.first().modifications.size() == 1 && v.signatures.first().modifications.first().allowed,
                 qPrintable(describe(v)));
        v = verify(lta, true);
        QVERIFY2(v.allValid(), qPrintable(describe(v)));
        QCOMPARE(v.signatures.size(), 2);
        QVERIFY(v.signatures.last().documentTimestamp);
        QVERIFY(v.signatures.last().timestamp.trusted);
        // The original B-T file, offline, cannot be decided: the DSS is what made the difference.
        QCOMPARE(verify(signedFile, true).signatures.first().verdict, SignatureVerdict::Indeterminate);
        // The CLI: verify --offline exit 0 on both.
        const ToolResult cli = runCli({QStringLiteral("verify"), lt, lta, QStringLiteral("--offline"), QStringLiteral("--trust"),
                                       m_pki.ca().path(QStringLiteral("root.pem")), QStringLiteral("--json")});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.describe()));
    }

    void longTermValidationRefusesWhatItCannotProve()
    {
        // A certificate naming no revocation source: a clear error, not a silent gap.
        const QString noSource = path(QStringLiteral("no-source-lt-in.pdf"));
        QCOMPARE(sign(QStringLiteral("no-source"), noSource), QString());
        ToolResult cli = runCli({QStringLiteral("ltv"), noSource, QStringLiteral("--out"),
                                 path(QStringLiteral("no-source-lt.pdf")), QStringLiteral("--trust"),
                                 m_pki.ca().path(QStringLiteral("root.pem")), QStringLiteral("--json")});
        QVERIFY2(cli.exitCode != 0, qPrintable(cli.describe()));
        QVERIFY2(cli.out.contains(QStringLiteral("revocation-unknown")), qPrintable(cli.describe()));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("no-source-lt.pdf"))));
        // The CLI on a good file: exit 0 and an output that verifies offline.
        const QString good = path(QStringLiteral("good-cli-in.pdf"));
        QCOMPARE(sign(QStringLiteral("good"), good), QString());
        cli = runCli({QStringLiteral("ltv"), good, QStringLiteral("--out"), path(QStringLiteral("good-cli-lt.pdf")),
                      QStringLiteral("--trust"), m_pki.ca().path(QStringLiteral("root.pem")), QStringLiteral("--json")});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.describe()));
        m_ocsp.stop();
        m_crls.stop();
        QVERIFY(verify(path(QStringLiteral("good-cli-lt.pdf")), true).allValid());
    }

    void signWithLtvMakesBlta()
    {
        qputenv("SOHOA_VERIFY_PASSWORD", TestCa::password());
        const QString out = path(QStringLiteral("sign-ltv.pdf"));
        const ToolResult cli = runCli({QStringLiteral("sign"), m_base, QStringLiteral("--out"), out, QStringLiteral("--p12"),
                                       m_pki.ca().path(QStringLiteral("good.p12")), QStringLiteral("--pin-env"),
                                       QStringLiteral("SOHOA_VERIFY_PASSWORD"), QStringLiteral("--tsa"),
                                       QStringLiteral("http://127.0.0.1:%1/").arg(m_tsa.port()), QStringLiteral("--ltv"),
                                       QStringLiteral("--trust"), m_pki.ca().path(QStringLiteral("root.pem"))});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.describe()));
        m_ocsp.stop();
        m_crls.stop();
        const PdfVerifyReport r = verify(out, true);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QCOMPARE(r.signatures.size(), 2); // the signature (B-T) and the document timestamp over the DSS
        QVERIFY(r.signatures.first().timeTrusted);
        QVERIFY(r.signatures.last().documentTimestamp);
        // No revocation source: the signed output is not left behind half done.
        restartServers();
        const QString bad = path(QStringLiteral("sign-ltv-no-source.pdf"));
        const ToolResult refused = runCli({QStringLiteral("sign"), m_base, QStringLiteral("--out"), bad, QStringLiteral("--p12"),
                                           m_pki.ca().path(QStringLiteral("no-source.p12")), QStringLiteral("--pin-env"),
                                           QStringLiteral("SOHOA_VERIFY_PASSWORD"), QStringLiteral("--ltv"),
                                           QStringLiteral("--trust"), m_pki.ca().path(QStringLiteral("root.pem"))});
        QCOMPARE(refused.exitCode, 7);
        QVERIFY(!QFileInfo::exists(bad));
    }

    void tokenAndQrStampedSignaturesAreValid()
    {
        if (!QFileInfo::exists(SoftHsmToken::softHsmModule()))
            QFAIL("SoftHSM2 module missing (scripts/install-deps.sh test installs softhsm2)");
        SoftHsmToken token;
        QString error;
        QVERIFY2(token.make(m_pki.ca(), QStringLiteral("good"), &error), qPrintable(error));
        qputenv("SOHOA_VERIFY_PIN", "1234");
        const QString out = path(QStringLiteral("token-qr.pdf"));
        const ToolResult signedCli =
            runCli({QStringLiteral("sign"), m_base, QStringLiteral("--out"), out, QStringLiteral("--pkcs11-module"),
                    SoftHsmToken::softHsmModule(), QStringLiteral("--token"), QStringLiteral("van-thu"),
                    QStringLiteral("--key"), QStringLiteral("ky-so"), QStringLiteral("--pin-env"),
                    QStringLiteral("SOHOA_VERIFY_PIN"), QStringLiteral("--qr"), QStringLiteral("https://tracuu.example/{sha256}")});
        QVERIFY2(signedCli.exitCode == 0, qPrintable(signedCli.describe()));
        const PdfVerifyReport r = verify(out);
        QVERIFY2(r.allValid(), qPrintable(describe(r)));
        QCOMPARE(r.signatures.first().signer, QStringLiteral("Good Signer"));
    }
};

QTEST_GUILESS_MAIN(TestVerifyRevocation)
#include "TestVerifyRevocation.moc"
