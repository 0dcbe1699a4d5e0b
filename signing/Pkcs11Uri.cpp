#include "signing/Pkcs11Uri.h"

#include <QFile>
#include <QStringList>
#include <QUrl>

#include <openssl/crypto.h>

#include <optional>

namespace sohoa::signing {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

std::optional<QByteArray> percentDecode(QStringView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'%') {
            out.append(QStringView(text.mid(i, 1)).toUtf8());
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int hi = hexValue(text[i + 1]);
        const int lo = hexValue(text[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.append(char(hi * 16 + lo));
        i += 2;
    }
    return out;
}

// RFC 7512: unreserved and pk11-res-avail stay, plus "&" in the path and "/?|" in the query.
QString percentEncode(const QByteArray &bytes, bool query)
{
    static const QByteArray resAvail = QByteArrayLiteral(":[]@!$'()*+,=-._~");
    QString out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          resAvail.contains(ch) || (query ? (c == '/' || c == '?' || c == '|') : c == '&');
        if (keep)
            out.append(QChar(char16_t(c)));
        else
            out.append(u'%' + QStringLiteral("%1").arg(uint(c), 2, 16, QChar(u'0')).toUpper());
    }
    return out;
}

} // namespace

Result<Pkcs11Uri> Pkcs11Uri::parse(const QString &uri)
{
    const QString scheme = QStringLiteral("pkcs11:");
    if (!uri.startsWith(scheme, Qt::CaseInsensitive))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("not a PKCS#11 URI (no \"pkcs11:\"): %1").arg(uri));
    const QStringView rest = QStringView(uri).mid(scheme.size());
    const qsizetype q = rest.indexOf(u'?');
    const QStringView path = q < 0 ? rest : rest.left(q);
    const QStringView query = q < 0 ? QStringView() : rest.mid(q + 1);

    Pkcs11Uri result;
    QStringList seen;
    auto bad = [&uri](const QString &why) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("PKCS#11 URI %1: %2").arg(uri, why));
    };

    for (const QStringView part : path.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0)
            return bad(QStringLiteral("attribute without a value: ") + part.toString());
        const QString name = part.left(eq).toString();
        const auto value = percentDecode(part.mid(eq + 1));
        if (!value)
            return bad(QStringLiteral("bad percent-encoding in ") + name);
        if (seen.contains(name))
            return bad(QStringLiteral("attribute repeated: ") + name);
        seen.append(name);
        const QString text = QString::fromUtf8(*value);
        if (name == u"token")
            result.token = text;
        else if (name == u"serial")
            result.serial = text;
        else if (name == u"manufacturer")
            result.manufacturer = text;
        else if (name == u"model")
            result.model = text;
        else if (name == u"object")
            result.object = text;
        else if (name == u"id")
            result.id = *value;
        else if (name == u"type") {
            static const QStringList types{QStringLiteral("private"), QStringLiteral("public"), QStringLiteral("cert"),
                                           QStringLiteral("secret-key"), QStringLiteral("data")};
            if (!types.contains(text))
                return bad(QStringLiteral("unknown object type ") + text);
            result.type = text;
        }
        // Other standard (slot-*, library-*) and vendor (x-*) attributes are not needed to
        // choose a key; they are accepted and ignored.
    }

    for (const QStringView part : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0)
            return bad(QStringLiteral("query attribute without a value: ") + part.toString());
        const QString name = part.left(eq).toString();
        const auto value = percentDecode(part.mid(eq + 1));
        if (!value)
            return bad(QStringLiteral("bad percent-encoding in ") + name);
        const QString text = QString::fromUtf8(*value);
        if (name == u"module-path")
            result.modulePath = text;
        else if (name == u"module-name")
            result.moduleName = text;
        else if (name == u"pin-source")
            result.pinSource = text;
        else if (name == u"pin-value")
            result.pinValue = text;
    }
    return result;
}

Result<SecureBuffer> Pkcs11Uri::pin() const
{
    if (!pinValue.isEmpty())
        return SecureBuffer::fromString(pinValue);
    if (pinSource.isEmpty())
        return SecureBuffer();
    QString file = pinSource;
    if (file.startsWith(QStringLiteral("file:"))) {
        const QUrl url(file);
        file = url.isLocalFile() ? url.toLocalFile() : file.mid(5);
    } else if (file.contains(u':') && !file.startsWith(u'/')) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("unsupported pin-source: ") + pinSource);
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, QStringLiteral("pin-source %1: %2").arg(file, f.errorString()));
    QByteArray bytes = f.read(4096);
    qsizetype n = bytes.size();
    if (n > 0 && bytes[n - 1] == '\n')
        --n;
    if (n > 0 && bytes[n - 1] == '\r')
        --n;
    SecureBuffer result{QByteArrayView(bytes.constData(), n)};
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    return result;
}

QString Pkcs11Uri::toString() const
{
    QStringList path;
    auto addPath = [&path](const char *name, const QByteArray &value) {
        if (!value.isEmpty())
            path.append(QString::fromLatin1(name) + u'=' + percentEncode(value, false));
    };
    addPath("token", token.toUtf8());
    addPath("manufacturer", manufacturer.toUtf8());
    addPath("model", model.toUtf8());
    addPath("serial", serial.toUtf8());
    addPath("object", object.toUtf8());
    addPath("id", id);
    addPath("type", type.toUtf8());
    QStringList query;
    auto addQuery = [&query](const char *name, const QString &value) {
        if (!value.isEmpty())
            query.append(QString::fromLatin1(name) + u'=' + percentEncode(value.toUtf8(), true));
    };
    addQuery("module-name", moduleName);
    addQuery("module-path", modulePath);
    addQuery("pin-source", pinSource);
    addQuery("pin-value", pinValue);
    QString out = QStringLiteral("pkcs11:") + path.join(u';');
    if (!query.isEmpty())
        out += u'?' + query.join(u'&');
    return out;
}

} // namespace sohoa::signing
