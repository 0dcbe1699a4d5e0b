#pragma once

#include <QString>
#include <QStringList>

namespace sohoa::cli {

QString versionString();
// Where the command word is in arguments (argv): after the common options a user may write before it
// (--json, --store DIR, --store=DIR); arguments.size() when there is none.
qsizetype commandIndex(const QStringList &arguments);
// Finds the command named by arguments[1] (and [2] for `dossier` and `page`) and runs it; the exit
// status. No command or an unknown one: said so, with the usage, exit 2.
int runCommand(const QStringList &arguments);

} // namespace sohoa::cli
