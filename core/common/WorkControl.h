#pragma once

#include <QtGlobal>

namespace sohoa {

// How engine work that runs synchronously on a worker (writing a PDF, stamping pages) lets whoever
// runs it — a job of the application library (app/workflows/Job.h) — follow it and stop it. One
// small interface for every engine call, instead of a callback and a flag per function.
class WorkControl
{
public:
    virtual ~WorkControl() = default;
    // Checked between units of work; once true the work stops, leaves no output and ends with
    // ErrorCode::Cancelled.
    virtual bool isCancelRequested() const = 0;
    // `done` of `total` units (pages) finished, on the working thread. The receiver throttles.
    virtual void reportProgress(qint64 done, qint64 total) = 0;
};

inline bool cancelRequested(const WorkControl *control)
{
    return control && control->isCancelRequested();
}

inline void reportProgress(WorkControl *control, qint64 done, qint64 total)
{
    if (control)
        control->reportProgress(done, total);
}

} // namespace sohoa
