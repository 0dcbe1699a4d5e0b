#include "TestPki.h"

#include "ToolRunner.h"

#include <QFile>
#include <QStandardPaths>

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace sohoa::test {

namespace {

const char *const ExtensionsConf = R"([ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[kenc]
basicConstraints = CA:FALSE
keyUsage = critical, keyEncipherment
[noku]
basicConstraints = CA:FALSE
[tsa]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
)";

} // namespace

const TestPki &TestPki::instance()
{
    static const TestPki pki;
    return pki;
}

TestPki::TestPki()
{
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        m_error = QStringLiteral("the `openssl` command line tool is required to make the test PKI");
        return;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return;
    }
    QFile conf(path(QStringLiteral("ext.cnf")));
    if (!conf.open(QIODevice::WriteOnly) || conf.write(ExtensionsConf) < 0) {
        m_error = QStringLiteral("cannot write ext.cnf");
        return;
    }
    conf.close();

    const QString pass = u"pass:" + QString::fromLatin1(password());
    const bool made =
        run({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, path(u"root.key"_s),
             u"-out"_s, rootPem(), u"-days"_s, u"3650"_s, u"-subj"_s, u"/CN=SoHoa Test Root CA/O=SoHoa Test"_s,
             u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
             u"keyUsage=critical,keyCertSign,cRLSign"_s}) &&
        issue(u"int"_s, u"RSA:2048"_s, u"/CN=SoHoa Test Issuing CA/O=SoHoa Test"_s, u"ca"_s) &&
        issue(u"rsa2048"_s, u"RSA:2048"_s, u"/CN=Nguy\u1EC5n V\u0103n A/O=UBND X\u00E3 Th\u1EED"_s, u"signer"_s) &&
        issue(u"rsa3072"_s, u"RSA:3072"_s, u"/CN=Signer RSA 3072/O=SoHoa Test"_s, u"signer"_s) &&
        issue(u"ecp256"_s, u"EC:P-256"_s, u"/CN=Signer EC P-256/O=SoHoa Test"_s, u"signer"_s) &&
        issue(u"kenc"_s, u"RSA:2048"_s, u"/CN=Key Encipherment Only/O=SoHoa Test"_s, u"kenc"_s) &&
        issue(u"noku"_s, u"EC:P-256"_s, u"/CN=No Key Usage/O=SoHoa Test"_s, u"noku"_s) &&
        issue(u"tsa"_s, u"RSA:2048"_s, u"/CN=SoHoa Test TSA/O=SoHoa Test"_s, u"tsa"_s) && makeExpired() &&
        // Chain in the file root first: Pkcs12Key must put the issuing CA first.
        run({u"crl2pkcs7"_s, u"-nocrl"_s, u"-certfile"_s, rootPem(), u"-certfile"_s, issuingPem(), u"-out"_s,
             path(u"chain.p7"_s)}) &&
        run({u"pkcs7"_s, u"-in"_s, path(u"chain.p7"_s), u"-print_certs"_s, u"-out"_s, path(u"chain.pem"_s)});
    if (!made)
        return;
    for (const QString &name : {u"rsa2048"_s, u"rsa3072"_s, u"ecp256"_s, u"kenc"_s}) {
        if (!run({u"pkcs12"_s, u"-export"_s, u"-inkey"_s, path(name + u".key"), u"-in"_s, path(name + u".pem"),
                  u"-certfile"_s, path(u"chain.pem"_s), u"-name"_s, name, u"-passout"_s, pass, u"-out"_s,
                  path(name + u".p12")}))
            return;
    }
    run({u"pkcs12"_s, u"-export"_s, u"-inkey"_s, path(u"ecp256.key"_s), u"-in"_s, path(u"ecp256.pem"_s), u"-passout"_s,
         u"pass:"_s, u"-out"_s, path(u"nopass.p12"_s)});
    run({u"pkcs12"_s, u"-export"_s, u"-nokeys"_s, u"-in"_s, path(u"rsa2048.pem"_s), u"-passout"_s, pass, u"-out"_s,
         path(u"nokey.p12"_s)});
}

