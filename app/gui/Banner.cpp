#include "app/gui/Banner.h"

#include "app/gui/Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace sohoa::gui {

namespace {
QString colours(Banner::Kind kind)
{
    switch (kind) {
    case Banner::Kind::Positive:
        return QStringLiteral("background:#e8f5e9;border:1px solid #66bb6a;");
    case Banner::Kind::Warning:
        return QStringLiteral("background:#fff8e1;border:1px solid #ffb300;");
    case Banner::Kind::Error:
        return QStringLiteral("background:#ffebee;border:1px solid #e53935;");
    case Banner::Kind::Information:
        break;
    }
    return QStringLiteral("background:#e3f2fd;border:1px solid #42a5f5;");
}
} // namespace

Banner::Banner(Kind kind, const QString &text, const QList<Button> &buttons, QWidget *parent)
    : QFrame(parent), m_kind(kind), m_label(new QLabel(text, this))
{
    setObjectName(QStringLiteral("banner"));
    setStyleSheet(QStringLiteral("sohoa--gui--Banner{%1border-radius:4px;} QLabel{background:transparent;border:none;}")
                      .arg(colours(kind)));
    setAccessibleName(text);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    if (kind == Kind::Warning || kind == Kind::Error) {
        auto *icon = new QLabel(this);
        icon->setPixmap(Icons::get(QStringLiteral("warning")).pixmap(22, 22));
        layout->addWidget(icon);
    }
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label, 1);
    for (const Button &b : buttons) {
        auto *button = new QPushButton(b.text, this);
        button->setObjectName(b.objectName);
        layout->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this, action = b.action, closes = b.closes] {
            if (action)
                action();
            if (closes) {
                Q_EMIT closed();
                deleteLater();
            }
        });
    }
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("bannerClose"));
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close this message"));
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, [this] {
        Q_EMIT closed();
        deleteLater();
    });
}

QString Banner::text() const
{
    return m_label->text();
}

void Banner::setText(const QString &text)
{
    m_label->setText(text);
    setAccessibleName(text);
}

QPushButton *Banner::button(const QString &objectName) const
{
    return findChild<QPushButton *>(objectName);
}

} // namespace sohoa::gui
