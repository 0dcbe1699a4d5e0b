#pragma once

#include <QObject>

namespace sohoa::scanner {

// The scanner layer's enums, known to Qt's meta-object system: they reach a window's option panel
// (in ScanOptionInfo snapshots and ScanSettings) and logs by name.
Q_NAMESPACE

// Where the paper is: the glass, the document feeder, or the feeder scanning both sides.
enum class Source
{
    Flatbed,
    Adf,
    AdfDuplex
};
Q_ENUM_NS(Source)

enum class OptionUnit
{
    None,
    Pixel,
    Bit,
    Mm,
    Dpi,
    Percent,
    Microsecond
};
Q_ENUM_NS(OptionUnit)

enum class OptionType
{
    Bool,
    Int,
    Fixed,
    String,
    Button
};
Q_ENUM_NS(OptionType)

enum class OptionConstraint
{
    None,
    Range,
    List
};
Q_ENUM_NS(OptionConstraint)

} // namespace sohoa::scanner
