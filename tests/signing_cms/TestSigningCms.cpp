// Specification of the CMS layer of sohoa_signing: PKCS#12 keys, certificate checks, detached
// CAdES/PKCS#7 signatures checked by our verifier and by `openssl cms`, RFC 3161 timestamps
// from a local TSA checked by `openssl ts`.

#include "signing/CertificateInfo.h"
#include "signing/CmsBuilder.h"
#include "signing/CmsVerifier.h"
#include "signing/Pkcs12Key.h"
#include "TestPki.h"
#include "signing/TimestampClient.h"
#include "ToolRunner.h"
#include "TsaServer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(sohoa::ErrorCode)
Q_DECLARE_METATYPE(sohoa::signing::HashAlgorithm)
Q_DECLARE_METATYPE(sohoa::signing::RsaPadding)
Q_DECLARE_METATYPE(sohoa::signing::KeyType)
Q_DECLARE_METATYPE(sohoa::test::TsaServer::Mode)

namespace {

#define REQUIRE_PKI()                                                                                                  \
    do {                                                                                                               \
        if (!TestPki::instance().ok())                                                                                 \
            QFAIL(qPrintable(TestPki::instance().error()));                                                            \
    } while (false)

const TestPki &pki()
{
    return TestPki::instance();
}

std::unique_ptr<Pkcs12Key> loadKey(const QString &name)
{
    Result<std::unique_ptr<Pkcs12Key>> key = Pkcs12Key::load(pki().path(name + u".p12"), TestPki::password());
    if (!key) {
        qWarning() << key.error().fullText();
        return {};
    }
    return std::move(key).value();
}

QCryptographicHash::Algorithm qtHash(HashAlgorithm h)
{
    switch (h) {
    case HashAlgorithm::Sha256:
        return QCryptographicHash::Sha256;
    case HashAlgorithm::Sha384:
        return QCryptographicHash::Sha384;
    case HashAlgorithm::Sha512:
        return QCryptographicHash::Sha512;
    }
    return QCryptographicHash::Sha256;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray testData()
{
    QByteArray data;
    for (int i = 0; i < 50000; ++i)
        data += char((i * 7919) % 251);
    return data + "%PDF-ish bytes that a ByteRange would cover";
}

ToolResult openssl(const QStringList &args)
{
    return runTool(u"openssl"_s, args, 30000);
}

} // namespace

// --- PKCS#12 -------------------------------------------------------------------------------------

class TestPkcs12Key : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { REQUIRE_PKI(); }

