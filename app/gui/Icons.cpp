#include "app/gui/Icons.h"

// The icons are compiled into sohoa_gui, a static library: its resources are registered by hand
// (Q_INIT_RESOURCE must be called outside any namespace).
static void initIconResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace sohoa::gui::Icons {

QIcon get(const QString &name)
{
    static const bool registered = (initIconResources(), true);
    Q_UNUSED(registered);
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

} // namespace sohoa::gui::Icons
