#include "core/dossier/ScannedPage.h"

namespace sohoa {

QString colorModeName(ColorMode mode)
{
    switch (mode) {
    case ColorMode::Lineart:
        return QStringLiteral("lineart");
    case ColorMode::Gray:
        return QStringLiteral("gray");
    case ColorMode::Color:
        break;
    }
    return QStringLiteral("color");
}

bool colorModeFromName(const QString &name, ColorMode *mode)
{
    const QString n = name.trimmed().toLower();
    if (n == u"lineart" || n == u"bw" || n == u"binary")
        *mode = ColorMode::Lineart;
    else if (n == u"gray" || n == u"grey" || n == u"grayscale")
        *mode = ColorMode::Gray;
    else if (n == u"color" || n == u"colour" || n == u"rgb")
        *mode = ColorMode::Color;
    else
        return false;
    return true;
}

} // namespace sohoa
