#pragma once

// Private to signing/: the sentences of a verification report, by stable id.

#include "signing/PdfSignatureValidator.h"

#include <QStringList>

namespace sohoa::signing::detail {

// The reason `id` (see VerifyReasons.cpp) with %1, %2... filled from args, in both languages.
VerifyReason reason(const char *id, const QStringList &args = {});
Modification modification(const char *id, bool allowed, const QStringList &args = {});

// Every id with its English source text, for tests that check each has a sentence.
QStringList knownReasonIds();

} // namespace sohoa::signing::detail
