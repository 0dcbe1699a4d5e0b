// `sohoa-cli target add|list|remove`: where uploads go (kept in the store; secrets only by reference).

#include "app/cli/CliArgs.h"
#include "app/cli/CliSecrets.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/workflows/UploadQueueJob.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

int targetAddCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({storeOption(), jsonOption(),
                       option("webdav", QT_TRANSLATE_NOOP("sohoa::cli", "A WebDAV collection."), "URL"),
                       option("http", QT_TRANSLATE_NOOP("sohoa::cli", "An HTTP endpoint taking multipart POSTs."), "URL"),
                       option("folder", QT_TRANSLATE_NOOP("sohoa::cli", "A local or mounted folder."), "DIR"),
                       option("field", QT_TRANSLATE_NOOP("sohoa::cli", "An extra form field (HTTP)."), "K=V"),
                       option("user", QT_TRANSLATE_NOOP("sohoa::cli", "User name (Basic authentication)."), "U"),
                       option("secret-env", QT_TRANSLATE_NOOP("sohoa::cli", "Read the password or token from this "
                                                                            "environment variable."),
                              "VAR"),
                       option("secret-file", QT_TRANSLATE_NOOP("sohoa::cli", "Read the password or token from this "
                                                                             "file (mode 600)."),
                              "FILE"),
                       QCommandLineOption(QStringLiteral("secret-keyring"),
                                          QCoreApplication::translate("sohoa::cli",
                                                                      "Keep the password or token in the desktop "
                                                                      "keyring (typed, or the first line of standard "
                                                                      "input).")),
                       option("ca", QT_TRANSLATE_NOOP("sohoa::cli", "Trust this CA (PEM) for TLS."), "PEM"),
                       option("client-cert", QT_TRANSLATE_NOOP("sohoa::cli", "Authenticate with this TLS client "
                                                                             "certificate (PKCS#12)."),
                              "P12"),
                       option("client-cert-secret-env", QT_TRANSLATE_NOOP("sohoa::cli", "Read the client certificate's "
                                                                                        "password from this "
                                                                                        "environment variable."),
                              "VAR"),
                       option("client-cert-secret-file", QT_TRANSLATE_NOOP("sohoa::cli", "Read the client "
                                                                                         "certificate's password "
                                                                                         "from this file (mode 600)."),
                              "FILE"),
                       option("pin", QT_TRANSLATE_NOOP("sohoa::cli", "Accept only this server key: "
                                                                     "sha256//BASE64 of its SubjectPublicKeyInfo."),
                              "PIN"),
                       option("limit-rate", QT_TRANSLATE_NOOP("sohoa::cli", "Send no faster than this many bytes "
                                                                            "per second."),
                              "BYTES"),
                       option("name-template", QT_TRANSLATE_NOOP("sohoa::cli", "Remote names: {dossier} {file} "
                                                                               "{date} {sha256}."),
                              "T")});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("the target's name"));
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give the target's name once"), json);
    const int kinds = int(parser.isSet(QStringLiteral("webdav"))) + int(parser.isSet(QStringLiteral("http"))) +
                      int(parser.isSet(QStringLiteral("folder")));
    if (kinds != 1)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give exactly one of --webdav URL, --http URL, --folder DIR"),
                          json);
    upload::TargetConfig t;
    t.name = parser.positionalArguments().first();
    if (parser.isSet(QStringLiteral("webdav"))) {
        t.kind = upload::TargetKind::WebDav;
        t.location = parser.value(QStringLiteral("webdav"));
    } else if (parser.isSet(QStringLiteral("http"))) {
        t.kind = upload::TargetKind::HttpPost;
        t.location = parser.value(QStringLiteral("http"));
    } else {
        t.location = parser.value(QStringLiteral("folder"));
    }
    for (const QString &f : parser.values(QStringLiteral("field"))) {
        const qsizetype eq = f.indexOf(u'=');
        if (eq <= 0)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--field takes NAME=VALUE: %1"), json, {f});
        t.fields.append({f.left(eq), f.mid(eq + 1)});
    }
    t.user = parser.value(QStringLiteral("user"));
    t.secretEnv = parser.value(QStringLiteral("secret-env"));
    t.secretFile = parser.value(QStringLiteral("secret-file"));
    t.caFile = parser.value(QStringLiteral("ca"));
    t.clientCertificate = parser.value(QStringLiteral("client-cert"));
    t.clientCertSecretEnv = parser.value(QStringLiteral("client-cert-secret-env"));
    t.clientCertSecretFile = parser.value(QStringLiteral("client-cert-secret-file"));
    t.pinnedKey = parser.value(QStringLiteral("pin"));
    if (parser.isSet(QStringLiteral("limit-rate"))) {
        bool ok = false;
        t.limitBytesPerSecond = parser.value(QStringLiteral("limit-rate")).toLongLong(&ok);
        if (!ok || t.limitBytesPerSecond <= 0)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--limit-rate takes a number of bytes per second"), json);
    }
    if (parser.isSet(QStringLiteral("name-template")))
        t.nameTemplate = parser.value(QStringLiteral("name-template"));
    t.secretInKeyring = parser.isSet(QStringLiteral("secret-keyring"));
    if (int(!t.secretEnv.isEmpty()) + int(!t.secretFile.isEmpty()) + int(t.secretInKeyring) > 1)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli",
                                            "give one of --secret-env, --secret-file, --secret-keyring"),
                          json);
    auto store = openStore(parser, json);
    if (!store)
        return fail(store.error(), json);
    SecureBuffer toKeep;
    if (t.secretInKeyring) {
        auto typed = readSecretToKeep(QCoreApplication::translate("sohoa::cli", "Password or token for %1: ").arg(t.name));
        if (!typed)
            return fail(typed.error(), json);
        toKeep = std::move(typed).value();
    }
    if (auto saved = workflows::saveUploadTarget(*store.value(), t, toKeep); !saved)
        return fail(saved.error(), json);
    if (json)
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("target")}, {QStringLiteral("target"), t.toJson()}});
    else
        printLine(QStringLiteral("%1\t%2\t%3").arg(t.name, enumToName(upload::kTargetKindNames, t.kind), t.location));
    return 0;
}

int targetListCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const bool json = wantsJson(args);
    int exitCode = 0;
    const auto store = openStoreForReading(parser, args, json, &exitCode);
    if (!store)
        return exitCode;
    auto targets = workflows::uploadTargets(*store);
    if (!targets)
        return fail(targets.error(), json);
    QJsonArray arr;
    for (const upload::TargetConfig &t : targets.value()) {
        if (json)
            arr.append(t.toJson());
        else
            printLine(QStringLiteral("%1\t%2\t%3\t%4")
                          .arg(t.name, enumToName(upload::kTargetKindNames, t.kind), t.location, t.nameTemplate));
    }
    if (json)
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("targets")}, {QStringLiteral("targets"), arr}});
    return 0;
}

int targetRemoveCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({storeOption(), jsonOption()});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("the target's name"));
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give the target's name once"), json);
    auto store = openStore(parser, json);
    if (!store)
        return fail(store.error(), json);
    if (auto removed = workflows::removeUploadTarget(*store.value(), parser.positionalArguments().first()); !removed)
        return fail(removed.error(), json);
    return 0;
}

} // namespace sohoa::cli
