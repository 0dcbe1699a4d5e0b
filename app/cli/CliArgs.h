#pragma once

#include "core/common/Error.h"
#include "core/common/Result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace sohoa::cli {

// Prints the error (JSON or bilingual text) and returns its exit status.
int fail(const Error &error, bool json);
// An InvalidArgument error that says what was wrong on the command line, in both languages:
// sourceText is English, marked QT_TRANSLATE_NOOP("sohoa::cli", ...) where it is written; %1.. from args.
Error usage(const char *sourceText, const QStringList &args = {});
// The same, printed; returns its exit status.
int usageError(const char *sourceText, bool json, const QStringList &args = {});

// A --name option; with a value name when value is given. Help texts are English source texts,
// translated in the "sohoa::cli" context.
QCommandLineOption option(const char *name, const char *help, const char *value = nullptr);
QCommandLineOption storeOption();
QCommandLineOption jsonOption();
// --trust PEM|DIR (repeatable), --system-trust and --timeout SECONDS, as verify and ltv take them.
QList<QCommandLineOption> trustOptions();
// --timeout in milliseconds (fallbackMs when not given); a usage error when not 0 < s <= 600.
Result<int> networkTimeoutMs(const QCommandLineParser &parser, int fallbackMs);

// Parses a sub-command's arguments (single-dash words as long options, --help added; args.first() is
// the command as help names it, "sohoa-cli dossier show"). Returns false
// when the command must end now: a usage error (printed, *exitCode its status) or --help (printed,
// *exitCode 0).
bool parseArguments(QCommandLineParser &parser, const QStringList &args, int *exitCode, bool json);

// --json is looked for before parsing, so that even a parse error is printed as JSON.
bool wantsJson(const QStringList &args);

} // namespace sohoa::cli
