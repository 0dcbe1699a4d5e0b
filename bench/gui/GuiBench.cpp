// sohoa-gui-bench: what the window costs while work runs, measured inside the real MainWindow
// (offscreen platform, SANE's test scanner, a temporary store):
//   scan   N pages of 300 dpi colour A4 from the test feeder (F5 per feeder load): the longest
//          event-loop stall (a 5 ms heartbeat timer) and, per page, the time from "saved" to its
//          thumbnail being ready;
//   large  a dossier of N pages: time from choosing it to the first thumbnails, the longest stall
//          while scrolling the grid from top to bottom, peak RSS.
//   sign   the signing desk: a folder of PDFs dropped, "Sign all" with a .p12 key (its password
//          through the PIN dialog's hook), a certified copy block: time to list the files, time from
//          Sign all to the last result line (each output verified), the longest stall meanwhile.
// Prints one JSON object per measurement. Used by bench/gui_bench.sh; not a test.

#include "app/gui/AppSettings.h"
#include "app/gui/DemoScanner.h"
#include "app/gui/DossierPane.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PageThumbnails.h"
#include "app/gui/PagesPane.h"
#include "app/gui/PinDialog.h"
#include "app/gui/SigningDesk.h"
#include "app/gui/ScanController.h"
#include "app/workflows/DossierSetup.h"
#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"
#include "core/imaging/PageEncoder.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace sohoa;

