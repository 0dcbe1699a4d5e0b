#pragma once

// One function per command, each in its own file (KeePassXC's src/cli/ is the model): it parses the
// arguments, runs a job or a store call of the application library, prints, and returns the exit
// status. `args` starts with the program name, as QCommandLineParser expects.

#include <QStringList>

namespace sohoa::cli {

int devicesCommand(const QStringList &args);
int scanCommand(const QStringList &args);
int dossierListCommand(const QStringList &args);
int dossierShowCommand(const QStringList &args);
int dossierExportCommand(const QStringList &args);
int dossierVerifyCommand(const QStringList &args);
int dossierMetadataCommand(const QStringList &args);
int dossierCleanupCommand(const QStringList &args);
int pageReviewBlankCommand(const QStringList &args);
int pageMoveCommand(const QStringList &args);
int pageRotateCommand(const QStringList &args);
int pageDeleteCommand(const QStringList &args);
int pageRestoreCommand(const QStringList &args);
int signCommand(const QStringList &args);
int stampQrCommand(const QStringList &args);
int coverSheetCommand(const QStringList &args);
int storeRebuildCommand(const QStringList &args);
int verifyCommand(const QStringList &args);
int ltvCommand(const QStringList &args);
int targetAddCommand(const QStringList &args);
int targetListCommand(const QStringList &args);
int targetRemoveCommand(const QStringList &args);
int uploadCommand(const QStringList &args);
int queueListCommand(const QStringList &args);
int queueRunCommand(const QStringList &args);
int queueRetryCommand(const QStringList &args);
int queueCancelCommand(const QStringList &args);
int queuePauseCommand(const QStringList &args);
int queueResumeCommand(const QStringList &args);

} // namespace sohoa::cli
