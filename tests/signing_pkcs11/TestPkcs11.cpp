// PKCS#11 keys against a real token: SoftHSM2 tokens made per run with softhsm2-util, keys and
// certificates made with the openssl CLI, certificates written with pkcs11-tool. Every
// signature is checked with OpenSSL against the certificate, independently of the token.

#include "signing/Pkcs11Errors.h"
#include "signing/Pkcs11Key.h"
#include "signing/Pkcs11Module.h"
#include "signing/Pkcs11Session.h"
#include "signing/Pkcs11Uri.h"
#include "core/common/SecureBuffer.h"
#include "ToolRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

using namespace sohoa;
using namespace sohoa::signing;

Q_DECLARE_METATYPE(sohoa::signing::HashAlgorithm)
Q_DECLARE_METATYPE(sohoa::signing::RsaPadding)
Q_DECLARE_METATYPE(sohoa::ErrorCode)

namespace {

const QString kToken = QStringLiteral("sohoa-test");
const QString kRemovable = QStringLiteral("sohoa-removable");
const QString kSoftHsm = QStringLiteral(SOHOA_SOFTHSM_MODULE);

SecureBuffer pin(const char *text)
{
    return SecureBuffer(QByteArrayView(text));
}

// True if `signature` over `data` verifies with the public key of `certDer`.
bool verifies(const QByteArray &certDer, const QByteArray &data, const QByteArray &signature, HashAlgorithm hash,
              RsaPadding padding)
{
    const auto *p = reinterpret_cast<const unsigned char *>(certDer.constData());
    std::unique_ptr<X509, decltype(&X509_free)> cert(d2i_X509(nullptr, &p, long(certDer.size())), &X509_free);
    if (!cert)
        return false;
    EVP_PKEY *key = X509_get0_pubkey(cert.get());
    const EVP_MD *md = hash == HashAlgorithm::Sha384   ? EVP_sha384()
                       : hash == HashAlgorithm::Sha512 ? EVP_sha512()
                                                       : EVP_sha256();
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_PKEY_CTX *pctx = nullptr;
    if (EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1)
        return false;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA && padding == RsaPadding::Pss) {
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
            EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1)
            return false;
        // RSA_PSS_SALTLEN_DIGEST only checks what the signer claims; insist on the exact length.
        if (EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, EVP_MD_get_size(md)) != 1)
            return false;
    }
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(data.constData()),
                            size_t(data.size())) == 1;
}

} // namespace

