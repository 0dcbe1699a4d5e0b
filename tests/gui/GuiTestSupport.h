#pragma once

// What the GUI tests share: a private settings folder (QSettings of organisation "SoHoa" under
// XDG_CONFIG_HOME), a scan profile for SANE's virtual scanners, and a window that has opened its
// store and found its devices.

#include "app/gui/AppSettings.h"
#include "app/gui/Banner.h"
#include "app/gui/MainWindow.h"
#include "app/gui/ScanController.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace sohoa::test {

// Call before the first QSettings is made (initTestCase). Not QStandardPaths' test mode: its folder
// (~/.qttest) is shared by every test process, and a `sohoa` started by a test would not see it.
inline void useTemporarySettings(const QTemporaryDir &dir)
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.filePath(QStringLiteral("config"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(dir.filePath(QStringLiteral("cache"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir.filePath(QStringLiteral("data"))));
}

inline workflows::ScanProfile flatbedProfile(const QString &name, const QString &device = QStringLiteral("test:0"))
{
    workflows::ScanProfile p;
    p.name = name;
    p.deviceName = device;
    p.source = QStringLiteral("flatbed");
    p.mode = QStringLiteral("color");
    p.resolution = 75;
    p.pageSize = QStringLiteral("A5");
    return p;
}

// A shown window with its store open and `device` chosen.
inline bool waitUntilReady(gui::MainWindow &window, const QString &device)
{
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) // shortcuts go to the active window
        return false;
    if (!QTest::qWaitFor([&] { return window.storeOpened() && !window.devices().isEmpty(); }, 20000))
        return false;
    window.chooseDeviceByName(device);
    return window.currentDevice() == device;
}

// Runs `trigger` (a key press) and waits for the batch it starts to end; the report.
inline workflows::ScanReport scanAndWait(gui::MainWindow &window, const std::function<void()> &trigger)
{
    QSignalSpy finished(window.scanController(), &gui::ScanController::finished);
    trigger();
    if (finished.isEmpty() && !window.scanController()->isRunning()) {
        // Nothing started: say why (the banners hold the window's own words).
        QStringList why;
        for (gui::Banner *b : window.banners())
            why << b->text();
        workflows::ScanReport none;
        none.error = Error(ErrorCode::InvalidArgument, QStringLiteral("no scan started: ") + why.join(u'|'));
        return none;
    }
    if (!finished.wait(60000) && finished.isEmpty())
        return {};
    return finished.takeFirst().at(0).value<workflows::ScanReport>();
}

} // namespace sohoa::test
