#include "core/barcode/QrCode.h"

#include "core/common/EnumNames.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <stdexcept>

namespace sohoa {

namespace {

constexpr EnumName<QrErrorCorrection> kLevelNames[] = {
    {QrErrorCorrection::Low, QLatin1StringView("L")},
    {QrErrorCorrection::Medium, QLatin1StringView("M")},
    {QrErrorCorrection::Quartile, QLatin1StringView("Q")},
    {QrErrorCorrection::High, QLatin1StringView("H")},
};

} // namespace

std::optional<QrErrorCorrection> parseQrErrorCorrection(QStringView text)
{
    return enumFromName(kLevelNames, text);
}

QString qrErrorCorrectionName(QrErrorCorrection level)
{
    return enumToName(kLevelNames, level);
}

Result<QrMatrix> encodeQr(const QString &text, QrErrorCorrection level)
{
    if (text.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("empty QR payload"));
    // MultiFormatWriter takes the level on a 0-8 scale for QR codes: 1 = L, 4 = M, 6 = Q, 8 = H
    // (checked by decoding in TestQrCode).
    int zxLevel = 4;
    switch (level) {
    case QrErrorCorrection::Low:
        zxLevel = 1;
        break;
    case QrErrorCorrection::Medium:
        zxLevel = 4;
        break;
    case QrErrorCorrection::Quartile:
        zxLevel = 6;
        break;
    case QrErrorCorrection::High:
        zxLevel = 8;
        break;
    }
    const QByteArray utf8 = text.toUtf8();
    bool ascii = true;
    for (const char c : utf8)
        ascii = ascii && (uchar(c) < 0x80);
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEccLevel(zxLevel).setMargin(0);
        if (!ascii)
            writer.setEncoding(ZXing::CharacterSet::UTF8);
        // width/height 0: one pixel per module.
        const ZXing::BitMatrix bits = writer.encode(text.toStdWString(), 0, 0);
        const int n = bits.width();
        if (n <= 0 || bits.height() != n)
            return Error(ErrorCode::Internal,
                         QStringLiteral("QR encoder returned a %1x%2 matrix").arg(n).arg(bits.height()));
        std::vector<bool> modules(size_t(n) * size_t(n));
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x)
                modules[size_t(y) * size_t(n) + size_t(x)] = bits.get(x, y);
        return QrMatrix(n, std::move(modules));
    } catch (const std::exception &e) {
        return Error(ErrorCode::QrPayloadTooLarge, QStringLiteral("%1 bytes at level %2: %3")
                                                       .arg(utf8.size())
                                                       .arg(qrErrorCorrectionName(level), QString::fromUtf8(e.what())));
    }
}

} // namespace sohoa
