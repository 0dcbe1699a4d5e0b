#pragma once

#include <QWidget>

#include <memory>

class QFormLayout;
class QLabel;

namespace sohoa::scanner {
class DeviceSession;
}

namespace sohoa::gui {

// The chosen scanner's own options, as the device describes them (ksanecore's typed options): a
// check box, a spin box, a list or a text field per option, inactive ones greyed, rebuilt when the
// device re-describes them (a mode switch makes `depth` inactive). Changes go to the device session,
// which the next scan uses.
class DeviceOptionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DeviceOptionsPanel(QWidget *parent = nullptr);

    void setSession(std::shared_ptr<scanner::DeviceSession> session);
    int optionCount() const { return m_count; }

private:
    void rebuild();

    std::shared_ptr<scanner::DeviceSession> m_session;
    QWidget *m_content;
    QLabel *m_state;
    int m_count = 0;
};

} // namespace sohoa::gui
