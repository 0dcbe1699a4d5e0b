// `sohoa-cli upload (--dossier CODE | FILE...) --to NAME` and `sohoa-cli queue list|run|retry|cancel|
// pause|resume`: the delivery queue kept in the store (workflows::UploadQueueJob sends it).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/workflows/UploadQueueJob.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

QJsonObject jobJson(const UploadJobRecord &j)
{
    QJsonObject o{{QStringLiteral("id"), j.id},
                  {QStringLiteral("target"), j.target},
                  {QStringLiteral("path"), j.path},
                  {QStringLiteral("sha256"), j.sha256},
                  {QStringLiteral("size"), j.size},
                  {QStringLiteral("remote_name"), j.remoteName},
                  {QStringLiteral("state"), j.state},
                  {QStringLiteral("attempts"), j.attempts},
                  {QStringLiteral("created_at"), j.createdAt.toString(Qt::ISODate)}};
    if (!j.lastErrorId.isEmpty()) {
        o.insert(QStringLiteral("error"), j.lastErrorId);
        o.insert(QStringLiteral("error_detail"), j.lastError);
    }
    if (!j.remoteUrl.isEmpty())
        o.insert(QStringLiteral("remote_url"), j.remoteUrl);
    if (j.deliveredAt.isValid())
        o.insert(QStringLiteral("delivered_at"), j.deliveredAt.toString(Qt::ISODate));
    if (j.state == u"queued" && j.attempts > 0)
        o.insert(QStringLiteral("next_attempt_at"), j.nextAttemptAt.toString(Qt::ISODate));
    return o;
}

void printJob(const UploadJobRecord &j, bool json)
{
    if (json) {
        QJsonObject o = jobJson(j);
        o.insert(QStringLiteral("event"), QStringLiteral("upload"));
        printJson(o);
        return;
    }
    QString line = QStringLiteral("%1\t%2\t%3\t%4 -> %5").arg(j.id).arg(j.state, j.target, j.path, j.remoteName);
    if (!j.lastErrorId.isEmpty() && j.state != u"delivered")
        line += QStringLiteral("\t[%1] %2").arg(j.lastErrorId, j.lastError);
    printLine(line);
}

} // namespace

int uploadCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({storeOption(), jsonOption(),
                       option("to", QT_TRANSLATE_NOOP("sohoa::cli", "The target (sohoa-cli target list)."), "NAME"),
                       option("dossier", QT_TRANSLATE_NOOP("sohoa::cli", "The dossier's signed files, or with FILEs: "
                                                                         "the dossier they belong to."),
                              "CODE")});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("files to deliver"), QStringLiteral("[FILE...]"));
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    if (!parser.isSet(QStringLiteral("to")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "say where with --to NAME"), json);
    const QString code = parser.value(QStringLiteral("dossier"));
    if (code.isEmpty() && parser.positionalArguments().isEmpty())
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give --dossier CODE or the files to upload"), json);
    auto store = openStore(parser, json);
    if (!store)
        return fail(store.error(), json);
    QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        auto found = workflows::dossierUploadFiles(*store.value(), code);
        if (!found)
            return fail(found.error(), json);
        files = found.value();
    }
    auto queued = workflows::enqueueUploads(*store.value(), parser.value(QStringLiteral("to")), files, code);
    if (!queued)
        return fail(queued.error(), json);
    for (const UploadJobRecord &j : queued.value())
        printJob(j, json);
    return 0;
}

int queueListCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const bool json = wantsJson(args);
    int exitCode = 0;
    const auto store = openStoreForReading(parser, args, json, &exitCode);
    if (!store)
        return exitCode;
    auto jobs = store->uploadJobs();
    if (!jobs)
        return fail(jobs.error(), json);
    for (const UploadJobRecord &j : jobs.value())
        printJob(j, json);
    return 0;
}

int queueRunCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({storeOption(), jsonOption(),
                       option("max-wait", QT_TRANSLATE_NOOP("sohoa::cli", "End instead of waiting longer than this for "
                                                                          "a retry (default: wait)."),
                              "SECONDS"),
                       option("concurrency", QT_TRANSLATE_NOOP("sohoa::cli", "Deliveries at a time (default 2)."),
                              "N")});
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    workflows::UploadQueueOptions options;
    if (parser.isSet(QStringLiteral("max-wait"))) {
        bool ok = false;
        options.maxWaitSeconds = parser.value(QStringLiteral("max-wait")).toInt(&ok);
        if (!ok || options.maxWaitSeconds < 0)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--max-wait takes a number of seconds"), json);
    }
    if (parser.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        options.concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || options.concurrency < 1 || options.concurrency > 16)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--concurrency takes a number from 1 to 16"), json);
    }
    auto store = openStore(parser, json);
    if (!store)
        return fail(store.error(), json);
    workflows::UploadQueueJob job(*store.value(), options);
    QObject::connect(&job, &workflows::UploadQueueJob::jobUpdated, &job,
                     [json](const UploadJobRecord &j) {
                         if (j.state != u"sending") // outcomes only
                             printJob(j, json);
                     });
    const Error e = runToEnd(job);
    if (e.isError())
        return fail(e, json);
    return 0;
}

namespace {

int changeState(const QStringList &args, const QString &state, bool retry = false)
{
    QCommandLineParser parser;
    parser.addOptions({storeOption(), jsonOption()});
    const bool wholeQueue = state == u"paused" || (state == u"queued" && !retry);
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("the job (queue list)"),
                                 wholeQueue ? QStringLiteral("[ID]") : QStringLiteral("ID"));
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (wholeQueue && parser.positionalArguments().isEmpty()) {
        // pause / resume: every job that can
        auto store = openStore(parser, json);
        if (!store)
            return fail(store.error(), json);
        auto changed = store.value()->setAllUploadStates(state);
        if (!changed)
            return fail(changed.error(), json);
        for (const UploadJobRecord &j : changed.value())
            printJob(j, json);
        return 0;
    }
    if (parser.positionalArguments().size() != 1 || !ok)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give the job's number (queue list)"), json);
    auto store = openStore(parser, json);
    if (!store)
        return fail(store.error(), json);
    auto changed = store.value()->setUploadState(id, state);
    if (!changed)
        return fail(changed.error(), json);
    printJob(changed.value(), json);
    return 0;
}

} // namespace

int queueRetryCommand(const QStringList &args)
{
    return changeState(args, QStringLiteral("queued"), true);
}

int queueCancelCommand(const QStringList &args)
{
    return changeState(args, QStringLiteral("cancelled"));
}

int queuePauseCommand(const QStringList &args)
{
    return changeState(args, QStringLiteral("paused"));
}

int queueResumeCommand(const QStringList &args)
{
    return changeState(args, QStringLiteral("queued"));
}

} // namespace sohoa::cli
