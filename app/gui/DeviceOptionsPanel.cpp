#include "app/gui/DeviceOptionsPanel.h"

#include "scanner/DeviceSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sohoa::gui {

DeviceOptionsPanel::DeviceOptionsPanel(QWidget *parent)
    : QWidget(parent), m_content(new QWidget), m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("deviceOptions"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_content);
    layout->addWidget(scroll, 1);
    new QFormLayout(m_content);
    m_state->setWordWrap(true);
}

void DeviceOptionsPanel::setSession(std::shared_ptr<scanner::DeviceSession> session)
{
    if (m_session)
        disconnect(m_session.get(), nullptr, this, nullptr);
    m_session = std::move(session);
    if (!m_session) {
        m_state->setText(tr("No scanner chosen."));
        rebuild();
        return;
    }
    connect(m_session.get(), &scanner::DeviceSession::optionsChanged, this, &DeviceOptionsPanel::rebuild);
    connect(m_session.get(), &scanner::DeviceSession::opened, this, [this](const Error &error) {
        m_state->setText(error.isError() ? error.message() : m_session->deviceName());
        rebuild();
    });
    connect(m_session.get(), &scanner::DeviceSession::optionFailed, this,
            [this](const QString &name, const Error &error) { m_state->setText(name + QStringLiteral(": ") + error.message()); });
    if (m_session->isOpen()) {
        m_state->setText(m_session->deviceName());
        rebuild();
    } else {
        m_state->setText(tr("Opening %1…").arg(m_session->deviceName()));
        m_session->requestOpen();
    }
}

void DeviceOptionsPanel::rebuild()
{
    auto *form = static_cast<QFormLayout *>(m_content->layout());
    while (form->rowCount() > 0)
        form->removeRow(0);
    m_count = 0;
    if (!m_session)
        return;
    const auto session = m_session;
    for (const scanner::ScanOptionInfo &o : session->options()) {
        if (o.name.isEmpty() || o.title.isEmpty())
            continue;
        QWidget *editor = nullptr;
        const auto set = [session, name = o.name](const QString &value) { session->requestSetOption(name, value); };
        switch (o.type) {
        case scanner::OptionType::Bool: {
            auto *box = new QCheckBox;
            box->setChecked(o.value.toBool());
            connect(box, &QCheckBox::toggled, this, [set](bool on) { set(on ? QStringLiteral("yes") : QStringLiteral("no")); });
            editor = box;
            break;
        }
        case scanner::OptionType::Button: {
            auto *button = new QPushButton(o.title);
            connect(button, &QPushButton::clicked, this, [set] { set(QString()); });
            editor = button;
            break;
        }
        default:
            if (o.constraint == scanner::OptionConstraint::List) {
                auto *combo = new QComboBox;
                for (const QVariant &v : o.allowedValues)
                    combo->addItem(v.toString());
                combo->setCurrentText(o.valueText);
                connect(combo, &QComboBox::textActivated, this, set);
                editor = combo;
            } else if (o.constraint == scanner::OptionConstraint::Range && o.type == scanner::OptionType::Int) {
                auto *spin = new QSpinBox;
                spin->setRange(int(o.rangeMin), int(o.rangeMax));
                spin->setValue(o.value.toInt());
                connect(spin, &QSpinBox::editingFinished, this, [set, spin] { set(QString::number(spin->value())); });
                editor = spin;
            } else if (o.constraint == scanner::OptionConstraint::Range) {
                auto *spin = new QDoubleSpinBox;
                spin->setRange(o.rangeMin, o.rangeMax);
                spin->setValue(o.value.toDouble());
                connect(spin, &QDoubleSpinBox::editingFinished, this, [set, spin] { set(QString::number(spin->value())); });
                editor = spin;
            } else {
                auto *line = new QLineEdit(o.valueText);
                connect(line, &QLineEdit::editingFinished, this, [set, line] { set(line->text()); });
                editor = line;
            }
        }
        editor->setObjectName(QStringLiteral("option-") + o.name);
        editor->setToolTip(o.description);
        editor->setEnabled(o.active && o.settable);
        form->addRow(o.type == scanner::OptionType::Button ? QString() : o.title, editor);
        ++m_count;
    }
}

} // namespace sohoa::gui
