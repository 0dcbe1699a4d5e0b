#include "app/workflows/CoverSheetJob.h"

#include "core/dossier/DossierCode.h"

#include <QFileInfo>

namespace sohoa::workflows {

CoverSheetJob::CoverSheetJob(const QString &outputPath, CoverSheetSpec spec, bool overwrite, QObject *parent)
    : Job(parent), m_outputPath(QFileInfo(outputPath).absoluteFilePath()), m_spec(std::move(spec)),
      m_overwrite(overwrite)
{}

CoverSheetJob::~CoverSheetJob()
{
    stop();
}

Error CoverSheetJob::run()
{
    if (auto form = DossierCode::validate(m_spec.dossierCode, m_spec.allowFreeFormCode); !form)
        return form.error();
    auto written = CoverSheet::write(m_outputPath, m_spec, m_overwrite);
    if (!written)
        return written.error();
    m_report = written.value();
    return {};
}

} // namespace sohoa::workflows
