#include "app/gui/DemoScanner.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QStandardPaths>

#include <cstdio>

namespace sohoa::gui {

namespace {

struct Sample
{
    const char *title;
    QStringList lines;
    bool seal;
};

QList<Sample> samples()
{
    return {
        {"ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",
         {QStringLiteral("Kính gửi: Ủy ban nhân dân phường Bến Nghé"), QStringLiteral("Tên chủ đầu tư: Nguyễn Văn An"),
          QStringLiteral("Địa chỉ liên hệ: 12 Lê Lợi, phường Bến Nghé, Quận 1"), QStringLiteral("Số điện thoại: 0903 123 456"),
          QStringLiteral("Địa điểm xây dựng: lô đất số 45, tờ bản đồ số 7"), QStringLiteral("Loại công trình: nhà ở riêng lẻ, 3 tầng"),
          QStringLiteral("Tổng diện tích sàn: 210 m²"), QStringLiteral("Tôi xin cam đoan làm theo đúng giấy phép được cấp.")},
         false},
        {"QUYẾT ĐỊNH",
         {QStringLiteral("Về việc cấp giấy phép xây dựng"), QStringLiteral("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG"),
          QStringLiteral("Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014;"), QStringLiteral("Xét đề nghị của công chức địa chính - xây dựng,"),
          QStringLiteral("QUYẾT ĐỊNH:"), QStringLiteral("Điều 1. Cấp giấy phép xây dựng cho ông Nguyễn Văn An."),
          QStringLiteral("Điều 2. Quyết định có hiệu lực kể từ ngày ký.")},
         true},
        {"GIẤY CHỨNG NHẬN",
         {QStringLiteral("Chứng nhận ông/bà: Trần Thị Bình"), QStringLiteral("Ngày sinh: 02/09/1985"),
          QStringLiteral("Đã hoàn thành khóa bồi dưỡng nghiệp vụ văn thư, lưu trữ"), QStringLiteral("Xếp loại: Giỏi")},
         true},
        {"GIẤY ỦY QUYỀN",
         {QStringLiteral("Bên ủy quyền: Lê Văn Cường"), QStringLiteral("Bên được ủy quyền: Phạm Thị Dung"),
          QStringLiteral("Nội dung: nộp và nhận kết quả hồ sơ tại Bộ phận Một cửa"), QStringLiteral("Thời hạn: 30 ngày kể từ ngày ký")},
         false},
    };
}

} // namespace

QImage DemoScanner::samplePage(int index, int dpi)
{
    const Sample s = samples().value(index % kSamples);
    const double mm = dpi / 25.4;
    QImage page(int(210 * mm), int(297 * mm), QImage::Format_RGB888);
    page.fill(QColor(252, 250, 243)); // paper, not screen white
    QPainter p(&page);
    p.setRenderHint(QPainter::Antialiasing);
    QFont serif(QStringLiteral("Liberation Serif"));
    serif.setPixelSize(int(4.2 * mm));
    p.setFont(serif);
    p.setPen(QColor(25, 25, 25));
    const QRectF header(15 * mm, 12 * mm, 180 * mm, 20 * mm);
    QFont bold = serif;
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(header, Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    p.drawText(header.translated(0, 6 * mm), Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("Độc lập - Tự do - Hạnh phúc"));
    p.drawLine(QPointF(80 * mm, 25.5 * mm), QPointF(130 * mm, 25.5 * mm));
    QFont title = bold;
    title.setPixelSize(int(5.5 * mm));
    p.setFont(title);
    p.drawText(QRectF(15 * mm, 40 * mm, 180 * mm, 10 * mm), Qt::AlignHCenter, QString::fromUtf8(s.title));
    p.setFont(serif);
    double y = 60 * mm;
    for (const QString &line : s.lines) {
        p.drawText(QPointF(25 * mm, y), line);
        y += 9 * mm;
    }
    // Dotted lines of a form still to be filled in by hand.
    p.setPen(QPen(QColor(120, 120, 120), 0.3 * mm, Qt::DotLine));
    for (int i = 0; i < 6; ++i) {
        p.drawLine(QPointF(25 * mm, y), QPointF(185 * mm, y));
        y += 9 * mm;
    }
    p.setPen(QColor(25, 25, 25));
    p.drawText(QRectF(110 * mm, 215 * mm, 80 * mm, 8 * mm), Qt::AlignHCenter, QStringLiteral("NGƯỜI LÀM ĐƠN"));
    // A blue handwritten signature...
    QPainterPath signature;
    signature.moveTo(125 * mm, 240 * mm);
    signature.cubicTo(130 * mm, 225 * mm, 138 * mm, 252 * mm, 145 * mm, 236 * mm);
    signature.cubicTo(150 * mm, 226 * mm, 158 * mm, 250 * mm, 170 * mm, 232 * mm);
    p.setPen(QPen(QColor(20, 50, 170), 0.7 * mm, Qt::SolidLine, Qt::RoundCap));
    p.drawPath(signature);
    // ...and, on decisions, a red seal overlapping its left third.
    if (s.seal) {
        p.setPen(QPen(QColor(200, 30, 30, 200), 1.0 * mm));
        p.setBrush(Qt::NoBrush);
        const QPointF c(128 * mm, 238 * mm);
        p.drawEllipse(c, 18 * mm, 18 * mm);
        p.drawEllipse(c, 13 * mm, 13 * mm);
        QFont small = bold;
        small.setPixelSize(int(2.6 * mm));
        p.setFont(small);
        p.drawText(QRectF(c.x() - 12 * mm, c.y() - 3 * mm, 24 * mm, 6 * mm), Qt::AlignCenter, QStringLiteral("UBND PHƯỜNG"));
    }
    p.setPen(QColor(25, 25, 25));
    p.setFont(serif);
    p.drawText(QRectF(110 * mm, 262 * mm, 80 * mm, 8 * mm), Qt::AlignHCenter, QStringLiteral("Nguyễn Văn An"));
    p.end();
    return page;
}

DemoScanner::DemoScanner(QObject *parent) : QObject(parent)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/demo-scanner");
    if (!QDir().mkpath(folder))
        return;
    QFile dll(folder + QStringLiteral("/dll.conf"));
    if (!dll.open(QIODevice::WriteOnly) || dll.write("test\npnm\n") < 0)
        return;
    dll.close();
    QFile system(QStringLiteral("/etc/sane.d/test.conf"));
    QFile test(folder + QStringLiteral("/test.conf"));
    if (system.open(QIODevice::ReadOnly) && test.open(QIODevice::WriteOnly)) {
        for (QByteArray line : system.readAll().split('\n')) {
            if (line.startsWith("geometry_max"))
                line = "geometry_max 400.0";
            else if (line.startsWith("br_x"))
                line = "br_x 210.0";
            else if (line.startsWith("br_y"))
                line = "br_y 297.0";
            test.write(line + '\n');
        }
    }
    m_folder = folder;
    qputenv("SANE_CONFIG_DIR", QFile::encodeName(folder));
    advance();
}

workflows::ScanProfile DemoScanner::profile() const
{
    workflows::ScanProfile p;
    p.name = tr("Demo: sample pages (virtual scanner)");
    p.deviceName = QStringLiteral("pnm:0");
    p.source.clear();
    p.mode.clear();
    p.pageSize.clear();
    p.resolution = 200;
    p.options = {QStringLiteral("filename=") + m_folder + QStringLiteral("/page.ppm")};
    return p;
}

void DemoScanner::advance()
{
    if (m_folder.isEmpty())
        return;
    // Written beside and renamed over: the scanner never reads half a page.
    const QString tmp = m_folder + QStringLiteral("/page.ppm.tmp");
    if (samplePage(m_next++, 200).save(tmp, "PPM") &&
        std::rename(QFile::encodeName(tmp).constData(),
                    QFile::encodeName(m_folder + QStringLiteral("/page.ppm")).constData()) != 0)
        QFile::remove(tmp); // the previous page stays in the feeder
}

} // namespace sohoa::gui
