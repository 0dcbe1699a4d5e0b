// An archival (PDF/A-2b) export stays PDF/A-2b once signed (issue 15): the signer's incremental update
// is judged by the rule checker on the final revision, and pdfsig still calls the signature valid.

#include "PdfaRules.h"
#include "SigningFixtures.h"

#include "core/pdf/PdfWriter.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs12Key.h"

#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QTest>
#include <QTimeZone>

using namespace sohoa;
using namespace sohoa::signing;
using namespace sohoa::test;

class TestArchivalSigning : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_work;
    std::unique_ptr<Pkcs12Key> m_key;
    QString m_archival;

    QString work(const QString &name) const { return m_work.filePath(name); }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("sohoa.signing.debug=false"));
        SOHOA_REQUIRE_TOOL("openssl");
        SOHOA_REQUIRE_TOOL("pdfsig");
        QVERIFY(m_work.isValid());
        m_work.setAutoRemove(qEnvironmentVariableIsEmpty("SOHOA_KEEP_TEST_OUTPUT"));
        const QString page = QStringLiteral(SOHOA_CORPUS_DIR "/scans/page-002.jpg");
        if (!QFileInfo::exists(page))
            QFAIL(qPrintable(QStringLiteral("the corpus is missing: %1").arg(page)));
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("signer"), QStringLiteral("/CN=Nguyễn Văn A/O=UBND xã Thử"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        auto key = Pkcs12Key::load(m_ca.p12(QStringLiteral("signer")), TestCa::password());
        QVERIFY2(key, qPrintable(key ? QString() : key.error().fullText()));
        m_key = std::move(key).value();

        // An archival export with a text layer, as the archival export makes it.
        PageText text;
        text.imageSize = QSize(1654, 2338);
        TextLine line;
        line.words = {{QStringLiteral(u"Độc"), QRectF(500, 300, 80, 40)},
                      {QStringLiteral(u"lập"), QRectF(600, 300, 70, 40)}};
        line.box = QRectF(500, 300, 170, 40);
        text.lines = {line};
        PdfMetadata meta;
        meta.title = QStringLiteral(u"Hồ sơ lưu trữ");
        meta.created = QDateTime(QDate(2026, 11, 21), QTime(14, 5, 9), QTimeZone(7 * 3600));
        meta.record.dossier = {{QStringLiteral("FileCode"), QStringLiteral("H15.2026.01")}};
        PdfWriteOptions options;
        options.archival = true;
        m_archival = work(QStringLiteral("archival.pdf"));
        const auto written = PdfWriter::write(m_archival, {{page, 0, 0, text}}, meta, options);
        QVERIFY2(written.ok(), qPrintable(written.error().fullText()));
        const QStringList before = pdfaViolations(m_archival);
        QVERIFY2(before.isEmpty(), qPrintable(before.join(u'\n')));
    }

    void signedArchivalStaysPdfa_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("invisible") << int(AppearanceKind::None);
        QTest::newRow("Decree 30 copy block") << int(AppearanceKind::Copy);
        QTest::newRow("Decree 30 attachment block") << int(AppearanceKind::Attachment);
    }
    void signedArchivalStaysPdfa()
    {
        QFETCH(int, kind);
        SignOptions options;
        options.appearance.kind = AppearanceKind(kind);
        options.appearance.organizationName = QStringLiteral(u"ỦY BAN NHÂN DÂN XÃ THỬ");
        options.appearance.documentNumber = QStringLiteral(u"Số: 708/QĐ-UBND");
        options.appearance.signingTime = QDateTime(QDate(2026, 11, 21), QTime(14, 5, 9), QTimeZone(7 * 3600));
        options.overwrite = true;
        const QString out = work(QStringLiteral("signed-%1.pdf").arg(kind));
        const SignResult r = PdfSigner(*m_key).signFile(m_archival, out, options);
        QVERIFY2(!r.error.isError(), qPrintable(r.error.fullText()));

        const QStringList violations = pdfaViolations(out);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));

        const ToolResult sig = runTool(QStringLiteral("pdfsig"), {out});
        QVERIFY2(sig.out.contains(QStringLiteral("Signature is Valid")), qPrintable(sig.describe()));
        QVERIFY2(sig.out.contains(QStringLiteral("Total document signed")), qPrintable(sig.describe()));

        // The checker does look at the signed revision's widget: one that would not print is flagged.
        QByteArray bytes = readFile(out);
        QVERIFY2(bytes.contains("/F 132 "), "the widget's flags are not Print + Locked");
        bytes.replace("/F 132 ", "/F 130 ");
        const QString hidden = work(QStringLiteral("hidden-widget.pdf"));
        QVERIFY(writeFile(hidden, bytes));
        const QString found = pdfaViolations(hidden).join(u'\n');
        QVERIFY2(found.contains(QStringLiteral("Print flag")) && found.contains(QStringLiteral("Hidden")),
                 qPrintable(found));
    }

    // A signer's block with a transparent signature image and seal (Decree 30: blue signature, red seal)
    // is drawn with soft masks: PDF/A-2 allows them, our stricter archival profile does not, and the
    // checker says so unless told to allow transparency.
    void transparentSealIsTheOnlyDifference()
    {
        QImage signature(300, 120, QImage::Format_ARGB32);
        signature.fill(Qt::transparent);
        QImage seal(420, 420, QImage::Format_ARGB32);
        seal.fill(Qt::transparent);
        {
            // Antialiased edges, as a scanned signature has: partial alpha, which Qt writes as a soft mask
            // (a binary alpha becomes a stencil /Mask, which is no transparency).
            QPainter p(&signature);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(0, 0, 200), 6));
            p.drawLine(20, 100, 280, 20);
            QPainter q(&seal);
            q.setRenderHint(QPainter::Antialiasing);
            q.setPen(QPen(QColor(220, 0, 0), 16));
            q.drawEllipse(QRectF(10, 10, 400, 400));
        }
        const QString signaturePng = work(QStringLiteral("signature.png"));
        const QString sealPng = work(QStringLiteral("seal.png"));
        QVERIFY(signature.save(signaturePng) && seal.save(sealPng));
        SignOptions options;
        options.appearance.kind = AppearanceKind::Organization;
        options.appearance.signerTitle = QStringLiteral(u"CHỦ TỊCH");
        options.appearance.signerName = QStringLiteral(u"Nguyễn Văn A");
        options.appearance.signatureImagePath = signaturePng;
        options.appearance.sealImagePath = sealPng;
        options.customPosition = true;
        options.corner = Corner::BottomRight;
        options.positionMm = QPointF(20, 20);
        options.overwrite = true;
        const QString out = work(QStringLiteral("signed-seal.pdf"));
        const SignResult r = PdfSigner(*m_key).signFile(m_archival, out, options);
        QVERIFY2(!r.error.isError(), qPrintable(r.error.fullText()));

        const QStringList strict = pdfaViolations(out);
        qInfo("strict profile: %s", qPrintable(strict.join(QStringLiteral("; "))));
        QVERIFY2(!strict.isEmpty(), "a transparent seal passed the no-transparency profile");
        for (const QString &v : strict)
            QVERIFY2(v.contains(QStringLiteral("soft mask")) || v.contains(QStringLiteral("transparency")) ||
                         v.contains(QStringLiteral("alpha")),
                     qPrintable(v));
        PdfaCheckOptions allow;
        allow.allowTransparency = true;
        const QStringList pdfa2 = pdfaViolations(out, allow);
        QVERIFY2(pdfa2.isEmpty(), qPrintable(pdfa2.join(u'\n')));
    }
};

QTEST_MAIN(TestArchivalSigning)
#include "TestArchivalSigning.moc"
