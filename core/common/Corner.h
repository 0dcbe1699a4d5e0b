#pragma once

#include "core/common/EnumNames.h"

namespace sohoa {

// A corner of the page as the reader sees it (after /Rotate): where a signature block or a QR code goes.
enum class Corner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
};

inline constexpr EnumName<Corner> kCornerNames[] = {
    {Corner::TopRight, QLatin1StringView("top-right")},
    {Corner::TopLeft, QLatin1StringView("top-left")},
    {Corner::BottomRight, QLatin1StringView("bottom-right")},
    {Corner::BottomLeft, QLatin1StringView("bottom-left")},
};

inline std::optional<Corner> cornerFromName(QStringView name)
{
    return enumFromName(kCornerNames, name);
}

} // namespace sohoa
