#pragma once

#include "app/workflows/Job.h"
#include "signing/PdfSignatureInspector.h"

#include <QMetaType>
#include <QStringList>

namespace sohoa::workflows {

// One input of a signing batch as the desk lists it before signing.
struct InspectedPdf
{
    QString path;
    signing::PdfFacts facts;
    Error error; // unreadable (damaged, gone): the facts are empty
};

// Reads pages, encryption and existing signatures of PDFs (files, and folders searched for *.pdf) in
// the background, one inspected() per file in order, so that 200 dropped files fill a table while the
// window stays live.
class InspectPdfsJob : public Job
{
    Q_OBJECT
public:
    explicit InspectPdfsJob(QStringList inputs, QObject *parent = nullptr);
    ~InspectPdfsJob() override;

Q_SIGNALS:
    void inspected(const sohoa::workflows::InspectedPdf &pdf);

protected:
    Error run() override;

private:
    QStringList m_inputs;
};

} // namespace sohoa::workflows

Q_DECLARE_METATYPE(sohoa::workflows::InspectedPdf)
