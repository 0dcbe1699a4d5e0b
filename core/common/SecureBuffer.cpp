#include "core/common/SecureBuffer.h"

#include <QByteArray>

#include <openssl/crypto.h>

#include <cstring>

namespace sohoa {

SecureBuffer::SecureBuffer(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_size = static_cast<std::size_t>(bytes.size());
    m_data = std::make_unique<char[]>(m_size + 1); // zero-initialized: a NUL follows the bytes
    std::memcpy(m_data.get(), bytes.data(), m_size);
}

SecureBuffer SecureBuffer::fromString(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    SecureBuffer buffer{QByteArrayView(utf8)};
    // The temporary is ours: wipe it before QByteArray frees it.
    if (!utf8.isEmpty())
        OPENSSL_cleanse(utf8.data(), static_cast<size_t>(utf8.size()));
    return buffer;
}

SecureBuffer::SecureBuffer(const SecureBuffer &other)
    : SecureBuffer(QByteArrayView(other.data(), qsizetype(other.size())))
{}

SecureBuffer &SecureBuffer::operator=(const SecureBuffer &other)
{
    if (this != &other) {
        SecureBuffer copy(other);
        *this = std::move(copy);
    }
    return *this;
}

SecureBuffer::SecureBuffer(SecureBuffer &&other) noexcept : m_data(std::move(other.m_data)), m_size(other.m_size)
{
    other.m_size = 0;
}

SecureBuffer &SecureBuffer::operator=(SecureBuffer &&other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::move(other.m_data);
        m_size = other.m_size;
        other.m_size = 0;
    }
    return *this;
}

SecureBuffer::~SecureBuffer()
{
    clear();
}

void SecureBuffer::clear()
{
    if (m_data && m_size > 0)
        OPENSSL_cleanse(m_data.get(), m_size);
    m_data.reset();
    m_size = 0;
}

bool SecureBuffer::operator==(const SecureBuffer &other) const
{
    return m_size == other.m_size && (m_size == 0 || CRYPTO_memcmp(m_data.get(), other.m_data.get(), m_size) == 0);
}

} // namespace sohoa
