#include "core/pdf/internal/PageBox.h"

#include <algorithm>
#include <optional>
#include <set>

namespace sohoa::pdf {

namespace {

std::optional<QRectF> rectangleOf(QPDFObjectHandle o)
{
    if (!o.isRectangle())
        return std::nullopt;
    const QPDFObjectHandle::Rectangle r = o.getArrayAsRectangle();
    const QRectF box(QPointF(std::min(r.llx, r.urx), std::min(r.lly, r.ury)),
                     QPointF(std::max(r.llx, r.urx), std::max(r.lly, r.ury)));
    if (!(box.width() > 0 && box.height() > 0))
        return std::nullopt;
    return box;
}

} // namespace

QPDFObjectHandle inheritedPageAttribute(QPDFObjectHandle page, const char *key)
{
    std::set<QPDFObjGen> seen;
    for (QPDFObjectHandle node = page; node.isDictionary();) {
        QPDFObjectHandle v = node.getKey(key);
        if (!v.isNull())
            return v;
        if (node.isIndirect() && !seen.insert(node.getObjGen()).second)
            break;
        node = node.getKey("/Parent");
    }
    return QPDFObjectHandle::newNull();
}

VisiblePage visiblePageOf(QPDFObjectHandle page)
{
    VisiblePage v;
    const QRectF media =
        rectangleOf(inheritedPageAttribute(page, "/MediaBox")).value_or(QRectF(QPointF(0, 0), QPointF(612, 792)));
    v.box = media;
    if (auto crop = rectangleOf(inheritedPageAttribute(page, "/CropBox"))) {
        const QRectF cut = crop->intersected(media);
        if (cut.width() > 0 && cut.height() > 0)
            v.box = cut;
    }
    QPDFObjectHandle rotate = inheritedPageAttribute(page, "/Rotate");
    int rotation = rotate.isInteger() ? int(rotate.getIntValue() % 360) : 0;
    rotation = (rotation + 360) % 360;
    v.rotation = rotation % 90 == 0 ? rotation : 0;
    return v;
}

} // namespace sohoa::pdf
