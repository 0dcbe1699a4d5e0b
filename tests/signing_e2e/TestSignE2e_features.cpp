// `sohoa-cli sign` end to end: two successive signers, a timestamped (B-T) signature from a local
// RFC 3161 server process, locked and removed tokens (a fault-injecting PKCS#11 shim over
// SoftHSM2), visible signer/organization appearances with PNG images, adbe.pkcs7.detached, and an
// expired certificate. Judged by pdfsig, qpdf, pdfimages and openssl.

#include "SigningFixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace sohoa::test;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

QString corpus(const char *name)
{
    return QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/") + QString::fromLatin1(name);
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

// Sets an environment variable for the CLI processes started while it lives.
class ScopedEnv
{
public:
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name) { qputenv(name, value); }
    ~ScopedEnv() { qunsetenv(m_name); }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
};

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
        for (const char *tool : {"openssl", "pdfsig", "qpdf", "pdfinfo", "pdfimages", "softhsm2-util", "pkcs11-tool"}) {
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
        const ToolResult a = runCli(
            QStringList{QStringLiteral("sign"), corpus("11-pages-with-labels.pdf"), QStringLiteral("--out"), once} +
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
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), corpus("good4.pdf"), QStringLiteral("--out"),
                                                output, QStringLiteral("--tsa"), url, QStringLiteral("--json")} +
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
            runCli(QStringList{QStringLiteral("sign"), corpus("good4.pdf"), QStringLiteral("--out"), deadOutput,
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
        const QStringList inputs{corpus("minimal-9.pdf"), corpus("good4.pdf"), corpus("good9.pdf"),
                                 corpus("good11.pdf"), corpus("good16.pdf")};
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
        const QString input = corpus("11-pages-with-labels.pdf");
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
        const QString input = corpus("minimal-rotated.pdf");
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
                         {QStringLiteral("--rotate=+%1").arg(rotate), corpus("minimal-9.pdf"), input})
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

    void pkcs7SubFilter()
    {
        const QString output = m_work.filePath(QStringLiteral("pkcs7.pdf"));
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), corpus("good4.pdf"), QStringLiteral("--out"),
                                                output, QStringLiteral("--subfilter"), QStringLiteral("pkcs7")} +
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
        const ToolResult r = runCli(QStringList{QStringLiteral("sign"), corpus("good4.pdf"), QStringLiteral("--out"),
                                                out.path(), QStringLiteral("--json")} +
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
#include "TestSignE2e_features.moc"
