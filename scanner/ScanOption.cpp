#include "scanner/ScanOption.h"

#include "scanner/DeviceCore_p.h"

#include <cmath>
#include <cstring>

namespace sohoa::scanner {

namespace {

SANE_Word wordAt(const QByteArray &raw, int i)
{
    SANE_Word w = 0;
    constexpr auto kWord = qsizetype(sizeof(SANE_Word));
    if (i >= 0 && (qsizetype(i) + 1) * kWord <= raw.size())
        std::memcpy(&w, raw.constData() + qsizetype(i) * kWord, sizeof(SANE_Word));
    return w;
}

void putWord(QByteArray &raw, int i, SANE_Word w)
{
    std::memcpy(raw.data() + i * sizeof(SANE_Word), &w, sizeof(SANE_Word));
}

// A single value or, for arrays, a list of exactly `count` values.
Result<QVariantList> splitValues(const QVariant &value, int count, const QString &name)
{
    QVariantList values;
    if (value.metaType().id() == QMetaType::QVariantList)
        values = value.toList();
    else
        values.append(value);
    if (values.size() != count)
        return Error(ErrorCode::OptionInvalidValue,
                     QStringLiteral("option %1 takes %2 value(s), got %3").arg(name).arg(count).arg(values.size()));
    return values;
}

} // namespace

ScanOption::~ScanOption() = default;

Error ScanOption::invalid(const QString &why) const
{
    return Error(ErrorCode::OptionInvalidValue, QStringLiteral("option %1: %2").arg(m_name, why));
}

bool ScanOption::inRange(double v) const
{
    if (m_constraint != OptionConstraint::Range)
        return true;
    const double eps = 1e-6 + std::abs(m_max - m_min) * 1e-9;
    return v >= m_min - eps && v <= m_max + eps;
}

QVariant ScanOption::value() const
{
    if (!m_core || !m_active || !m_readable || m_type == OptionType::Button)
        return {};
    auto raw = m_core->readValue(*this);
    if (!raw)
        return {};
    return decode(raw.value());
}

Result<void> ScanOption::setValue(const QVariant &value)
{
    if (!m_core)
        return Error(ErrorCode::OptionNotFound, m_name);
    if (!m_active)
        return Error(ErrorCode::OptionInactive, QStringLiteral("option %1 is inactive").arg(m_name));
    if (!m_settable)
        return Error(ErrorCode::OptionReadOnly, QStringLiteral("option %1 is read-only").arg(m_name));
    auto raw = encode(value);
    if (!raw)
        return raw.error();
    return m_core->writeValue(*this, &raw.value());
}

Result<void> ScanOption::setFromString(const QString &text)
{
    if (!m_active)
        return Error(ErrorCode::OptionInactive, QStringLiteral("option %1 is inactive").arg(m_name));
    if (!m_settable)
        return Error(ErrorCode::OptionReadOnly, QStringLiteral("option %1 is read-only").arg(m_name));
    auto parsed = parse(text.trimmed());
    if (!parsed)
        return parsed.error();
    return setValue(parsed.value());
}

QString ScanOption::valueText() const
{
    const QVariant v = value();
    if (v.metaType().id() == QMetaType::QVariantList) {
        QStringList parts;
        const QVariantList list = v.toList();
        for (const QVariant &e : list)
            parts.append(e.toString());
        return parts.join(u',');
    }
    // The value syntax setFromString() reads back (`--option NAME=yes`), not a sentence: not translated.
    if (m_type == OptionType::Bool && v.isValid())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    return v.toString();
}

// Bool

QVariant BoolOption::decode(const QByteArray &raw) const
{
    return wordAt(raw, 0) != SANE_FALSE;
}

Result<QByteArray> BoolOption::encode(const QVariant &value) const
{
    if (!value.canConvert<bool>())
        return invalid(QStringLiteral("not a yes/no value"));
    QByteArray raw(sizeof(SANE_Word), '\0');
    putWord(raw, 0, value.toBool() ? SANE_TRUE : SANE_FALSE);
    return raw;
}

Result<QVariant> BoolOption::parse(const QString &text) const
{
    const QString t = text.toLower();
    if (t == u"yes" || t == u"true" || t == u"1" || t == u"on")
        return QVariant(true);
    if (t == u"no" || t == u"false" || t == u"0" || t == u"off")
        return QVariant(false);
    return invalid(QStringLiteral("'%1' is not yes/no/true/false/1/0").arg(text));
}

namespace {
// "1,2,3" (or one value) into a QVariant / QVariantList for the option's setValue().
// On a bad part returns an invalid QVariant and puts the part in *bad.
template <typename Convert> QVariant parseNumbers(const QString &text, int valueCount, QString *bad, Convert convert)
{
    QVariantList values;
    for (const QString &p : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const QVariant v = convert(p.trimmed(), &ok);
        if (!ok) {
            *bad = p;
            return {};
        }
        values.append(v);
    }
    if (valueCount == 1 && values.size() == 1)
        return values.first();
    return QVariant(values);
}

} // namespace

// Int

QVariant IntOption::decode(const QByteArray &raw) const
{
    if (valueCount() == 1)
        return int(wordAt(raw, 0));
    QVariantList list;
    for (int i = 0; i < valueCount(); ++i)
        list.append(int(wordAt(raw, i)));
    return list;
}

Result<QByteArray> IntOption::encode(const QVariant &value) const
{
    auto values = splitValues(value, valueCount(), name());
    if (!values)
        return values.error();
    QByteArray raw(valueCount() * int(sizeof(SANE_Word)), '\0');
    for (int i = 0; i < valueCount(); ++i) {
        const QVariant &v = values.value()[i];
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || d != std::floor(d) || std::abs(d) > 2147483647.0)
            return invalid(QStringLiteral("'%1' is not an integer").arg(v.toString()));
        const int n = int(d);
        if (!inRange(n))
            return invalid(QStringLiteral("%1 is outside %2..%3").arg(n).arg(rangeMin()).arg(rangeMax()));
        if (constraint() == OptionConstraint::List && !allowedValues().contains(QVariant(n)))
            return invalid(QStringLiteral("%1 is not an allowed value").arg(n));
        putWord(raw, i, SANE_Word(n));
    }
    return raw;
}

