// `sohoa-cli sign` over the whole corpus: all of pdf/clean in one batch with the copy appearance,
// and every file of pdf/broken one per call. Judged by pdfsig, qpdf, pdftotext and pdftoppm.

#include "SigningFixtures.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QTest>
#include <QtConcurrent>

#include <algorithm>

using namespace sohoa::test;

namespace {

const QString kCopyForm = QStringLiteral("SAO Y");
const QString kOrganization = QStringLiteral("Sở Tư pháp tỉnh Đồng Tháp");

QStringList corpusFiles(const QString &folder)
{
    const QDir dir(QStringLiteral(SOHOA_CORPUS_DIR "/pdf/") + folder);
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

// The rectangle `r` (default user space) of a page with crop box `crop` and /Rotate `rotate`, in
// pixels of a rendering `size` pixels large (pdftoppm renders the crop box, rotated).
QRect toPixels(const QRectF &r, const PageGeometry &g, const QSize &size)
{
    const double w = g.cropBox.width(), h = g.cropBox.height();
    const bool swap = g.rotate == 90 || g.rotate == 270;
    const double sx = size.width() / (swap ? h : w), sy = size.height() / (swap ? w : h);
    double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
    for (const QPointF &p : {r.topLeft(), r.bottomRight()}) {
        const double u = p.x() - g.cropBox.left();   // from the left edge, unrotated
        const double v = g.cropBox.bottom() - p.y(); // from the top edge (QRectF bottom = max y)
        QPointF q;
        switch (g.rotate) {
        case 90:
            q = QPointF(h - v, u);
            break;
        case 180:
            q = QPointF(w - u, h - v);
            break;
        case 270:
            q = QPointF(v, w - u);
            break;
        default:
            q = QPointF(u, v);
        }
        minX = qMin(minX, q.x() * sx);
        maxX = qMax(maxX, q.x() * sx);
        minY = qMin(minY, q.y() * sy);
        maxY = qMax(maxY, q.y() * sy);
    }
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY)).toAlignedRect().adjusted(-3, -3, 3, 3);
}

// Renders every page of `pdf` at 40 dpi into `dir` with prefix; returns the page images in order.
// (A low resolution keeps the whole corpus, about 450 pages twice, well within the test's time.)
QStringList renderPages(const QString &pdf, const QString &dir, const QString &prefix, QString *error)
{
    const ToolResult r = runTool(
        QStringLiteral("pdftoppm"),
        {QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"), pdf, QDir(dir).filePath(prefix)}, 120000);
    if (r.exitCode != 0 || r.crashed || r.timedOut)
        *error = QStringLiteral("pdftoppm ") + pdf + u'\n' + r.describe();
    QStringList pages;
    for (const QString &n : QDir(dir).entryList({prefix + u"-*.png"}, QDir::Files, QDir::Name))
        pages << QDir(dir).filePath(n);
    return pages;
}

// /NeedAppearances true anywhere (the AcroForm may be a direct dictionary in the catalog).
bool hasNeedAppearances(const QJsonValue &v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("/NeedAppearances")) == QJsonValue(true))
            return true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (hasNeedAppearances(it.value()))
                return true;
        }
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (const QJsonValue &e : a) {
            if (hasNeedAppearances(e))
                return true;
        }
    }
    return false;
}

bool hasNeedAppearances(const QString &pdf)
{
    return hasNeedAppearances(QJsonValue(qpdfObjects(pdf)));
}

