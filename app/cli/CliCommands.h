#pragma once

#include <QString>
#include <QStringList>

namespace sohoa::cli {

QString versionString();
int run(const QStringList &arguments);

} // namespace sohoa::cli
