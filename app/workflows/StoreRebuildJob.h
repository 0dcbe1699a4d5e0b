#pragma once

#include "app/workflows/Job.h"
#include "core/dossier/StoreRebuild.h"

#include <QString>

namespace sohoa::workflows {

// Re-creates a store's index from its folders, manifests and page files (StoreRebuild): every page file
// is read again, so it is long work. Progress counts page files; a cancel before the new index is in
// place leaves the store as it was. report() says what was found (files unlisted, missing, damaged,
// changes that were pending) once finished() came with no error.
class StoreRebuildJob : public Job
{
    Q_OBJECT
public:
    StoreRebuildJob(QString storeDir, RebuildOptions options = {}, QObject *parent = nullptr);
    ~StoreRebuildJob() override;

    const QString &storeDir() const { return m_dir; }
    const RebuildReport &report() const { return m_report; }

protected:
    Error run() override;

private:
    QString m_dir;
    RebuildOptions m_options;
    RebuildReport m_report;
};

} // namespace sohoa::workflows
