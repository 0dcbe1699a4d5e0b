#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <memory>

namespace sohoa {

// Bytes of a secret (token PIN, key-file or PDF password). The storage is wiped when the buffer is
// destroyed, cleared or assigned over, and a moved-from buffer is left empty. There is
// deliberately no QDebug operator and no conversion to QString: a secret must not reach a log.
class SecureBuffer
{
public:
    SecureBuffer() = default;
    explicit SecureBuffer(QByteArrayView bytes);
    // UTF-8 of `text`. The caller should drop its own QString soon: Qt's copy cannot be wiped.
    static SecureBuffer fromString(const QString &text);

    SecureBuffer(const SecureBuffer &other);
    SecureBuffer &operator=(const SecureBuffer &other);
    SecureBuffer(SecureBuffer &&other) noexcept;
    SecureBuffer &operator=(SecureBuffer &&other) noexcept;
    ~SecureBuffer();

    const char *data() const { return m_data.get(); } // NUL-terminated; nullptr when empty
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void clear();

    bool operator==(const SecureBuffer &other) const;

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
};

} // namespace sohoa
