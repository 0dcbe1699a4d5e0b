#pragma once

#include "scanner/ScannerDevice.h"

#include <QList>
#include <QObject>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

namespace sohoa::test {

// Test classes register themselves; main() runs them after the SANE test environment exists.
using TestFactory = std::function<std::unique_ptr<QObject>()>;
std::vector<std::pair<const char *, TestFactory>> &testRegistry();

template <typename T> struct RegisterTest
{
    explicit RegisterTest(const char *name)
    {
        testRegistry().emplace_back(name, [] { return std::unique_ptr<QObject>(new T); });
    }
};

#define SOHOA_REGISTER_TEST(Class) static const sohoa::test::RegisterTest<Class> registerTest##Class(#Class)

struct BatchRecord
{
    scanner::BatchOutcome outcome;
    QList<ScannedPage> pages;
    QList<int> started;
};

// The `test` backend keeps option values across sane_close/sane_open within a process, so every
// test starts from these values. Returns an empty string or what failed.
inline QString resetTestDevice(scanner::ScannerDevice &dev)
{
    if (!dev.name().startsWith(u"test:"))
        return {};
    const std::pair<const char *, const char *> defaults[] = {{"mode", "Color"},
                                                              {"three-pass", "no"},
                                                              {"three-pass-order", "RGB"},
                                                              {"mode", "Gray"},
                                                              {"depth", "8"},
                                                              {"hand-scanner", "no"},
                                                              {"resolution", "50"},
                                                              {"source", "Flatbed"},
                                                              {"test-picture", "Solid black"},
                                                              {"read-return-value", "Default"},
                                                              {"read-delay", "no"},
                                                              {"enable-test-options", "no"},
                                                              {"tl-x", "0"},
                                                              {"tl-y", "0"},
                                                              {"br-x", "210"},
                                                              {"br-y", "297"}};
    for (const auto &[name, value] : defaults) {
        scanner::ScanOption *opt = dev.option(QString::fromLatin1(name));
        if (!opt || !opt->isActive())
            continue;
        const auto r = opt->setFromString(QString::fromLatin1(value));
        if (!r)
            return QString::fromLatin1(name) + u": " + r.error().fullText();
    }
    return {};
}

// Opens a device (reset to known option values) or fails the test.
// NOLINTBEGIN(bugprone-macro-parentheses): var is the name of the variable the macro declares
#define OPEN_DEVICE(var, name)                                                                                         \
    auto var##Result = sohoa::scanner::ScannerDevice::open(name);                                                      \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.error().fullText()));                                            \
    std::unique_ptr<sohoa::scanner::ScannerDevice> var = std::move(var##Result.value());                               \
    do {                                                                                                               \
        const QString resetFailure = sohoa::test::resetTestDevice(*var);                                               \
        QVERIFY2(resetFailure.isEmpty(), qPrintable(resetFailure));                                                    \
    } while (false)
// NOLINTEND(bugprone-macro-parentheses)

#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto &checkOkResult = (expr);                                                                            \
        QVERIFY2(checkOkResult.ok(), qPrintable(checkOkResult.error().fullText()));                                    \
    } while (false)

// Runs a batch and keeps the pages (or only their count when keepPages is false).
inline BatchRecord runBatch(scanner::ScannerDevice &device, int maxPages = 0, bool keepPages = true,
                            std::function<bool(const ScannedPage &, int)> onPage = {})
{
    BatchRecord rec;
    scanner::BatchCallbacks cb;
    cb.pageStarted = [&rec](int i) {
        rec.started.append(i);
    };
    int delivered = 0;
    cb.pageAcquired = [&](ScannedPage &&page) {
        ++delivered;
        bool more = true;
        if (onPage)
            more = onPage(page, delivered);
        if (keepPages)
            rec.pages.append(std::move(page));
        return more;
    };
    rec.outcome = device.scanBatch(cb, maxPages);
    return rec;
}

} // namespace sohoa::test
