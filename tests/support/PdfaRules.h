#pragma once

// A checker of the PDF/A-2b rules our archival PDFs must keep, for tests (no PDF/A validator is
// installable here: veraPDF is in neither Debian nor npm). It reads the file's final revision, so a
// signed file (an incremental update) is judged as a reader sees it. Each rule is checked explicitly and
// every violation is one sentence naming the object, the rule and what was found.

#include <QString>
#include <QStringList>

namespace sohoa::test {

struct PdfaCheckOptions
{
    // PDF/A-2 allows transparency (soft masks, transparency groups, constant alpha, blend modes); our
    // archival profile does not, so that the file also prints and renders the same everywhere. A file
    // with a transparent signature image (a seal) is checked with this set.
    bool allowTransparency = false;
};

// Empty when the file keeps every rule checked; else one line per violation.
QStringList pdfaViolations(const QString &pdfPath, const PdfaCheckOptions &options = {});

} // namespace sohoa::test
