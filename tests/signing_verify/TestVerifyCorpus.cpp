// The validator over ../shared/corpus/pdf: every file (clean and broken) gets a verdict or a clean error,
// fast and without a crash; every clean file we can sign verifies VALID afterwards. And `sohoa-cli verify`
// itself: its JSON, its exit status (0 all valid, 1 not valid or unsigned, 2 unreadable), folders.

#include "SigningFixtures.h"

#include "signing/PdfSignatureValidator.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;

namespace {

QStringList corpusFiles(const char *kind)
{
    QDir dir(QStringLiteral(SOHOA_CORPUS_DIR "/pdf/") + QString::fromLatin1(kind));
    QStringList out;
    for (const QString &name : dir.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name))
        out.append(dir.filePath(name));
    return out;
}

} // namespace

class TestVerifyCorpus : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_work;
    std::shared_ptr<TrustStore> m_trust;

    PdfVerifyReport verify(const QString &file) const
    {
        RevocationPolicy rp;
        rp.offline = true;
        VerifyPolicy policy;
        policy.offline = true;
        return PdfSignatureValidator(m_trust, std::make_shared<RevocationChecker>(rp), policy).verify(file);
    }

private slots:
    void initTestCase()
    {
        if (corpusFiles("clean").size() < 50 || corpusFiles("broken").isEmpty())
            QFAIL("the PDF corpus (../shared/corpus/pdf/clean and broken) is missing");
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("signer"), QStringLiteral("/CN=Lê Văn C/O=Văn thư"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        m_trust = std::make_shared<TrustStore>();
        QVERIFY(m_trust->addPath(m_ca.path(QStringLiteral("root.pem"))));
    }

    void everyCorpusFileGetsAnAnswer()
    {
        const QStringList files = corpusFiles("clean") + corpusFiles("broken");
        int unsignedCount = 0, errors = 0;
        for (const QString &file : files) {
            QElapsedTimer clock;
            clock.start();
            const PdfVerifyReport r = verify(file);
            QVERIFY2(clock.elapsed() < 30000, qPrintable(file));
            if (r.kind == FileVerdict::Error) {
                ++errors;
                QVERIFY2(r.error.isError() && !r.error.messageVi().isEmpty(), qPrintable(file));
            } else if (r.kind == FileVerdict::Unsigned) {
                ++unsignedCount;
                QCOMPARE(r.statusId(), QStringLiteral("UNSIGNED"));
            } else {
                for (const SignatureReport &s : r.signatures)
                    QVERIFY2(!s.reasons.isEmpty() || s.verdict == SignatureVerdict::Valid, qPrintable(file));
            }
        }
        qInfo("%lld corpus files: %d unsigned, %d unreadable", qlonglong(files.size()), unsignedCount, errors);
        // Clean files are readable.
        for (const QString &file : corpusFiles("clean"))
            QVERIFY2(verify(file).kind != FileVerdict::Error || file.contains(u"bad"), qPrintable(file));
    }

    void everyCleanFileWeSignVerifiesValid()
    {
        auto key = Pkcs12Key::load(m_ca.p12(QStringLiteral("signer")), TestCa::password());
        QVERIFY(key);
        PdfSigner signer(*key.value());
        int signedCount = 0;
        QStringList refused;
        for (const QString &file : corpusFiles("clean")) {
            const QString out = m_work.filePath(QFileInfo(file).fileName());
            SignOptions options;
            const SignResult result = signer.signFile(file, out, options);
            if (result.error.isError()) {
                refused.append(QFileInfo(file).fileName() + QStringLiteral(": ") + result.error.id());
                continue;
            }
            ++signedCount;
            const PdfVerifyReport r = verify(out);
            QVERIFY2(r.kind == FileVerdict::Signed && !r.signatures.isEmpty(), qPrintable(out));
            const SignatureReport &ours = r.signatures.last();
            QVERIFY2(ours.verdict == SignatureVerdict::Valid,
                     qPrintable(out + QStringLiteral(": ") + verdictId(ours.verdict) + QStringLiteral(" ") +
                                (ours.reasons.isEmpty() ? QString() : ours.reasons.first().en) +
                                (ours.modifications.isEmpty() ? QString() : ours.modifications.first().en)));
            QVERIFY(ours.coversWholeFile);
        }
        qInfo("signed and verified %d clean corpus files; the signer refused %lld: %s", signedCount,
              qlonglong(refused.size()), qPrintable(refused.join(u", ")));
        QVERIFY(signedCount >= corpusFiles("clean").size() * 3 / 4);
    }

    void cliReportsJsonAndExitStatus()
    {
        const QString dir = m_work.filePath(QStringLiteral("cli"));
        QDir().mkpath(dir);
        auto key = Pkcs12Key::load(m_ca.p12(QStringLiteral("signer")), TestCa::password());
        QVERIFY(key);
        PdfSigner signer(*key.value());
        const QString source = corpusFiles("clean").constFirst();
        QVERIFY(!signer.signFile(source, dir + QStringLiteral("/a.pdf"), {}).error.isError());
        QVERIFY(!signer.signFile(source, dir + QStringLiteral("/b.pdf"), {}).error.isError());
        const QString trust = m_ca.path(QStringLiteral("root.pem"));

        ToolResult r = runCli({QStringLiteral("verify"), dir, QStringLiteral("--trust"), trust, QStringLiteral("--offline"),
                               QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QList<QJsonObject> files = r.events(QStringLiteral("file"));
        QCOMPARE(files.size(), 2);
        for (const QJsonObject &f : files) {
            QCOMPARE(f.value(QStringLiteral("status")).toString(), QStringLiteral("VALID"));
            const QJsonObject s = f.value(QStringLiteral("signatures")).toArray().first().toObject();
            for (const char *name : {"index", "field", "status", "reasons", "signer", "issuer", "signing_time",
                                    "time_trusted", "timestamp", "coverage", "modifications", "revocation"})
                QVERIFY2(s.contains(QString::fromLatin1(name)), name);
            QCOMPARE(s.value(QStringLiteral("signer")).toString(), QStringLiteral("Lê Văn C"));
        }
        QCOMPARE(r.events(QStringLiteral("summary")).value(0).value(QStringLiteral("valid")).toInt(), 2);

        // Without the root: intact but not trusted, exit 1.
        r = runCli({QStringLiteral("verify"), dir, QStringLiteral("--offline"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.events(QStringLiteral("file")).value(0).value(QStringLiteral("status")).toString(),
                 QStringLiteral("VALID_UNTRUSTED"));
        // An unsigned file is not valid.
        r = runCli({QStringLiteral("verify"), source, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.events(QStringLiteral("file")).value(0).value(QStringLiteral("status")).toString(),
                 QStringLiteral("UNSIGNED"));
        // An unreadable file: 2, with the others still reported.
        const QString junk = dir + QStringLiteral("/junk.pdf");
        QVERIFY(writeFile(junk, "not a pdf at all"));
        r = runCli({QStringLiteral("verify"), dir, QStringLiteral("--trust"), trust, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.events(QStringLiteral("file")).size(), 3);
        // A trust path that holds no certificate is a usage problem, said before any file is read.
        r = runCli({QStringLiteral("verify"), dir, QStringLiteral("--trust"), junk});
        QVERIFY(r.exitCode != 0 && r.exitCode != 1);
        // Human-readable output names the verdict and the signer.
        r = runCli({QStringLiteral("verify"), dir + QStringLiteral("/a.pdf"), QStringLiteral("--trust"), trust});
        QVERIFY2(r.out.contains(QStringLiteral("VALID")) && r.out.contains(QStringLiteral("Lê Văn C")), qPrintable(r.out));
        // The signed revision can be extracted.
        const QString extracted = m_work.filePath(QStringLiteral("revisions"));
        r = runCli({QStringLiteral("verify"), dir + QStringLiteral("/a.pdf"), QStringLiteral("--extract-signed-revision"),
                    extracted});
        QCOMPARE(QDir(extracted).entryList(QDir::Files).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestVerifyCorpus)
#include "TestVerifyCorpus.moc"