bool TestPki::run(const QStringList &args)
{
    const ToolResult r = runTool(QStringLiteral("openssl"), args, 60000);
    if (r.exitCode != 0 || r.crashed || r.timedOut) {
        m_error = u"openssl " + args.join(u' ') + u" failed: " + r.describe();
        return false;
    }
    return true;
}

bool TestPki::issue(const QString &name, const QString &keyAlg, const QString &subject, const QString &extensions)
{
    const QString alg = keyAlg.section(u':', 0, 0);
    const QString param = keyAlg.section(u':', 1);
    const QString opt = alg == u"RSA" ? QString(u"rsa_keygen_bits:" + param) : QString(u"ec_paramgen_curve:" + param);
    return run({u"genpkey"_s, u"-algorithm"_s, alg, u"-pkeyopt"_s, opt, u"-out"_s, path(name + u".key")}) &&
           run({u"req"_s, u"-new"_s, u"-utf8"_s, u"-key"_s, path(name + u".key"), u"-subj"_s, subject, u"-out"_s,
                path(name + u".csr")}) &&
           run({u"x509"_s, u"-req"_s, u"-in"_s, path(name + u".csr"), u"-CA"_s,
                name == u"int" ? rootPem() : issuingPem(), u"-CAkey"_s,
                path(name == u"int" ? u"root.key"_s : u"int.key"_s), u"-set_serial"_s,
                QString::number(0x1000 + qHash(name) % 0x10000), u"-days"_s, u"730"_s, u"-extfile"_s,
                path(u"ext.cnf"_s), u"-extensions"_s, extensions, u"-out"_s, path(name + u".pem")});
}

// `openssl x509 -req` cannot back-date: re-date a copy of the RSA-2048 signer's certificate.
bool TestPki::makeExpired()
{
    auto closeFile = [](FILE *f) {
        (void)fclose(f); // the written file is flushed and checked below
    };
    std::unique_ptr<FILE, decltype(closeFile)> certFile(fopen(qPrintable(path(u"rsa2048.pem"_s)), "r"), closeFile);
    std::unique_ptr<FILE, decltype(closeFile)> keyFile(fopen(qPrintable(path(u"int.key"_s)), "r"), closeFile);
    if (!certFile || !keyFile) {
        m_error = QStringLiteral("cannot read rsa2048.pem / int.key");
        return false;
    }
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_X509(certFile.get(), nullptr, nullptr, nullptr),
                                                     &X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_PrivateKey(keyFile.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    if (!cert || !key || !ASN1_TIME_set_string(X509_getm_notBefore(cert.get()), "20200101000000Z") ||
        !ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "20210101000000Z") ||
        X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
        m_error = QStringLiteral("cannot make the expired certificate");
        return false;
    }
    std::unique_ptr<FILE, decltype(closeFile)> out(fopen(qPrintable(path(u"expired.pem"_s)), "w"), closeFile);
    if (!out || PEM_write_X509(out.get(), cert.get()) != 1 || fflush(out.get()) != 0) {
        m_error = QStringLiteral("cannot write expired.pem");
        return false;
    }
    return true;
}

QByteArray TestPki::certDer(const QString &name) const
{
    QFile f(path(name + u".pem"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = f.readAll();
    const qsizetype begin = pem.indexOf("-----BEGIN CERTIFICATE-----");
    const qsizetype end = pem.indexOf("-----END CERTIFICATE-----");
    if (begin < 0 || end < 0)
        return {};
    const qsizetype bodyStart = begin + qsizetype(sizeof("-----BEGIN CERTIFICATE-----") - 1);
    return QByteArray::fromBase64(pem.mid(bodyStart, end - bodyStart).simplified().replace(' ', ""));
}

} // namespace sohoa::test
