#include "app/workflows/StoreRebuildJob.h"

#include <QCoreApplication>

namespace sohoa::workflows {

StoreRebuildJob::StoreRebuildJob(QString storeDir, RebuildOptions options, QObject *parent)
    : Job(parent), m_dir(std::move(storeDir)), m_options(options)
{}

StoreRebuildJob::~StoreRebuildJob()
{
    stop();
}

Error StoreRebuildJob::run()
{
    reportProgress(0, 0,
                   QCoreApplication::translate("sohoa::workflows::StoreRebuildJob", "Reading the store's page files"));
    auto r = StoreRebuild::run(m_dir, m_options, this);
    if (!r)
        return r.error();
    m_report = std::move(r).value();
    return {};
}

} // namespace sohoa::workflows
