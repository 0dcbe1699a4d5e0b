#include "SaneTestEnv.h"
#include "ScannerTestSupport.h"

#include <QGuiApplication>
#include <QStandardPaths>

namespace sohoa::test {

std::vector<std::pair<const char *, TestFactory>> &testRegistry()
{
    static std::vector<std::pair<const char *, TestFactory>> registry;
    return registry;
}

} // namespace sohoa::test

// Usage: test_scanner [ClassName] [Qt Test arguments]
int main(int argc, char **argv)
{
    // Before SANE is initialised (first scanner call): SANE reads SANE_CONFIG_DIR once.
    static sohoa::test::SaneTestEnv saneEnv;
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QStringList args = app.arguments();
    QString only;
    if (args.size() > 1 && !args.at(1).startsWith(u'-')) {
        only = args.at(1);
        args.removeAt(1);
    }
    int failures = 0;
    for (const auto &[name, factory] : sohoa::test::testRegistry()) {
        if (!only.isEmpty() && only != QLatin1StringView(name))
            continue;
        auto test = factory();
        failures += QTest::qExec(test.get(), args);
    }
    // No sane_exit (see SaneRuntime.cpp): leave without running SANE's teardown.
    return failures == 0 ? 0 : 1;
}
