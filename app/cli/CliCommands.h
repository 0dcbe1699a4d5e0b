#pragma once

#include <QString>
#include <QStringList>

namespace sohoa::cli {

QString versionString();
int run(const QStringList &arguments);
int cmdSign(const QStringList &args);

} // namespace sohoa::cli
