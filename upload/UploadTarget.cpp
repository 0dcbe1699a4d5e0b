#include "upload/UploadTarget.h"

#include "upload/Keyring.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <functional>

namespace sohoa::upload {

namespace {

Error invalid(const QString &what)
{
    return Error(ErrorCode::InvalidArgument, what);
}

Result<void> checkSecretFile(const QString &file)
{
    if (file.isEmpty())
        return {};
    const QFileInfo fi(file);
    if (!fi.isFile())
        return Error(ErrorCode::FileNotFound, file);
    if (fi.permissions() & (QFile::ReadGroup | QFile::ReadOther))
        return invalid(QStringLiteral("the secret file %1 may be read by others: make it readable by its owner "
                                      "only (chmod 600)")
                           .arg(file));
    return {};
}

Result<SecureBuffer> readSecretFrom(const QString &env, const QString &file, const QString &targetName)
{
    if (!env.isEmpty()) {
        const QByteArray value = qgetenv(env.toLocal8Bit().constData());
        if (value.isEmpty())
            return invalid(QStringLiteral("the environment variable %1 of target %2 is not set").arg(env, targetName));
        return SecureBuffer(QByteArrayView(value));
    }
    if (!file.isEmpty()) {
        if (auto owned = checkSecretFile(file); !owned)
            return owned.error();
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error(ErrorCode::FileReadFailed, file + QStringLiteral(": ") + f.errorString());
        QByteArray value = f.readAll();
        while (value.endsWith('\n') || value.endsWith('\r'))
            value.chop(1);
        SecureBuffer secret{QByteArrayView(value)};
        value.fill('\0');
        return secret;
    }
    return SecureBuffer();
}

} // namespace

QJsonObject TargetConfig::toJson() const
{
    QJsonArray f;
    for (const auto &[k, v] : fields)
        f.append(QJsonArray{k, v});
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("kind"), enumToName(kTargetKindNames, kind)},
                  {QStringLiteral("location"), location},
                  {QStringLiteral("name_template"), nameTemplate}};
    const auto put = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    put("user", user);
    put("secret_env", secretEnv);
    put("secret_file", secretFile);
    put("ca_file", caFile);
    put("client_certificate", clientCertificate);
    put("client_cert_secret_env", clientCertSecretEnv);
    put("client_cert_secret_file", clientCertSecretFile);
    put("pinned_key", pinnedKey);
    if (secretInKeyring)
        o.insert(QStringLiteral("secret_keyring"), true);
    if (!f.isEmpty())
        o.insert(QStringLiteral("fields"), f);
    if (limitBytesPerSecond > 0)
        o.insert(QStringLiteral("limit_bytes_per_second"), limitBytesPerSecond);
    return o;
}

Result<TargetConfig> TargetConfig::fromJson(const QJsonObject &o)
{
    TargetConfig t;
    t.name = o.value(QStringLiteral("name")).toString();
    const auto kind = enumFromName(kTargetKindNames, o.value(QStringLiteral("kind")).toString());
    if (!kind)
        return invalid(QStringLiteral("target %1: unknown kind %2").arg(t.name, o.value(QStringLiteral("kind")).toString()));
    t.kind = *kind;
    t.location = o.value(QStringLiteral("location")).toString();
    t.user = o.value(QStringLiteral("user")).toString();
    t.secretEnv = o.value(QStringLiteral("secret_env")).toString();
    t.secretFile = o.value(QStringLiteral("secret_file")).toString();
    t.caFile = o.value(QStringLiteral("ca_file")).toString();
    t.clientCertificate = o.value(QStringLiteral("client_certificate")).toString();
    t.clientCertSecretEnv = o.value(QStringLiteral("client_cert_secret_env")).toString();
    t.clientCertSecretFile = o.value(QStringLiteral("client_cert_secret_file")).toString();
    t.pinnedKey = o.value(QStringLiteral("pinned_key")).toString();
    t.secretInKeyring = o.value(QStringLiteral("secret_keyring")).toBool();
    t.nameTemplate = o.value(QStringLiteral("name_template")).toString(t.nameTemplate);
    t.limitBytesPerSecond = o.value(QStringLiteral("limit_bytes_per_second")).toInteger();
    const QJsonArray fieldArray = o.value(QStringLiteral("fields")).toArray();
    for (const QJsonValue &v : fieldArray)
        t.fields.append({v.toArray().at(0).toString(), v.toArray().at(1).toString()});
    return t;
}

