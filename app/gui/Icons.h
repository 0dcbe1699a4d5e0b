#pragma once

#include <QIcon>
#include <QString>

namespace sohoa::gui::Icons {

// The icon `name` from the SVG set under :/icons (HiDPI-clean at any size).
QIcon get(const QString &name);

} // namespace sohoa::gui::Icons
