#pragma once

// What the `page` commands share: CODE --component C --page N, the store, and their printing.

#include "app/cli/CliStore.h"
#include "app/workflows/PageAddress.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <optional>

namespace sohoa::cli {

struct PageCommand
{
    OpenedDossier opened;
    workflows::PageAddress address;
};

// Parses `page <verb> CODE --component C --page N` (with the verb's own options already added),
// opens the store and finds the dossier. On nullopt the command ends with *exitCode.
std::optional<PageCommand> openPageCommand(QCommandLineParser &parser, const QStringList &args, const QString &verb,
                                           int *exitCode);

// Prints what an operation did (JSON event, or one line) and returns 0.
int printPageChange(const PageCommand &command, const QString &event, const PageRecord &page, QJsonObject extra,
                    const QString &line);

} // namespace sohoa::cli