// The /Rect of every widget annotation, page by page (qpdf's page order).
QList<QList<QRectF>> widgetRectsByPage(const QString &pdf)
{
    const ToolResult r = runTool(
        QStringLiteral("qpdf"),
        {QStringLiteral("--json=2"), QStringLiteral("--json-key=pages"), QStringLiteral("--json-key=qpdf"), pdf},
        120000);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray qpdf = root.value(QStringLiteral("qpdf")).toArray();
    const QJsonObject objects = qpdf.size() > 1 ? qpdf.at(1).toObject() : QJsonObject();
    QList<QList<QRectF>> result;
    for (const QJsonValue &page : root.value(QStringLiteral("pages")).toArray()) {
        QList<QRectF> rects;
        const QJsonObject dict = objectDict(objects, page.toObject().value(QStringLiteral("object")).toString());
        for (const QJsonValue &a : resolved(objects, dict.value(QStringLiteral("/Annots"))).toArray()) {
            const QJsonObject annot = resolved(objects, a).toObject();
            if (annot.value(QStringLiteral("/Subtype")).toString() != u"/Widget")
                continue;
            const QJsonArray rect = resolved(objects, annot.value(QStringLiteral("/Rect"))).toArray();
            if (rect.size() != 4)
                continue;
            const double x0 = rect.at(0).toDouble(), y0 = rect.at(1).toDouble(), x1 = rect.at(2).toDouble(),
                         y1 = rect.at(3).toDouble();
            rects << QRectF(QPointF(qMin(x0, x1), qMin(y0, y1)), QPointF(qMax(x0, x1), qMax(y0, y1)));
        }
        result << rects;
    }
    return result;
}

// One file of the render comparison.
struct RenderJob
{
    QString input, output;
    QRectF widget;        // the new signature's /Rect, on page 1
    bool needAppearances; // the input asks viewers to draw its fields
};

// Every page of the output renders (pdftoppm) identical to the input's, except inside the new
// signature's widget. Where the input has /NeedAppearances true, Poppler draws its fields itself
// when it renders the input, while the output carries the appearances qpdf generated: those two
// drawings of a field legitimately differ, so the fields' widget rectangles are left out too,
// and only there. Returns an empty string or what differs.
QString compareRenders(const RenderJob &job)
{
    QTemporaryDir renders;
    QString error;
    const QStringList before = renderPages(job.input, renders.path(), QStringLiteral("in"), &error);
    const QStringList after = renderPages(job.output, renders.path(), QStringLiteral("out"), &error);
    if (!error.isEmpty())
        return error;
    if (before.isEmpty() || before.size() != after.size())
        return QStringLiteral("%1: %2 pages before, %3 after").arg(job.input).arg(before.size()).arg(after.size());
    const QList<QList<QRectF>> fields = job.needAppearances ? widgetRectsByPage(job.input) : QList<QList<QRectF>>();
    if (job.needAppearances && fields.size() != before.size())
        return job.input + QStringLiteral(": cannot list the form's widgets");
    for (qsizetype p = 0; p < before.size(); ++p) {
        const QImage a = QImage(before.at(p)).convertToFormat(QImage::Format_RGB32);
        const QImage b = QImage(after.at(p)).convertToFormat(QImage::Format_RGB32);
        if (a.isNull() || a.size() != b.size())
            return QStringLiteral("%1 page %2: renderings of different sizes").arg(job.input).arg(p + 1);
        QList<QRect> allowed;
        if (p == 0 || job.needAppearances) {
            const auto geometry = pageGeometry(job.output, int(p) + 1);
            if (!geometry)
                return QStringLiteral("%1 page %2: no page geometry").arg(job.output).arg(p + 1);
            if (p == 0)
                allowed << toPixels(job.widget, *geometry, a.size());
            if (job.needAppearances)
                for (const QRectF &field : fields.at(p))
                    allowed << toPixels(field, *geometry, a.size());
        }
        int differing = 0;
        QRect outside;
        for (int y = 0; y < a.height(); ++y) {
            const auto *la = reinterpret_cast<const QRgb *>(a.constScanLine(y));
            const auto *lb = reinterpret_cast<const QRgb *>(b.constScanLine(y));
            for (int x = 0; x < a.width(); ++x) {
                if (la[x] == lb[x])
                    continue;
                if (std::any_of(allowed.cbegin(), allowed.cend(), [&](const QRect &r) { return r.contains(x, y); }))
                    continue;
                ++differing;
                outside = outside.united(QRect(x, y, 1, 1));
            }
        }
        if (differing != 0)
            return QStringLiteral("%1 page %2: %3 pixels differ outside the allowed areas; differences in %4,%5 %6x%7")
                .arg(job.output)
                .arg(p + 1)
                .arg(differing)
                .arg(outside.x())
                .arg(outside.y())
                .arg(outside.width())
                .arg(outside.height());
    }
    return QString();
}

