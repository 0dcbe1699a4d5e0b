// Signing a batch as a job: the key's password is asked of the face once; a PDF password is asked for
// an encrypted input that needs one (and declining it only skips that file); a QR code too dense to read
// is refused for the whole batch before the key is opened; a cancel at any moment
// leaves every output either whole and valid (pdfsig) or absent, and no temporary; a job destroyed
// while signing stops cleanly.

#include "JobTestSupport.h"
#include "SigningFixtures.h"
#include "app/workflows/SignBatchJob.h"
#include "app/workflows/StampQrJob.h"
#include "core/common/Translations.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::workflows;
using namespace sohoa::test;

namespace {

QString corpus(const char *name)
{
    return QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/") + QString::fromLatin1(name);
}

const QString kUser = QStringLiteral("Mk-user-7391");
const QString kOwner = QStringLiteral("Mk-owner-2846");

// Everything in `dir` that is not one of the expected outputs.
QStringList strangers(const QString &dir, const QStringList &expected)
{
    QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &e : expected)
        names.removeAll(e);
    return names;
}

} // namespace

class TestSignBatchJob : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_inputs;
    QStringList m_files; // 24 inputs

    SignBatchRequest request(const QString &outDir, const QStringList &inputs) const
    {
        SignBatchRequest r;
        r.files = planSignOutputs(inputs, outDir + u'/').value();
        r.key = KeySource::pkcs12(m_ca.p12(QStringLiteral("signer")));
        return r;
    }

    static void answerKeyPassword(Job &job, int *asked = nullptr)
    {
        QObject::connect(&job, &Job::secretRequested, &job, [&job, asked](const SecretRequest &r) {
            if (r.kind != SecretRequest::Kind::KeyFilePassword)
                return;
            if (asked)
                ++*asked;
            job.provideSecret(SecureBuffer(TestCa::password()));
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("signer"), QStringLiteral("/CN=Văn thư/O=UBND xã"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        const char *sources[] = {"11-pages-with-labels.pdf", "V4.pdf", "annotations-rotated-180.pdf",
                                 "append-page-content.pdf"};
        for (int i = 0; i < 24; ++i) {
            const QString path = m_inputs.filePath(QStringLiteral("in-%1.pdf").arg(i, 2, 10, QLatin1Char('0')));
            QVERIFY(QFile::copy(corpus(sources[i % 4]), path));
            m_files.append(path);
        }
        SignBatchJob::registerMetaTypes();
    }

    void theKeyPasswordIsAskedOnceForTheWholeBatch()
    {
        QTemporaryDir out;
        SignBatchJob job(request(out.path(), m_files.mid(0, 4)));
        int asked = 0;
        answerKeyPassword(job, &asked);
        QSignalSpy signedFiles(&job, &SignBatchJob::fileSigned);
        QSignalSpy keyOpened(&job, &SignBatchJob::keyOpened);
        QCOMPARE(runJobToEnd(job), 1);
        QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
        QCOMPARE(asked, 1);
        QCOMPARE(keyOpened.size(), 1);
        QCOMPARE(signedFiles.size(), 4);
        QCOMPARE(job.summary().signedCount, 4);
        for (const QString &in : m_files.mid(0, 4)) {
            const auto report = pdfsigReport(QDir(out.path()).filePath(QFileInfo(in).fileName()));
            QVERIFY(!report.isEmpty());
            QVERIFY(report.last().valid && report.last().total);
        }
    }

    void aWrongKeyPasswordIsNotRetried()
    {
        QTemporaryDir out;
        SignBatchJob job(request(out.path(), m_files.mid(0, 2)));
        int asked = 0;
        connect(&job, &Job::secretRequested, this, [&] {
            ++asked;
            job.provideSecret(SecureBuffer(QByteArrayView("wrong")));
        });
        QSignalSpy signedFiles(&job, &SignBatchJob::fileSigned);
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::WrongPassword);
        QCOMPARE(asked, 1);
        QCOMPARE(signedFiles.size(), 0);
        QVERIFY(strangers(out.path(), {}).isEmpty());
    }

    void aDeclinedKeyPasswordEndsTheJob()
    {
        QTemporaryDir out;
        SignBatchJob job(request(out.path(), m_files.mid(0, 2)));
        connect(&job, &Job::secretRequested, this, [&] { job.declineSecret(); });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::Cancelled);
        QVERIFY(strangers(out.path(), {}).isEmpty());
    }

    // An encrypted input without a password in the request: its password is asked for (the others
    // are signed without a question); declined, that file alone stays unsigned.
    void anEncryptedInputsPasswordIsAskedForThatFile_data()
    {
        QTest::addColumn<QString>("answer"); // empty: declined
        QTest::addColumn<int>("signedCount");
        QTest::newRow("user password") << kUser << 3;
        QTest::newRow("owner password") << kOwner << 3;
        QTest::newRow("declined") << QString() << 2;
    }
    void anEncryptedInputsPasswordIsAskedForThatFile()
    {
        QFETCH(QString, answer);
        QFETCH(int, signedCount);
        QTemporaryDir dir;
        const QString encrypted = dir.filePath(QStringLiteral("encrypted.pdf"));
        const ToolResult enc =
            runTool(QStringLiteral("qpdf"), {QStringLiteral("--encrypt"), kUser, kOwner, QStringLiteral("256"),
                                             QStringLiteral("--"), corpus("11-pages-with-labels.pdf"), encrypted});
        QVERIFY2(enc.exitCode == 0, qPrintable(enc.describe()));
        QTemporaryDir out;
        SignBatchJob job(request(out.path(), {m_files.at(0), encrypted, m_files.at(1)}));
        QList<SecretRequest> questions;
        connect(&job, &Job::secretRequested, this, [&](const SecretRequest &r) {
            questions.append(r);
            if (r.kind == SecretRequest::Kind::KeyFilePassword)
                job.provideSecret(SecureBuffer(TestCa::password()));
            else if (answer.isEmpty())
                job.declineSecret();
            else
                job.provideSecret(SecureBuffer::fromString(answer));
        });
        QList<SignedFile> results;
        connect(&job, &SignBatchJob::fileSigned, this, [&](const SignedFile &f) { results.append(f); });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(questions.size(), 2);
        QCOMPARE(questions.at(1).kind, SecretRequest::Kind::PdfPassword);
        QCOMPARE(questions.at(1).subject, encrypted);
        QCOMPARE(results.size(), 3);
        QCOMPARE(job.summary().signedCount, signedCount);
        if (answer.isEmpty()) {
            QCOMPARE(results.at(1).result.error.code(), ErrorCode::PdfEncrypted);
            QCOMPARE(job.error().code(), ErrorCode::PdfEncrypted);
            QVERIFY(!QFile::exists(QDir(out.path()).filePath(QStringLiteral("encrypted.pdf"))));
        } else {
            QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
            const auto report = pdfsigReport(QDir(out.path()).filePath(QStringLiteral("encrypted.pdf")), nullptr, 60000,
                                             nullptr, {QStringLiteral("-opw"), kOwner});
            QVERIFY(!report.isEmpty() && report.last().valid);
        }
        QCOMPARE(results.at(2).result.error.code(), ErrorCode::None);
    }

    // A QR code whose squares would be under 0.33 mm (issue 10, item 7: 3000 characters at 20 mm) is one
    // answer for the batch, the one checkQrTemplate gives a face beforehand: no password asked, nothing
    // written; the sentence gives the module size and the smallest side that reads, in both languages.
    void aQrCodeTooDenseIsRefusedBeforeTheKey()
    {
        QrStampOptions qr;
        qr.payloadTemplate = QString(3000, u'A');
        qr.sizeMm = 20;
        const auto checked = checkQrTemplate(qr);
        QVERIFY(!checked);
        QCOMPARE(checked.error().code(), ErrorCode::QrTooDense);
        const auto matrix = encodeQr(qr.payloadTemplate, qr.level);
        QVERIFY(matrix);
        const double moduleMm = qrModuleMm(matrix.value(), 20);
        QVERIFY(moduleMm < kQrMinModuleMm);
        const QString en = checked.error().messageEn(), vi = checked.error().messageVi();
        for (const auto &[text, language] : {std::pair{en, Language::English}, std::pair{vi, Language::Vietnamese}}) {
            const QString module = localeOf(language).toString(moduleMm, 'f', 2) + QStringLiteral(" mm");
            const QString limit = localeOf(language).toString(kQrMinModuleMm, 'f', 2) + QStringLiteral(" mm");
            QVERIFY2(text.contains(module) && text.contains(limit), qPrintable(text));
        }
        QVERIFY2(vi.contains(QStringLiteral("rút ngắn nội dung")), qPrintable(vi));

        QTemporaryDir out;
        SignBatchRequest r = request(out.path(), m_files.mid(0, 2));
        r.qr = qr;
        SignBatchJob job(r);
        int asked = 0;
        answerKeyPassword(job, &asked);
        QSignalSpy signedFiles(&job, &SignBatchJob::fileSigned);
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::QrTooDense);
        QCOMPARE(job.error().messageEn(), en);
        QCOMPARE(asked, 0);
        QCOMPARE(signedFiles.size(), 0);
        QVERIFY(strangers(out.path(), {}).isEmpty());

        // At the side the sentence names, the same text passes.
        const QRegularExpressionMatch side = QRegularExpression(QStringLiteral("at least ([0-9.]+) mm")).match(en);
        QVERIFY2(side.hasMatch(), qPrintable(en));
        qr.sizeMm = side.captured(1).toDouble();
        QVERIFY(qr.sizeMm > 20);
        QVERIFY(checkQrTemplate(qr));
    }

    // From opening the key to the last file: every output is whole and valid or absent, no
    // temporary is left, exactly one finished().
    void cancelAtRandomMomentsLeavesNoPartialOutput()
    {
        QRandomGenerator random(replayableSeed());
        int cancelledTrials = 0;
        for (int trial = 0; trial < 6; ++trial) {
            QTemporaryDir out;
            SignBatchJob job(request(out.path(), m_files));
            answerKeyPassword(job);
            QSignalSpy finished(&job, &Job::finished);
            QStringList written;
            // The moment is a file count, not a time: a fast machine signs the 24 files in ~100 ms,
            // and a wait in milliseconds often came after the end. The first trial cancels at once.
            const int target = trial == 0 ? 0 : int(random.bounded(24));
            int seen = 0;
            connect(&job, &SignBatchJob::fileSigned, this, [&](const SignedFile &f) {
                if (!f.result.error.isError())
                    written.append(QFileInfo(f.result.output).fileName());
                if (++seen == target)
                    job.cancel();
            });
            job.start();
            if (target == 0)
                job.cancel();
            // The job may have ended during the wait above (finished() then came already).
            QVERIFY(!finished.isEmpty() || finished.wait(60000));
            QTest::qWait(20);
            QCOMPARE(finished.size(), 1);
            if (job.error().code() == ErrorCode::Cancelled)
                ++cancelledTrials;
            else
                QCOMPARE(job.error().code(), ErrorCode::None);
            QCOMPARE(job.summary().signedCount + job.summary().failedCount,
                     job.summary().signedCount == 0 && job.summary().failedCount == 0 ? 0 : 24);
            QVERIFY2(strangers(out.path(), written).isEmpty(), qPrintable(strangers(out.path(), written).join(u',')));
            QCOMPARE(QDir(out.path()).entryList(QDir::Files).size(), written.size());
            for (const QString &name : std::as_const(written)) {
                const auto report = pdfsigReport(QDir(out.path()).filePath(name));
                QVERIFY2(!report.isEmpty() && report.last().valid && report.last().total, qPrintable(name));
            }
        }
        QVERIFY(cancelledTrials > 0);
    }

    void aJobDestroyedWhileSigningStopsCleanly()
    {
        QTemporaryDir out;
        QStringList written;
        {
            SignBatchJob job(request(out.path(), m_files));
            answerKeyPassword(job);
            connect(&job, &SignBatchJob::fileSigned, this, [&](const SignedFile &f) {
                if (!f.result.error.isError())
                    written.append(QFileInfo(f.result.output).fileName());
            });
            job.start();
            QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty(), 60000);
        }
        QTest::qWait(50);
        const QStringList files = QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY(files.size() < 24);
        for (const QString &name : files) {
            const auto report = pdfsigReport(QDir(out.path()).filePath(name));
            QVERIFY2(!report.isEmpty() && report.last().valid, qPrintable(name));
        }
    }
};

int main(int argc, char **argv)
{
    // Signature appearances need fonts; this test signs invisibly, but the signer may still ask.
    QGuiApplication app(argc, argv);
    TestSignBatchJob test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestSignBatchJob.moc"
