#include "app/workflows/StampQrJob.h"

#include <QCoreApplication>

namespace sohoa::workflows {

StampQrJob::StampQrJob(QString input, QString output, QrStampOptions options, QObject *parent)
    : Job(parent), m_input(std::move(input)), m_output(std::move(output)), m_options(std::move(options))
{}

StampQrJob::~StampQrJob()
{
    stop();
}

Error StampQrJob::run()
{
    QrStampOptions options = m_options;
    options.control = this;
    reportProgress(0, 0, QCoreApplication::translate("sohoa::workflows::StampQrJob", "Stamping the QR code"));
    auto stamped = PdfQrStamper::stamp(m_input, m_output, options);
    if (!stamped)
        return stamped.error();
    m_report = stamped.value();
    return {};
}

Result<void> checkQrTemplate(const QrStampOptions &options)
{
    QrTemplateValues probe = options.values;
    probe.sha256 = QString(64, u'f');
    auto payload = expandQrTemplate(options.payloadTemplate, probe);
    if (!payload)
        return payload.error();
    // The stamper's own rule (capacity, then module size at options.sizeMm): a batch is refused here,
    // before a key is opened, for the reason the stamp would give.
    if (auto r = encodeReadableQr(payload.value(), options.level, options.sizeMm); !r)
        return r.error();
    return {};
}

} // namespace sohoa::workflows
