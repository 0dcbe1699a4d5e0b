#pragma once

#include "core/common/EnumNames.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace sohoa::upload {

enum class TargetKind
{
    Folder,  // a local or mounted network folder
    WebDav,  // PUT into a collection, MKCOL of the missing ones
    HttpPost // multipart/form-data POST (not yet delivered by this version)
};

inline constexpr EnumName<TargetKind> kTargetKindNames[] = {
    {TargetKind::Folder, QLatin1StringView("folder")},
    {TargetKind::WebDav, QLatin1StringView("webdav")},
    {TargetKind::HttpPost, QLatin1StringView("http")},
};

// Where files go, as `sohoa-cli target add` and the settings describe it. The secret (a password or a
// token) is never part of it: only where to read it from.
struct TargetConfig
{
    QString name;
    TargetKind kind = TargetKind::Folder;
    QString location; // the folder, or the URL of the WebDAV collection / the POST endpoint
    QString user;     // Basic authentication with the secret as password; empty with a secret: Bearer
    QString secretEnv;  // the secret is read from this environment variable
    QString secretFile; // or from this file, which only its owner may read
    bool secretInKeyring = false; // or from the desktop keyring (upload/Keyring.h)
    QString caFile;     // PEM: the certificate authorities trusted for TLS instead of the system's
    // TLS client authentication: a PKCS#12 file, its password from an environment variable or a file
    // only its owner may read (none: no password).
    QString clientCertificate;
    QString clientCertSecretEnv;
    QString clientCertSecretFile;
    // The server's public key pinned, as curl writes it: "sha256//" + base64 of the SHA-256 of its
    // SubjectPublicKeyInfo. Checked on top of the usual verification, never instead of it.
    QString pinnedKey;
    // Remote name per file: {dossier} {file} (the local file name) {date} (yyyy-MM-dd) {sha256}.
    QString nameTemplate = QStringLiteral("{dossier}/{file}");
    // HTTP POST: extra form fields; their values, like the URL, may hold {dossier} {file} {date} {sha256}.
    QList<QPair<QString, QString>> fields;
    qint64 limitBytesPerSecond = 0;        // 0: as fast as the network goes

    QJsonObject toJson() const;
    static Result<TargetConfig> fromJson(const QJsonObject &json);
    // The first problem as an InvalidArgument with its words: an empty name or location, a URL that is
    // not http(s), a template with an unknown placeholder, a secret file readable by others.
    Result<void> check() const;
};

struct RemoteNameValues
{
    QString dossier;
    QString file;
    QString sha256;
    QDate date;
};

// The remote name of a file: the template expanded, each part made safe (no "..", no empty parts, no
// leading '/'). InvalidArgument for an unknown placeholder or an empty value it needs.
Result<QString> expandRemoteName(const QString &nameTemplate, const RemoteNameValues &values);

// A field value or a URL with the same placeholders filled in (no path rules; an unknown placeholder
// or a missing value is an InvalidArgument). `percentEncode`: each value encoded for a URL.
Result<QString> expandPlaceholders(const QString &text, const RemoteNameValues &values, bool percentEncode = false);

// The target's secret: from its environment variable or its file (trailing newline dropped); empty
// when the target names none. A file others may read is refused (InvalidArgument).
Result<SecureBuffer> readSecret(const TargetConfig &target);
// The password of the target's client certificate, the same way.
Result<SecureBuffer> readClientCertSecret(const TargetConfig &target);

} // namespace sohoa::upload
