// The preview pane shows pages and PDFs without ever stalling the window: a PDF that would keep a
// renderer busy for ever (form XObjects nested ten deep) and every damaged PDF of the corpus (qpdf's
// test suite) end as a picture or a message, while a 10 ms heartbeat on the GUI thread keeps ticking
// (the render runs in the guarded helper process).

#include "GuiTestSupport.h"
#include "HostilePdf.h"

#include "app/gui/ImageView.h"
#include "app/gui/PreviewPane.h"
#include "app/workflows/Job.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace sohoa;

class TestPreviewGuard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { workflows::Job::registerMetaTypes(); }

    void hostilePdfsNeverStallTheWindow()
    {
        const QDir broken(QStringLiteral(SOHOA_CORPUS_DIR "/pdf/broken"));
        QStringList files;
        for (const QString &name : broken.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name))
            files << broken.filePath(name);
        if (files.isEmpty())
            QFAIL("the corpus (../shared/corpus/pdf/broken) is missing");
        QTemporaryDir dir;
        QFile slow(dir.filePath(QStringLiteral("nested-forms.pdf")));
        QVERIFY(slow.open(QIODevice::WriteOnly));
        slow.write(test::nestedFormsPdf(10, 10, false));
        slow.close();
        files.prepend(slow.fileName());
        gui::PreviewPane pane;
        pane.resize(600, 800);
        pane.show();
        pane.setPdfTimeoutMs(4000);
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longest = 0;
        QTimer heartbeat;
        heartbeat.setInterval(10);
        connect(&heartbeat, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
        });
        int pictures = 0;
        int messages = 0;
        for (const QString &name : files) {
            QSignalSpy shown(&pane, &gui::PreviewPane::shown);
            clock.start();
            last = 0;
            heartbeat.start();
            pane.showPdf(name);
            QVERIFY2(shown.wait(20000), qPrintable(name + QStringLiteral(": no answer")));
            heartbeat.stop();
            if (pane.view()->image().isNull()) {
                QVERIFY2(!pane.view()->message().isEmpty(), qPrintable(name));
                ++messages;
                if (name == slow.fileName()) // the endless one: stopped at the time limit, said so
                    QCOMPARE(pane.view()->message(), Error(ErrorCode::PreviewTimedOut).message());
            } else {
                ++pictures;
            }
            // Generous: a render in this process would stall for seconds or minutes.
            QVERIFY2(longest < 2000, qPrintable(QStringLiteral("%1: the window stalled %2 ms").arg(name).arg(longest)));
        }
        qInfo("%d pictures, %d messages; longest stall %lld ms", pictures, messages, longest);
        QVERIFY(pictures > 0);
        QVERIFY(messages > 0);
    }

    void pageImageIsShownTurnedAndZoomable()
    {
        const QString page = QStringLiteral(SOHOA_CORPUS_DIR "/scans/") +
                             QDir(QStringLiteral(SOHOA_CORPUS_DIR "/scans")).entryList({QStringLiteral("*.jpg")}).value(0);
        QVERIFY(QFile::exists(page));
        gui::PreviewPane pane;
        pane.resize(600, 800);
        pane.show();
        QSignalSpy shown(&pane, &gui::PreviewPane::shown);
        pane.showPage(page, 0);
        QVERIFY(shown.wait(10000));
        QVERIFY(!pane.view()->image().isNull());
        const double fitted = pane.view()->scale();
        pane.view()->setFit(gui::ImageView::Fit::Width);
        QVERIFY(pane.view()->scale() > fitted); // a portrait page in a portrait pane: fit-width is larger
        pane.view()->zoomBy(2.0);
        QCOMPARE(pane.view()->fit(), gui::ImageView::Fit::None);
        shown.clear();
        pane.showPage(page, 90);
        QVERIFY(shown.wait(10000));
        QCOMPARE(pane.view()->rotation(), 90);
        // A file that is not an image: a message, not a crash.
        QTemporaryDir dir;
        QFile junk(dir.filePath(QStringLiteral("junk.jpg")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a picture");
        junk.close();
        shown.clear();
        pane.showPage(junk.fileName(), 0);
        QVERIFY(shown.wait(10000));
        QVERIFY(pane.view()->image().isNull());
        QVERIFY(!pane.view()->message().isEmpty());
    }
};

QTEST_MAIN(TestPreviewGuard)
#include "TestPreviewGuard.moc"
