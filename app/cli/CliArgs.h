#pragma once

#include "core/common/Error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace sohoa::cli {

// Prints the error (JSON or bilingual text) and returns its exit status.
int fail(const Error &error, bool json);

// A --name option; with a value name when value is given. Help texts are UTF-8.
QCommandLineOption option(const char *name, const char *help, const char *value = nullptr);

// Parses a sub-command's arguments (single-dash words as long options, --help added). Returns false
// when the command must end now: a usage error (printed, *exitCode its status) or --help (printed,
// *exitCode 0).
bool parseArguments(QCommandLineParser &parser, const QStringList &args, int *exitCode, bool json);

} // namespace sohoa::cli
