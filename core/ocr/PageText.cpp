#include "core/ocr/PageText.h"

namespace sohoa {

QString PageText::plainText() const
{
    QString out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const TextLine &line = lines.at(i);
        if (i > 0)
            out += line.block != lines.at(i - 1).block ? QStringLiteral("\n\n") : QStringLiteral("\n");
        for (qsizetype w = 0; w < line.words.size(); ++w) {
            if (w > 0)
                out += u' ';
            out += line.words.at(w).text;
        }
    }
    return out;
}

} // namespace sohoa
