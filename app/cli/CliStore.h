#pragma once

// Opening the dossier store from the command line: --store DIR, else $SOHOA_STORE, else the XDG data
// folder; what recovery did (pages adopted, temporaries removed) is printed (JSON event and
// bilingual warnings) before anything else, and what it found wrong (missing or damaged page files)
// only for the dossier the command is about: the warning belongs to that dossier (`dossier list`
// counts them per dossier instead).
// Only a writing command that may start a store (scan) creates one: every other command needs a store
// that is there (store-not-found), and reading commands read a store they may not write (a mounted
// archive) without changing it, or any store with --read-only.

#include "core/dossier/DossierStore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>
#include <optional>

namespace sohoa::cli {

// --read-only, for the reading commands.
QCommandLineOption readOnlyOption();

// options.mode says how (StoreOpenMode); with ExistingOrReadOnly the parser has --read-only, which makes
// it ReadOnly.
Result<std::unique_ptr<DossierStore>> openStore(const QCommandLineParser &parser, bool json, StoreOptions options = {},
                                                const QString &dossierCode = {});

// A reading command's first lines: --store, --json and --read-only parsed from `args`, the store opened
// ExistingOrReadOnly. Nothing when the command must end now (*exitCode: a usage error, --help, a store
// that cannot be opened, each already printed).
std::unique_ptr<DossierStore> openStoreForReading(QCommandLineParser &parser, const QStringList &args, bool json,
                                                  int *exitCode);

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
// --store and --json added here, and --read-only for ExistingOrReadOnly), opens the store as `mode`
// says and finds the dossier. On nullopt the command ends with *exitCode.
std::optional<OpenedDossier> openDossierCommand(QCommandLineParser &parser, const QStringList &args,
                                                const QString &command, StoreOpenMode mode, int *exitCode);

} // namespace sohoa::cli
