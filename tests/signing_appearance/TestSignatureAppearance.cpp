// Visible signature appearances (design.md, "Rules of the domain"): each rendered block is checked
// with poppler's tools, not with our own reading of the PDF.

#include "ToolRunner.h"
#include "signing/SignatureAppearance.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QtEndian>

#include <cmath>

using namespace sohoa;
using namespace sohoa::signing;
using sohoa::test::runTool;

namespace {

constexpr int kDotsPerMeter300 = 11811; // 300 dpi

QString nfc(const QString &s)
{
    return s.normalized(QString::NormalizationForm_C);
}

// pdftotext output with all whitespace (line breaks from wrapping included) folded to one space.
QString folded(const QString &s)
{
    return nfc(s).simplified();
}

QByteArray withoutPhys(const QByteArray &png)
{
    QByteArray out = png.left(8);
    qsizetype pos = 8;
    while (pos + 8 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + pos);
        const qsizetype chunk = 12 + qsizetype(length);
        if (png.mid(pos + 4, 4) != "pHYs")
            out += png.mid(pos, chunk);
        pos += chunk;
    }
    return out;
}

struct PdfImage
{
    QString type;
    int width = 0;
    int height = 0;
    QString enc;
};

} // namespace

class TestSignatureAppearance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_signaturePng;
    QString m_sealPng;
    QString m_seal600Png;
    QString m_sealNoPhysPng;
    QString m_garbagePng;
    int m_fileCounter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString writePdf(const QByteArray &pdf)
    {
        QString file = path(QStringLiteral("block%1.pdf").arg(++m_fileCounter));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(pdf) != pdf.size())
            return QString();
        return file;
    }

    static QString tool(const QString &program, const QStringList &args)
    {
        const auto r = runTool(program, args, 30000);
        if (r.exitCode != 0)
            qWarning().noquote() << program << r.describe();
        return r.out;
    }

    static QList<PdfImage> images(const QString &pdf)
    {
        QList<PdfImage> list;
        const QStringList lines = tool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf}).split(u'\n');
        for (const QString &line : lines.mid(2)) {
            const QStringList t = line.split(u' ', Qt::SkipEmptyParts);
            if (t.size() < 10)
                continue;
            list.append({t[2], t[3].toInt(), t[4].toInt(), t[8]});
        }
        return list;
    }

    static QSizeF pageSize(const QString &pdf)
    {
        const QString info = tool(QStringLiteral("pdfinfo"), {pdf});
        const auto m = QRegularExpression(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")).match(info);
        return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
    }

    // Font rows of pdffonts: name, emb, sub, uni.
    static QList<QStringList> fonts(const QString &pdf)
    {
        QList<QStringList> rows;
        const QStringList lines = tool(QStringLiteral("pdffonts"), {pdf}).split(u'\n');
        for (const QString &line : lines.mid(2)) {
            const QStringList t = line.split(u' ', Qt::SkipEmptyParts);
            if (t.size() < 7)
                continue;
            rows.append({t[0], t[t.size() - 5], t[t.size() - 4], t[t.size() - 3]});
        }
        return rows;
    }

    void checkText(const QString &pdf, const QStringList &expectedLines)
    {
        const QString text =
            folded(tool(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")}));
        for (const QString &line : expectedLines)
            QVERIFY2(text.contains(folded(line)), qPrintable(QStringLiteral("'%1' not in '%2'").arg(line, text)));
    }

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("pdftotext");
        SOHOA_REQUIRE_TOOL("pdffonts");
        SOHOA_REQUIRE_TOOL("pdfimages");
        SOHOA_REQUIRE_TOOL("pdfinfo");
        SOHOA_REQUIRE_TOOL("pdftoppm");
        QVERIFY(m_dir.isValid());

        // A blue handwritten stroke, 2 in × 0.8 in at 300 dpi, on a transparent background.
        QImage signature(600, 240, QImage::Format_ARGB32);
        signature.fill(Qt::transparent);
        {
            QPainter p(&signature);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(0, 0, 200), 8, Qt::SolidLine, Qt::RoundCap));
            QPainterPath stroke(QPointF(10, 120));
            for (int x = 10; x <= 590; x += 5)
                stroke.lineTo(x, 120 + 90 * std::sin(x / 40.0));
            p.drawPath(stroke);
        }
        signature.setDotsPerMeterX(kDotsPerMeter300);
        signature.setDotsPerMeterY(kDotsPerMeter300);
        m_signaturePng = path(QStringLiteral("signature.png"));
        QVERIFY(signature.save(m_signaturePng));

        // A red ring seal, 420 px = 35.56 mm at 300 dpi.
        QImage seal(420, 420, QImage::Format_ARGB32);
        seal.fill(Qt::transparent);
        {
            QPainter p(&seal);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(220, 0, 0), 16));
            p.drawEllipse(QRectF(10, 10, 400, 400));
            p.drawEllipse(QRectF(90, 90, 240, 240));
        }
        seal.setDotsPerMeterX(kDotsPerMeter300);
        seal.setDotsPerMeterY(kDotsPerMeter300);
        m_sealPng = path(QStringLiteral("seal.png"));
        QVERIFY(seal.save(m_sealPng));
        seal.setDotsPerMeterX(2 * kDotsPerMeter300);
        seal.setDotsPerMeterY(2 * kDotsPerMeter300);
        m_seal600Png = path(QStringLiteral("seal600.png"));
        QVERIFY(seal.save(m_seal600Png));

        QFile in(m_sealPng);
        QVERIFY(in.open(QIODevice::ReadOnly));
        m_sealNoPhysPng = path(QStringLiteral("seal-nophys.png"));
        QFile out(m_sealNoPhysPng);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(withoutPhys(in.readAll()));
        out.close();
        QVERIFY(!QImage(m_sealNoPhysPng).isNull());

        m_garbagePng = path(QStringLiteral("garbage.png"));
        QFile garbage(m_garbagePng);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("this is not a PNG");
    }

    void formatSigningTime_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("expected");
        const QDate d(2026, 11, 21);
        QTest::newRow("UTC") << QDateTime(d, QTime(7, 5, 9), QTimeZone::utc())
                             << QStringLiteral("2026-11-21T14:05:09+07:00");
        QTest::newRow("already +07:00") << QDateTime(d, QTime(14, 5, 9), QTimeZone(7 * 3600))
                                        << QStringLiteral("2026-11-21T14:05:09+07:00");
        QTest::newRow("-05:00 crosses midnight")
            << QDateTime(d, QTime(13, 0, 0), QTimeZone(-5 * 3600)) << QStringLiteral("2026-11-22T01:00:00+07:00");
        QTest::newRow("+09:00") << QDateTime(d, QTime(16, 5, 9), QTimeZone(9 * 3600))
                                << QStringLiteral("2026-11-21T14:05:09+07:00");
        QTest::newRow("milliseconds dropped")
            << QDateTime(d, QTime(7, 5, 9, 999), QTimeZone::utc()) << QStringLiteral("2026-11-21T14:05:09+07:00");
        QTest::newRow("named zone") << QDateTime(d, QTime(8, 5, 9), QTimeZone("Europe/Paris"))
                                    << QStringLiteral("2026-11-21T14:05:09+07:00");
        QTest::newRow("invalid") << QDateTime() << QString();
    }

    void formatSigningTime()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, expected);
        QCOMPARE(SignatureAppearance::formatSigningTime(time), expected);
    }

    void textBlock_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("copyForm");
        QTest::addColumn<QString>("organization");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QStringList>("lines");
        const QString time = QStringLiteral("2026-11-21T14:05:09+07:00");
        const auto copy = int(AppearanceKind::Copy);
        const auto attachment = int(AppearanceKind::Attachment);
        const QString huyen = QStringLiteral("ỦY BAN NHÂN DÂN HUYỆN THANH BÌNH");
        const QString soTuPhap = QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp");
        const QString longName =
            QStringLiteral("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH ĐỒNG THÁP, BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ");
        QTest::newRow("SAO Y") << copy << QStringLiteral("SAO Y") << huyen << QString()
                               << QStringList{QStringLiteral("SAO Y"), huyen, time};
        QTest::newRow("SAO LỤC") << copy << QStringLiteral("SAO LỤC") << soTuPhap << QString()
                                 << QStringList{QStringLiteral("SAO LỤC"), soTuPhap, time};
        QTest::newRow("TRÍCH SAO, long name wraps") << copy << QStringLiteral("TRÍCH SAO") << longName << QString()
                                                    << QStringList{QStringLiteral("TRÍCH SAO"), longName, time};
        QTest::newRow("NFD input") << copy << QStringLiteral("SAO LỤC").normalized(QString::NormalizationForm_D)
                                   << soTuPhap.normalized(QString::NormalizationForm_D) << QString()
                                   << QStringList{QStringLiteral("SAO LỤC"), soTuPhap, time};
        QTest::newRow("attachment QĐ") << attachment << QString() << QString() << QStringLiteral("Số: 123/QĐ-UBND")
                                       << QStringList{QStringLiteral("Số: 123/QĐ-UBND"), time};
        QTest::newRow("attachment NQ-HĐND")
            << attachment << QString() << QString() << QStringLiteral("Số: 45/2026/NQ-HĐND")
            << QStringList{QStringLiteral("Số: 45/2026/NQ-HĐND"), time};
    }

    void textBlock()
    {
        QFETCH(int, kind);
        QFETCH(QString, copyForm);
        QFETCH(QString, organization);
        QFETCH(QString, number);
        QFETCH(QStringList, lines);
        AppearanceSpec spec;
        spec.kind = AppearanceKind(kind);
        spec.copyForm = copyForm;
        spec.organizationName = organization;
        spec.documentNumber = number;
        spec.signingTime = QDateTime(QDate(2026, 11, 21), QTime(7, 5, 9), QTimeZone::utc());

        const auto rendered = SignatureAppearance::render(spec);
        QVERIFY2(rendered.ok(), qPrintable(rendered.error().fullText()));
        QCOMPARE(SignatureAppearance::defaultSizePt(spec), rendered->sizePt);
        // Wrapped within 75 mm plus a little padding; at least three lines tall.
        QVERIFY(rendered->sizePt.width() <= 75.0 / 25.4 * 72 + 6);
        QVERIFY(rendered->sizePt.height() >= lines.size() * 10);
        const QString pdf = writePdf(rendered->pdf);
        QVERIFY(!pdf.isEmpty());

        checkText(pdf, lines);
        QCOMPARE(pageSize(pdf), rendered->sizePt);
        QVERIFY2(images(pdf).isEmpty(), "a copy or attachment block has no image");
        const auto f = fonts(pdf);
        QStringList names;
        for (const QStringList &row : f)
            names.append(row.join(u' '));
        QVERIFY2(f.size() == 1, qPrintable(names.join(QStringLiteral("; "))));
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Z]{6}\\+LiberationSerif$")).match(f[0][0]).hasMatch(),
                 qPrintable(f[0][0]));
        QCOMPARE(f[0][1], QStringLiteral("yes")); // embedded
        QCOMPARE(f[0][2], QStringLiteral("yes")); // subset
        QCOMPARE(f[0][3], QStringLiteral("yes")); // ToUnicode
        // The subset tag is patched into /BaseFont: the cross-reference table must still be exact.
        if (!QStandardPaths::findExecutable(QStringLiteral("qpdf")).isEmpty()) {
            const auto check = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
            QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        }
    }

    void signerBlock_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("name");
        QTest::newRow("signer") << int(AppearanceKind::Signer) << QStringLiteral("CHỦ TỊCH")
                                << QStringLiteral("Nguyễn Văn A");
        QTest::newRow("organization") << int(AppearanceKind::Organization)
                                      << QStringLiteral("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC")
                                      << QStringLiteral("Trần Thị Bích Ngọc");
    }

    void signerBlock()
    {
        QFETCH(int, kind);
        QFETCH(QString, title);
        QFETCH(QString, name);
        AppearanceSpec spec;
        spec.kind = AppearanceKind(kind);
        spec.signerTitle = title;
        spec.signerName = name;
        spec.signatureImagePath = m_signaturePng;
        spec.sealImagePath = m_sealPng;
        const auto rendered = SignatureAppearance::render(spec);
        QVERIFY2(rendered.ok(), qPrintable(rendered.error().fullText()));
        QCOMPARE(SignatureAppearance::defaultSizePt(spec), rendered->sizePt);
        const QString pdf = writePdf(rendered->pdf);
        checkText(pdf, {title, name});
        QCOMPARE(pageSize(pdf), rendered->sizePt);

        // Each PNG is embedded losslessly at its own pixels with its alpha as an SMask.
        const QList<PdfImage> list = images(pdf);
        const bool organization = spec.kind == AppearanceKind::Organization;
        QCOMPARE(list.size(), organization ? 4 : 2);
        for (int i = 0; i < list.size(); i += 2) {
            QCOMPARE(list[i].type, QStringLiteral("image"));
            QCOMPARE(list[i + 1].type, QStringLiteral("smask"));
            QCOMPARE(list[i].enc, QStringLiteral("image")); // Flate, not JPEG
        }
        QCOMPARE(QSize(list[0].width, list[0].height), QSize(600, 240));
        if (organization)
            QCOMPARE(QSize(list[2].width, list[2].height), QSize(420, 420));
        for (const QStringList &font : fonts(pdf)) {
            QVERIFY2(font[0].contains(QStringLiteral("LiberationSerif")), qPrintable(font[0]));
            QCOMPARE(font[1], QStringLiteral("yes"));
        }
    }

    // The seal is red, at its real size, over the left third of the blue signature.
    void organizationColours()
    {
        AppearanceSpec spec;
        spec.kind = AppearanceKind::Organization;
        spec.signerTitle = QStringLiteral("CHỦ TỊCH");
        spec.signerName = QStringLiteral("Nguyễn Văn A");
        spec.signatureImagePath = m_signaturePng;
        spec.sealImagePath = m_sealPng;
        const auto rendered = SignatureAppearance::render(spec);
        QVERIFY2(rendered.ok(), qPrintable(rendered.error().fullText()));
        const QString pdf = writePdf(rendered->pdf);
        const QString prefix = path(QStringLiteral("org"));
        QCOMPARE(
            runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-png"),
                                                 QStringLiteral("-singlefile"), pdf, prefix})
                .exitCode,
            0);
        const QImage page = QImage(prefix + QStringLiteral(".png")).convertToFormat(QImage::Format_RGB32);
        QVERIFY(!page.isNull());

        QRect blue, red;
        for (int y = 0; y < page.height(); ++y) {
            for (int x = 0; x < page.width(); ++x) {
                const QColor c = page.pixelColor(x, y);
                if (c.blue() > 150 && c.red() < 80 && c.green() < 80)
                    blue |= QRect(x, y, 1, 1);
                if (c.red() > 170 && c.green() < 80 && c.blue() < 80)
                    red |= QRect(x, y, 1, 1);
            }
        }
        QVERIFY2(!blue.isEmpty(), "no blue signature pixels");
        QVERIFY2(!red.isEmpty(), "no red seal pixels");
        // 600 px at 300 dpi = 2 in = 300 px at 150 dpi; the seal 420 px → 210 px.
        QVERIFY2(std::abs(blue.width() - 290) <= 6, qPrintable(QString::number(blue.width())));
        QVERIFY2(std::abs(red.width() - 210) <= 6, qPrintable(QString::number(red.width())));
        const int third = blue.left() + blue.width() / 3;
        QVERIFY2(std::abs(red.right() - third) <= 8,
                 qPrintable(QStringLiteral("seal right %1, signature third %2").arg(red.right()).arg(third)));
        bool redInLeftThird = false;
        for (int y = blue.top(); y <= blue.bottom() && !redInLeftThird; ++y)
            for (int x = blue.left(); x <= third && !redInLeftThird; ++x) {
                const QColor c = page.pixelColor(x, y);
                redInLeftThird = c.red() > 170 && c.green() < 80 && c.blue() < 80;
            }
        QVERIFY(redInLeftThird);
        QVERIFY2(red.center().y() >= blue.top() && red.center().y() <= blue.bottom(), "seal centred on the signature");
    }

    void sealSizeFromDpi()
    {
        AppearanceSpec spec;
        spec.kind = AppearanceKind::Organization;
        spec.signerTitle = QStringLiteral("CHỦ TỊCH");
        spec.signerName = QStringLiteral("Nguyễn Văn A");
        spec.signatureImagePath = m_signaturePng;
        spec.sealImagePath = m_sealPng;
        const QSizeF at300 = SignatureAppearance::defaultSizePt(spec);
        spec.sealImagePath = m_sealNoPhysPng; // no pHYs: 300 dpi
        QCOMPARE(SignatureAppearance::defaultSizePt(spec), at300);
        spec.sealImagePath = m_seal600Png; // half the size: the block is narrower
        const QSizeF at600 = SignatureAppearance::defaultSizePt(spec);
        QVERIFY(at600.isValid());
        QVERIFY2(at600.width() < at300.width() - 40,
                 qPrintable(QStringLiteral("%1 vs %2").arg(at600.width()).arg(at300.width())));
    }

    void badInput_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QString>("seal");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("pathInDetail");
        const QString missing = QStringLiteral("/nonexistent/chu-ky.png");
        QTest::newRow("signer, missing signature")
            << int(AppearanceKind::Signer) << missing << QString() << int(ErrorCode::FileReadFailed) << true;
        QTest::newRow("organization, missing seal") << int(AppearanceKind::Organization) << QStringLiteral("@sig")
                                                    << missing << int(ErrorCode::FileReadFailed) << true;
        QTest::newRow("unreadable signature") << int(AppearanceKind::Signer) << QStringLiteral("@garbage") << QString()
                                              << int(ErrorCode::AppearanceFailed) << true;
        QTest::newRow("unreadable seal") << int(AppearanceKind::Organization) << QStringLiteral("@sig")
                                         << QStringLiteral("@garbage") << int(ErrorCode::AppearanceFailed) << true;
        QTest::newRow("no signature path")
            << int(AppearanceKind::Signer) << QString() << QString() << int(ErrorCode::InvalidArgument) << false;
    }

    void badInput()
    {
        QFETCH(int, kind);
        QFETCH(QString, signature);
        QFETCH(QString, seal);
        QFETCH(int, code);
        QFETCH(bool, pathInDetail);
        const auto resolve = [this](const QString &p) {
            if (p == QStringLiteral("@sig"))
                return m_signaturePng;
            if (p == QStringLiteral("@garbage"))
                return m_garbagePng;
            return p;
        };
        AppearanceSpec spec;
        spec.kind = AppearanceKind(kind);
        spec.signerTitle = QStringLiteral("CHỦ TỊCH");
        spec.signerName = QStringLiteral("Nguyễn Văn A");
        spec.signatureImagePath = resolve(signature);
        spec.sealImagePath = resolve(seal);
        const auto rendered = SignatureAppearance::render(spec);
        QVERIFY(!rendered.ok());
        QCOMPARE(int(rendered.error().code()), code);
        if (pathInDetail) {
            const QString bad =
                spec.kind == AppearanceKind::Organization ? spec.sealImagePath : spec.signatureImagePath;
            QVERIFY2(rendered.error().detail().contains(bad), qPrintable(rendered.error().detail()));
        }
        QVERIFY(!SignatureAppearance::defaultSizePt(spec).isValid());
    }

    void badTextInput()
    {
        AppearanceSpec spec;
        spec.kind = AppearanceKind::Copy;
        spec.copyForm = QStringLiteral("BẢN SAO");
        spec.organizationName = QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp");
        spec.signingTime = QDateTime::currentDateTimeUtc();
        QCOMPARE(SignatureAppearance::render(spec).error().code(), ErrorCode::InvalidArgument);
        spec.copyForm = QStringLiteral("SAO Y");
        spec.organizationName.clear();
        QCOMPARE(SignatureAppearance::render(spec).error().code(), ErrorCode::InvalidArgument);
        spec.kind = AppearanceKind::Attachment;
        QCOMPARE(SignatureAppearance::render(spec).error().code(), ErrorCode::InvalidArgument);
    }

    void none()
    {
        AppearanceSpec spec;
        const auto rendered = SignatureAppearance::render(spec);
        QVERIFY(rendered.ok());
        QVERIFY(rendered->pdf.isEmpty());
        QCOMPARE(rendered->sizePt, QSizeF(0, 0));
    }

    void placeRect_data()
    {
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<int>("corner");
        QTest::addColumn<QPointF>("offsetMm");
        QTest::addColumn<QRectF>("expected");
        const QRectF a4(0, 0, 595, 842);
        const qreal mm10 = 10 / 25.4 * 72;
        using C = Corner;
        QTest::newRow("top right") << a4 << int(C::TopRight) << QPointF(10, 10)
                                   << QRectF(595 - mm10 - 200, 842 - mm10 - 50, 200, 50);
        QTest::newRow("top left") << a4 << int(C::TopLeft) << QPointF(10, 10) << QRectF(mm10, 842 - mm10 - 50, 200, 50);
        QTest::newRow("bottom left") << a4 << int(C::BottomLeft) << QPointF(10, 10) << QRectF(mm10, mm10, 200, 50);
        QTest::newRow("bottom right") << a4 << int(C::BottomRight) << QPointF(0, 0) << QRectF(395, 0, 200, 50);
        QTest::newRow("crop box with origin") << QRectF(20, 30, 500, 700) << int(C::TopRight) << QPointF(10, 10)
                                              << QRectF(520 - mm10 - 200, 730 - mm10 - 50, 200, 50);
    }

    void placeRect()
    {
        QFETCH(QRectF, box);
        QFETCH(int, corner);
        QFETCH(QPointF, offsetMm);
        QFETCH(QRectF, expected);
        const QRectF r = SignatureAppearance::placeRect(box, QSizeF(200, 50), Corner(corner), offsetMm);
        QVERIFY2(std::abs(r.x() - expected.x()) < 1e-6 && std::abs(r.y() - expected.y()) < 1e-6 &&
                     r.size() == expected.size(),
                 qPrintable(QStringLiteral("%1,%2").arg(r.x()).arg(r.y())));
    }

    void defaultPlaceRect()
    {
        const QRectF a4(0, 0, 595, 842);
        const QSizeF block(150, 40);
        QCOMPARE(SignatureAppearance::defaultPlaceRect(AppearanceKind::Copy, a4, block),
                 SignatureAppearance::placeRect(a4, block, Corner::TopRight, QPointF(10, 10)));
        QCOMPARE(SignatureAppearance::defaultPlaceRect(AppearanceKind::Attachment, a4, block),
                 SignatureAppearance::placeRect(a4, block, Corner::TopRight, QPointF(10, 10)));
        QVERIFY(SignatureAppearance::defaultPlaceRect(AppearanceKind::Signer, a4, block).isNull());
    }
};

QTEST_MAIN(TestSignatureAppearance)
#include "TestSignatureAppearance.moc"