    void loadsKeyCertificateAndOrderedChain_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<KeyType>("type");
        QTest::addColumn<int>("bits");
        QTest::newRow("RSA-2048") << u"rsa2048"_s << KeyType::Rsa << 2048;
        QTest::newRow("RSA-3072") << u"rsa3072"_s << KeyType::Rsa << 3072;
        QTest::newRow("ECDSA P-256") << u"ecp256"_s << KeyType::Ec << 256;
    }
    void loadsKeyCertificateAndOrderedChain()
    {
        QFETCH(QString, name);
        QFETCH(KeyType, type);
        QFETCH(int, bits);
        std::unique_ptr<Pkcs12Key> key = loadKey(name);
        QVERIFY(key);
        QCOMPARE(key->keyType(), type);
        QCOMPARE(key->keyBits(), bits);
        QCOMPARE(key->certificateDer(), pki().certDer(name));
        // The file lists the root first; nearest issuer first is expected.
        const QList<QByteArray> chain = key->chainDer();
        QCOMPARE(chain.size(), 2);
        QCOMPARE(chain.at(0), pki().certDer(u"int"_s));
        QCOMPARE(chain.at(1), pki().certDer(u"root"_s));
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("wrong password") << u"rsa2048.p12"_s << QByteArrayLiteral("wrong") << ErrorCode::WrongPassword;
        QTest::newRow("empty password") << u"ecp256.p12"_s << QByteArray() << ErrorCode::WrongPassword;
        QTest::newRow("not PKCS#12") << u"rsa2048.pem"_s << TestPki::password() << ErrorCode::KeyFileUnreadable;
        QTest::newRow("missing file") << u"nothing-here.p12"_s << TestPki::password() << ErrorCode::KeyFileUnreadable;
        QTest::newRow("password given, file has none")
            << u"nopass.p12"_s << QByteArrayLiteral("x") << ErrorCode::WrongPassword;
        QTest::newRow("certificate only") << u"nokey.p12"_s << TestPki::password() << ErrorCode::KeyNotFound;
    }
    void refusesBadInput()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, password);
        QFETCH(ErrorCode, expected);
        const auto key = Pkcs12Key::load(pki().path(file), password);
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code(), expected);
    }

    void loadsFileWithoutPassword()
    {
        const auto key = Pkcs12Key::load(pki().path(u"nopass.p12"_s), QByteArray());
        QVERIFY2(key.ok(), qPrintable(key.error().fullText()));
        QCOMPARE(key.value()->keyType(), KeyType::Ec);
    }

    // Files exported by older tools (RC2-40 / 3DES): OpenSSL 3 needs its legacy provider.
    void loadsLegacyEncryptedFile()
    {
        const QString out = pki().path(u"legacy.p12"_s);
        const ToolResult r =
            openssl({u"pkcs12"_s, u"-export"_s, u"-legacy"_s, u"-inkey"_s, pki().path(u"rsa2048.key"_s), u"-in"_s,
                     pki().path(u"rsa2048.pem"_s), u"-certfile"_s, pki().path(u"chain.pem"_s), u"-passout"_s,
                     u"pass:legacy"_s, u"-out"_s, out});
        if (r.exitCode != 0)
            QSKIP(qPrintable(u"openssl cannot write a legacy PKCS#12 here: "_s + r.err));
        const auto key = Pkcs12Key::load(out, QByteArrayLiteral("legacy"));
        QVERIFY2(key.ok(), qPrintable(key.error().fullText()));
        QCOMPARE(key.value()->chainDer().size(), 2);
        QCOMPARE(Pkcs12Key::load(out, QByteArrayLiteral("nope")).error().code(), ErrorCode::WrongPassword);
    }

    void signsVerifiably_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<RsaPadding>("padding");
        QTest::newRow("RSA PKCS#1 v1.5") << u"rsa2048"_s << RsaPadding::Pkcs1v15;
        QTest::newRow("RSA PSS") << u"rsa3072"_s << RsaPadding::Pss;
        QTest::newRow("ECDSA") << u"ecp256"_s << RsaPadding::Pkcs1v15;
    }
    void signsVerifiably()
    {
        QFETCH(QString, name);
        QFETCH(RsaPadding, padding);
        std::unique_ptr<Pkcs12Key> key = loadKey(name);
        QVERIFY(key);
        const QByteArray data = testData();
        const auto sig = key->sign(data, HashAlgorithm::Sha384, padding);
        QVERIFY2(sig.ok(), qPrintable(sig.error().fullText()));
        QVERIFY(writeFile(pki().path(name + u".sigdata"), data));
        QVERIFY(writeFile(pki().path(name + u".sig"), sig.value()));
        QStringList args{u"dgst"_s,       u"-sha384"_s,
                         u"-prverify"_s,  pki().path(name + u".key"),
                         u"-signature"_s, pki().path(name + u".sig")};
        if (padding == RsaPadding::Pss)
            args << u"-sigopt"_s << u"rsa_padding_mode:pss"_s << u"-sigopt"_s << u"rsa_pss_saltlen:48"_s;
        args << pki().path(name + u".sigdata");
        const ToolResult r = openssl(args);
        QVERIFY2(r.out.contains(u"Verified OK"_s), qPrintable(r.describe()));
    }
};

// --- Certificates --------------------------------------------------------------------------------

