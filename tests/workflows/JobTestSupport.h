#pragma once

// Running jobs of the application library in tests: to the end, counting what they emitted.

#include "app/workflows/Job.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace sohoa::test {

// Starts the job and waits (event loop running) for its finished(); then a little longer, to be
// sure that no second finished() follows. Returns how many finished() arrived.
inline int runJobToEnd(workflows::Job &job, int timeoutMs = 60000)
{
    QSignalSpy finished(&job, &workflows::Job::finished);
    if (!job.start())
        return -1;
    if (!finished.wait(timeoutMs))
        return 0;
    QTest::qWait(50);
    return int(finished.count());
}

// A random seed for trials at random moments, printed so that SOHOA_CANCEL_SEED=<seed> replays them.
inline quint32 replayableSeed()
{
    const quint32 seed = qEnvironmentVariableIsSet("SOHOA_CANCEL_SEED")
                             ? qEnvironmentVariable("SOHOA_CANCEL_SEED").toUInt()
                             : QRandomGenerator::global()->generate();
    qInfo("SOHOA_CANCEL_SEED=%u", seed);
    return seed;
}

} // namespace sohoa::test
