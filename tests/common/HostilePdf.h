#pragma once

// Hostile PDFs made by the tests themselves (none of the corpus files is hostile to Poppler 22.12):
// tiny files that keep a renderer busy for ever or make it want a page-size bitmap per nesting level.

#include <QByteArray>
#include <QList>

namespace sohoa::test {

// A PDF small enough to mail and slow enough to never finish: form XObjects nested `levels` deep, each
// drawing the next `fan` times (fan^levels fills; a PDF "billion laughs").
// With `group`, each form is also a transparency group: a page-size bitmap per level while drawing.
inline QByteArray nestedFormsPdf(int levels, int fan, bool group)
{
    QList<QByteArray> objects{
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> >> "
        "/Contents 4 0 R >>",
        "<< /Length 4 >>\nstream\n/X Do\nendstream",
    };
    for (int i = 0; i < levels; ++i) {
        QByteArray body;
        QByteArray resources;
        if (i + 1 < levels) {
            for (int k = 0; k < fan; ++k)
                body += "q 1 0 0 1 " + QByteArray::number(k % 3) + " 0 cm /X Do Q\n";
            resources = "/Resources << /XObject << /X " + QByteArray::number(6 + i) + " 0 R >> >>";
        } else {
            body = "0.5 g 0 0 612 792 re f";
        }
        objects.append("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] " +
                       QByteArray(group ? "/Group << /S /Transparency /I true >> " : "") + resources + " /Length " +
                       QByteArray::number(body.size()) + " >>\nstream\n" + body + "\nendstream");
    }
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype offset : std::as_const(offsets))
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace sohoa::test