struct OutputVerdict
{
    bool ok = true;
    QStringList problems;
};

// The checks every signed output must pass: qpdf no worse than the input, the new (last) signature
// valid and covering the whole file, the input's valid signatures still valid.
OutputVerdict checkSignedOutput(const QString &input, const QString &output, int pdfsigTimeoutMs = 60000)
{
    OutputVerdict v;
    auto fail = [&](const QString &why) {
        v.ok = false;
        v.problems << why;
    };
    if (!QFileInfo::exists(output)) {
        fail(QStringLiteral("no output"));
        return v;
    }
    const int before = qpdfCheckRank(input), after = qpdfCheckRank(output);
    if (after > before)
        fail(QStringLiteral("qpdf --check: input rank %1, output rank %2").arg(before).arg(after));
    QString rawIn, rawOut;
    const QList<PdfSigEntry> in = pdfsigReport(input, &rawIn, pdfsigTimeoutMs);
    const QList<PdfSigEntry> out = pdfsigReport(output, &rawOut, pdfsigTimeoutMs);
    if (out.size() != in.size() + 1) {
        fail(QStringLiteral("pdfsig: %1 signature(s) in the input, %2 in the output\n%3")
                 .arg(in.size())
                 .arg(out.size())
                 .arg(rawOut));
        return v;
    }
    if (!out.constLast().valid || !out.constLast().total)
        fail(QStringLiteral("pdfsig on the new signature (valid %1, total %2):\n%3")
                 .arg(out.constLast().valid)
                 .arg(out.constLast().total)
                 .arg(out.constLast().text));
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i).valid && !out.at(i).valid)
            fail(QStringLiteral("signature #%1 was valid in the input and is not in the output:\n%2")
                     .arg(i + 1)
                     .arg(out.at(i).text));
    }
    return v;
}

} // namespace

class TestSignE2eCorpus : public QObject
{
    Q_OBJECT

