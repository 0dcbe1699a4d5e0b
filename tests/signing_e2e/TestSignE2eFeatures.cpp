// `sohoa-cli sign` end to end: two successive signers, a timestamped (B-T) signature from a local
// RFC 3161 server process, locked and removed tokens (a fault-injecting PKCS#11 shim over
// SoftHSM2), visible signer/organization appearances with PNG images, a /NeedAppearances form,
// batch-wide option errors, certified (DocMDP) inputs and `--certify`, password-encrypted inputs,
// adbe.pkcs7.detached, and an expired certificate. Judged by pdfsig, qpdf, pdftotext, pdffonts, pdfimages and openssl.

#include "SigningFixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using namespace sohoa::test;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

// A one-page document certified with DocMDP level `p` (ISO 32000-1 §12.8.2.2): /Perms /DocMDP names
// a certification signature whose /Reference carries the DocMDP transform. Written by hand (the
// certification's /Contents is a placeholder: only its permissions matter here) and rewritten by
// qpdf so that its cross-reference table is exact.
bool makeCertifiedPdf(const QString &path, int p, QString *error)
{
    const QByteArray raw = "%PDF-1.7\n"
                           "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >>"
                           " /Perms << /DocMDP 5 0 R >> >>\nendobj\n"
                           "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                           "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>\nendobj\n"
                           "4 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (Certification) /Rect [0 0 0 0]"
                           " /F 132 /P 3 0 R /V 5 0 R >>\nendobj\n"
                           "5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached"
                           " /M (D:20260101000000+07'00') /Reference [ << /Type /SigRef /TransformMethod /DocMDP"
                           " /TransformParams << /Type /TransformParams /P " +
                           QByteArray::number(p) +
                           " /V /1.2 >> >> ] /ByteRange [0 10 20 10] /Contents <00> >>\nendobj\n"
                           "trailer\n<< /Root 1 0 R /Size 6 >>\n%%EOF\n";
    const QString draft = path + QStringLiteral(".draft");
    if (!writeFile(draft, raw)) {
        *error = QStringLiteral("cannot write ") + draft;
        return false;
    }
    const ToolResult r = runTool(QStringLiteral("qpdf"), {QStringLiteral("--object-streams=disable"), draft, path});
    if ((r.exitCode != 0 && r.exitCode != 3) || !QFileInfo::exists(path)) {
        *error = r.describe();
        return false;
    }
    return true;
}

// /NeedAppearances true in any object (the AcroForm may be direct in the catalog).
bool hasNeedAppearancesFlag(const QJsonObject &objects)
{
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        const QJsonObject value = it.value().toObject().value(QStringLiteral("value")).toObject();
        if (value.value(QStringLiteral("/NeedAppearances")) == QJsonValue(true))
            return true;
        const QJsonObject acroForm = value.value(QStringLiteral("/AcroForm")).toObject();
        if (acroForm.value(QStringLiteral("/NeedAppearances")) == QJsonValue(true))
            return true;
    }
    return false;
}

} // namespace

