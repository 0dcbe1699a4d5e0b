#include "app/cli/CommandTable.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/Commands.h"

#include "SohoaVersion.h"

#include <QCoreApplication>

namespace sohoa::cli {

namespace {

struct CommandEntry
{
    const char *group; // "dossier", "page", "store", or nullptr for a one-word command
    const char *name;
    int (*run)(const QStringList &args);
};

constexpr CommandEntry kCommands[] = {
    {nullptr, "devices", devicesCommand},
    {nullptr, "scan", scanCommand},
    {nullptr, "sign", signCommand},
    {nullptr, "coversheet", coverSheetCommand},
    {nullptr, "stamp-qr", stampQrCommand},
    {nullptr, "verify", verifyCommand},
    {nullptr, "ltv", ltvCommand},
    {"dossier", "list", dossierListCommand},
    {"dossier", "show", dossierShowCommand},
    {"dossier", "export", dossierExportCommand},
    {"dossier", "verify", dossierVerifyCommand},
    {"dossier", "metadata", dossierMetadataCommand},
    {"dossier", "cleanup", dossierCleanupCommand},
    {"page", "move", pageMoveCommand},
    {"page", "rotate", pageRotateCommand},
    {"page", "delete", pageDeleteCommand},
    {"page", "restore", pageRestoreCommand},
    {"page", "blank", pageReviewBlankCommand},
    {"store", "rebuild", storeRebuildCommand},
    {nullptr, "upload", uploadCommand},
    {"target", "add", targetAddCommand},
    {"target", "list", targetListCommand},
    {"target", "remove", targetRemoveCommand},
    {"queue", "list", queueListCommand},
    {"queue", "run", queueRunCommand},
    {"queue", "retry", queueRetryCommand},
    {"queue", "cancel", queueCancelCommand},
    {"queue", "pause", queuePauseCommand},
    {"queue", "resume", queueResumeCommand},
};

QString usageText()
{
    return QCoreApplication::translate(
        "sohoa::cli",
        "Usage: sohoa-cli COMMAND [options]\n"
        "\n"
        "Commands:\n"
        "  devices [--json]                       list scanners\n"
        "  scan --device NAME --dossier CODE ...  scan a batch into a dossier (see scan --help)\n"
        "  dossier list [--json]                  list dossiers in the store\n"
        "  dossier show CODE [--json]             show a dossier with its components and pages\n"
        "  dossier export CODE --out FILE.pdf [--component NAME] [--overwrite]\n"
        "                 [--pdfa] [--ocr vie|eng|vie+eng] [--original]   archival PDF/A-2b, searchable text\n"
        "  dossier cleanup CODE --cleanup deskew,orient,crop,blank[,bilevel] [--component NAME] [--redo]\n"
        "                                         clean pages up (the originals stay as scanned)\n"
        "  dossier metadata CODE [--component NAME] [--set FIELD=VALUE]...\n"
        "                                         Decree 30 archival metadata of the file and its documents\n"
        "  dossier verify CODE [--json]           re-check every page file against its SHA-256\n"
        "                                         (dossier commands read a store without changing it\n"
        "                                         with --read-only, or where it cannot be written)\n"
        "  page move CODE --component C --page N --to M [--to-component C2]\n"
        "  page rotate CODE --component C --page N --degrees 90|180|270\n"
        "  page delete CODE --component C --page N\n"
        "  page restore CODE --component C --page N\n"
        "  page blank CODE --component C --page N --keep|--remove   review a page flagged blank\n"
        "                                         arrange the pages of a dossier before export\n"
        "  sign INPUT.pdf... --out DIR|FILE ...   sign PDFs with a .p12 file or a token (see sign --help)\n"
        "  coversheet --dossier CODE [--component NAME]... --out FILE.pdf [--overwrite]\n"
        "                                         print A4 cover sheets for scanning with --separate qr\n"
        "  stamp-qr IN.pdf --out OUT.pdf --text T stamp a QR code on pages (see stamp-qr --help)\n"
        "  verify FILE.pdf|DIR... [--trust PEM|DIR]... [--system-trust] [--offline] [--json]\n"
        "                                         verify signatures: VALID, VALID_UNTRUSTED, CHANGED_AFTER_SIGNING,\n"
        "                                         INVALID, REVOKED, EXPIRED, INDETERMINATE (see verify --help)\n"
        "  ltv FILE.pdf... --out DIR [--tsa URL]  add validation data (PAdES B-LT) and, with --tsa, a document\n"
        "                                         timestamp (B-LTA), so that the files verify offline\n"
        "  store rebuild [--force] [--json]       re-create a lost or damaged store index from the dossier\n"
        "                                         folders, their manifests and the page files\n"
        "  target add NAME (--webdav URL | --http URL [--field K=V]... | --folder DIR) [--user U]\n"
        "             [--secret-env VAR | --secret-file F | --secret-keyring] [--ca PEM] [--pin sha256//B64]\n"
        "             [--client-cert P12 [--client-cert-secret-env VAR | --client-cert-secret-file F]]\n"
        "             [--limit-rate BYTES] [--name-template T]   where uploads go; target list, target remove NAME\n"
        "  upload (--dossier CODE | FILE...) --to NAME   put files in the upload queue\n"
        "  queue list|run [--max-wait S] [--concurrency N]|retry ID|cancel ID|pause [ID]|resume [ID]\n"
        "                                         the upload queue\n"
        "\n"
        "Common options: --store DIR (default $SOHOA_STORE or the XDG data folder; only scan creates a store),\n"
        "--json, --version, --help\n");
}

// A command that cannot run: says why, shows the usage (not in JSON), exits 2.
int refuse(const Error &error, bool json)
{
    const int status = fail(error, json);
    if (!json)
        printWarning(usageText());
    return status;
}

// The common options written before the command ("sohoa-cli --json dossier show X") are taken out
// of `arguments` and returned, to be given to the command with its own.
QStringList takeLeadingOptions(QStringList *arguments)
{
    const qsizetype command = commandIndex(*arguments);
    QStringList leading = arguments->mid(1, command - 1);
    arguments->remove(1, command - 1);
    return leading;
}

// A sub-command's arguments for QCommandLineParser: the command's name as help shows it ("sohoa-cli
// dossier show"), the common options given before the command, then the command's own words.
QStringList subArguments(const QStringList &arguments, int words, const QStringList &leading)
{
    QStringList name{QStringLiteral("sohoa-cli")};
    name += arguments.mid(1, words);
    QStringList rest{name.join(u' ')};
    rest += leading;
    rest += arguments.mid(1 + words);
    return rest;
}

} // namespace

qsizetype commandIndex(const QStringList &arguments)
{
    qsizetype i = 1;
    while (i < arguments.size()) {
        const QString &a = arguments.at(i);
        if ((a == u"--store" || a == u"-store") && i + 1 < arguments.size())
            i += 2;
        else if (a == u"--json" || a == u"-json" || a.startsWith(u"--store="))
            i += 1;
        else
            break;
    }
    return i;
}

QString versionString()
{
    return QStringLiteral(SOHOA_VERSION_STRING);
}

int runCommand(const QStringList &givenArguments)
{
    const bool json = wantsJson(givenArguments);
    QStringList arguments = givenArguments;
    const QStringList leading = takeLeadingOptions(&arguments);
    if (arguments.size() < 2)
        return refuse(cli::usage(QT_TRANSLATE_NOOP("sohoa::cli", "no command given")), json);
    const QString command = arguments.at(1);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        printLine(usageText());
        return 0;
    }
    if (command == u"--version" || command == u"-v" || command == u"version") {
        printLine(QStringLiteral("sohoa-cli ") + versionString());
        return 0;
    }
    bool isGroup = false;
    for (const CommandEntry &c : kCommands) {
        if (!c.group && command == QLatin1StringView(c.name))
            return c.run(subArguments(arguments, 1, leading));
        isGroup = isGroup || (c.group && command == QLatin1StringView(c.group));
    }
    if (!isGroup)
        return refuse(cli::usage(QT_TRANSLATE_NOOP("sohoa::cli", "unknown command '%1'"), {command}), json);
    const QString sub = arguments.size() > 2 ? arguments.at(2) : QString();
    QStringList names;
    for (const CommandEntry &c : kCommands) {
        if (!c.group || command != QLatin1StringView(c.group))
            continue;
        if (sub == QLatin1StringView(c.name))
            return c.run(subArguments(arguments, 2, leading));
        names.append(QString::fromLatin1(c.name));
    }
    return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "%1 needs one of: %2"), json,
                      {command, names.join(QStringLiteral(", "))});
}

} // namespace sohoa::cli
