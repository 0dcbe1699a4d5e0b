#pragma once

#include <QDateTime>
#include <QImage>
#include <QMetaType>
#include <QString>

namespace sohoa {

enum class ColorMode
{
    Lineart,
    Gray,
    Color
};

QString colorModeName(ColorMode mode);                        // "lineart", "gray", "color"
bool colorModeFromName(const QString &name, ColorMode *mode); // false if unknown

// One page as it leaves the scanner, before it is saved.
// Image formats: Format_Mono (bit 1 = black, colour table {white, black}) for 1-bit,
// Format_Grayscale8 / Format_Grayscale16 for gray, Format_RGB888 / Format_RGBX64 for colour.
struct ScannedPage
{
    QImage image;
    int dpi = 0;
    ColorMode mode = ColorMode::Color;
    int bitDepth = 8; // bits per sample as delivered by the device: 1, 8 or 16
    QString device;   // SANE device name
    QDateTime acquiredAt;
    bool heightWasUnknown = false; // hand-scanner mode: the height came from the data, not the parameters
    QString barcode;               // value of the separator sheet that started this page's document, if any
};

} // namespace sohoa

Q_DECLARE_METATYPE(sohoa::ScannedPage)