class TestSignE2eFeatures : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_work;

    QStringList p12Args(const QString &name) const
    {
        return {QStringLiteral("--p12"), m_ca.p12(name), QStringLiteral("--pin-env"),
                QStringLiteral("SOHOA_E2E_PASSWORD")};
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"openssl", "pdfsig", "qpdf", "pdfinfo", "pdfimages", "pdftotext", "pdffonts",
                                 "softhsm2-util", "pkcs11-tool"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("required tool '%1' is not installed").arg(QString::fromLatin1(tool))));
        }
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("first"), QStringLiteral("/CN=Nguyễn Văn A/O=UBND xã Thử"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("second"), QStringLiteral("/CN=Trần Thị B/O=Sở Tư pháp"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("expired"), QStringLiteral("/CN=Expired Signer/O=SoHoa Test"),
                            QStringLiteral("signer_ext"), &error, QStringLiteral("20200101000000Z"),
                            QStringLiteral("20210101000000Z")),
                 qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("tsa"), QStringLiteral("/CN=SoHoa E2E TSA/O=SoHoa Test"),
                            QStringLiteral("tsa_ext"), &error),
                 qPrintable(error));
        qputenv("SOHOA_E2E_PASSWORD", TestCa::password());
    }

    // Issue item 3: sign, then sign the output with another key.
    void twoSuccessiveSigners()
    {
        const QString once = m_work.filePath(QStringLiteral("once.pdf"));
        const QString twice = m_work.filePath(QStringLiteral("twice.pdf"));
        const ToolResult a = runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("11-pages-with-labels.pdf"),
                                                QStringLiteral("--out"), once} +
                                    p12Args(QStringLiteral("first")));
        QVERIFY2(a.exitCode == 0, qPrintable(a.describe()));
        const ToolResult b = runCli(QStringList{QStringLiteral("sign"), once, QStringLiteral("--out"), twice,
                                                QStringLiteral("--appearance"), QStringLiteral("attachment"),
                                                QStringLiteral("--organization"), QStringLiteral("Sở Tư pháp"),
                                                QStringLiteral("--doc-number"), QStringLiteral("12/QĐ-STP")} +
                                    p12Args(QStringLiteral("second")));
        QVERIFY2(b.exitCode == 0, qPrintable(b.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(twice, &raw);
        QCOMPARE(sigs.size(), 2);
        QVERIFY2(sigs.at(0).valid && !sigs.at(0).total, qPrintable(raw));
        QVERIFY2(sigs.at(1).valid && sigs.at(1).total, qPrintable(raw));
        QVERIFY2(sigs.at(0).text.contains(QStringLiteral("Nguyễn Văn A")), qPrintable(raw));
        QVERIFY2(sigs.at(1).text.contains(QStringLiteral("Trần Thị B")), qPrintable(raw));
        QCOMPARE(qpdfCheckRank(twice), 0);
    }

    // Issue item 4: PAdES B-T with --tsa from a local RFC 3161 server; a dead TSA port.
    void timestampedSignature()
    {
        QProcess tsa;
        tsa.start(QStringLiteral(SOHOA_TSA_RESPONDER),
                  {m_ca.path(QStringLiteral("tsa.key")), m_ca.path(QStringLiteral("tsa.pem")),
                   m_ca.path(QStringLiteral("root.pem"))});
        QVERIFY(tsa.waitForStarted(10000));
        QVERIFY(tsa.waitForReadyRead(10000));
        const QByteArray line = tsa.readLine().trimmed();
        QVERIFY2(line.startsWith("PORT "), line.constData());
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(QString::fromLatin1(line.mid(5)));

        const QString output = m_work.filePath(QStringLiteral("bt.pdf"));
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), QStringLiteral("--out"), output,
                               QStringLiteral("--tsa"), url, QStringLiteral("--json")} +
                   p12Args(QStringLiteral("first")));
        tsa.closeWriteChannel();
        QVERIFY(tsa.waitForFinished(10000));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(tsa.readAllStandardError())));
        QCOMPARE(r.events(QStringLiteral("signed")).value(0).value(QStringLiteral("timestamped")).toBool(), true);
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QCOMPARE(sigs.size(), 1);
        QVERIFY2(sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));

        // The CMS as pdfsig extracts it carries the signature-time-stamp unsigned attribute.
        QTemporaryDir dump;
        QProcess p;
        p.setWorkingDirectory(dump.path());
        p.start(QStringLiteral("pdfsig"), {QStringLiteral("-nocert"), QStringLiteral("-dump"), output});
        QVERIFY(p.waitForFinished(60000));
        const QStringList dumped = filesIn(dump.path());
        QCOMPARE(dumped.size(), 1);
        const ToolResult cms = runTool(QStringLiteral("openssl"),
                                       {QStringLiteral("cms"), QStringLiteral("-cmsout"), QStringLiteral("-print"),
                                        QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
                                        dump.filePath(dumped.at(0))});
        QVERIFY2(cms.exitCode == 0, qPrintable(cms.describe()));
        QVERIFY2(cms.out.contains(QStringLiteral("id-smime-aa-timeStampToken")) ||
                     cms.out.contains(QStringLiteral("1.2.840.113549.1.9.16.2.14")),
                 qPrintable(cms.out.left(6000)));

        // A TSA port where nobody listens: a typed error, nothing written.
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            deadPort = probe.serverPort();
        }
        const QString deadOutput = m_work.filePath(QStringLiteral("dead-tsa/out.pdf"));
        QDir().mkpath(m_work.filePath(QStringLiteral("dead-tsa")));
        const ToolResult dead =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), QStringLiteral("--out"), deadOutput,
                               QStringLiteral("--tsa"), QStringLiteral("http://127.0.0.1:%1/").arg(deadPort),
                               QStringLiteral("--json")} +
                   p12Args(QStringLiteral("first")));
        QCOMPARE(dead.exitCode, 7);
        QCOMPARE(signedEventErrorId(dead.events(QStringLiteral("signed")).value(0)),
                 QStringLiteral("timestamp-failed"));
        QCOMPARE(filesIn(m_work.filePath(QStringLiteral("dead-tsa"))), QStringList());
    }

    // Issue item 5: a locked token, and a token pulled out in the middle of a batch.
    void lockedAndRemovedToken()
    {
        const QString module = SoftHsmToken::softHsmModule();
        if (!QFile::exists(module))
            QFAIL("SoftHSM2 module missing (scripts/install-deps.sh test installs softhsm2)");
        SoftHsmToken token;
        QString error;
        QVERIFY2(token.make(m_ca, QStringLiteral("first"), &error), qPrintable(error));
        qputenv("SOHOA_E2E_PIN", "1234");
        const QStringList inputs{cleanCorpusPdf("minimal-9.pdf"), cleanCorpusPdf("good4.pdf"),
                                 cleanCorpusPdf("good9.pdf"), cleanCorpusPdf("good11.pdf"),
                                 cleanCorpusPdf("good16.pdf")};
        const QStringList tokenArgs{QStringLiteral("--pkcs11-module"), QStringLiteral(SOHOA_FAULT_PKCS11),
                                    QStringLiteral("--token"),         QStringLiteral("van-thu"),
                                    QStringLiteral("--key"),           QStringLiteral("ky-so"),
                                    QStringLiteral("--pin-env"),       QStringLiteral("SOHOA_E2E_PIN"),
                                    QStringLiteral("--json")};
        {
            // The shim itself, without faults, signs (so the failures below are the faults).
            QTemporaryDir out;
            const ToolResult ok = runCli(
                QStringList{QStringLiteral("sign"), inputs.at(0), QStringLiteral("--out"), out.path()} + tokenArgs);
            QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        }
        {
            ScopedEnv locked("SOHOA_SHIM_LOGIN_LOCKED", "1");
            QTemporaryDir out;
            const ToolResult r = runCli(QStringList{QStringLiteral("sign")} + inputs +
                                        QStringList{QStringLiteral("--out"), out.path()} + tokenArgs);
            QCOMPARE(r.exitCode, 7);
            const QJsonObject e = r.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
            QCOMPARE(e.value(QStringLiteral("id")).toString(), QStringLiteral("pin-locked"));
            QVERIFY(!e.value(QStringLiteral("message_en")).toString().isEmpty());
            QVERIFY(!e.value(QStringLiteral("message_vi")).toString().isEmpty());
            QVERIFY2(r.err.contains(QStringLiteral("pin-locked")), qPrintable(r.describe()));
            QCOMPARE(filesIn(out.path()), QStringList());
        }
        {
            ScopedEnv removeAfter("SOHOA_SHIM_REMOVE_AFTER_SIGNS", "2");
            QTemporaryDir out;
            const ToolResult r = runCli(QStringList{QStringLiteral("sign")} + inputs +
                                        QStringList{QStringLiteral("--out"), out.path()} + tokenArgs);
            QVERIFY2(r.exitCode != 0 && !r.crashed, qPrintable(r.describe()));
            QCOMPARE(r.exitCode, 7);
            const auto results = r.events(QStringLiteral("signed"));
            QCOMPARE(results.size(), inputs.size());
            for (qsizetype i = 0; i < results.size(); ++i) {
                const QJsonObject &e = results.at(i);
                if (i < 2) {
                    QCOMPARE(e.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
                } else {
                    QCOMPARE(e.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
                    QCOMPARE(signedEventErrorId(e), QStringLiteral("token-removed"));
                }
            }
            const QJsonObject summary = r.events(QStringLiteral("summary")).value(0);
            QCOMPARE(summary.value(QStringLiteral("signed")).toInt(), 2);
            QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 3);
            QStringList expected{QFileInfo(inputs.at(0)).fileName(), QFileInfo(inputs.at(1)).fileName()};
            expected.sort();
            QCOMPARE(filesIn(out.path()), expected);
            for (int i = 0; i < 2; ++i) {
                QString raw;
                const QList<PdfSigEntry> sigs = pdfsigReport(out.filePath(QFileInfo(inputs.at(i)).fileName()), &raw);
                QVERIFY2(!sigs.isEmpty() && sigs.constLast().valid && sigs.constLast().total, qPrintable(raw));
            }
        }
    }

    // Issue item 6: visible signer / organization signatures with transparent PNGs, placed.
    void visibleAppearances_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("signer") << QStringLiteral("signer");
        QTest::newRow("organization") << QStringLiteral("organization");
    }

    void visibleAppearances()
    {
        QFETCH(QString, kind);
        const QString signature = m_work.filePath(QStringLiteral("signature.png"));
        const QString seal = m_work.filePath(QStringLiteral("seal.png"));
        {
            QImage img(600, 240, QImage::Format_ARGB32);
            img.fill(Qt::transparent);
            img.setDotsPerMeterX(11811); // 300 dpi: 51 x 20 mm
            img.setDotsPerMeterY(11811);
            QPainter p(&img);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(20, 40, 200), 10, Qt::SolidLine, Qt::RoundCap));
            QPainterPath path(QPointF(30, 180));
            path.cubicTo(QPointF(150, 20), QPointF(250, 230), QPointF(350, 80));
            path.cubicTo(QPointF(420, 20), QPointF(480, 200), QPointF(570, 60));
            p.drawPath(path);
            p.end();
            QVERIFY(img.save(signature));
            QImage ring(420, 420, QImage::Format_ARGB32);
            ring.fill(Qt::transparent);
            ring.setDotsPerMeterX(11811); // 35.6 mm, a seal's real size
            ring.setDotsPerMeterY(11811);
            QPainter q(&ring);
            q.setRenderHint(QPainter::Antialiasing);
            q.setPen(QPen(QColor(220, 20, 30), 18));
            q.drawEllipse(QRectF(15, 15, 390, 390));
            q.drawEllipse(QRectF(70, 70, 280, 280));
            q.end();
            QVERIFY(ring.save(seal));
        }
        const QString input = cleanCorpusPdf("11-pages-with-labels.pdf");
        const int pages = pdfPageCount(input);
        QCOMPARE(pages, 11);
        const QString output = m_work.filePath(kind + u".pdf");
        QStringList args{QStringLiteral("sign"),
                         input,
                         QStringLiteral("--out"),
                         output,
                         QStringLiteral("--appearance"),
                         kind,
                         QStringLiteral("--signer-title"),
                         QStringLiteral("KT. GIÁM ĐỐC"),
                         QStringLiteral("--signer-name"),
                         QStringLiteral("Nguyễn Văn A"),
                         QStringLiteral("--signature-image"),
                         signature,
                         QStringLiteral("--page"),
                         QStringLiteral("last"),
                         QStringLiteral("--corner"),
                         QStringLiteral("bottom-right"),
                         QStringLiteral("--offset-mm"),
                         QStringLiteral("20,30")};
        int images = 1;
        if (kind == u"organization") {
            args << QStringLiteral("--seal-image") << seal << QStringLiteral("--organization")
                 << QStringLiteral("UBND xã Thử");
            images = 2;
        }
        const ToolResult r = runCli(args + p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QCOMPARE(sigs.size(), 1);
        QVERIFY2(sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);

        // Title and name: real text, exact Vietnamese, in embedded Liberation Serif Bold (2.x: 1.07
        // has no Vietnamese letters, so the exact text back proves the face).
        const ToolResult text =
            runTool(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QString::number(pages), QStringLiteral("-l"),
                                                  QString::number(pages), output, QStringLiteral("-")});
        const QString lastPage = text.out.normalized(QString::NormalizationForm_C);
        QVERIFY2(lastPage.contains(QStringLiteral("KT. GIÁM ĐỐC")), qPrintable(lastPage));
        QVERIFY2(lastPage.contains(QStringLiteral("Nguyễn Văn A")), qPrintable(lastPage));
        const ToolResult fonts =
            runTool(QStringLiteral("pdffonts"), {QStringLiteral("-f"), QString::number(pages), QStringLiteral("-l"),
                                                 QString::number(pages), output});
        QVERIFY2(
            fonts.out.contains(QRegularExpression(QStringLiteral("[A-Z]{6}\\+LiberationSerif-Bold\\s.*\\byes\\s+yes"))),
            qPrintable(fonts.out));

        // pdfimages: the images, each with its soft mask, on the last page only.
        auto imageRows = [](const QString &pdf) {
            QList<QStringList> rows;
            const ToolResult l = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
            for (const QString &line : l.lines().mid(2))
                rows << line.split(u' ', Qt::SkipEmptyParts);
            return rows;
        };
        const QList<QStringList> before = imageRows(input);
        const QList<QStringList> after = imageRows(output);
        auto count = [](const QList<QStringList> &rows, int page, const QString &type) {
            int n = 0;
            for (const QStringList &row : rows)
                n += row.size() > 2 && row.at(0).toInt() == page && row.at(2) == type;
            return n;
        };
        QString listing;
        for (const QStringList &row : after)
            listing += row.join(u' ') + u'\n';
        QCOMPARE(after.size() - before.size(), qsizetype(2 * images));
        QVERIFY2(count(after, pages, QStringLiteral("image")) - count(before, pages, QStringLiteral("image")) == images,
                 qPrintable(listing));
        QVERIFY2(count(after, pages, QStringLiteral("smask")) - count(before, pages, QStringLiteral("smask")) == images,
                 qPrintable(listing));

        // The widget: on the last page, its bottom-right corner 20 mm from the right, 30 mm from the bottom.
        const QJsonObject objects = qpdfObjects(output);
        const auto widget = newestSignatureWidget(objects);
        QVERIFY(widget.has_value());
        const ToolResult pagesJson =
            runTool(QStringLiteral("qpdf"), {QStringLiteral("--json=2"), QStringLiteral("--json-key=pages"), output});
        const QJsonArray pageList =
            QJsonDocument::fromJson(pagesJson.out.toUtf8()).object().value(QStringLiteral("pages")).toArray();
        QCOMPARE(pageList.size(), qsizetype(pages));
        QCOMPARE(widget->pageRef, pageList.last().toObject().value(QStringLiteral("object")).toString());
        const auto geometry = pageGeometry(output, pages);
        QVERIFY(geometry.has_value());
        const QRectF rect = widget->rect;
        const QString where = QStringLiteral("rect %1 %2 %3 %4 on crop box %5 %6 %7 %8")
                                  .arg(rect.left())
                                  .arg(rect.top())
                                  .arg(rect.right())
                                  .arg(rect.bottom())
                                  .arg(geometry->cropBox.left())
                                  .arg(geometry->cropBox.top())
                                  .arg(geometry->cropBox.right())
                                  .arg(geometry->cropBox.bottom());
        // QRectF::top() is the smaller y: the bottom edge in PDF user space.
        QVERIFY2(qAbs(rect.right() - (geometry->cropBox.right() - 20 * kPtPerMm)) <= 1.0, qPrintable(where));
        QVERIFY2(qAbs(rect.top() - (geometry->cropBox.top() + 30 * kPtPerMm)) <= 1.0, qPrintable(where));
        QVERIFY2(rect.width() > 10 && rect.height() > 10, qPrintable(where));
    }

    // Decree 30: the copy block sits at the top right of page 1 as the page is displayed. On a page
    // with /Rotate 180 that is the bottom left of the unrotated user space.
    void copyBlockOnRotatedPage()
    {
        const QString input = cleanCorpusPdf("minimal-rotated.pdf");
        const auto geometry = pageGeometry(input, 1);
        QVERIFY(geometry.has_value());
        QCOMPARE(geometry->rotate, 180);
        const QString output = m_work.filePath(QStringLiteral("rotated.pdf"));
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output,
                                                QStringLiteral("--appearance"), QStringLiteral("copy"),
                                                QStringLiteral("--organization"), QStringLiteral("Sở Tư pháp")} +
                                    p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        const auto widget = newestSignatureWidget(qpdfObjects(output));
        QVERIFY(widget.has_value());
        const QPointF c = widget->rect.center();
        // /Rotate 180: the displayed top right is the user-space bottom left; the form /Matrix turns the block upright.
        QVERIFY2(c.x() < geometry->cropBox.center().x() && c.y() < geometry->cropBox.center().y(),
                 qPrintable(QStringLiteral("block centre %1,%2").arg(c.x()).arg(c.y())));
    }

    void copyBlockOnQuarterTurnedPages_data()
    {
        QTest::addColumn<int>("rotate");
        QTest::addColumn<bool>("left"); // expected user-space side of the block centre
        QTest::addColumn<bool>("top");
        // Displayed top right: /Rotate 90 → user top left; /Rotate 270 → user bottom right.
        QTest::newRow("90") << 90 << true << true;
        QTest::newRow("270") << 270 << false << false;
    }
    void copyBlockOnQuarterTurnedPages()
    {
        QFETCH(int, rotate);
        QFETCH(bool, left);
        QFETCH(bool, top);
        const QString input = m_work.filePath(QStringLiteral("turned-%1.pdf").arg(rotate));
        QCOMPARE(runTool(QStringLiteral("qpdf"),
                         {QStringLiteral("--rotate=+%1").arg(rotate), cleanCorpusPdf("minimal-9.pdf"), input})
                     .exitCode,
                 0);
        const auto geometry = pageGeometry(input, 1);
        QVERIFY(geometry.has_value());
        QCOMPARE(geometry->rotate, rotate);
        const QString output = m_work.filePath(QStringLiteral("turned-%1-signed.pdf").arg(rotate));
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output,
                                                QStringLiteral("--appearance"), QStringLiteral("copy"),
                                                QStringLiteral("--organization"), QStringLiteral("Sở Tư pháp")} +
                                    p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        const auto widget = newestSignatureWidget(qpdfObjects(output));
        QVERIFY(widget.has_value());
        const QPointF c = widget->rect.center();
        QCOMPARE(c.x() < geometry->cropBox.center().x(), left);
        QCOMPARE(c.y() > geometry->cropBox.center().y(), top);
        // The block is taller than wide in user space: it is drawn turned with the page.
        QVERIFY(widget->rect.height() > widget->rect.width());
    }

    // A form with /NeedAppearances true: the fields get appearances that show their values (qpdf
    // generates them inside the signed update), the flag is gone, and the input's fields are intact.
    void needAppearancesFormKeepsFieldValues()
    {
        const QString input = cleanCorpusPdf("field-types.pdf");
        const QString output = m_work.filePath(QStringLiteral("field-types-signed.pdf"));
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output,
                                                QStringLiteral("--appearance"), QStringLiteral("copy"),
                                                QStringLiteral("--organization"), QStringLiteral("Sở Tư pháp")} +
                                    p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);

        const ToolResult dump =
            runTool(QStringLiteral("qpdf"), {QStringLiteral("--json=2"), QStringLiteral("--json-key=qpdf"),
                                             QStringLiteral("--json-stream-data=inline"),
                                             QStringLiteral("--decode-level=generalized"), output});
        const QJsonArray qpdf =
            QJsonDocument::fromJson(dump.out.toUtf8()).object().value(QStringLiteral("qpdf")).toArray();
        QVERIFY(qpdf.size() > 1);
        const QJsonObject objects = qpdf.at(1).toObject();
        // The normal appearance of the field named `name`, decoded.
        auto appearanceOf = [&](const QString &name) -> QByteArray {
            for (auto it = objects.begin(); it != objects.end(); ++it) {
                const QJsonObject dict = it.value().toObject().value(QStringLiteral("value")).toObject();
                if (dict.value(QStringLiteral("/T")).toString() != u"u:" + name)
                    continue;
                const QJsonValue n =
                    resolved(objects, dict.value(QStringLiteral("/AP"))).toObject().value(QStringLiteral("/N"));
                const QJsonObject stream =
                    objects.value(u"obj:" + n.toString()).toObject().value(QStringLiteral("stream")).toObject();
                return QByteArray::fromBase64(stream.value(QStringLiteral("data")).toString().toLatin1());
            }
            return QByteArray();
        };
        const QByteArray text2 = appearanceOf(QStringLiteral("text2")); // value "salad πʬ"
        QVERIFY2(text2.contains("(salad") && text2.contains("Tj"), text2.constData());
        const QByteArray list1 = appearanceOf(QStringLiteral("list1")); // a list box: its options
        QVERIFY2(list1.contains("(five)") && list1.contains("(eight)"), list1.constData());
        QVERIFY(!hasNeedAppearancesFlag(objects));
        QVERIFY(hasNeedAppearancesFlag(qpdfObjects(input)));
        // The earlier revision is untouched: the input's bytes start the output.
        QFile in(input), out(output);
        QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::ReadOnly));
        const QByteArray original = in.readAll();
        QCOMPARE(out.read(original.size()), original);
    }

    // Options every file of a batch needs are refused once, before the key is opened or a file signed.
    void appearanceOptionsRefusedBeforeTheBatch_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("missing");
        QTest::newRow("copy without organization")
            << QStringList{QStringLiteral("--appearance"), QStringLiteral("copy")} << QStringLiteral("--organization");
        QTest::newRow("attachment without doc-number")
            << QStringList{QStringLiteral("--appearance"), QStringLiteral("attachment")}
            << QStringLiteral("--doc-number");
        QTest::newRow("signer without signature image")
            << QStringList{QStringLiteral("--appearance"), QStringLiteral("signer"), QStringLiteral("--signer-name"),
                           QStringLiteral("Nguyễn Văn A")}
            << QStringLiteral("--signature-image");
        QTest::newRow("organization without seal")
            << QStringList{QStringLiteral("--appearance"), QStringLiteral("organization"),
                           QStringLiteral("--signature-image"), QStringLiteral(SOHOA_CORPUS_DIR "/real-scans/linn.png")}
            << QStringLiteral("--seal-image");
        QTest::newRow("copy with an unknown copy form")
            << QStringList{QStringLiteral("--appearance"),   QStringLiteral("copy"),
                           QStringLiteral("--organization"), QStringLiteral("Sở Tư pháp"),
                           QStringLiteral("--copy-form"),    QStringLiteral("BẢN SAO")}
            << QStringLiteral("BẢN SAO");
    }

    void appearanceOptionsRefusedBeforeTheBatch()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, missing);
        QTemporaryDir out;
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), cleanCorpusPdf("minimal-9.pdf"),
                               cleanCorpusPdf("11-pages-with-labels.pdf"), QStringLiteral("--out"), out.path(),
                               QStringLiteral("--json")} +
                   options + p12Args(QStringLiteral("first")));
        QCOMPARE(r.exitCode, 2);
        // One message for the batch: no per-file results, no summary.
        const QList<QJsonObject> all = r.json();
        QVERIFY2(all.size() == 1, qPrintable(r.describe()));
        QCOMPARE(all.at(0).value(QStringLiteral("event")).toString(), QStringLiteral("error"));
        const QJsonObject error = all.at(0).value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("id")).toString(), QStringLiteral("invalid-argument"));
        QVERIFY2(error.value(QStringLiteral("detail")).toString().contains(missing), qPrintable(r.describe()));
        QCOMPARE(filesIn(out.path()), QStringList());
        // Without --json: the option named on stderr in both languages (the Vietnamese line, then the
        // English one), nothing on stdout.
        const ToolResult plain =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), cleanCorpusPdf("minimal-9.pdf"),
                               QStringLiteral("--out"), out.path()} +
                   options + p12Args(QStringLiteral("first")));
        QCOMPARE(plain.exitCode, 2);
        QVERIFY2(plain.out.trimmed().isEmpty(), qPrintable(plain.describe()));
        QCOMPARE(plain.err.count(missing), 2);
        QCOMPARE(filesIn(out.path()), QStringList());
    }

    // A certified document (DocMDP): level 1 forbids any change, so also a new signature; levels 2
    // (form filling and signing) and 3 (also annotations) allow it.
    void certifiedDocuments_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("P=1 no changes") << 1 << false;
        QTest::newRow("P=2 form filling and signing") << 2 << true;
        QTest::newRow("P=3 also annotations") << 3 << true;
    }

    void certifiedDocuments()
    {
        QFETCH(int, level);
        QFETCH(bool, allowed);
        const QString input = m_work.filePath(QStringLiteral("certified-%1.pdf").arg(level));
        QString error;
        QVERIFY2(makeCertifiedPdf(input, level, &error), qPrintable(error));
        QCOMPARE(qpdfCheckRank(input), 0);
        QTemporaryDir out;
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), out.path(),
                               QStringLiteral("--appearance"), QStringLiteral("copy"), QStringLiteral("--organization"),
                               QStringLiteral("Sở Tư pháp"), QStringLiteral("--json")} +
                   p12Args(QStringLiteral("first")));
        const QString output = out.filePath(QFileInfo(input).fileName());
        if (!allowed) {
            QCOMPARE(r.exitCode, 6);
            const QJsonObject event = r.events(QStringLiteral("signed")).value(0);
            QCOMPARE(signedEventErrorId(event), QStringLiteral("pdf-certified-no-changes"));
            const QJsonObject e = event.value(QStringLiteral("error")).toObject();
            QVERIFY(e.value(QStringLiteral("message_en")).toString().contains(QStringLiteral("no changes allowed")));
            QVERIFY(e.value(QStringLiteral("message_vi")).toString().contains(QStringLiteral("không cho phép")));
            QCOMPARE(filesIn(out.path()), QStringList());
            return;
        }
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 2, qPrintable(raw)); // the (placeholder) certification and ours
        QVERIFY2(sigs.at(1).valid && sigs.at(1).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);
        // The certification stays in force: /Perms still names it.
        const QJsonObject objects = qpdfObjects(output);
        bool perms = false;
        for (auto it = objects.begin(); it != objects.end(); ++it)
            perms = perms ||
                    it.value().toObject().value(QStringLiteral("value")).toObject().contains(QStringLiteral("/Perms"));
        QVERIFY(perms);
    }

    // `sign --certify N`: a certification signature that pdfsig accepts and the catalog names with
    // its level; certifying again is refused (a certification comes first), and so is a level
    // other than 1, 2 or 3.
    void certifyOption()
    {
        const QString certified = m_work.filePath(QStringLiteral("certify-3.pdf"));
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), QStringLiteral("--out"), certified,
                               QStringLiteral("--certify"), QStringLiteral("3"), QStringLiteral("--json")} +
                   p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(certified, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(certified), 0);
        const QJsonObject objects = qpdfObjects(certified);
        QString permsRef;
        for (auto it = objects.begin(); it != objects.end(); ++it) {
            const QJsonObject value = it.value().toObject().value(QStringLiteral("value")).toObject();
            const QJsonObject perms = resolved(objects, value.value(QStringLiteral("/Perms"))).toObject();
            if (perms.contains(QStringLiteral("/DocMDP")))
                permsRef = perms.value(QStringLiteral("/DocMDP")).toString();
        }
        const QJsonArray references = objectDict(objects, permsRef).value(QStringLiteral("/Reference")).toArray();
        const int level = references.at(0)
                              .toObject()
                              .value(QStringLiteral("/TransformParams"))
                              .toObject()
                              .value(QStringLiteral("/P"))
                              .toInt();
        QCOMPARE(level, 3);

        QTemporaryDir again;
        const ToolResult twice =
            runCli(QStringList{QStringLiteral("sign"), certified, QStringLiteral("--out"), again.path(),
                               QStringLiteral("--certify"), QStringLiteral("1"), QStringLiteral("--json")} +
                   p12Args(QStringLiteral("second")));
        QCOMPARE(twice.exitCode, 6);
        const QJsonObject event = twice.events(QStringLiteral("signed")).value(0);
        QCOMPARE(signedEventErrorId(event), QStringLiteral("pdf-already-signed"));
        QVERIFY(event.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message_vi"))
                    .toString()
                    .contains(QStringLiteral("chữ ký đầu tiên")));
        QCOMPARE(filesIn(again.path()), QStringList());

        const ToolResult bad =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), QStringLiteral("--out"),
                               again.path(), QStringLiteral("--certify"), QStringLiteral("4")} +
                   p12Args(QStringLiteral("first")));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--certify")), qPrintable(bad.describe()));
        QCOMPARE(filesIn(again.path()), QStringList());
    }

    // Encrypted inputs opened with their user or owner password (never on the command line): the
    // update is encrypted like the file; pdfsig and qpdf, given the password, accept the result.
    void encryptedInputs_data()
    {
        QTest::addColumn<QStringList>("encryption"); // qpdf --encrypt USER OWNER <these> --
        QTest::addColumn<QString>("password");       // the one given to the signer
        QTest::addColumn<QString>("pdfsigOption");
        const QStringList aes256{QStringLiteral("256")};
        const QStringList rc4{QStringLiteral("128"), QStringLiteral("--use-aes=n")};
        QTest::newRow("AES-256 user password") << aes256 << QStringLiteral("Mk-user-7391") << QStringLiteral("-upw");
        QTest::newRow("AES-256 owner password") << aes256 << QStringLiteral("Mk-owner-2846") << QStringLiteral("-opw");
        QTest::newRow("RC4-128 user password") << rc4 << QStringLiteral("Mk-user-7391") << QStringLiteral("-upw");
        QTest::newRow("RC4-128 owner password") << rc4 << QStringLiteral("Mk-owner-2846") << QStringLiteral("-opw");
        // Changes forbidden to users: the owner password lifts the restriction.
        QTest::newRow("AES-256 no changes, owner password")
            << QStringList{QStringLiteral("256"), QStringLiteral("--modify=none")} << QStringLiteral("Mk-owner-2846")
            << QStringLiteral("-opw");
    }

    void encryptedInputs()
    {
        QFETCH(QStringList, encryption);
        QFETCH(QString, password);
        QFETCH(QString, pdfsigOption);
        const QString user = QStringLiteral("Mk-user-7391"), owner = QStringLiteral("Mk-owner-2846");
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("encrypted.pdf"));
        const ToolResult enc = runTool(
            QStringLiteral("qpdf"),
            QStringList{QStringLiteral("--allow-weak-crypto"), QStringLiteral("--encrypt"), user, owner} + encryption +
                QStringList{QStringLiteral("--"), cleanCorpusPdf("11-pages-with-labels.pdf"), input});
        QVERIFY2(enc.exitCode == 0, qPrintable(enc.describe()));
        QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--requires-password"), input}).exitCode, 0);
        const QStringList copyBlock{QStringLiteral("--appearance"), QStringLiteral("copy"),
                                    QStringLiteral("--organization"), QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp")};

        // Without the password, and with a wrong one: refused, nothing written.
        {
            QTemporaryDir out;
            const ToolResult r = runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), out.path(),
                                                    QStringLiteral("--json")} +
                                        copyBlock + p12Args(QStringLiteral("first")));
            QCOMPARE(r.exitCode, 6);
            const QJsonObject e = r.events(QStringLiteral("signed")).value(0).value(QStringLiteral("error")).toObject();
            QCOMPARE(e.value(QStringLiteral("id")).toString(), QStringLiteral("pdf-encrypted"));
            QVERIFY2(e.value(QStringLiteral("detail")).toString().contains(QStringLiteral("password is needed")),
                     qPrintable(r.describe()));
            ScopedEnv wrong("SOHOA_E2E_PDF_PASSWORD", "not-it");
            const ToolResult w =
                runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), out.path(),
                                   QStringLiteral("--pdf-password-env"), QStringLiteral("SOHOA_E2E_PDF_PASSWORD"),
                                   QStringLiteral("--json")} +
                       copyBlock + p12Args(QStringLiteral("first")));
            QCOMPARE(w.exitCode, 6);
            const QJsonObject we =
                w.events(QStringLiteral("signed")).value(0).value(QStringLiteral("error")).toObject();
            QCOMPARE(we.value(QStringLiteral("id")).toString(), QStringLiteral("pdf-encrypted"));
            QVERIFY2(we.value(QStringLiteral("detail")).toString().contains(QStringLiteral("does not open")),
                     qPrintable(w.describe()));
            QCOMPARE(filesIn(out.path()), QStringList());
        }

        // With it: from a file here, with every log category on, which must not show it.
        const QString passwordFile = dir.filePath(QStringLiteral("pdf-password.txt"));
        QVERIFY(writeFile(passwordFile, password.toUtf8() + '\n'));
        QVERIFY(QFile::setPermissions(passwordFile, QFile::ReadOwner | QFile::WriteOwner));
        const QString output = dir.filePath(QStringLiteral("signed.pdf"));
        ScopedEnv logs("QT_LOGGING_RULES", "sohoa.*=true");
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output,
                               QStringLiteral("--pdf-password-file"), passwordFile, QStringLiteral("--json")} +
                   copyBlock + p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(!r.out.contains(password) && !r.err.contains(password), qPrintable(r.describe()));

        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw, 60000, nullptr, {pdfsigOption, password});
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        const ToolResult check = runTool(QStringLiteral("qpdf"),
                                         {QStringLiteral("--check"), QStringLiteral("--password=") + password, output});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        // Still encrypted the same way, and the block (strings and streams of the update) decrypts.
        const auto encryption_ = [&](const QString &pdf) {
            return runTool(QStringLiteral("qpdf"),
                           {QStringLiteral("--show-encryption"), QStringLiteral("--password=") + password, pdf})
                .out;
        };
        QCOMPARE(encryption_(output), encryption_(input));
        const ToolResult text = runTool(QStringLiteral("pdftotext"),
                                        {pdfsigOption, password, QStringLiteral("-f"), QStringLiteral("1"),
                                         QStringLiteral("-l"), QStringLiteral("1"), output, QStringLiteral("-")});
        const QString page1 = text.out.normalized(QString::NormalizationForm_C);
        QVERIFY2(page1.contains(QStringLiteral("SAO Y")) && page1.contains(QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp")),
                 qPrintable(text.describe()));
    }

    void pkcs7SubFilter()
    {
        const QString output = m_work.filePath(QStringLiteral("pkcs7.pdf"));
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"), QStringLiteral("--out"), output,
                               QStringLiteral("--subfilter"), QStringLiteral("pkcs7")} +
                   p12Args(QStringLiteral("first")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QCOMPARE(sigs.size(), 1);
        QVERIFY2(sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QVERIFY2(sigs.at(0).text.contains(QStringLiteral("adbe.pkcs7.detached")), qPrintable(raw));
    }

    void expiredCertificate()
    {
        QTemporaryDir out;
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), cleanCorpusPdf("good4.pdf"),
                                                QStringLiteral("--out"), out.path(), QStringLiteral("--json")} +
                                    p12Args(QStringLiteral("expired")));
        QCOMPARE(r.exitCode, 7);
        QString id = signedEventErrorId(r.events(QStringLiteral("signed")).value(0));
        if (id.isEmpty()) // refused before the batch starts
            id = signedEventErrorId(r.events(QStringLiteral("error")).value(0));
        QVERIFY2(id == u"certificate-expired", qPrintable(r.describe()));
        QCOMPARE(filesIn(out.path()), QStringList());
    }
};

QTEST_MAIN(TestSignE2eFeatures)
#include "TestSignE2eFeatures.moc"
