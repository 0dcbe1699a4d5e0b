#pragma once

#include "app/workflows/Job.h"
#include "core/barcode/CoverSheet.h"

#include <QString>

namespace sohoa::workflows {

// Prints the A4 cover sheets of a dossier (one per component) into a PDF, for scanning with
// separation by QR code. The dossier code is validated first. Needs a QGuiApplication.
class CoverSheetJob : public Job
{
    Q_OBJECT
public:
    CoverSheetJob(const QString &outputPath, CoverSheetSpec spec, bool overwrite, QObject *parent = nullptr);
    ~CoverSheetJob() override;

    const CoverSheetOutput &report() const { return m_report; }

protected:
    Error run() override;

private:
    QString m_outputPath;
    CoverSheetSpec m_spec;
    bool m_overwrite;
    CoverSheetOutput m_report;
};

} // namespace sohoa::workflows
