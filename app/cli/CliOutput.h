#pragma once

#include "core/dossier/DossierStore.h"
#include "core/common/Error.h"

#include <QJsonObject>
#include <QString>

namespace sohoa::cli {

// Writes one line and flushes at once: a line on stdout is a promise (e.g. "this page is saved")
// that must reach the reader before anything else can happen to the process.
void printLine(const QString &line);
void printJson(const QJsonObject &object);
void printError(const Error &error, bool json);
void printWarning(const QString &text);

QJsonObject errorJson(const Error &error);
QJsonObject pageJson(const PageRecord &page);
QJsonObject dossierJson(const DossierInfo &dossier);

} // namespace sohoa::cli
