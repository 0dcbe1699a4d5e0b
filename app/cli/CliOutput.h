#pragma once

#include "core/common/Error.h"
#include "core/dossier/DossierStore.h"

#include <QJsonObject>
#include <QString>

namespace sohoa::cli {

// Writes one line and flushes at once: a line on stdout is a promise (e.g. "this page is saved")
// that must reach the reader before anything else can happen to the process.
void printLine(const QString &line);
void printJson(const QJsonObject &object);
void printError(const Error &error, bool json);
void printWarning(const QString &text);
// "Vietnamese / English" of a source text of the "sohoa::cli" context (QT_TRANSLATE_NOOP), whatever
// the locale: terminals and logs get both languages.
QString bilingual(const char *sourceText);

QJsonObject errorJson(const Error &error);
QJsonObject pageJson(const PageRecord &page);
QJsonObject dossierJson(const DossierInfo &dossier);

} // namespace sohoa::cli