namespace {

// The longest gap between ticks of a 5 ms timer while it runs.
class Heartbeat : public QObject
{
public:
    Heartbeat()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last)
                m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_longest = m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    double longestMs() const { return m_longest / 1e6; }
    // The bench's own work on this thread (writing the next sheet) is not the window's stall.
    void pause() { m_timer.stop(); }
    void resume()
    {
        m_last = 0;
        m_timer.start();
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

void print(const QJsonObject &o)
{
    // The bench script reads these lines as they come: one write, flushed.
    QTextStream out(stdout);
    out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
}

// An A4 300 dpi colour sheet that differs from every other (its number drawn large), as PPM.
void writeSheet(const QString &path, int number)
{
    QImage page = gui::DemoScanner::samplePage(number, 300);
    QPainter p(&page);
    QFont f(QStringLiteral("Liberation Sans"));
    f.setPixelSize(300);
    p.setFont(f);
    p.drawText(QRect(0, 2600, page.width(), 400), Qt::AlignCenter, QString::number(number + 1));
    p.end();
    page.save(path + QStringLiteral(".tmp"), "PPM");
    // Renamed into place: the pnm backend never reads a half-written sheet.
    if (std::rename(QFile::encodeName(path + QStringLiteral(".tmp")).constData(),
                    QFile::encodeName(path).constData()) != 0)
        qCritical("sohoa-gui-bench: cannot rename the sheet %s", qPrintable(path));
}

int benchScan(gui::MainWindow &window, int pages, bool distinct, const QString &sheetPath)
{
    auto made = workflows::createDossier(*window.store(), {QStringLiteral("H15.50.05.13-261130-9001"), false, {}, {}, {}});
    if (!made)
        return 1;
    window.dossierPane()->selectDossier(made.value().dossier.id);
    QTest::qWait(200);
    // Each saved page: how long until its thumbnail is there for the grid (polled as the grid would
    // ask when it paints; identical pages share one thumbnail by content hash).
    QList<double> latencies;
    QList<std::pair<PageRecord, qint64>> waiting;
    QElapsedTimer clock;
    clock.start();
    auto *thumbnails = window.findChild<gui::PageThumbnails *>();
    QObject::connect(window.scanController(), &gui::ScanController::pageSaved, &window,
                     [&](const PageRecord &page) { waiting.append({page, clock.nsecsElapsed()}); });
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &window, [&] {
        for (auto it = waiting.begin(); it != waiting.end();) {
            if (!thumbnails->get(it->first.absolutePath, it->first.sha256, it->first.size).isNull()) {
                latencies << (clock.nsecsElapsed() - it->second) / 1e6;
                it = waiting.erase(it);
            } else {
                ++it;
            }
        }
    });
    poll.start();
    Heartbeat heartbeat;
    heartbeat.start();
    int saved = 0;
    QElapsedTimer wall;
    wall.start();
    while (saved < pages) {
        QSignalSpy finished(window.scanController(), &gui::ScanController::finished);
        QTest::keyClick(window.pagesPane()->view(), Qt::Key_F5);
        if (!finished.wait(300000))
            return 2;
        const auto report = finished.first().at(0).value<workflows::ScanReport>();
        if (report.error.isError())
            return 3;
        saved += int(report.savedPages.size());
        if (distinct) { // the next sheet for the pnm scanner: another page
            heartbeat.pause();
            writeSheet(sheetPath, saved);
            heartbeat.resume();
        }
    }
    QTest::qWait(1500); // the last thumbnails
    poll.stop();
    std::sort(latencies.begin(), latencies.end());
    print({{QStringLiteral("measure"), distinct ? QStringLiteral("scan-distinct-pnm") : QStringLiteral("scan-test-feeder")},
           {QStringLiteral("pages"), saved},
           {QStringLiteral("seconds"), wall.elapsed() / 1000.0},
           {QStringLiteral("longest_stall_ms"), heartbeat.longestMs()},
           {QStringLiteral("thumbnails"), int(latencies.size())},
           {QStringLiteral("thumbnail_latency_median_ms"), latencies.isEmpty() ? -1 : latencies.at(latencies.size() / 2)},
           {QStringLiteral("thumbnail_latency_p95_ms"), latencies.isEmpty() ? -1 : latencies.at(latencies.size() * 95 / 100)},
           {QStringLiteral("thumbnail_latency_max_ms"), latencies.isEmpty() ? -1 : latencies.last()},
           {QStringLiteral("peak_rss_mb"), peakRssMb()}});
    return 0;
}

int benchLarge(gui::MainWindow &window, int pages)
{
    // A dossier of `pages` A4 200 dpi colour JPEG pages, each a little different (saved through the store).
    auto made = workflows::createDossier(*window.store(), {QStringLiteral("H15.50.05.13-261130-9002"), false, {}, {}, {}});
    if (!made)
        return 1;
    const ComponentInfo component = made.value().components.first();
    QImage base(1654, 2339, QImage::Format_RGB888);
    base.fill(QColor(250, 248, 240));
    for (int y = 100; y < 2200; y += 40)
        for (int x = 150; x < 1500; x += 6)
            base.setPixelColor(x, y + (x % 7), QColor(40, 40, 40));
    for (int i = 0; i < pages; ++i) {
        QImage page = base;
        page.setPixelColor(10 + i % 1000, 10, Qt::black);
        ScannedPage scanned;
        scanned.image = page;
        scanned.dpi = 200;
        scanned.mode = ColorMode::Color;
        auto encoded = PageEncoder::encode(scanned, ImageProfile{});
        if (!encoded || !window.store()->savePage(component, scanned, encoded.value()))
            return 2;
    }
    // Another dossier first, so that choosing this one is what is measured.
    auto other = workflows::createDossier(*window.store(), {QStringLiteral("H15.50.05.13-261130-9003"), false, {}, {}, {}});
    window.dossierPane()->selectDossier(other.value().dossier.id);
    QTest::qWait(300);
    auto *thumbnails = window.findChild<gui::PageThumbnails *>();
    QSignalSpy ready(thumbnails, &gui::PageThumbnails::ready);
    Heartbeat heartbeat;
    heartbeat.start();
    QElapsedTimer clock;
    clock.start();
    window.dossierPane()->selectDossier(made.value().dossier.id);
    if (!ready.wait(30000))
        return 3;
    const double firstMs = clock.nsecsElapsed() / 1e6;
    QTest::qWait(1000);
    const double selectStall = heartbeat.longestMs();
    heartbeat.start();
    QScrollBar *bar = window.pagesPane()->view()->verticalScrollBar();
    const int steps = 200;
    for (int s = 0; s <= steps; ++s) {
        bar->setValue(bar->maximum() * s / steps);
        QTest::qWait(20);
    }
    QTest::qWait(1000);
    print({{QStringLiteral("measure"), QStringLiteral("large")},
           {QStringLiteral("pages"), pages},
           {QStringLiteral("first_thumbnail_ms"), firstMs},
           {QStringLiteral("longest_stall_selecting_ms"), selectStall},
           {QStringLiteral("longest_stall_scrolling_ms"), heartbeat.longestMs()},
           {QStringLiteral("thumbnails_made"), int(ready.size())},
           {QStringLiteral("peak_rss_mb"), peakRssMb()}});
    return 0;
}

int benchSign(const QStringList &args)
{
    // sign INPUT_DIR OUT_DIR KEY.p12 PASSWORD ORGANIZATION
    if (args.size() < 7)
        return 2;
    {
        gui::AppSettings settings;
        gui::SigningSettings s = settings.signing();
        s.keyKind = QStringLiteral("p12");
        s.p12Path = args.at(4);
        s.appearances = workflows::AppearanceProfile::defaults();
        s.appearances[0].spec.organizationName = args.at(6);
        s.currentAppearance = 0;
        s.outputFolder = args.at(3);
        settings.setSigning(s);
        settings.setVerifyOffline(true);
    }
    gui::AppSettings settings;
    gui::SigningDesk desk(settings);
    desk.resize(1280, 800);
    desk.show();
    QTest::qWait(300);
    Heartbeat heartbeat;
    heartbeat.start();
    QElapsedTimer clock;
    clock.start();
    QSignalSpy read(&desk, &gui::SigningDesk::inputsRead);
    desk.addPaths({args.at(2)});
    if (!read.wait(600000))
        return 3;
    const double listMs = clock.nsecsElapsed() / 1e6;
    const double listStall = heartbeat.longestMs();
    QTest::qWait(200);
    gui::PinDialog::setNextAnswers({args.at(5)});
    QSignalSpy finished(&desk, &gui::SigningDesk::batchFinished);
    heartbeat.start();
    clock.restart();
    if (!desk.signAll())
        return 5;
    if (!finished.wait(3600000))
        return 4;
    const double signMs = clock.nsecsElapsed() / 1e6;
    int signedCount = 0, valid = 0;
    for (const auto &f : desk.results()) {
        signedCount += f.result.error.isError() ? 0 : 1;
        valid += f.verification && f.verification->statusId() == u"VALID_UNTRUSTED" ? 1 : 0;
        valid += f.verification && f.verification->statusId() == u"VALID" ? 1 : 0;
    }
    print({{QStringLiteral("measure"), QStringLiteral("sign")},
           {QStringLiteral("files"), int(desk.table()->rowCount())},
           {QStringLiteral("signed"), signedCount},
           {QStringLiteral("verified_intact"), valid},
           {QStringLiteral("list_ms"), listMs},
           {QStringLiteral("longest_stall_listing_ms"), listStall},
           {QStringLiteral("sign_ms"), signMs},
           {QStringLiteral("longest_stall_signing_ms"), heartbeat.longestMs()},
           {QStringLiteral("peak_rss_mb"), peakRssMb()}});
    return 0;
}

} // namespace