    TestCa m_ca;

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("openssl");
        SOHOA_REQUIRE_TOOL("pdfsig");
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdftotext");
        SOHOA_REQUIRE_TOOL("pdftoppm");
        SOHOA_REQUIRE_TOOL("pdfinfo");
        if (!QDir(QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean")).exists())
            QFAIL("the corpus ../shared/corpus/pdf is missing");
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Văn thư/O=Sở Tư pháp"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        qputenv("SOHOA_E2E_PASSWORD", TestCa::password());
    }

    // Issue: the whole clean corpus in one batch, --appearance copy.
    void cleanCorpusInOneBatch()
    {
        const QStringList inputs = corpusFiles(QStringLiteral("clean"));
        QCOMPARE(inputs.size(), 92);
        QTemporaryDir out;
        QElapsedTimer timer;
        timer.start();
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign")} + inputs +
                       QStringList{QStringLiteral("--out"), out.path(), QStringLiteral("--p12"),
                                   m_ca.p12(QStringLiteral("clerk")), QStringLiteral("--pin-env"),
                                   QStringLiteral("SOHOA_E2E_PASSWORD"), QStringLiteral("--appearance"),
                                   QStringLiteral("copy"), QStringLiteral("--copy-form"), kCopyForm,
                                   QStringLiteral("--organization"), kOrganization, QStringLiteral("--json")},
                   240000);
        qInfo("batch of %d files signed in %lld ms", int(inputs.size()), timer.elapsed());
        QVERIFY2(!r.crashed && !r.timedOut, qPrintable(r.describe()));
        const auto results = r.events(QStringLiteral("signed"));
        QCOMPARE(results.size(), inputs.size());
        QStringList failures;
        for (const QJsonObject &e : results) {
            if (e.value(QStringLiteral("status")).toString() != u"ok")
                failures << e.value(QStringLiteral("input")).toString() + u": " + signedEventErrorId(e) + u' ' +
                                e.value(QStringLiteral("error")).toObject().value(QStringLiteral("detail")).toString();
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.events(QStringLiteral("summary")).value(0).value(QStringLiteral("signed")).toInt(), inputs.size());

        QStringList offPage;
        QList<RenderJob> renderJobs;
        int needAppearanceInputs = 0;
        for (const QString &in : inputs) {
            const QString output = QDir(out.path()).filePath(QFileInfo(in).fileName());
            const OutputVerdict v = checkSignedOutput(in, output);
            if (!v.ok)
                failures << output + u": " + v.problems.join(QStringLiteral("; "));
            const QString text =
                runTool(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                      QStringLiteral("1"), output, QStringLiteral("-")})
                    .out.normalized(QString::NormalizationForm_C);
            // The block must lie on page 1, inside its crop box.
            const QJsonObject outputObjects = qpdfObjects(output);
            const auto widget = newestSignatureWidget(outputObjects);
            const auto geometry = pageGeometry(output, 1);
            // A form that asked viewers to draw its fields now carries the appearances itself.
            const bool needAppearances = hasNeedAppearances(in);
            if (needAppearances)
                ++needAppearanceInputs;
            if (hasNeedAppearances(QJsonValue(outputObjects)))
                failures << output + QStringLiteral(": /NeedAppearances is still true");
            if (widget)
                renderJobs.append(RenderJob{in, output, widget->rect, needAppearances});
            bool onPage = true;
            if (!widget || !geometry) {
                failures << output + QStringLiteral(": no signature widget or page 1 geometry");
            } else if (!geometry->cropBox.adjusted(-0.5, -0.5, 0.5, 0.5).contains(widget->rect)) {
                onPage = false;
                offPage << QStringLiteral("%1: block %2,%3 %4x%5 pt outside page 1 crop box %6,%7 %8x%9 pt")
                               .arg(output)
                               .arg(widget->rect.x())
                               .arg(widget->rect.y())
                               .arg(widget->rect.width())
                               .arg(widget->rect.height())
                               .arg(geometry->cropBox.x())
                               .arg(geometry->cropBox.y())
                               .arg(geometry->cropBox.width())
                               .arg(geometry->cropBox.height());
            }
            // Also in forms that had /NeedAppearances true (field-types.pdf, form-mod1.pdf,
            // need-appearances-out.pdf), where viewers would otherwise redraw the widget empty.
            if (onPage && (!text.contains(kCopyForm) || !text.contains(kOrganization)))
                failures << output + QStringLiteral(": page 1 text lacks the copy block: ") + text.left(300);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(needAppearanceInputs, 3);
        // On a page smaller than the block (png-filters-1-column.pdf, 32 x 32 pt) the block is scaled to fit.
        QVERIFY2(offPage.isEmpty(), qPrintable(offPage.join(u'\n')));

        // Every page of every file rendered before and after: identical outside the new widget,
        // two files at a time.
        QCOMPARE(renderJobs.size(), inputs.size());
        QElapsedTimer renderTimer;
        renderTimer.start();
        const QStringList renderProblems = QtConcurrent::blockingMapped<QStringList>(renderJobs, compareRenders);
        qInfo("render comparison of %d files in %lld ms", int(renderJobs.size()), renderTimer.elapsed());
        QStringList differing;
        for (const QString &problem : renderProblems)
            if (!problem.isEmpty())
                differing << problem;
        QVERIFY2(differing.isEmpty(), qPrintable(differing.join(u'\n')));
    }

