#pragma once

// A throw-away PKI made with the `openssl` command line for one test run: a root and an issuing
// CA, signers (RSA-2048, RSA-3072, ECDSA P-256) as PKCS#12 files with their chain, a TSA
// certificate, and certificates that must be refused (expired, keyEncipherment only).

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace sohoa::test {

class TestPki
{
public:
    static const TestPki &instance(); // made on first use; check ok()

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QByteArray certDer(const QString &name) const; // name.pem as DER
    QString rootPem() const { return path(QStringLiteral("root.pem")); }
    QString issuingPem() const { return path(QStringLiteral("int.pem")); }

    static QByteArray password() { return QByteArrayLiteral("s3cret P@ss"); }

private:
    TestPki();
    bool run(const QStringList &args);
    bool issue(const QString &name, const QString &keyAlg, const QString &subject, const QString &extensions);
    bool makeExpired();

    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace sohoa::test
