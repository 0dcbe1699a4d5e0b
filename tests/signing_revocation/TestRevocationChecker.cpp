// RevocationChecker against real services on loopback: `openssl ocsp` as the responder and nginx
// publishing the CRL, both started here (tests/common/RevocationServers.h).

#include "RevocationServers.h"
#include "SigningFixtures.h"
#include "ToolRunner.h"

#include "signing/RevocationChecker.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;

Q_DECLARE_METATYPE(sohoa::signing::RevocationState)

class TestRevocationChecker : public QObject
{
    Q_OBJECT

    RevocationPki m_pki;
    OcspResponder m_ocsp;
    QString m_ocspSigner;
    CrlServer m_crls;
    QTemporaryDir m_scratch;

    QByteArray cert(const QString &name) const { return m_pki.certificate(name); }
    QByteArray root() const { return m_pki.rootCertificate(); }

    bool startResponder(const TestCa &ca, const QString &signer)
    {
        QString error;
        m_ocsp.stop();
        m_ocspSigner = signer;
        if (m_ocsp.start(m_pki, ca, signer, &error))
            return true;
        qWarning().noquote() << error;
        return false;
    }

    // An online check of `name` with the standard services, for its evidence.
    RevocationResult onlineCheck(const QString &name)
    {
        RevocationChecker checker;
        return checker.check(cert(name), root());
    }

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("openssl");
        if (findServerProgram(u"nginx"_s).isEmpty())
            QFAIL("required tool 'nginx' is not installed (scripts/install-deps.sh test installs it)");
        QString error;
        QVERIFY2(m_pki.make(&error), qPrintable(error));
    }

    // Every test starts with both services up and the delegated responder signing.
    void init()
    {
        if (!m_ocsp.isRunning() || m_ocspSigner != u"responder")
            QVERIFY(startResponder(m_pki.ca(), u"responder"_s));
        if (!m_crls.isRunning()) {
            QString error;
            QVERIFY2(m_crls.start(m_pki.crlFolder(), m_pki.crlPort(), &error), qPrintable(error));
        }
    }

    void urlsComeFromTheCertificate()
    {
        QCOMPARE(RevocationChecker::ocspUrls(cert(u"good"_s)), QStringList{m_pki.ocspUrl()});
        QCOMPARE(RevocationChecker::crlUrls(cert(u"good"_s)), QStringList{m_pki.crlUrl()});
        QCOMPARE(RevocationChecker::ocspUrls(cert(u"crl-only"_s)), QStringList());
        QCOMPARE(RevocationChecker::crlUrls(cert(u"ocsp-only"_s)), QStringList());
        QCOMPARE(RevocationChecker::ocspUrls(QByteArrayLiteral("not a certificate")), QStringList());
    }

    void goodViaOcsp_data()
    {
        QTest::addColumn<QString>("signer");
        QTest::newRow("delegated responder (id-kp-OCSPSigning)") << u"responder"_s;
        QTest::newRow("the issuer itself") << u"root"_s;
    }
    void goodViaOcsp()
    {
        QFETCH(QString, signer);
        QVERIFY(startResponder(m_pki.ca(), signer));
        const int before = m_ocsp.requests();
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(u"good"_s), root());
        QVERIFY2(r.state == RevocationState::Good, qPrintable(r.detail));
        QCOMPARE(r.source, u"ocsp"_s);
        QCOMPARE(r.url, m_pki.ocspUrl());
        QVERIFY(r.evidenceIsOcsp);
        QVERIFY(qAbs(r.producedAt.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        QCOMPARE(m_ocsp.requests(), before + 1);
        QVERIFY(!r.toError().isError());

        // The evidence is a complete OCSPResponse that OpenSSL's own client accepts, as a DSS needs
        // (-no_nonce: the client would otherwise compare the nonce of a request it never sent).
        const QString saved = m_scratch.filePath(u"good-"_s + signer + u".ocsp"_s);
        QVERIFY(writeFile(saved, r.evidenceDer));
        const ToolResult respin =
            runTool(u"openssl"_s,
                    {u"ocsp"_s, u"-respin"_s, saved, u"-issuer"_s, m_pki.ca().path(u"root.pem"_s), u"-cert"_s,
                     m_pki.ca().path(u"good.pem"_s), u"-no_nonce"_s, u"-CAfile"_s, m_pki.ca().path(u"root.pem"_s)});
        QVERIFY2(respin.exitCode == 0 && respin.err.contains(u"Response verify OK"_s), qPrintable(respin.describe()));
        QVERIFY2(respin.out.contains(u"good.pem: good"_s), qPrintable(respin.describe()));
    }

    void revokedViaOcsp()
    {
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(u"revoked"_s), root());
        QVERIFY2(r.state == RevocationState::Revoked, qPrintable(r.detail));
        QCOMPARE(r.source, u"ocsp"_s);
        QCOMPARE(r.revocationReason, u"keyCompromise"_s);
        QVERIFY(r.revocationTime.isValid());
        QCOMPARE(r.revocationTime.timeSpec(), Qt::UTC);
        QVERIFY(r.revocationTime <= QDateTime::currentDateTimeUtc().addSecs(5));
        QVERIFY(r.revocationTime.secsTo(QDateTime::currentDateTimeUtc()) < 3600);
        QCOMPARE(r.toError().code(), ErrorCode::CertificateRevoked);
    }

    void fallsBackToTheCrlWhenTheResponderIsDown_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<RevocationState>("state");
        QTest::newRow("good") << u"good"_s << RevocationState::Good;
        QTest::newRow("revoked") << u"revoked"_s << RevocationState::Revoked;
    }
    void fallsBackToTheCrlWhenTheResponderIsDown()
    {
        QFETCH(QString, name);
        QFETCH(RevocationState, state);
        m_ocsp.stop();
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(name), root());
        QVERIFY2(r.state == state, qPrintable(r.detail));
        QCOMPARE(r.source, u"crl"_s);
        QCOMPARE(r.url, m_pki.crlUrl());
        QVERIFY(!r.evidenceIsOcsp);
        QCOMPARE(r.evidenceDer, readAllOf(m_pki.crlFile()));
        QVERIFY2(r.detail.contains(m_pki.ocspUrl()), qPrintable(r.detail)); // says why OCSP did not decide
        if (state == RevocationState::Revoked) {
            QCOMPARE(r.revocationReason, u"keyCompromise"_s);
            QVERIFY(r.revocationTime.isValid());
        }
    }

    void bothServicesDownIsUnknownWithinTheTimeout()
    {
        m_ocsp.stop();
        m_crls.stop();
        const int timeoutMs = 3000;
        RevocationChecker checker({false, timeoutMs});
        QElapsedTimer clock;
        clock.start();
        const RevocationResult r = checker.check(cert(u"good"_s), root());
        QVERIFY2(clock.elapsed() < timeoutMs + 2000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r.state, RevocationState::Unknown);
        QVERIFY2(r.detail.contains(m_pki.ocspUrl()) && r.detail.contains(m_pki.crlUrl()), qPrintable(r.detail));
        QCOMPARE(r.toError().code(), ErrorCode::RevocationUnknown);
    }

    void hungResponderIsUnknownAfterTheTimeout()
    {
        m_ocsp.stop();
        SilentServer hung;
        QVERIFY(hung.listen(m_pki.ocspPort()));
        const int timeoutMs = 1500;
        RevocationChecker checker({false, timeoutMs});
        QElapsedTimer clock;
        clock.start();
        const RevocationResult r = checker.check(cert(u"ocsp-only"_s), root());
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(r.state, RevocationState::Unknown);
        QVERIFY2(elapsed >= timeoutMs - 100 && elapsed < timeoutMs + 2000, qPrintable(QString::number(elapsed)));
        QVERIFY2(r.detail.contains(m_pki.ocspUrl()) && r.detail.contains(u"1500 ms"_s), qPrintable(r.detail));

        // The same responder is not waited for again in this run; the CRL still answers.
        clock.restart();
        const RevocationResult viaCrl = checker.check(cert(u"good"_s), root());
        QVERIFY2(viaCrl.state == RevocationState::Good && viaCrl.source == u"crl", qPrintable(viaCrl.detail));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    }

    void certificateWithoutSourcesIsNoSource()
    {
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(u"no-source"_s), root());
        QCOMPARE(r.state, RevocationState::NoSource);
        QVERIFY(!r.toError().isError());
    }

    void wrongIssuerIsUnknown()
    {
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(u"good"_s), m_pki.otherCa().der(u"root"_s));
        QCOMPARE(r.state, RevocationState::Unknown);
        QVERIFY2(r.detail.contains(u"did not issue"_s), qPrintable(r.detail));
    }

    void embeddedOcspDecidesWithoutTheNetwork_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("offline");
        QTest::addColumn<RevocationState>("state");
        QTest::newRow("good, offline") << u"good"_s << true << RevocationState::Good;
        QTest::newRow("revoked, offline") << u"revoked"_s << true << RevocationState::Revoked;
        QTest::newRow("good, online but embedded first") << u"good"_s << false << RevocationState::Good;
    }
    void embeddedOcspDecidesWithoutTheNetwork()
    {
        QFETCH(QString, name);
        QFETCH(bool, offline);
        QFETCH(RevocationState, state);
        const RevocationResult earlier = onlineCheck(name);
        QVERIFY2(earlier.evidenceIsOcsp, qPrintable(earlier.detail));
        m_ocsp.stop();
        m_crls.stop();

        RevocationChecker checker({offline, 3000});
        checker.addEmbeddedOcspResponse(earlier.evidenceDer);
        const RevocationResult r = checker.check(cert(name), root());
        QVERIFY2(r.state == state, qPrintable(r.detail));
        QCOMPARE(r.source, u"embedded-ocsp"_s);
        QVERIFY(r.url.isEmpty());
        QCOMPARE(r.evidenceDer, earlier.evidenceDer);
        QCOMPARE(r.producedAt, earlier.producedAt);
    }

    void embeddedCrlDecidesOffline_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<RevocationState>("state");
        QTest::newRow("good") << u"good"_s << RevocationState::Good;
        QTest::newRow("revoked") << u"revoked"_s << RevocationState::Revoked;
    }
    void embeddedCrlDecidesOffline()
    {
        QFETCH(QString, name);
        QFETCH(RevocationState, state);
        RevocationChecker checker({true, 3000});
        checker.addEmbeddedCrl(readAllOf(m_pki.crlFile()));
        const RevocationResult r = checker.check(cert(name), root());
        QVERIFY2(r.state == state, qPrintable(r.detail));
        QCOMPARE(r.source, u"embedded-crl"_s);
        QVERIFY(!r.evidenceIsOcsp);
    }

    void embeddedEvidenceAboutAnotherCertificateIsIgnored()
    {
        const RevocationResult goodEvidence = onlineCheck(u"good"_s);
        QVERIFY2(goodEvidence.evidenceIsOcsp, qPrintable(goodEvidence.detail));
        RevocationChecker checker({true, 3000});
        checker.addEmbeddedOcspResponse(goodEvidence.evidenceDer);
        const RevocationResult r = checker.check(cert(u"revoked"_s), root());
        QCOMPARE(r.state, RevocationState::Unknown);
        QVERIFY2(r.detail.contains(u"offline"_s), qPrintable(r.detail));
    }

    void malformedEmbeddedEvidenceIsIgnored()
    {
        RevocationChecker checker({true, 3000});
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"embedded OCSP response ignored"_s));
        checker.addEmbeddedOcspResponse(QByteArrayLiteral("\x30\x03\x0a\x01"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"embedded CRL ignored"_s));
        checker.addEmbeddedCrl(QByteArrayLiteral("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"));
        checker.addEmbeddedCrl(readAllOf(m_pki.crlFile()));
        const RevocationResult r = checker.check(cert(u"revoked"_s), root());
        QVERIFY2(r.state == RevocationState::Revoked && r.source == u"embedded-crl", qPrintable(r.detail));
    }

    void unauthorizedResponderIsNotTrusted()
    {
        QVERIFY(startResponder(m_pki.otherCa(), u"rogue"_s));
        m_crls.stop();
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(u"good"_s), root());
        QCOMPARE(r.state, RevocationState::Unknown);
        QVERIFY2(r.detail.contains(u"not signed by the issuer"_s), qPrintable(r.detail));
        QCOMPARE(m_ocsp.requests(), 1); // it answered; the answer was refused
    }

    void tamperedCrlIsUnknown()
    {
        const QByteArray genuine = readAllOf(m_pki.crlFile());
        QByteArray tampered = genuine;
        tampered[tampered.size() - 10] = char(tampered.at(tampered.size() - 10) ^ 0x01); // in the signature
        QVERIFY(writeFile(m_pki.crlFile(), tampered));
        RevocationChecker checker;
        const RevocationResult r = checker.check(cert(u"crl-only"_s), root());
        QVERIFY(writeFile(m_pki.crlFile(), genuine));
        QCOMPARE(r.state, RevocationState::Unknown);
        QVERIFY2(r.detail.contains(u"signature does not verify"_s), qPrintable(r.detail));
    }

    void expiredCrlIsUnknownOnlineAndReportedWhenEmbedded()
    {
        const QByteArray current = readAllOf(m_pki.crlFile());
        QString error;
        QVERIFY2(m_pki.publishCrl(
                     &error, {u"-crl_lastupdate"_s, u"20250101000000Z"_s, u"-crl_nextupdate"_s, u"20250201000000Z"_s}),
                 qPrintable(error));
        const QByteArray expired = readAllOf(m_pki.crlFile());
        RevocationChecker online;
        const RevocationResult fetched = online.check(cert(u"crl-only"_s), root());
        QVERIFY(writeFile(m_pki.crlFile(), current));
        QCOMPARE(fetched.state, RevocationState::Unknown);
        QVERIFY2(fetched.detail.contains(u"not current"_s), qPrintable(fetched.detail));

        RevocationChecker offline({true, 3000});
        offline.addEmbeddedCrl(expired);
        const RevocationResult embedded = offline.check(cert(u"revoked"_s), root());
        QVERIFY2(embedded.state == RevocationState::Revoked, qPrintable(embedded.detail));
        QVERIFY2(embedded.detail.contains(u"past its nextUpdate"_s), qPrintable(embedded.detail));
        QCOMPARE(embedded.producedAt, QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC));
    }

    void answersAreCachedPerChecker()
    {
        const int ocspRequests = m_ocsp.requests();
        RevocationChecker checker;
        const RevocationResult first = checker.check(cert(u"good"_s), root());
        QVERIFY2(first.state == RevocationState::Good, qPrintable(first.detail));
        QCOMPARE(m_ocsp.requests(), ocspRequests + 1);
        const RevocationResult second = checker.check(cert(u"good"_s), root());
        QCOMPARE(second.state, RevocationState::Good);
        QCOMPARE(second.evidenceDer, first.evidenceDer);
        QCOMPARE(m_ocsp.requests(), ocspRequests + 1);

        // One download of a CRL serves every certificate it covers.
        m_ocsp.stop();
        const int crlRequests = m_crls.requests();
        RevocationChecker crlChecker;
        QCOMPARE(crlChecker.check(cert(u"crl-only"_s), root()).state, RevocationState::Good);
        QCOMPARE(crlChecker.check(cert(u"revoked"_s), root()).state, RevocationState::Revoked);
        // nginx logs a request after it has answered it: wait for the line, then make sure no second follows.
        QTRY_COMPARE(m_crls.requests(), crlRequests + 1);
        QTest::qWait(200);
        QCOMPARE(m_crls.requests(), crlRequests + 1);
    }

    void oneCheckerServesSeveralThreads()
    {
        RevocationChecker checker;
        const QByteArray good = cert(u"good"_s), revoked = cert(u"revoked"_s), issuer = root();
        std::vector<RevocationState> states(8, RevocationState::Unknown);
        std::vector<std::thread> workers;
        workers.reserve(states.size());
        for (size_t i = 0; i < states.size(); ++i)
            workers.emplace_back([&, i] { states[i] = checker.check(i % 2 ? revoked : good, issuer).state; });
        for (std::thread &t : workers)
            t.join();
        for (size_t i = 0; i < states.size(); ++i)
            QCOMPARE(states[i], i % 2 ? RevocationState::Revoked : RevocationState::Good);
    }
};

QTEST_GUILESS_MAIN(TestRevocationChecker)
#include "TestRevocationChecker.moc"
