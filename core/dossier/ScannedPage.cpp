#include "core/dossier/ScannedPage.h"

#include "core/common/EnumNames.h"

namespace sohoa {

namespace {

// The first name of each mode is the one we write.
constexpr EnumName<ColorMode> kColorModeNames[] = {
    {ColorMode::Color, QLatin1StringView("color")},     {ColorMode::Gray, QLatin1StringView("gray")},
    {ColorMode::Lineart, QLatin1StringView("lineart")}, {ColorMode::Color, QLatin1StringView("colour")},
    {ColorMode::Color, QLatin1StringView("rgb")},       {ColorMode::Gray, QLatin1StringView("grey")},
    {ColorMode::Gray, QLatin1StringView("grayscale")},  {ColorMode::Lineart, QLatin1StringView("bw")},
    {ColorMode::Lineart, QLatin1StringView("binary")},
};

} // namespace

QString colorModeName(ColorMode mode)
{
    return enumToName(kColorModeNames, mode);
}

bool colorModeFromName(const QString &name, ColorMode *mode)
{
    const auto m = enumFromName(kColorModeNames, name);
    if (m)
        *mode = *m;
    return m.has_value();
}

} // namespace sohoa
