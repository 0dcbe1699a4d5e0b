#pragma once

#include <QFrame>
#include <QList>
#include <functional>

class QLabel;
class QHBoxLayout;
class QPushButton;

namespace sohoa::gui {

// A message strip above the pages (KMessageWidget's idea): what happened and what to do, with the
// buttons that do it, never a modal box in front of a waiting citizen. One banner per subject; it
// stays until one of its buttons (or its close button) is pressed, or its owner takes it away.
class Banner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Information,
        Positive,
        Warning,
        Error,
    };
    Q_ENUM(Kind)

    struct Button
    {
        QString text;
        std::function<void()> action;
        QString objectName; // for tests and xdotool-driven checks
        bool closes = true;
    };

    Banner(Kind kind, const QString &text, const QList<Button> &buttons = {}, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString text() const;
    void setText(const QString &text);
    QPushButton *button(const QString &objectName) const;

Q_SIGNALS:
    void closed();

private:
    Kind m_kind;
    QLabel *m_label;
};

} // namespace sohoa::gui