class TestCertificateInfo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { REQUIRE_PKI(); }

    void readsNamesDatesUsageAndFingerprint()
    {
        const QByteArray der = pki().certDer(u"rsa2048"_s);
        const auto info = CertificateInfo::parse(der);
        QVERIFY(info.ok());
        QCOMPARE(info->subjectCommonName, u"Nguy\u1EC5n V\u0103n A"_s);
        QCOMPARE(info->subjectOrganization, u"UBND X\u00E3 Th\u1EED"_s);
        QCOMPARE(info->issuerCommonName, u"SoHoa Test Issuing CA"_s);
        QVERIFY(info->hasKeyUsage && info->digitalSignature && info->nonRepudiation);
        QCOMPARE(info->sha256Fingerprint, QCryptographicHash::hash(der, QCryptographicHash::Sha256));
        QCOMPARE(info->notBefore.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(info->notBefore.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
        QVERIFY(qAbs(info->notAfter.daysTo(QDateTime::currentDateTimeUtc().addDays(730))) <= 1);

        const ToolResult r = openssl({u"x509"_s, u"-in"_s, pki().path(u"rsa2048.pem"_s), u"-noout"_s, u"-serial"_s});
        QCOMPARE(r.out.trimmed(), u"serial="_s + info->serialHex);
        QVERIFY(!CertificateInfo::parse(QByteArrayLiteral("garbage")).ok());
    }

    void checksUsability_data()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QTest::addColumn<QString>("name");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("valid now") << u"rsa2048"_s << now << ErrorCode::None;
        QTest::newRow("before notBefore") << u"rsa2048"_s << now.addDays(-2) << ErrorCode::CertificateNotYetValid;
        QTest::newRow("after notAfter") << u"ecp256"_s << now.addDays(800) << ErrorCode::CertificateExpired;
        QTest::newRow("expired certificate") << u"expired"_s << now << ErrorCode::CertificateExpired;
        QTest::newRow("keyEncipherment only") << u"kenc"_s << now << ErrorCode::CertificateKeyUsage;
        QTest::newRow("no keyUsage extension") << u"noku"_s << now << ErrorCode::None;
        QTest::newRow("CA certificate") << u"root"_s << now << ErrorCode::CertificateKeyUsage;
    }
    void checksUsability()
    {
        QFETCH(QString, name);
        QFETCH(QDateTime, at);
        QFETCH(ErrorCode, expected);
        const QByteArray der = pki().certDer(name);
        QVERIFY(!der.isEmpty());
        QCOMPARE(checkUsableForSigning(der, at).error().code(), expected);
    }
};

// --- CMS -----------------------------------------------------------------------------------------

// A SigningKey that signs with another key than its certificate's: a token slot mix-up.
class MismatchedKey : public SigningKey
{
public:
    MismatchedKey(std::unique_ptr<Pkcs12Key> cert, std::unique_ptr<Pkcs12Key> key)
        : m_cert(std::move(cert)), m_key(std::move(key))
    {}
    QByteArray certificateDer() const override { return m_cert->certificateDer(); }
    QList<QByteArray> chainDer() const override { return m_cert->chainDer(); }
    KeyType keyType() const override { return m_cert->keyType(); }
    int keyBits() const override { return m_cert->keyBits(); }
    Result<QByteArray> sign(const QByteArray &data, HashAlgorithm hash, RsaPadding padding) override
    {
        return m_key->sign(data, hash, padding);
    }

private:
    std::unique_ptr<Pkcs12Key> m_cert;
    std::unique_ptr<Pkcs12Key> m_key;
};

