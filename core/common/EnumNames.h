#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <optional>

namespace sohoa {

// The one way to turn the names users type ("top-right", "color", "adf", "sha384") into enums and
// back: a table per enum, matched ignoring case and surrounding spaces.
template <typename E> struct EnumName
{
    E value;
    QLatin1StringView name;
};

template <typename E, std::size_t N> std::optional<E> enumFromName(const EnumName<E> (&table)[N], QStringView text)
{
    const QStringView t = text.trimmed();
    for (const EnumName<E> &entry : table)
        if (t.compare(entry.name, Qt::CaseInsensitive) == 0)
            return entry.value;
    return std::nullopt;
}

template <typename E, std::size_t N> QString enumToName(const EnumName<E> (&table)[N], E value)
{
    for (const EnumName<E> &entry : table)
        if (entry.value == value)
            return QString(entry.name);
    return QString();
}

// "a, b or c", for messages that list what is accepted.
template <typename E, std::size_t N> QString enumNameList(const EnumName<E> (&table)[N])
{
    QString out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0)
            out += i + 1 == N ? QStringLiteral(" or ") : QStringLiteral(", ");
        out += QString(table[i].name);
    }
    return out;
}

} // namespace sohoa
