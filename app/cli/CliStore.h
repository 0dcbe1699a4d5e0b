#pragma once

// Opening the dossier store from the command line: --store DIR, else $SOHOA_STORE, else the XDG data
// folder; what recovery did (pages adopted, temporaries removed) is printed (JSON event and
// bilingual warnings) before anything else, and what it found wrong (missing or damaged page files)
// only for the dossier the command is about: the warning belongs to that dossier (`dossier list`
// counts them per dossier instead).

#include "core/dossier/DossierStore.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>
#include <optional>

namespace sohoa::cli {

Result<std::unique_ptr<DossierStore>> openStore(const QCommandLineParser &parser, bool json,
                                                const StoreOptions &options = {}, const QString &dossierCode = {});

// How many of the dossier's visible pages recovery found missing and damaged.
std::pair<int, int> pageProblemCounts(const DossierStore &store, qint64 dossierId);

struct OpenedDossier
{
    std::unique_ptr<DossierStore> store;
    DossierInfo dossier;
    bool json = false;
};

// The common start of the commands that name one dossier (`dossier show|export|verify CODE`,
// `page ... CODE`): parses the arguments (the command's own options already added to the parser,
// --store and --json added here), opens the store and finds the dossier. On nullopt the command
// ends with *exitCode.
std::optional<OpenedDossier> openDossierCommand(QCommandLineParser &parser, const QStringList &args,
                                                const QString &command, int *exitCode);

} // namespace sohoa::cli