class TestCmsBuilder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { REQUIRE_PKI(); }

    void buildsDetachedSignatureOthersAccept_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<RsaPadding>("padding");
        QTest::addColumn<HashAlgorithm>("hash");
        QTest::addColumn<bool>("pades");
        const struct
        {
            const char16_t *name;
            RsaPadding padding;
            const char *label;
        } keys[] = {{u"rsa2048", RsaPadding::Pkcs1v15, "RSA-2048 PKCS#1"},
                    {u"rsa3072", RsaPadding::Pss, "RSA-3072 PSS"},
                    {u"ecp256", RsaPadding::Pkcs1v15, "ECDSA P-256"}};
        const struct
        {
            HashAlgorithm hash;
            const char *label;
        } hashes[] = {
            {HashAlgorithm::Sha256, "SHA-256"}, {HashAlgorithm::Sha384, "SHA-384"}, {HashAlgorithm::Sha512, "SHA-512"}};
        for (const auto &k : keys)
            for (const auto &h : hashes)
                for (const bool pades : {true, false})
                    QTest::addRow("%s %s %s", k.label, h.label, pades ? "PAdES" : "PKCS#7")
                        << QString::fromUtf16(k.name) << k.padding << h.hash << pades;
    }
    void buildsDetachedSignatureOthersAccept()
    {
        QFETCH(QString, name);
        QFETCH(RsaPadding, padding);
        QFETCH(HashAlgorithm, hash);
        QFETCH(bool, pades);
        std::unique_ptr<Pkcs12Key> key = loadKey(name);
        QVERIFY(key);
        const QByteArray data = testData();
        const QByteArray digest = QCryptographicHash::hash(data, qtHash(hash));
        CmsOptions options;
        options.hash = hash;
        options.padding = padding;
        options.pades = pades;
        options.signingTime = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), QTimeZone::utc());
        const auto cms = CmsBuilder::buildDetached(*key, digest, options);
        QVERIFY2(cms.ok(), qPrintable(cms.error().fullText()));

        // Ours
        const auto v = CmsVerifier::verify(cms.value(), digest);
        QVERIFY2(v.ok(), qPrintable(v.error().fullText()));
        QVERIFY2(v->signatureValid, qPrintable(v->detail));
        QVERIFY(v->digestMatches);
        QCOMPARE(v->hash, hash);
        QCOMPARE(v->signerCertDer, key->certificateDer());
        QCOMPARE(v->certificatesDer.size(), 2);
        QVERIFY(v->hasSigningCertificateV2);
        QVERIFY(v->signingCertificateMatches);
        QCOMPARE(v->hasSigningTime, !pades);
        if (!pades)
            QCOMPARE(v->signingTime, options.signingTime);
        QVERIFY(!v->hasTimestamp);
        QCOMPARE(CmsVerifier::hashAlgorithmOf(cms.value()).value(), hash);

        // OpenSSL's
        const QString sigPath = pki().path(u"cms.der"_s);
        const QString dataPath = pki().path(u"cms.data"_s);
        QVERIFY(writeFile(sigPath, cms.value()));
        QVERIFY(writeFile(dataPath, data));
        const ToolResult r =
            openssl({u"cms"_s, u"-verify"_s, u"-binary"_s, u"-inform"_s, u"DER"_s, u"-in"_s, sigPath, u"-content"_s,
                     dataPath, u"-CAfile"_s, pki().rootPem(), u"-purpose"_s, u"any"_s, u"-out"_s, u"/dev/null"_s});
        QVERIFY2(r.exitCode == 0 && r.err.contains(u"Verification successful"_s), qPrintable(r.describe()));

        const ToolResult printed =
            openssl({u"cms"_s, u"-cmsout"_s, u"-print"_s, u"-inform"_s, u"DER"_s, u"-in"_s, sigPath});
        QVERIFY2(printed.exitCode == 0, qPrintable(printed.describe()));
        QCOMPARE(printed.out.contains(u"signingTime"_s), !pades);
        QVERIFY2(printed.out.contains(u"signingCertificateV2"_s), qPrintable(printed.out.left(6000)));
        QVERIFY(printed.out.contains(u"eContent: <ABSENT>"_s));
        if (padding == RsaPadding::Pss)
            QVERIFY(printed.out.contains(u"rsassaPss"_s));
    }

    void tamperedDataIsReported()
    {
        std::unique_ptr<Pkcs12Key> key = loadKey(u"ecp256"_s);
        QVERIFY(key);
        QByteArray data = testData();
        const auto cms =
            CmsBuilder::buildDetached(*key, QCryptographicHash::hash(data, QCryptographicHash::Sha256), {});
        QVERIFY(cms.ok());
        data[100] = char(data[100] ^ 1);
        const auto v = CmsVerifier::verify(cms.value(), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
        QVERIFY(v.ok());
        QVERIFY(v->signatureValid);
        QVERIFY(!v->digestMatches);
        QVERIFY(!v->detail.isEmpty());

        QVERIFY(writeFile(pki().path(u"tampered.der"_s), cms.value()));
        QVERIFY(writeFile(pki().path(u"tampered.data"_s), data));
        const ToolResult r =
            openssl({u"cms"_s, u"-verify"_s, u"-binary"_s, u"-inform"_s, u"DER"_s, u"-in"_s,
                     pki().path(u"tampered.der"_s), u"-content"_s, pki().path(u"tampered.data"_s), u"-CAfile"_s,
                     pki().rootPem(), u"-purpose"_s, u"any"_s, u"-out"_s, u"/dev/null"_s});
        QVERIFY(r.exitCode != 0);
    }

    void corruptedSignatureIsReported()
    {
        std::unique_ptr<Pkcs12Key> key = loadKey(u"rsa2048"_s);
        QVERIFY(key);
        const QByteArray digest = QCryptographicHash::hash(testData(), QCryptographicHash::Sha256);
        const auto cms = CmsBuilder::buildDetached(*key, digest, {});
        QVERIFY(cms.ok());
        const QByteArray sig = CmsBuilder::signatureValue(cms.value());
        QCOMPARE(sig.size(), 256);
        QByteArray broken = cms.value();
        const qsizetype at = broken.indexOf(sig);
        QVERIFY(at > 0);
        broken[at + 10] = char(broken[at + 10] ^ 0x40);
        const auto v = CmsVerifier::verify(broken, digest);
        QVERIFY(v.ok());
        QVERIFY(v->digestMatches);
        QVERIFY(!v->signatureValid);
    }

    void refusesKeyThatDoesNotMatchCertificate()
    {
        MismatchedKey key(loadKey(u"rsa2048"_s), loadKey(u"kenc"_s));
        const auto cms =
            CmsBuilder::buildDetached(key, QCryptographicHash::hash(testData(), QCryptographicHash::Sha256), {});
        QVERIFY(!cms.ok());
        QCOMPARE(cms.error().code(), ErrorCode::SigningFailed);
    }

    void refusesDigestOfWrongLength()
    {
        std::unique_ptr<Pkcs12Key> key = loadKey(u"rsa2048"_s);
        QVERIFY(key);
        CmsOptions options;
        options.hash = HashAlgorithm::Sha512;
        const auto cms =
            CmsBuilder::buildDetached(*key, QCryptographicHash::hash(testData(), QCryptographicHash::Sha256), options);
        QCOMPARE(cms.error().code(), ErrorCode::InvalidArgument);
    }

    void rejectsGarbage()
    {
        QCOMPARE(CmsVerifier::verify(QByteArrayLiteral("\x30\x03\x02\x01\x01"), {}).error().code(),
                 ErrorCode::VerificationFailed);
        QVERIFY(CmsBuilder::signatureValue(QByteArrayLiteral("nope")).isEmpty());
        QCOMPARE(CmsBuilder::addTimestampToken(QByteArrayLiteral("nope"), {}).error().code(),
                 ErrorCode::TimestampFailed);
    }
};

