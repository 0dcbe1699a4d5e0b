#include "app/gui/Icons.h"

namespace sohoa::gui::Icons {

QIcon get(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

} // namespace sohoa::gui::Icons