Result<QVariant> IntOption::parse(const QString &text) const
{
    QString bad;
    const QVariant v =
        parseNumbers(text, valueCount(), &bad, [](const QString &p, bool *ok) { return QVariant(p.toInt(ok)); });
    if (!v.isValid())
        return invalid(QStringLiteral("'%1' is not an integer").arg(bad));
    return v;
}

// Fixed

QVariant FixedOption::decode(const QByteArray &raw) const
{
    if (valueCount() == 1)
        return SANE_UNFIX(wordAt(raw, 0));
    QVariantList list;
    for (int i = 0; i < valueCount(); ++i)
        list.append(SANE_UNFIX(wordAt(raw, i)));
    return list;
}

Result<QByteArray> FixedOption::encode(const QVariant &value) const
{
    auto values = splitValues(value, valueCount(), name());
    if (!values)
        return values.error();
    QByteArray raw(valueCount() * int(sizeof(SANE_Word)), '\0');
    for (int i = 0; i < valueCount(); ++i) {
        const QVariant &v = values.value()[i];
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d) || std::abs(d) >= 32767.0)
            return invalid(QStringLiteral("'%1' is not a number").arg(v.toString()));
        if (!inRange(d))
            return invalid(QStringLiteral("%1 is outside %2..%3").arg(d).arg(rangeMin()).arg(rangeMax()));
        const SANE_Word w = SANE_FIX(d);
        if (constraint() == OptionConstraint::List) {
            bool found = false;
            for (const QVariant &a : allowedValues())
                found = found || SANE_FIX(a.toDouble()) == w;
            if (!found)
                return invalid(QStringLiteral("%1 is not an allowed value").arg(d));
        }
        putWord(raw, i, w);
    }
    return raw;
}

Result<QVariant> FixedOption::parse(const QString &text) const
{
    QString bad;
    const QVariant v =
        parseNumbers(text, valueCount(), &bad, [](const QString &p, bool *ok) { return QVariant(p.toDouble(ok)); });
    if (!v.isValid())
        return invalid(QStringLiteral("'%1' is not a number").arg(bad));
    return v;
}

// String

QVariant StringOption::decode(const QByteArray &raw) const
{
    return QString::fromUtf8(raw.constData(), qsizetype(qstrnlen(raw.constData(), uint(raw.size()))));
}

QString StringOption::matchAllowed(const QString &text) const
{
    for (const QVariant &a : allowedValues()) {
        QString s = a.toString();
        if (s.compare(text, Qt::CaseInsensitive) == 0)
            return s;
    }
    return {};
}

Result<QByteArray> StringOption::encode(const QVariant &value) const
{
    if (!value.canConvert<QString>())
        return invalid(QStringLiteral("not a string"));
    const QString s = value.toString();
    if (constraint() == OptionConstraint::List && !allowedValues().contains(QVariant(s))) {
        QStringList allowed;
        for (const QVariant &a : allowedValues())
            allowed.append(a.toString());
        return invalid(QStringLiteral("'%1' is not one of %2").arg(s, allowed.join(u'|')));
    }
    QByteArray raw = s.toUtf8();
    if (raw.size() + 1 > sizeInBytes())
        return invalid(QStringLiteral("'%1' is longer than %2 bytes").arg(s).arg(sizeInBytes() - 1));
    raw.resize(sizeInBytes(), '\0');
    return raw;
}

Result<QVariant> StringOption::parse(const QString &text) const
{
    if (constraint() == OptionConstraint::List) {
        const QString match = matchAllowed(text);
        if (!match.isEmpty())
            return QVariant(match);
    }
    return QVariant(text); // encode() reports a value outside the list
}

// International unit symbols, written the same in Vietnamese: not translated.
QString optionUnitSuffix(OptionUnit unit)
{
    switch (unit) {
    case OptionUnit::None:
        return {};
    case OptionUnit::Pixel:
        return QStringLiteral("px");
    case OptionUnit::Bit:
        return QStringLiteral("bit");
    case OptionUnit::Mm:
        return QStringLiteral("mm");
    case OptionUnit::Dpi:
        return QStringLiteral("dpi");
    case OptionUnit::Percent:
        return QStringLiteral("%");
    case OptionUnit::Microsecond:
        return QStringLiteral("µs");
    }
    return {};
}

} // namespace sohoa::scanner
