#pragma once

#include "core/common/Result.h"

#include <QString>

#include <optional>
#include <vector>

namespace sohoa {

// QR code error-correction levels (ISO/IEC 18004): about 7, 15, 25 and 30 % of the symbol can be lost.
enum class QrErrorCorrection
{
    Low,
    Medium,
    Quartile,
    High,
};

// "L", "M", "Q", "H" (case-insensitive); nullopt for anything else.
std::optional<QrErrorCorrection> parseQrErrorCorrection(QStringView text);
QString qrErrorCorrectionName(QrErrorCorrection level);

// The modules of one QR symbol, without quiet zone: size x size, row 0 at the top.
class QrMatrix
{
public:
    QrMatrix() = default;
    QrMatrix(int size, std::vector<bool> modules) : m_size(size), m_modules(std::move(modules)) {}

    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool isDark(int x, int y) const { return m_modules[size_t(y) * size_t(m_size) + size_t(x)]; }

    // A horizontal run of dark modules: vector renderers draw one rectangle per run (fewer operators
    // than one per module, and no seams between neighbours in any renderer).
    struct Run
    {
        int x = 0, y = 0, length = 0;
    };
    template <typename F> void forEachDarkRun(F &&f) const
    {
        for (int y = 0; y < m_size; ++y) {
            for (int x = 0; x < m_size;) {
                if (!isDark(x, y)) {
                    ++x;
                    continue;
                }
                int end = x;
                while (end < m_size && isDark(end, y))
                    ++end;
                f(Run{x, y, end - x});
                x = end;
            }
        }
    }

    // Quiet zone the standard requires around the symbol, in modules.
    static constexpr int kQuietZone = 4;

private:
    int m_size = 0;
    std::vector<bool> m_modules;
};

// Encodes text (UTF-8, with an ECI for anything beyond ASCII) with ZXing-C++ in the smallest
// version that holds it. InvalidArgument "QR payload too large" when no version (up to 40) can.
Result<QrMatrix> encodeQr(const QString &text, QrErrorCorrection level = QrErrorCorrection::Medium);

} // namespace sohoa