    // Issue: every damaged or hostile file, one CLI call each with a 30 s limit.
    void brokenCorpusOneByOne_data()
    {
        QTest::addColumn<QString>("input");
        for (const QString &f : corpusFiles(QStringLiteral("broken")))
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }

    void brokenCorpusOneByOne()
    {
        QFETCH(QString, input);
        QTemporaryDir out;
        const QString outDir = out.filePath(QStringLiteral("o"));
        QElapsedTimer timer;
        timer.start();
        const ToolResult r =
            runCli({QStringLiteral("sign"), input, QStringLiteral("--out"), outDir + u'/', QStringLiteral("--p12"),
                    m_ca.p12(QStringLiteral("clerk")), QStringLiteral("--pin-env"),
                    QStringLiteral("SOHOA_E2E_PASSWORD"), QStringLiteral("--appearance"), QStringLiteral("copy"),
                    QStringLiteral("--organization"), kOrganization, QStringLiteral("--json")},
                   30000);
        QVERIFY2(!r.timedOut, qPrintable(QStringLiteral("timed out after 30 s\n") + r.describe()));
        QVERIFY2(!r.crashed && r.exitCode < 128, qPrintable(r.describe()));
        const QString output = QDir(outDir).filePath(QFileInfo(input).fileName());
        const QStringList left = QDir(outDir).entryList(QDir::Files | QDir::Hidden | QDir::System);
        if (r.exitCode == 0) {
            qInfo("signed in %lld ms", timer.elapsed());
            QCOMPARE(left, QStringList{QFileInfo(input).fileName()});
            // Poppler may spin on hostile files: if it cannot read the input in time either, say so.
            bool inputTimedOut = false;
            pdfsigReport(input, nullptr, 30000, &inputTimedOut);
            if (inputTimedOut)
                QSKIP("pdfsig cannot read the input within 30 s; the output is not judged by it");
            const OutputVerdict v = checkSignedOutput(input, output, 30000);
            QVERIFY2(v.ok, qPrintable(v.problems.join(u'\n')));
        } else {
            const auto results = r.events(QStringLiteral("signed"));
            QCOMPARE(results.size(), 1);
            QCOMPARE(results.at(0).value(QStringLiteral("status")).toString(), QStringLiteral("error"));
            const QString id = signedEventErrorId(results.at(0));
            static const QStringList expected{QStringLiteral("pdf-damaged"), QStringLiteral("pdf-encrypted"),
                                              QStringLiteral("pdf-unsupported")};
            QVERIFY2(expected.contains(id), qPrintable(QStringLiteral("error id '%1'\n").arg(id) + r.describe()));
            // A file that needs a password to open (qpdf --requires-password exits 0) is "encrypted".
            if (runTool(QStringLiteral("qpdf"), {QStringLiteral("--requires-password"), input}).exitCode == 0) {
                QTemporaryDir plainOut;
                const ToolResult plain =
                    runCli({QStringLiteral("sign"), input, QStringLiteral("--out"), plainOut.path() + u'/',
                            QStringLiteral("--p12"), m_ca.p12(QStringLiteral("clerk")), QStringLiteral("--pin-env"),
                            QStringLiteral("SOHOA_E2E_PASSWORD"), QStringLiteral("--json")},
                           30000);
                QCOMPARE(signedEventErrorId(plain.events(QStringLiteral("signed")).value(0)),
                         QStringLiteral("pdf-encrypted"));
                QCOMPARE(id, QStringLiteral("pdf-encrypted"));
            }
            QVERIFY(!results.at(0)
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("message_en"))
                         .toString()
                         .isEmpty());
            QCOMPARE(r.exitCode, 6);
            QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
            qInfo("refused with %s in %lld ms", qPrintable(id), timer.elapsed());
        }
    }
};

QTEST_GUILESS_MAIN(TestSignE2eCorpus)
#include "TestSignE2eCorpus.moc"
