#include "app/gui/ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace sohoa::gui {

void resizeToFitScreen(QWidget *window, QSize wanted)
{
    const QWidget *anchor = window->parentWidget() ? window->parentWidget()->window() : window;
    const QScreen *screen = anchor->screen() ? anchor->screen() : QGuiApplication::primaryScreen();
    if (screen) {
        // The title bar and borders a window manager adds are outside the widget's size.
        const QSize room = screen->availableGeometry().size() - QSize(16, 48);
        wanted = wanted.boundedTo(room.expandedTo(QSize(320, 240)));
    }
    window->resize(wanted);
}

} // namespace sohoa::gui
