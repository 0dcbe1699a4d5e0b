#pragma once

// Windows and dialogs open at the size they were designed for, or smaller where the screen is smaller
// (a 1366×768 counter PC): never with their buttons below the screen's edge.

#include <QSize>

class QWidget;

namespace sohoa::gui {

// Resizes `window` to `wanted`, bounded by the available area of the screen it will show on (its
// parent's, else the primary screen), less room for the window frame.
void resizeToFitScreen(QWidget *window, QSize wanted);

} // namespace sohoa::gui