// --- RFC 3161 ------------------------------------------------------------------------------------

class TestTimestamp : public QObject
{
    Q_OBJECT

private:
    TsaServer m_tsa;
    QUrl m_url;
    QByteArray m_cms;

private slots:
    void initTestCase()
    {
        REQUIRE_PKI();
        QString error;
        QVERIFY2(m_tsa.start(pki().path(u"tsa.key"_s), pki().path(u"tsa.pem"_s), pki().path(u"chain.pem"_s), &error),
                 qPrintable(error));
        m_url = QUrl(u"http://127.0.0.1:%1/tsa"_s.arg(m_tsa.port()));
        std::unique_ptr<Pkcs12Key> key = loadKey(u"rsa2048"_s);
        QVERIFY(key);
        const auto cms =
            CmsBuilder::buildDetached(*key, QCryptographicHash::hash(testData(), QCryptographicHash::Sha256), {});
        QVERIFY(cms.ok());
        m_cms = cms.value();
    }
    void init() { m_tsa.setMode(TsaServer::Mode::Grant); }

    void stampsTheSignatureValue_data()
    {
        QTest::addColumn<TsaServer::Mode>("mode");
        QTest::addColumn<HashAlgorithm>("hash");
        QTest::newRow("Content-Length, SHA-256") << TsaServer::Mode::Grant << HashAlgorithm::Sha256;
        QTest::newRow("Content-Length, SHA-512") << TsaServer::Mode::Grant << HashAlgorithm::Sha512;
        QTest::newRow("chunked, SHA-384") << TsaServer::Mode::GrantChunked << HashAlgorithm::Sha384;
    }
    void stampsTheSignatureValue()
    {
        QFETCH(TsaServer::Mode, mode);
        QFETCH(HashAlgorithm, hash);
        m_tsa.setMode(mode);
        const QByteArray sigValue = CmsBuilder::signatureValue(m_cms);
        QVERIFY(!sigValue.isEmpty());
        const auto token = TimestampClient::requestToken(m_url, sigValue, hash, 10000);
        QVERIFY2(token.ok(), qPrintable(token.error().fullText()));
        const auto stamped = CmsBuilder::addTimestampToken(m_cms, token.value());
        QVERIFY2(stamped.ok(), qPrintable(stamped.error().fullText()));
        QCOMPARE(CmsBuilder::signatureValue(stamped.value()), sigValue);

        const auto v =
            CmsVerifier::verify(stamped.value(), QCryptographicHash::hash(testData(), QCryptographicHash::Sha256));
        QVERIFY(v.ok());
        QVERIFY(v->signatureValid && v->digestMatches);
        QVERIFY(v->hasTimestamp);
        QVERIFY2(v->timestampValid, qPrintable(v->detail));
        QVERIFY(qAbs(v->timestampTime.secsTo(QDateTime::currentDateTimeUtc())) < 120);

        // OpenSSL agrees on the token and on the signature that now carries it.
        QVERIFY(writeFile(pki().path(u"token.der"_s), token.value()));
        QVERIFY(writeFile(pki().path(u"sigvalue.bin"_s), sigValue));
        const ToolResult ts = openssl({u"ts"_s, u"-verify"_s, u"-token_in"_s, u"-in"_s, pki().path(u"token.der"_s),
                                       u"-data"_s, pki().path(u"sigvalue.bin"_s), u"-CAfile"_s, pki().rootPem(),
                                       u"-untrusted"_s, pki().issuingPem()});
        QVERIFY2(ts.out.contains(u"Verification: OK"_s), qPrintable(ts.describe()));
        QVERIFY(writeFile(pki().path(u"stamped.der"_s), stamped.value()));
        QVERIFY(writeFile(pki().path(u"stamped.data"_s), testData()));
        const ToolResult cms =
            openssl({u"cms"_s, u"-verify"_s, u"-binary"_s, u"-inform"_s, u"DER"_s, u"-in"_s,
                     pki().path(u"stamped.der"_s), u"-content"_s, pki().path(u"stamped.data"_s), u"-CAfile"_s,
                     pki().rootPem(), u"-purpose"_s, u"any"_s, u"-out"_s, u"/dev/null"_s});
        QVERIFY2(cms.err.contains(u"Verification successful"_s), qPrintable(cms.describe()));
        const ToolResult printed = openssl(
            {u"cms"_s, u"-cmsout"_s, u"-print"_s, u"-inform"_s, u"DER"_s, u"-in"_s, pki().path(u"stamped.der"_s)});
        QVERIFY(printed.out.contains(u"id-smime-aa-timeStampToken"_s));
    }