Result<void> TargetConfig::check() const
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!nameRe.match(name).hasMatch())
        return invalid(QStringLiteral("a target name is 1 to 64 letters, digits, '.', '_' or '-': %1").arg(name));
    if (location.trimmed().isEmpty())
        return invalid(QStringLiteral("target %1 has no location").arg(name));
    const RemoteNameValues probe{QStringLiteral("D"), QStringLiteral("f.pdf"), QStringLiteral("0").repeated(64),
                                 QDate(2026, 1, 1)};
    if (kind != TargetKind::Folder) {
        // A POST URL may name the dossier or the file: it is checked as it would be sent.
        auto expanded = expandPlaceholders(location, probe, true);
        if (!expanded)
            return expanded.error();
        if (kind == TargetKind::WebDav && expanded.value() != location)
            return invalid(QStringLiteral("target %1: a WebDAV URL takes no placeholders (the name template "
                                          "places the files): %2")
                               .arg(name, location));
        const QUrl url(expanded.value(), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return invalid(QStringLiteral("target %1: %2 is not an http:// or https:// URL").arg(name, location));
        if (!url.userInfo().isEmpty())
            return invalid(QStringLiteral("target %1: put the user in --user and the password in --secret-env or "
                                          "--secret-file, not in the URL")
                               .arg(name));
        // A password or token sent over plain http:// can be read by anyone on the way (threat model W2).
        // Only this machine's own loopback is exempt: nothing on it crosses a network.
        const bool hasSecret = !user.isEmpty() || !secretEnv.isEmpty() || !secretFile.isEmpty() || secretInKeyring;
        const bool loopback = url.host() == u"localhost" || QHostAddress(url.host()).isLoopback();
        if (hasSecret && url.scheme() == u"http" && !loopback)
            return invalid(QStringLiteral("target %1: a password or token would travel unencrypted over http:// to "
                                          "%2: use an https:// URL")
                               .arg(name, url.host()));
    }
    if (!caFile.isEmpty() && !QFileInfo(caFile).isFile())
        return Error(ErrorCode::FileNotFound, caFile);
    if (auto r = expandRemoteName(nameTemplate, probe); !r)
        return r.error();
    for (const auto &[k, v] : fields)
        if (auto r = expandPlaceholders(v, probe); !r)
            return r.error();

    for (const QString &file : {secretFile, clientCertSecretFile})
        if (auto owned = checkSecretFile(file); !owned)
            return owned;
    if (!clientCertificate.isEmpty() && !QFileInfo(clientCertificate).isFile())
        return Error(ErrorCode::FileNotFound, clientCertificate);
    if (!clientCertificate.isEmpty() && kind == TargetKind::Folder)
        return invalid(QStringLiteral("target %1: a client certificate is for https targets").arg(name));
    static const QRegularExpression pinRe(QStringLiteral("^sha256//[A-Za-z0-9+/]{43}=$"));
    if (!pinnedKey.isEmpty() && !pinRe.match(pinnedKey).hasMatch())
        return invalid(QStringLiteral("target %1: a pinned key is written sha256// followed by the base64 of the "
                                      "SHA-256 of the server's public key (curl's --pinnedpubkey form): %2")
                           .arg(name, pinnedKey));
    return {};
}

namespace {

// Every {placeholder} of `text` replaced by `valueOf` of its name (which may refuse it).
Result<QString> expand(const QString &text, const std::function<Result<QString>(const QString &)> &valueOf)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}]*)\\}"));
    QString out;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        auto value = valueOf(m.captured(1));
        if (!value)
            return value.error();
        out += value.value();
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

Result<QString> placeholderValue(const QString &text, const QString &key, const RemoteNameValues &values)
{
    QString value;
    if (key == u"dossier")
        value = values.dossier;
    else if (key == u"file")
        value = values.file;
    else if (key == u"sha256")
        value = values.sha256;
    else if (key == u"date")
        value = (values.date.isValid() ? values.date : QDate::currentDate()).toString(Qt::ISODate);
    else
        return invalid(QStringLiteral("unknown placeholder {%1} in %2 (use {dossier} {file} {date} {sha256})").arg(key, text));
    if (value.isEmpty())
        return invalid(QStringLiteral("%1 uses {%2}, which this file has no value for").arg(text, key));
    return value;
}

} // namespace

Result<QString> expandPlaceholders(const QString &text, const RemoteNameValues &values, bool percentEncode)
{
    return expand(text, [&](const QString &key) -> Result<QString> {
        auto value = placeholderValue(text, key, values);
        if (!value || !percentEncode)
            return value;
        return QString::fromLatin1(QUrl::toPercentEncoding(value.value()));
    });
}

Result<QString> expandRemoteName(const QString &nameTemplate, const RemoteNameValues &values)
{
    auto out = expand(nameTemplate, [&](const QString &key) -> Result<QString> {
        auto value = placeholderValue(QStringLiteral("the name template ") + nameTemplate, key, values);
        if (!value)
            return value;
        // A value never makes a folder of its own or climbs out of the target.
        return value->replace(u'/', u'_').replace(u'\\', u'_');
    });
    if (!out)
        return out;
    QStringList parts;
    for (const QString &p : out->split(u'/', Qt::SkipEmptyParts)) {
        if (p == u"." || p == u"..")
            return invalid(QStringLiteral("the remote name %1 may not contain . or ..").arg(out.value()));
        parts.append(p);
    }
    if (parts.isEmpty())
        return invalid(QStringLiteral("the name template %1 gives an empty name").arg(nameTemplate));
    return parts.join(u'/');
}

Result<SecureBuffer> readSecret(const TargetConfig &target)
{
    if (target.secretInKeyring)
        return secretFromKeyring(target.name);
    return readSecretFrom(target.secretEnv, target.secretFile, target.name);
}

Result<SecureBuffer> readClientCertSecret(const TargetConfig &target)
{
    return readSecretFrom(target.clientCertSecretEnv, target.clientCertSecretFile, target.name);
}

} // namespace sohoa::upload
