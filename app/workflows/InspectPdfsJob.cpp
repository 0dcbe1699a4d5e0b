#include "app/workflows/InspectPdfsJob.h"

#include "app/workflows/VerifyPdfJob.h"

#include <QCoreApplication>

namespace sohoa::workflows {

InspectPdfsJob::InspectPdfsJob(QStringList inputs, QObject *parent) : Job(parent), m_inputs(std::move(inputs))
{
    static const int registered = qRegisterMetaType<sohoa::workflows::InspectedPdf>();
    Q_UNUSED(registered);
}

InspectPdfsJob::~InspectPdfsJob()
{
    stop();
}

Error InspectPdfsJob::run()
{
    const auto files = VerifyPdfJob::expandInputs(m_inputs);
    if (!files)
        return files.error();
    const QString what = QCoreApplication::translate("sohoa::workflows::InspectPdfsJob", "Reading the files");
    qint64 done = 0;
    for (const QString &path : files.value()) {
        if (isCancelRequested())
            return Error(ErrorCode::Cancelled);
        reportProgress(done++, files->size(), what);
        InspectedPdf pdf;
        pdf.path = path;
        if (auto facts = signing::PdfSignatureInspector::facts(path); facts)
            pdf.facts = facts.value();
        else
            pdf.error = facts.error();
        Q_EMIT inspected(pdf);
    }
    reportProgress(done, files->size(), QString());
    return {};
}

} // namespace sohoa::workflows
