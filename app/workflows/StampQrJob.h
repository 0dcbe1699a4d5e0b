#pragma once

#include "app/workflows/Job.h"
#include "core/pdf/PdfQrStamper.h"

#include <QString>

namespace sohoa::workflows {

// Stamps a QR code on pages of one PDF as an incremental update (earlier signatures stay valid).
// The output appears atomically or not at all. Needs a QGuiApplication for a caption.
class StampQrJob : public Job
{
    Q_OBJECT
public:
    StampQrJob(QString input, QString output, QrStampOptions options, QObject *parent = nullptr);
    ~StampQrJob() override;

    const QrStampResult &report() const { return m_report; }

protected:
    Error run() override;

private:
    QString m_input;
    QString m_output;
    QrStampOptions m_options;
    QrStampResult m_report;
};

// The payload template checked as the stamp will expand it, before any work: an unknown
// placeholder, one without a value, a text too long for the symbol, or a code too dense to read at
// options.sizeMm (encodeReadableQr). {sha256} is taken as a digest's worth of hex. Pages too small
// for a readable code are only known to the stamp, which refuses them the same way.
Result<void> checkQrTemplate(const QrStampOptions &options);

} // namespace sohoa::workflows
