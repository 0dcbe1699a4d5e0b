#pragma once

#include "core/common/Result.h"
#include "scanner/ScannerTypes.h"

#include <QString>
#include <QVariant>
#include <QVariantList>

namespace sohoa::scanner {

namespace detail {
class DeviceCore;
}

// One device option, typed after its SANE value type (ksanecore's options/ idea). Made by the
// device from the backend's descriptors and refreshed in place when the backend asks for a reload
// (so pointers stay valid while the device is open). value() always asks the device.
class ScanOption
{
public:
    virtual ~ScanOption();
    ScanOption(const ScanOption &) = delete;
    ScanOption &operator=(const ScanOption &) = delete;

    OptionType type() const { return m_type; }
    QString name() const { return m_name; }
    QString title() const { return m_title; }
    QString description() const { return m_description; }
    QString group() const { return m_group; }
    OptionUnit unit() const { return m_unit; }
    bool isActive() const { return m_active; }
    bool isSettable() const { return m_settable; }
    bool isReadable() const { return m_readable; }
    bool isAdvanced() const { return m_advanced; }
    // Number of values: 1, or more for an array option (gamma tables).
    int valueCount() const { return m_count; }

    OptionConstraint constraint() const { return m_constraint; }
    // For OptionConstraint::Range (as double for Int and Fixed; quant 0 means any step).
    double rangeMin() const { return m_min; }
    double rangeMax() const { return m_max; }
    double rangeQuant() const { return m_quant; }
    // For OptionConstraint::List: ints, doubles or strings.
    QVariantList allowedValues() const { return m_allowed; }

    // bool / int / double / QString; a QVariantList for arrays; invalid if inactive or unreadable.
    QVariant value() const;
    // OptionInactive, OptionReadOnly, OptionInvalidValue or a device error.
    Result<void> setValue(const QVariant &value);
    // For `--option NAME=VALUE`: yes/no/true/false/1/0, numbers (comma separated for arrays),
    // strings; a string from a list is matched case-insensitively.
    Result<void> setFromString(const QString &text);
    QString valueText() const;

protected:
    explicit ScanOption(OptionType type) : m_type(type) {}

    // Raw SANE value bytes <-> Qt values; implemented per type.
    virtual QVariant decode(const QByteArray &raw) const = 0;
    virtual Result<QByteArray> encode(const QVariant &value) const = 0;
    virtual Result<QVariant> parse(const QString &text) const = 0;

    Error invalid(const QString &why) const;
    bool inRange(double v) const;

private:
    friend class detail::DeviceCore;

    detail::DeviceCore *m_core = nullptr;
    int m_index = -1;
    int m_size = 0; // bytes of the SANE value
    OptionType m_type;
    QString m_name, m_title, m_description, m_group;
    OptionUnit m_unit = OptionUnit::None;
    bool m_active = false;
    bool m_settable = false;
    bool m_readable = false;
    bool m_advanced = false;
    int m_count = 1;
    OptionConstraint m_constraint = OptionConstraint::None;
    double m_min = 0, m_max = 0, m_quant = 0;
    QVariantList m_allowed;

protected:
    int sizeInBytes() const { return m_size; }
};

class BoolOption : public ScanOption
{
public:
    BoolOption() : ScanOption(OptionType::Bool) {}

protected:
    QVariant decode(const QByteArray &raw) const override;
    Result<QByteArray> encode(const QVariant &value) const override;
    Result<QVariant> parse(const QString &text) const override;
};

class IntOption : public ScanOption
{
public:
    IntOption() : ScanOption(OptionType::Int) {}

protected:
    QVariant decode(const QByteArray &raw) const override;
    Result<QByteArray> encode(const QVariant &value) const override;
    Result<QVariant> parse(const QString &text) const override;
};

class FixedOption : public ScanOption
{
public:
    FixedOption() : ScanOption(OptionType::Fixed) {}

protected:
    QVariant decode(const QByteArray &raw) const override;
    Result<QByteArray> encode(const QVariant &value) const override;
    Result<QVariant> parse(const QString &text) const override;
};

class StringOption : public ScanOption
{
public:
    StringOption() : ScanOption(OptionType::String) {}
    // The allowed value equal to text ignoring case, or an empty string.
    QString matchAllowed(const QString &text) const;

protected:
    QVariant decode(const QByteArray &raw) const override;
    Result<QByteArray> encode(const QVariant &value) const override;
    Result<QVariant> parse(const QString &text) const override;
};

// An action (e.g. "calibrate"); setValue/setFromString press it, whatever the value.
class ButtonOption : public ScanOption
{
public:
    ButtonOption() : ScanOption(OptionType::Button) {}
    Result<void> press() { return setValue({}); }

protected:
    QVariant decode(const QByteArray &) const override { return {}; }
    Result<QByteArray> encode(const QVariant &) const override { return QByteArray(); }
    Result<QVariant> parse(const QString &) const override { return QVariant(); }
};

QString optionUnitSuffix(OptionUnit unit); // "", "px", "bit", "mm", "dpi", "%", "µs"

} // namespace sohoa::scanner