class TestPkcs11 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Pkcs11Module> m_module;
    QHash<QString, QByteArray> m_certs; // label -> DER
    QByteArray m_caDer;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool run(const QString &program, const QStringList &args)
    {
        const test::ToolResult r = test::runTool(program, args, 60000);
        if (r.exitCode != 0 || r.crashed || r.timedOut) {
            qWarning().noquote() << program << args.join(u' ') << r.describe();
            return false;
        }
        return true;
    }

    bool makeSigner(const QString &label, const QStringList &genpkeyAlg, const QString &token, const QString &id)
    {
        const QString key = path(label + QStringLiteral(".key.pem"));
        const QString csr = path(label + QStringLiteral(".csr"));
        const QString crt = path(label + QStringLiteral(".crt.pem"));
        const QString der = path(label + QStringLiteral(".crt.der"));
        const QString openssl = QStringLiteral("openssl");
        if (!run(openssl,
                 QStringList{QStringLiteral("genpkey")} + genpkeyAlg + QStringList{QStringLiteral("-out"), key}))
            return false;
        if (!run(openssl,
                 {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), key, QStringLiteral("-subj"),
                  QStringLiteral("/C=VN/O=SoHoa Test/CN=") + label, QStringLiteral("-out"), csr}))
            return false;
        if (!run(openssl, {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                           QStringLiteral("-CA"), path(QStringLiteral("ca.crt.pem")), QStringLiteral("-CAkey"),
                           path(QStringLiteral("ca.key.pem")), QStringLiteral("-CAcreateserial"),
                           QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-out"), crt}))
            return false;
        if (!run(openssl, {QStringLiteral("x509"), QStringLiteral("-in"), crt, QStringLiteral("-outform"),
                           QStringLiteral("DER"), QStringLiteral("-out"), der}))
            return false;
        if (!run(QStringLiteral("softhsm2-util"),
                 {QStringLiteral("--import"), key, QStringLiteral("--token"), token, QStringLiteral("--label"), label,
                  QStringLiteral("--id"), id, QStringLiteral("--pin"), QStringLiteral("1234")}))
            return false;
        if (!writeCert(der, token, id, label))
            return false;
        QFile f(der);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        m_certs.insert(label, f.readAll());
        return true;
    }

    bool writeCert(const QString &der, const QString &token, const QString &id, const QString &label)
    {
        return run(QStringLiteral("pkcs11-tool"),
                   {QStringLiteral("--module"), kSoftHsm, QStringLiteral("--token-label"), token,
                    QStringLiteral("--login"), QStringLiteral("--pin"), QStringLiteral("1234"),
                    QStringLiteral("--write-object"), der, QStringLiteral("--type"), QStringLiteral("cert"),
                    QStringLiteral("--id"), id, QStringLiteral("--label"), label});
    }

    // A key generated on the token with CKA_ALWAYS_AUTHENTICATE (softhsm2-util cannot set it on
    // import), certified by the test CA through -force_pubkey.
    bool makeAlwaysAuthSigner(const QString &label, const QString &id)
    {
        const QString pkcs11Tool = QStringLiteral("pkcs11-tool");
        const QString openssl = QStringLiteral("openssl");
        const QStringList login{QStringLiteral("--module"),      kSoftHsm,
                                QStringLiteral("--token-label"), kToken,
                                QStringLiteral("--login"),       QStringLiteral("--pin"),
                                QStringLiteral("1234")};
        if (!run(pkcs11Tool, login + QStringList{QStringLiteral("--keypairgen"), QStringLiteral("--key-type"),
                                                 QStringLiteral("EC:prime256v1"), QStringLiteral("--always-auth"),
                                                 QStringLiteral("--id"), id, QStringLiteral("--label"), label}))
            return false;
        const QString pubDer = path(label + QStringLiteral(".pub.der"));
        const QString pubPem = path(label + QStringLiteral(".pub.pem"));
        if (!run(pkcs11Tool, login + QStringList{QStringLiteral("--read-object"), QStringLiteral("--type"),
                                                 QStringLiteral("pubkey"), QStringLiteral("--id"), id,
                                                 QStringLiteral("-o"), pubDer}))
            return false;
        if (!run(openssl, {QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-inform"),
                           QStringLiteral("DER"), QStringLiteral("-in"), pubDer, QStringLiteral("-out"), pubPem}))
            return false;
        // Any CSR will do for the subject: the public key is forced.
        const QString csr = path(label + QStringLiteral(".csr"));
        if (!run(openssl, {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"),
                           path(QStringLiteral("ca.key.pem")), QStringLiteral("-subj"),
                           QStringLiteral("/C=VN/O=SoHoa Test/CN=") + label, QStringLiteral("-out"), csr}))
            return false;
        const QString der = path(label + QStringLiteral(".crt.der"));
        if (!run(openssl,
                 {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                  QStringLiteral("-force_pubkey"), pubPem, QStringLiteral("-CA"), path(QStringLiteral("ca.crt.pem")),
                  QStringLiteral("-CAkey"), path(QStringLiteral("ca.key.pem")), QStringLiteral("-CAcreateserial"),
                  QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-outform"), QStringLiteral("DER"),
                  QStringLiteral("-out"), der}))
            return false;
        if (!writeCert(der, kToken, id, label))
            return false;
        QFile f(der);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        m_certs.insert(label, f.readAll());
        return true;
    }

    std::unique_ptr<Pkcs11Session> openSession(const QString &label)
    {
        auto session = Pkcs11Session::open(m_module, {label, {}});
        if (!session) {
            qWarning().noquote() << session.error().fullText();
            return nullptr;
        }
        return std::move(session).value();
    }

    std::unique_ptr<Pkcs11Session> loggedIn(const QString &label)
    {
        auto session = openSession(label);
        if (session && !session->login(pin("1234"))) {
            qWarning() << "login failed";
            return nullptr;
        }
        return session;
    }

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("softhsm2-util");
        SOHOA_REQUIRE_TOOL("pkcs11-tool");
        SOHOA_REQUIRE_TOOL("openssl");
        if (!QFileInfo::exists(kSoftHsm))
            QFAIL("SoftHSM2 module /usr/lib/softhsm/libsofthsm2.so is missing (install softhsm2)");
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("tokens")));
        {
            QFile conf(path(QStringLiteral("softhsm2.conf")));
            QVERIFY(conf.open(QIODevice::WriteOnly));
            conf.write("directories.tokendir = " + QFile::encodeName(path(QStringLiteral("tokens"))) +
                       "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        }
        qputenv("SOFTHSM2_CONF", QFile::encodeName(path(QStringLiteral("softhsm2.conf"))));

        const QString util = QStringLiteral("softhsm2-util");
        for (const QString &label : {kToken, kRemovable})
            QVERIFY(run(util, {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                               label, QStringLiteral("--pin"), QStringLiteral("1234"), QStringLiteral("--so-pin"),
                               QStringLiteral("5678")}));

        const QString openssl = QStringLiteral("openssl");
        QVERIFY(run(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"),
                              QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                              QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                              QStringLiteral("-keyout"), path(QStringLiteral("ca.key.pem")), QStringLiteral("-subj"),
                              QStringLiteral("/C=VN/O=SoHoa Test/CN=SoHoa Test CA"), QStringLiteral("-days"),
                              QStringLiteral("30"), QStringLiteral("-out"), path(QStringLiteral("ca.crt.pem"))}));
        QVERIFY(run(openssl, {QStringLiteral("x509"), QStringLiteral("-in"), path(QStringLiteral("ca.crt.pem")),
                              QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"),
                              path(QStringLiteral("ca.crt.der"))}));
        QFile ca(path(QStringLiteral("ca.crt.der")));
        QVERIFY(ca.open(QIODevice::ReadOnly));
        m_caDer = ca.readAll();

        const QStringList rsa2048{QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                                  QStringLiteral("rsa_keygen_bits:2048")};
        const QStringList rsa3072{QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                                  QStringLiteral("rsa_keygen_bits:3072")};
        const QStringList p256{QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                               QStringLiteral("ec_paramgen_curve:P-256")};
        QVERIFY(makeSigner(QStringLiteral("rsa2048"), rsa2048, kToken, QStringLiteral("01")));
        QVERIFY(makeSigner(QStringLiteral("rsa3072"), rsa3072, kToken, QStringLiteral("02")));
        QVERIFY(makeSigner(QStringLiteral("ec256"), p256, kToken, QStringLiteral("03")));
        QVERIFY(writeCert(path(QStringLiteral("ca.crt.der")), kToken, QStringLiteral("10"), QStringLiteral("ca")));
        QVERIFY(makeSigner(QStringLiteral("removable"), p256, kRemovable, QStringLiteral("01")));
        QVERIFY(makeAlwaysAuthSigner(QStringLiteral("always"), QStringLiteral("20")));

        auto module = Pkcs11Module::load(kSoftHsm);
        QVERIFY2(module.ok(), qPrintable(module.error().fullText()));
        m_module = module.value();
    }

    void cleanupTestCase() { m_module.reset(); }

    void moduleLoadFailures_data()
    {
        QTest::addColumn<QString>("modulePath");
        QTest::newRow("missing file") << QStringLiteral("/nonexistent/libnothing.so");
        QTest::newRow("not a library") << QStringLiteral("/etc/hostname");
        QTest::newRow("not PKCS#11") << QStringLiteral("/usr/lib/x86_64-linux-gnu/libz.so.1");
    }
    void moduleLoadFailures()
    {
        QFETCH(QString, modulePath);
        auto module = Pkcs11Module::load(modulePath);
        QVERIFY(!module.ok());
        QCOMPARE(module.error().code(), ErrorCode::Pkcs11ModuleNotFound);
    }

    void moduleIsSharedPerPath()
    {
        auto again = Pkcs11Module::load(kSoftHsm);
        QVERIFY(again.ok());
        QCOMPARE(again.value().get(), m_module.get());
        QVERIFY(m_module->description().contains(QStringLiteral("SoftHSM")));
    }

    void defaultModulePathsContainSoftHsm()
    {
        const QStringList paths = Pkcs11Module::defaultModulePaths();
        QVERIFY(paths.contains(kSoftHsm));
        for (const QString &p : paths)
            QVERIFY2(QFileInfo::exists(p), qPrintable(p));
    }

    // Modules without a token (OpenSC with no reader, tried before SoftHSM) are passed over.
    void loadDefaultPicksModuleWithToken()
    {
        auto module = Pkcs11Module::loadDefault();
        QVERIFY2(module.ok(), qPrintable(module.error().detail()));
        auto tokens = module.value()->tokens();
        QVERIFY(tokens.ok());
        QVERIFY(!tokens.value().isEmpty());
    }

    void tokensListed()
    {
        auto tokens = m_module->tokens();
        QVERIFY(tokens.ok());
        QStringList labels;
        for (const TokenInfo &t : tokens.value()) {
            labels.append(t.label);
            if (t.label == kToken) {
                QVERIFY(t.present);
                QVERIFY(t.loginRequired);
                QVERIFY(!t.serial.isEmpty());
                QCOMPARE(t.manufacturer, QStringLiteral("SoftHSM project"));
                QVERIFY(!t.pinLocked);
            }
        }
        labels.sort();
        // SoftHSM's spare uninitialized slot is not listed.
        QCOMPARE(labels, QStringList({kRemovable, kToken}));
    }

    void openTokenBySerialAndFailures()
    {
        QString serial;
        for (const TokenInfo &t : m_module->tokens().value())
            if (t.label == kToken)
                serial = t.serial;
        auto bySerial = Pkcs11Session::open(m_module, {{}, serial});
        QVERIFY(bySerial.ok());
        QCOMPARE(bySerial.value()->token().label, kToken);

        auto unknown = Pkcs11Session::open(m_module, {QStringLiteral("no-such-token"), {}});
        QCOMPARE(unknown.error().code(), ErrorCode::TokenNotFound);
        QVERIFY(unknown.error().detail().contains(kToken)); // tells what is there

        auto ambiguous = Pkcs11Session::open(m_module, {});
        QCOMPARE(ambiguous.error().code(), ErrorCode::TokenNotFound);
        QVERIFY(ambiguous.error().detail().contains(QStringLiteral("several")));
    }

    void loginWithRightPin()
    {
        auto session = openSession(kToken);
        QVERIFY(session);
        auto login = session->login(pin("1234"));
        QVERIFY2(login.ok(), qPrintable(login.error().fullText()));
        // A second login in the same batch is harmless.
        QVERIFY(session->login(pin("1234")).ok());
    }

    void wrongPinIsTriedExactlyOnce()
    {
        // Through a forwarding module that counts C_Login calls.
        auto shim = Pkcs11Module::load(QStringLiteral(SOHOA_PKCS11_SHIM));
        QVERIFY2(shim.ok(), qPrintable(shim.error().fullText()));
        void *handle = dlopen(SOHOA_PKCS11_SHIM, RTLD_NOW | RTLD_NOLOAD);
        QVERIFY(handle);
        auto loginCount = reinterpret_cast<unsigned long (*)()>(dlsym(handle, "sohoa_shim_login_count"));
        dlclose(handle);
        QVERIFY(loginCount);

        auto session = Pkcs11Session::open(shim.value(), {kToken, {}});
        QVERIFY(session.ok());
        const unsigned long before = loginCount();
        auto wrong = session.value()->login(pin("0000"));
        QCOMPARE(wrong.error().code(), ErrorCode::WrongPin);
        QCOMPARE(loginCount() - before, 1ul);
        // SoftHSM2 sets CKF_USER_PIN_COUNT_LOW after any wrong PIN, and we say so.
        QVERIFY2(wrong.error().detail().contains(QStringLiteral("few tries left")), qPrintable(wrong.error().detail()));
        QVERIFY(session.value()->token().pinCountLow);

        auto right = session.value()->login(pin("1234"));
        QVERIFY2(right.ok(), qPrintable(right.error().fullText()));
        QCOMPARE(loginCount() - before, 2ul);
        QVERIFY(!session.value()->token().pinCountLow); // a good PIN resets the counter
    }

    // What SoftHSM2 2.6 reports after many wrong PINs: it never locks the user PIN and never
    // sets CKF_USER_PIN_FINAL_TRY; only CKF_USER_PIN_COUNT_LOW. This test pins that down so a
    // SoftHSM upgrade that changes it is noticed.
    void softHsmNeverLocksThePin()
    {
        auto session = openSession(kToken);
        QVERIFY(session);
        for (int i = 0; i < 12; ++i) {
            auto wrong = session->login(pin("9999"));
            QCOMPARE(wrong.error().code(), ErrorCode::WrongPin);
        }
        const TokenInfo t = session->token();
        QVERIFY(t.pinCountLow);
        QVERIFY(!t.pinFinalTry);
        QVERIFY(!t.pinLocked);
        QVERIFY(session->login(pin("1234")).ok());
    }

    void loginErrorMapping_data()
    {
        QTest::addColumn<qulonglong>("rv");
        QTest::addColumn<qulonglong>("flags");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("detailPart");
        QTest::newRow("incorrect, nothing reported")
            << qulonglong(CKR_PIN_INCORRECT) << 0ull << ErrorCode::WrongPin << QStringLiteral("not reported as low");
        QTest::newRow("incorrect, count low") << qulonglong(CKR_PIN_INCORRECT) << qulonglong(CKF_USER_PIN_COUNT_LOW)
                                              << ErrorCode::WrongPin << QStringLiteral("few tries left");
        QTest::newRow("incorrect, final try")
            << qulonglong(CKR_PIN_INCORRECT) << qulonglong(CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW)
            << ErrorCode::WrongPin << QStringLiteral("final try");
        QTest::newRow("incorrect, now locked") << qulonglong(CKR_PIN_INCORRECT) << qulonglong(CKF_USER_PIN_LOCKED)
                                               << ErrorCode::PinLocked << QStringLiteral("locked");
        QTest::newRow("locked") << qulonglong(CKR_PIN_LOCKED) << 0ull << ErrorCode::PinLocked
                                << QStringLiteral("CKR_PIN_LOCKED");
        QTest::newRow("token gone") << qulonglong(CKR_DEVICE_REMOVED) << 0ull << ErrorCode::TokenRemoved
                                    << QStringLiteral("CKR_DEVICE_REMOVED");
        QTest::newRow("device error") << qulonglong(CKR_DEVICE_ERROR) << 0ull << ErrorCode::TokenError
                                      << QStringLiteral("CKR_DEVICE_ERROR");
    }
    void loginErrorMapping()
    {
        QFETCH(qulonglong, rv);
        QFETCH(qulonglong, flags);
        QFETCH(ErrorCode, code);
        QFETCH(QString, detailPart);
        const Error e = pkcs11::loginError(rv, flags, QStringLiteral("tok"));
        QCOMPARE(e.code(), code);
        QVERIFY2(e.detail().contains(detailPart), qPrintable(e.detail()));
    }

    void operationErrorMapping()
    {
        QCOMPARE(pkcs11::operationError(CKR_TOKEN_NOT_PRESENT, ErrorCode::SigningFailed, {}).code(),
                 ErrorCode::TokenRemoved);
        QCOMPARE(pkcs11::operationError(CKR_SESSION_HANDLE_INVALID, ErrorCode::SigningFailed, {}).code(),
                 ErrorCode::TokenRemoved);
        QCOMPARE(pkcs11::operationError(CKR_SESSION_CLOSED, ErrorCode::SigningFailed, {}).code(),
                 ErrorCode::TokenRemoved);
        const Error other =
            pkcs11::operationError(CKR_MECHANISM_INVALID, ErrorCode::SigningFailed, QStringLiteral("x"));
        QCOMPARE(other.code(), ErrorCode::SigningFailed);
        QCOMPARE(other.detail(), QStringLiteral("x: CKR_MECHANISM_INVALID"));
        QCOMPARE(pkcs11::rvName(0x80001234ul), QStringLiteral("CKR_0x80001234"));
    }

    void findKeyBeforeLoginFails()
    {
        auto session = openSession(kRemovable);
        QVERIFY(session);
        auto key = session->findKey({});
        QCOMPARE(key.error().code(), ErrorCode::KeyNotFound);
    }

    void findKey_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QString>("expected");
        QTest::newRow("by label") << QString() << QStringLiteral("rsa3072") << QByteArray()
                                  << QStringLiteral("rsa3072");
        QTest::newRow("by id") << QString() << QString() << QByteArray("\x03", 1) << QStringLiteral("ec256");
        QTest::newRow("by label and id") << QString() << QStringLiteral("rsa2048") << QByteArray("\x01", 1)
                                         << QStringLiteral("rsa2048");
        QTest::newRow("by URI object") << QStringLiteral("pkcs11:token=sohoa-test;object=ec256;type=private")
                                       << QString() << QByteArray() << QStringLiteral("ec256");
        QTest::newRow("by URI id") << QStringLiteral("pkcs11:token=sohoa%2Dtest;id=%02") << QString() << QByteArray()
                                   << QStringLiteral("rsa3072");
    }
    void findKey()
    {
        QFETCH(QString, uri);
        QFETCH(QString, label);
        QFETCH(QByteArray, id);
        QFETCH(QString, expected);
        TokenSelector token{kToken, {}};
        KeySelector selector{label, id, {}};
        if (!uri.isEmpty()) {
            auto parsed = Pkcs11Uri::parse(uri);
            QVERIFY2(parsed.ok(), qPrintable(parsed.error().detail()));
            token = parsed.value().tokenSelector();
            selector = parsed.value().keySelector();
        }
        auto session = Pkcs11Session::open(m_module, token);
        QVERIFY(session.ok());
        QVERIFY(session.value()->login(pin("1234")).ok());
        auto key = session.value()->findKey(selector);
        QVERIFY2(key.ok(), qPrintable(key.error().detail()));
        QCOMPARE(key.value()->label(), expected);
        QCOMPARE(key.value()->certificateDer(), m_certs.value(expected));
        QCOMPARE(key.value()->chainDer(), QList<QByteArray>{m_caDer});
    }

    void findKeyByCertificate()
    {
        auto session = loggedIn(kToken);
        QVERIFY(session);
        auto key = session->findKey({{}, {}, m_certs.value(QStringLiteral("rsa2048"))});
        QVERIFY(key.ok());
        QCOMPARE(key.value()->label(), QStringLiteral("rsa2048"));
    }

    void findKeyAmbiguousOrMissing()
    {
        auto session = loggedIn(kToken);
        QVERIFY(session);
        auto ambiguous = session->findKey({});
        QCOMPARE(ambiguous.error().code(), ErrorCode::KeyNotFound);
        for (const char *label : {"rsa2048", "rsa3072", "ec256", "always"})
            QVERIFY2(ambiguous.error().detail().contains(QLatin1String(label)), qPrintable(ambiguous.error().detail()));
        auto missing = session->findKey({QStringLiteral("nope"), {}, {}});
        QCOMPARE(missing.error().code(), ErrorCode::KeyNotFound);

        auto single = loggedIn(kRemovable);
        QVERIFY(single);
        auto only = single->findKey({});
        QVERIFY(only.ok());
        QCOMPARE(only.value()->label(), QStringLiteral("removable"));
    }

    void keyProperties_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("bits");
        QTest::newRow("rsa2048") << QStringLiteral("rsa2048") << int(KeyType::Rsa) << 2048;
        QTest::newRow("rsa3072") << QStringLiteral("rsa3072") << int(KeyType::Rsa) << 3072;
        QTest::newRow("ec256") << QStringLiteral("ec256") << int(KeyType::Ec) << 256;
    }
    void keyProperties()
    {
        QFETCH(QString, label);
        QFETCH(int, type);
        QFETCH(int, bits);
        auto session = loggedIn(kToken);
        QVERIFY(session);
        auto key = session->findKey({label, {}, {}});
        QVERIFY(key.ok());
        QCOMPARE(int(key.value()->keyType()), type);
        QCOMPARE(key.value()->keyBits(), bits);
        QVERIFY(!key.value()->alwaysAuthenticate());
    }

    void signAndVerify_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<HashAlgorithm>("hash");
        QTest::addColumn<RsaPadding>("padding");
        for (const char *label : {"rsa2048", "rsa3072", "ec256"}) {
            for (HashAlgorithm hash : {HashAlgorithm::Sha256, HashAlgorithm::Sha384, HashAlgorithm::Sha512}) {
                const char *hashName = hash == HashAlgorithm::Sha256   ? "sha256"
                                       : hash == HashAlgorithm::Sha384 ? "sha384"
                                                                       : "sha512";
                if (QByteArray(label).startsWith("rsa")) {
                    QTest::addRow("%s %s pkcs1", label, hashName)
                        << QString::fromLatin1(label) << hash << RsaPadding::Pkcs1v15;
                    QTest::addRow("%s %s pss", label, hashName)
                        << QString::fromLatin1(label) << hash << RsaPadding::Pss;
                } else {
                    QTest::addRow("%s %s ecdsa", label, hashName)
                        << QString::fromLatin1(label) << hash << RsaPadding::Pkcs1v15;
                }
            }
        }
    }
    void signAndVerify()
    {
        QFETCH(QString, label);
        QFETCH(HashAlgorithm, hash);
        QFETCH(RsaPadding, padding);
        auto session = loggedIn(kToken);
        QVERIFY(session);
        auto key = session->findKey({label, {}, {}});
        QVERIFY(key.ok());
        const QByteArray data = QByteArrayLiteral("Công văn số 123/UBND-VP — nội dung cần ký") + label.toUtf8();
        auto signature = key.value()->sign(data, hash, padding);
        QVERIFY2(signature.ok(), qPrintable(signature.error().detail()));
        QVERIFY(verifies(key.value()->certificateDer(), data, signature.value(), hash, padding));
        QVERIFY(!verifies(key.value()->certificateDer(), data + "x", signature.value(), hash, padding));
    }

    void batchSignsWithOneLogin()
    {
        auto session = loggedIn(kToken);
        QVERIFY(session);
        auto key = session->findKey({QStringLiteral("ec256"), {}, {}});
        QVERIFY(key.ok());
        session.reset(); // the key keeps the session open
        for (int i = 0; i < 20; ++i) {
            const QByteArray data = QByteArray::number(i);
            auto signature = key.value()->sign(data, HashAlgorithm::Sha256, RsaPadding::Pkcs1v15);
            QVERIFY(signature.ok());
            QVERIFY(verifies(key.value()->certificateDer(), data, signature.value(), HashAlgorithm::Sha256,
                             RsaPadding::Pkcs1v15));
        }
    }

    // CKA_ALWAYS_AUTHENTICATE: the PIN given once at login is presented again (CKU_CONTEXT_SPECIFIC)
    // for every signature, so the clerk still types it once per batch.
    void alwaysAuthenticateKeySignsWithOnePinEntry()
    {
        auto shim = Pkcs11Module::load(QStringLiteral(SOHOA_PKCS11_SHIM));
        QVERIFY(shim.ok());
        void *handle = dlopen(SOHOA_PKCS11_SHIM, RTLD_NOW | RTLD_NOLOAD);
        QVERIFY(handle);
        auto loginCount = reinterpret_cast<unsigned long (*)()>(dlsym(handle, "sohoa_shim_login_count"));
        dlclose(handle);
        QVERIFY(loginCount);

        auto session = Pkcs11Session::open(shim.value(), {kToken, {}});
        QVERIFY(session.ok());
        QVERIFY(session.value()->login(pin("1234")).ok());
        auto key = session.value()->findKey({QStringLiteral("always"), {}, {}});
        QVERIFY2(key.ok(), qPrintable(key.error().detail()));
        QVERIFY(key.value()->alwaysAuthenticate());
        QCOMPARE(key.value()->chainDer(), QList<QByteArray>{m_caDer});
        const unsigned long before = loginCount();
        for (int i = 0; i < 3; ++i) {
            const QByteArray data = QByteArray::number(i);
            auto signature = key.value()->sign(data, HashAlgorithm::Sha256, RsaPadding::Pkcs1v15);
            QVERIFY2(signature.ok(), qPrintable(signature.error().detail()));
            QVERIFY(verifies(key.value()->certificateDer(), data, signature.value(), HashAlgorithm::Sha256,
                             RsaPadding::Pkcs1v15));
        }
        QCOMPARE(loginCount() - before, 3ul); // one context-specific login per signature
    }

    void uriParse()
    {
        auto uri = Pkcs11Uri::parse(
            QStringLiteral("pkcs11:token=Viettel%20CA;serial=0123%3B45;manufacturer=VNPT;object=Kh%C3%B3a%20k%C3%BD;"
                           "id=%01%ff;type=private;x-vendor=1?module-path=/usr/lib/libcastle.so.1.0.0&pin-source=file:"
                           "/run/pin"));
        QVERIFY2(uri.ok(), qPrintable(uri.error().detail()));
        QCOMPARE(uri->token, QStringLiteral("Viettel CA"));
        QCOMPARE(uri->serial, QStringLiteral("0123;45"));
        QCOMPARE(uri->manufacturer, QStringLiteral("VNPT"));
        QCOMPARE(uri->object, QStringLiteral("Khóa ký"));
        QCOMPARE(uri->id, QByteArray("\x01\xff", 2));
        QCOMPARE(uri->type, QStringLiteral("private"));
        QCOMPARE(uri->modulePath, QStringLiteral("/usr/lib/libcastle.so.1.0.0"));
        QCOMPARE(uri->pinSource, QStringLiteral("file:/run/pin"));
        QCOMPARE(uri->tokenSelector().serial, QStringLiteral("0123;45"));
        QCOMPARE(uri->keySelector().id, QByteArray("\x01\xff", 2));

        auto roundTrip = Pkcs11Uri::parse(uri->toString());
        QVERIFY2(roundTrip.ok(), qPrintable(uri->toString()));
        QCOMPARE(roundTrip->object, uri->object);
        QCOMPARE(roundTrip->serial, uri->serial);
        QCOMPARE(roundTrip->id, uri->id);
        QCOMPARE(roundTrip->modulePath, uri->modulePath);

        QVERIFY(Pkcs11Uri::parse(QStringLiteral("PKCS11:")).ok());
    }

    void uriPin()
    {
        QFile pinFile(path(QStringLiteral("pin.txt")));
        QVERIFY(pinFile.open(QIODevice::WriteOnly));
        pinFile.write("1234\n");
        pinFile.close();
        auto fromFile =
            Pkcs11Uri::parse(QStringLiteral("pkcs11:token=sohoa-test?pin-source=file:") + pinFile.fileName());
        QVERIFY(fromFile.ok());
        auto pinBytes = fromFile->pin();
        QVERIFY(pinBytes.ok());
        QVERIFY(pinBytes.value() == pin("1234"));

        auto session = Pkcs11Session::open(m_module, fromFile->tokenSelector());
        QVERIFY(session.ok());
        QVERIFY(session.value()->login(pinBytes.value()).ok());

        auto fromValue = Pkcs11Uri::parse(QStringLiteral("pkcs11:?pin-value=12%334"));
        QVERIFY(fromValue.ok());
        QVERIFY(fromValue->pin().value() == pin("1234"));
        QVERIFY(Pkcs11Uri::parse(QStringLiteral("pkcs11:")).value().pin().value().isEmpty());
        auto missing = Pkcs11Uri::parse(QStringLiteral("pkcs11:?pin-source=file:/nonexistent/pin"));
        QCOMPARE(missing->pin().error().code(), ErrorCode::FileReadFailed);
    }

    void uriRejects_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("wrong scheme") << QStringLiteral("pkcs12:token=a");
        QTest::newRow("truncated escape") << QStringLiteral("pkcs11:id=%0");
        QTest::newRow("bad escape") << QStringLiteral("pkcs11:id=%zz");
        QTest::newRow("repeated attribute") << QStringLiteral("pkcs11:token=a;token=b");
        QTest::newRow("unknown type") << QStringLiteral("pkcs11:type=secret");
        QTest::newRow("no value") << QStringLiteral("pkcs11:token");
    }
    void uriRejects()
    {
        QFETCH(QString, uri);
        auto parsed = Pkcs11Uri::parse(uri);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code(), ErrorCode::InvalidArgument);
    }

    void secureBuffer()
    {
        SecureBuffer a = SecureBuffer::fromString(QStringLiteral("1234"));
        QCOMPARE(a.size(), std::size_t(4));
        QCOMPARE(QByteArrayView(a.data(), 4), QByteArrayView("1234"));
        SecureBuffer copy = a;
        QVERIFY(copy == a);
        SecureBuffer moved = std::move(a);
        QVERIFY(a.isEmpty()); // NOLINT(bugprone-use-after-move): that is the point
        QVERIFY(moved == copy);
        moved.clear();
        QVERIFY(moved.isEmpty());
        QVERIFY(!(moved == copy));
    }

    // Pulling the token out in the middle of a batch: signing fails with a typed error, never a
    // crash. Runs last: it destroys the removable token.
    void tokenRemovedMidBatch()
    {
        auto session = loggedIn(kRemovable);
        QVERIFY(session);
        auto key = session->findKey({});
        QVERIFY(key.ok());
        QVERIFY(key.value()->sign("first", HashAlgorithm::Sha256, RsaPadding::Pkcs1v15).ok());

        QVERIFY(run(QStringLiteral("softhsm2-util"),
                    {QStringLiteral("--delete-token"), QStringLiteral("--token"), kRemovable}));

        auto second = key.value()->sign("second", HashAlgorithm::Sha256, RsaPadding::Pkcs1v15);
        qInfo().noquote() << "after --delete-token:"
                          << (second.ok() ? QStringLiteral("signing still works")
                                          : second.error().id() + u' ' + second.error().detail());
        QVERIFY(!second.ok());
        QVERIFY2(second.error().code() == ErrorCode::TokenRemoved || second.error().code() == ErrorCode::TokenError,
                 qPrintable(second.error().detail()));
    }
};

QTEST_GUILESS_MAIN(TestPkcs11)
#include "TestPkcs11.moc"