// An exception out of Qt or the standard library (std::bad_alloc): a message and a failure, not abort().
int main(int argc, char *argv[])
try {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 3) {
        qCritical("usage: sohoa-gui-bench scan|scan-distinct|large PAGES\n"
                  "       sohoa-gui-bench sign INPUT_DIR OUT_DIR KEY.p12 PASSWORD ORGANIZATION");
        return 2;
    }
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.filePath(QStringLiteral("config"))));
    workflows::Job::registerMetaTypes();
    if (args.at(1) == u"sign") {
        const int status = benchSign(args);
        QTextStream(stdout).flush();
        return status;
    }
    const bool distinct = args.at(1) == u"scan-distinct";
    const QString sheetPath = dir.filePath(QStringLiteral("sheet.ppm"));
    const QString device = distinct ? QStringLiteral("pnm:0") : QStringLiteral("test:0");
    {
        gui::AppSettings settings;
        workflows::ScanProfile profile;
        profile.name = QStringLiteral("bench");
        profile.deviceName = device;
        profile.resolution = 300;
        if (distinct) {
            profile.source.clear();
            profile.mode.clear();
            profile.pageSize.clear();
            profile.options = {QStringLiteral("filename=") + sheetPath};
            writeSheet(sheetPath, 0);
        } else {
            profile.source = QStringLiteral("adf");
        }
        settings.setProfiles({profile});
        settings.setLastDevice({device, {}, {}, {}});
    }
    gui::WindowOptions options;
    options.storePath = dir.filePath(QStringLiteral("store"));
    gui::MainWindow window(options);
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitFor([&] { return window.storeOpened() && !window.devices().isEmpty(); }, 30000))
        return 4;
    window.chooseDeviceByName(device);
    const int pages = args.at(2).toInt();
    const int status = args.at(1).startsWith(u"scan") ? benchScan(window, pages, distinct, sheetPath)
                                                      : benchLarge(window, pages);
    if (std::fflush(nullptr) != 0)
        qCritical("sohoa-gui-bench: cannot flush the output");
    std::_Exit(status); // as the programs: SANE's backends are left as they are
} catch (const std::exception &e) {
    qCritical("sohoa-gui-bench: %s", e.what());
    return 1;
} catch (...) {
    qCritical("sohoa-gui-bench: an unknown exception");
    return 1;
}
