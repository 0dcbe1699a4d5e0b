#include "scanner/DeviceCore_p.h"

#include "scanner/SaneRuntime_p.h"
#include "scanner/SaneStatus_p.h"
#include "scanner/ScannerLogging.h"

namespace sohoa::scanner::detail {

namespace {

std::unique_ptr<ScanOption> makeOption(SANE_Value_Type type)
{
    switch (type) {
    case SANE_TYPE_BOOL:
        return std::make_unique<BoolOption>();
    case SANE_TYPE_INT:
        return std::make_unique<IntOption>();
    case SANE_TYPE_FIXED:
        return std::make_unique<FixedOption>();
    case SANE_TYPE_STRING:
        return std::make_unique<StringOption>();
    case SANE_TYPE_BUTTON:
        return std::make_unique<ButtonOption>();
    case SANE_TYPE_GROUP:
        break;
    }
    return nullptr;
}

OptionType optionTypeOf(SANE_Value_Type type)
{
    switch (type) {
    case SANE_TYPE_BOOL:
        return OptionType::Bool;
    case SANE_TYPE_INT:
        return OptionType::Int;
    case SANE_TYPE_FIXED:
        return OptionType::Fixed;
    case SANE_TYPE_STRING:
        return OptionType::String;
    default:
        return OptionType::Button;
    }
}

OptionUnit unitOf(SANE_Unit unit)
{
    switch (unit) {
    case SANE_UNIT_NONE:
        return OptionUnit::None;
    case SANE_UNIT_PIXEL:
        return OptionUnit::Pixel;
    case SANE_UNIT_BIT:
        return OptionUnit::Bit;
    case SANE_UNIT_MM:
        return OptionUnit::Mm;
    case SANE_UNIT_DPI:
        return OptionUnit::Dpi;
    case SANE_UNIT_PERCENT:
        return OptionUnit::Percent;
    case SANE_UNIT_MICROSECOND:
        return OptionUnit::Microsecond;
    }
    return OptionUnit::None;
}

QString fromSane(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

double wordToDouble(SANE_Word w, SANE_Value_Type type)
{
    return type == SANE_TYPE_FIXED ? SANE_UNFIX(w) : double(w);
}

} // namespace

DeviceCore::DeviceCore(SANE_Handle handle, QString name) : m_handle(handle), m_name(std::move(name)) {}

DeviceCore::~DeviceCore()
{
    if (m_handle) {
        sane_cancel(m_handle);
        const std::lock_guard lock(saneGlobalMutex());
        sane_close(m_handle);
        qCDebug(lcScanner) << "closed" << m_name;
    }
}

void DeviceCore::fillFromDescriptor(ScanOption &o, int index, const SANE_Option_Descriptor &d, const QString &group)
{
    o.m_core = this;
    o.m_index = index;
    o.m_size = d.size;
    o.m_name = fromSane(d.name);
    o.m_title = fromSane(d.title);
    o.m_description = fromSane(d.desc);
    o.m_group = group;
    o.m_unit = unitOf(d.unit);
    o.m_active = SANE_OPTION_IS_ACTIVE(d.cap);
    o.m_settable = SANE_OPTION_IS_SETTABLE(d.cap);
    o.m_readable = (d.cap & SANE_CAP_SOFT_DETECT) != 0;
    o.m_advanced = (d.cap & SANE_CAP_ADVANCED) != 0;
    o.m_count =
        (d.type == SANE_TYPE_INT || d.type == SANE_TYPE_FIXED) ? std::max(1, d.size / int(sizeof(SANE_Word))) : 1;
    o.m_constraint = OptionConstraint::None;
    o.m_min = o.m_max = o.m_quant = 0;
    o.m_allowed.clear();
    switch (d.constraint_type) {
    case SANE_CONSTRAINT_RANGE:
        if (d.constraint.range) {
            o.m_constraint = OptionConstraint::Range;
            o.m_min = wordToDouble(d.constraint.range->min, d.type);
            o.m_max = wordToDouble(d.constraint.range->max, d.type);
            o.m_quant = wordToDouble(d.constraint.range->quant, d.type);
        }
        break;
    case SANE_CONSTRAINT_WORD_LIST:
        if (d.constraint.word_list) {
            o.m_constraint = OptionConstraint::List;
            const SANE_Word n = d.constraint.word_list[0]; // first word is the count
            for (SANE_Word i = 1; i <= n; ++i) {
                const SANE_Word w = d.constraint.word_list[i];
                if (d.type == SANE_TYPE_FIXED)
                    o.m_allowed.append(SANE_UNFIX(w));
                else
                    o.m_allowed.append(int(w));
            }
        }
        break;
    case SANE_CONSTRAINT_STRING_LIST:
        if (d.constraint.string_list) {
            o.m_constraint = OptionConstraint::List;
            for (int i = 0; d.constraint.string_list[i]; ++i)
                o.m_allowed.append(fromSane(d.constraint.string_list[i]));
        }
        break;
    case SANE_CONSTRAINT_NONE:
        break;
    }
}

void DeviceCore::reloadOptions()
{
    ++reloads;
    SANE_Int count = 0;
    const SANE_Option_Descriptor *d0 = sane_get_option_descriptor(m_handle, 0);
    if (d0 && sane_control_option(m_handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD)
        count = 0;
    if (count < 1)
        count = 1;

    std::vector<std::unique_ptr<ScanOption>> next;
    next.resize(static_cast<size_t>(count));
    QString group;
    for (int i = 1; i < count; ++i) {
        // Some backends (e.g. `test`) refuse sane_control_option on an option whose descriptor was
        // not fetched again after a reload, so every descriptor is read here.
        const SANE_Option_Descriptor *d = sane_get_option_descriptor(m_handle, i);
        if (!d)
            continue;
        if (d->type == SANE_TYPE_GROUP) {
            group = fromSane(d->title);
            continue;
        }
        std::unique_ptr<ScanOption> opt;
        if (size_t(i) < m_options.size() && m_options[size_t(i)] && m_options[size_t(i)]->m_name == fromSane(d->name) &&
            m_options[size_t(i)]->m_type == optionTypeOf(d->type))
            opt = std::move(m_options[size_t(i)]);
        else
            opt = makeOption(d->type);
        if (!opt)
            continue;
        fillFromDescriptor(*opt, i, *d, group);
        next[size_t(i)] = std::move(opt);
    }
    for (auto &old : m_options) {
        if (old) {
            old->m_active = false;
            old->m_settable = false;
            m_retired.push_back(std::move(old));
        }
    }
    m_options = std::move(next);
    m_ordered.clear();
    m_byName.clear();
    for (const auto &o : m_options) {
        if (!o)
            continue;
        m_ordered.push_back(o.get());
        if (!o->m_name.isEmpty() && !m_byName.contains(o->m_name))
            m_byName.insert(o->m_name, o.get());
    }
}

Result<QByteArray> DeviceCore::readValue(const ScanOption &option) const
{
    QByteArray raw(std::max(option.m_size, int(sizeof(SANE_Word))) + 1, '\0');
    const SANE_Status st = sane_control_option(m_handle, option.m_index, SANE_ACTION_GET_VALUE, raw.data(), nullptr);
    if (st != SANE_STATUS_GOOD)
        return errorFromSaneStatus(st, m_name, QStringLiteral("reading option %1").arg(option.m_name));
    return raw;
}

Result<void> DeviceCore::writeValue(ScanOption &option, QByteArray *raw)
{
    SANE_Int info = 0;
    const QString optName = option.m_name;
    const SANE_Status st = sane_control_option(m_handle, option.m_index, SANE_ACTION_SET_VALUE,
                                               raw && !raw->isEmpty() ? raw->data() : nullptr, &info);
    if (st == SANE_STATUS_INVAL)
        return Error(ErrorCode::OptionInvalidValue,
                     QStringLiteral("option %1: the device refused the value [%2]").arg(optName, m_name));
    if (st != SANE_STATUS_GOOD)
        return errorFromSaneStatus(st, m_name, QStringLiteral("setting option %1").arg(optName));
    if (info & SANE_INFO_INEXACT)
        qCDebug(lcScanner) << "option" << optName << "was rounded by the device";
    if (info & SANE_INFO_RELOAD_PARAMS)
        paramsChanged = true;
    if (info & SANE_INFO_RELOAD_OPTIONS) {
        qCDebug(lcScanner) << "option" << optName << "changed other options; reloading descriptors";
        reloadOptions();
    }
    return {};
}

} // namespace sohoa::scanner::detail
