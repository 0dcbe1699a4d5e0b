#pragma once

// Private to core/pdf: the XMP packet of the PDFs PdfWriter makes (plain and PDF/A-2b). Never include
// this from a public header.

#include "core/pdf/PdfWriter.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace sohoa::pdf {

struct XmpInput
{
    PdfMetadata metadata; // dates already resolved (whole seconds)
    QString producer;
    QString documentId; // 32 hex digits
    QString instanceId; // 32 hex digits
    bool archival = false;
};

// "2026-11-21T14:05:09+07:00" ("Z" for UTC): the XMP form of a PDF date, the same instant and offset.
QString xmpDate(const QDateTime &dt);
// "uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" from 32 hex digits (xmpMM:DocumentID, InstanceID).
QString xmpUuid(const QString &hex);
// The packet with its xpacket wrapper and padding, UTF-8.
QByteArray xmpPacket(const XmpInput &input);

} // namespace sohoa::pdf
