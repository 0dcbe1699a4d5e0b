#include "core/common/Sha256.h"

#include <QFile>

#include <openssl/evp.h>

#include <memory>

namespace sohoa {

namespace {

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

QString toHex(const unsigned char *digest, unsigned int length)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

} // namespace

QString sha256Hex(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), digest, &length, EVP_sha256(), nullptr) != 1)
        return {};
    return toHex(digest, length);
}

Result<QString> sha256HexOfFile(const QString &path, qint64 *size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + f.errorString());
    Sha256 hash;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + f.errorString());
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        total += n;
    }
    if (size)
        *size = total;
    const QString digest = hash.hexResult();
    if (digest.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("SHA-256 unavailable"));
    return digest;
}

struct Sha256::Private
{
    MdCtx ctx{EVP_MD_CTX_new()};
};

Sha256::Sha256() : d(new Private)
{
    reset();
}

Sha256::~Sha256() = default;

void Sha256::reset()
{
    if (d->ctx)
        EVP_DigestInit_ex(d->ctx.get(), EVP_sha256(), nullptr);
}

void Sha256::addData(QByteArrayView data)
{
    if (d->ctx && !data.isEmpty())
        EVP_DigestUpdate(d->ctx.get(), data.data(), size_t(data.size()));
}

QString Sha256::hexResult() const
{
    // Finished on a copy, so that the running digest stays usable.
    MdCtx copy(EVP_MD_CTX_new());
    if (!d->ctx || !copy || EVP_MD_CTX_copy_ex(copy.get(), d->ctx.get()) != 1)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(copy.get(), digest, &length) != 1)
        return {};
    return toHex(digest, length);
}

} // namespace sohoa
