#pragma once

#include <QMimeData>
#include <QStringList>
#include <QUrl>

namespace sohoa::gui {

// The local files and folders a drag carries (remote URLs are left out).
inline QStringList localPathsOf(const QMimeData *mime)
{
    QStringList paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    return paths;
}

} // namespace sohoa::gui
