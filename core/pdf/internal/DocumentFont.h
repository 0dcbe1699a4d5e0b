#pragma once

// Private to SoHoa's libraries (signature appearances, QR captions, cover sheets).

#include "core/common/Error.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace sohoa {

// The font family of every text we draw into PDFs (signature appearances, QR captions, cover sheets): Liberation
// Serif 2.x (fonts-liberation2, with the Vietnamese letters) Regular and Bold, registered with Qt from their files
// under a family name no installed font has. Debian's fonts-liberation 1.07 (no Vietnamese) is installed too under the
// same name "Liberation Serif", and which of the two files Qt picks for a style is not ours to
// choose (seen here: Regular from 2.x, Bold from 1.07). Registered once; an error if the files are
// missing or unreadable, with the caller's code (`failure`). Needs a QGuiApplication.
Result<QString> documentFontFamily(ErrorCode failure);

// A copy of a TrueType font whose family names (name IDs 1, 4 and 16) say `family` instead of
// `oldFamily`; the PostScript name (ID 6), hence the name a PDF shows, stays. Empty on a malformed font.
QByteArray renameFontFamily(const QByteArray &ttf, const QString &oldFamily, const QString &family);

} // namespace sohoa