    void tokenForOtherDataIsInvalid()
    {
        const auto token =
            TimestampClient::requestToken(m_url, QByteArrayLiteral("something else"), HashAlgorithm::Sha256, 10000);
        QVERIFY(token.ok());
        const auto stamped = CmsBuilder::addTimestampToken(m_cms, token.value());
        QVERIFY(stamped.ok());
        const auto v =
            CmsVerifier::verify(stamped.value(), QCryptographicHash::hash(testData(), QCryptographicHash::Sha256));
        QVERIFY(v.ok());
        QVERIFY(v->hasTimestamp);
        QVERIFY(!v->timestampValid);
        QVERIFY(v->signatureValid);
    }

    void failuresAreTimestampFailed_data()
    {
        QTest::addColumn<TsaServer::Mode>("mode");
        QTest::addColumn<QString>("detail");
        QTest::newRow("HTTP 500") << TsaServer::Mode::Http500 << u"HTTP 500"_s;
        QTest::newRow("PKI rejection") << TsaServer::Mode::Reject << u"policy says no"_s;
        QTest::newRow("not a TimeStampResp") << TsaServer::Mode::Garbage << u"not a timestamp response"_s;
    }
    void failuresAreTimestampFailed()
    {
        QFETCH(TsaServer::Mode, mode);
        QFETCH(QString, detail);
        m_tsa.setMode(mode);
        const auto token = TimestampClient::requestToken(m_url, QByteArrayLiteral("x"), HashAlgorithm::Sha256, 10000);
        QVERIFY(!token.ok());
        QCOMPARE(token.error().code(), ErrorCode::TimestampFailed);
        QVERIFY2(token.error().detail().contains(detail), qPrintable(token.error().detail()));
    }

    void deadPortFailsQuickly()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        QElapsedTimer timer;
        timer.start();
        const auto token = TimestampClient::requestToken(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)),
                                                         QByteArrayLiteral("x"), HashAlgorithm::Sha256, 10000);
        QCOMPARE(token.error().code(), ErrorCode::TimestampFailed);
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY2(!token.error().detail().isEmpty(), "the detail names the connection failure");
    }

    void silentServerTimesOut()
    {
        m_tsa.setMode(TsaServer::Mode::Silent);
        QElapsedTimer timer;
        timer.start();
        const auto token = TimestampClient::requestToken(m_url, QByteArrayLiteral("x"), HashAlgorithm::Sha256, 700);
        QCOMPARE(token.error().code(), ErrorCode::TimestampFailed);
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(token.error().detail().contains(u"700 ms"_s), qPrintable(token.error().detail()));
    }

    void refusesOtherSchemes()
    {
        const auto token = TimestampClient::requestToken(QUrl(u"ftp://127.0.0.1/"_s), QByteArrayLiteral("x"),
                                                         HashAlgorithm::Sha256, 1000);
        QCOMPARE(token.error().code(), ErrorCode::TimestampFailed);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TestPkcs12Key t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestCertificateInfo t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestCmsBuilder t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestTimestamp t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}

#include "TestSigningCms.moc"
