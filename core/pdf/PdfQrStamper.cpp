#include "core/pdf/PdfQrStamper.h"

#include "core/pdf/internal/PageBox.h"
#include "core/pdf/internal/PdfIncrementalUpdate.h" // first: defines POINTERHOLDER_TRANSITION before any qpdf header

#include "core/common/CoreLogging.h"
#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "core/common/Translations.h"
#include "core/pdf/internal/DocumentFont.h"
#include "core/pdf/internal/PdfFontSubset.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRawFont>
#include <QRegularExpression>

#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFMatrix.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <map>
#include <optional>
#include <set>
#include <unistd.h>

namespace sohoa {

using pdf::fromStd;
using pdf::pdfNumber;
using pdf::VisiblePage;
using pdf::visiblePageOf;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr qint64 kChunkSize = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Caption: drawn by Qt's PDF writer (embedded subset font with a ToUnicode map) on a one-page PDF
// whose page becomes a Form XObject in the target.

struct Caption
{
    QByteArray pdf;
    double widthPt = 0;
    double heightPt = 0;
};

Result<Caption> renderCaption(const QString &text, double widthPt)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error(ErrorCode::QrStampFailed, QStringLiteral("drawing a caption needs a QGuiApplication"));
    auto family = documentFontFamily(ErrorCode::QrStampFailed);
    if (!family)
        return family.error();
    const QString line = text.normalized(QString::NormalizationForm_C).simplified();

    Caption caption;
    QBuffer buffer(&caption.pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    // Glyph positions in device pixels of a fine device keep the advances exact; the PDF is in points.
    constexpr int kResolution = 1200;
    constexpr double kPxPerPt = kResolution / 72.0;
    writer.setResolution(kResolution);
    writer.setCreator(QStringLiteral("SoHoa"));

    QFont font(QStringList{family.value()});
    font.setStyleStrategy(QFont::StyleStrategy(QFont::PreferOutline | QFont::NoFontMerging));
    font.setHintingPreference(QFont::PreferNoHinting);
    double fontPt = std::clamp(widthPt / 9.0, 5.0, 9.0);
    font.setPointSizeF(fontPt);
    const QRawFont raw = QRawFont::fromFont(font);
    for (const char32_t c : line.toUcs4())
        if (!QChar::isSpace(c) && !raw.supportsCharacter(c))
            return Error(ErrorCode::QrStampFailed, QStringLiteral("font %1 %2 has no glyph for U+%3")
                                                       .arg(raw.familyName(), raw.styleName())
                                                       .arg(uint(c), 4, 16, QLatin1Char('0')));
    // A word wider than the code shrinks the font (down to 4 pt), then lines break at spaces.
    const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
    const double maxPx = widthPt * kPxPerPt;
    for (const QString &w : words) {
        const qreal a = QFontMetricsF(font, &writer).horizontalAdvance(w);
        if (a > maxPx && fontPt > 4.0) {
            fontPt = std::max(4.0, fontPt * maxPx / a * 0.99);
            font.setPointSizeF(fontPt);
        }
    }
    const QFontMetricsF fm(font, &writer);
    QStringList lines;
    for (const QString &w : words) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.last() + u' ' + w) <= maxPx)
            lines.last() += u' ' + w;
        else
            lines.append(w);
    }
    const double padPt = fontPt * 0.25;
    const int pageW = int(std::ceil(widthPt));
    const int pageH = int(std::ceil(lines.size() * fm.lineSpacing() / kPxPerPt + 2 * padPt));
    const QPageSize pageSize(QSize(pageW, pageH), QString(), QPageSize::ExactMatch);
    if (!writer.setPageLayout(QPageLayout(pageSize, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point)))
        return Error(ErrorCode::QrStampFailed, QStringLiteral("cannot set the caption page size"));
    QPainter painter;
    if (!painter.begin(&writer))
        return Error(ErrorCode::QrStampFailed, QStringLiteral("cannot start the caption PDF"));
    painter.setPen(Qt::black);
    painter.setFont(font);
    qreal baseline = padPt * kPxPerPt + fm.ascent();
    for (const QString &l : std::as_const(lines)) {
        painter.drawText(QPointF((pageW * kPxPerPt - fm.horizontalAdvance(l)) / 2, baseline), l);
        baseline += fm.lineSpacing();
    }
    if (!painter.end())
        return Error(ErrorCode::QrStampFailed, QStringLiteral("cannot finish the caption PDF"));
    buffer.close();
    caption.pdf = pdf::tagSubsetFonts(caption.pdf);
    caption.widthPt = pageW;
    caption.heightPt = pageH;
    return caption;
}

// ---------------------------------------------------------------------------------------------
// The code itself: dark modules merged into horizontal runs, one rectangle per run, one fill, on a
// white square that keeps the quiet zone free of whatever the page draws below.

QByteArray qrContent(const QrMatrix &m, double sidePt, double captionPt, const QByteArray &captionDo)
{
    const int q = QrMatrix::kQuietZone;
    const double module = sidePt / (m.size() + 2 * q);
    QByteArray c;
    c += "q 1 g 0 0 " + pdfNumber(sidePt) + ' ' + pdfNumber(sidePt + captionPt) + " re f Q\n";
    // Module space: origin at the symbol's top-left module, y down, one unit per module.
    c += "q 0 g " + pdfNumber(module) + " 0 0 " + pdfNumber(-module) + ' ' + pdfNumber(q * module) + ' ' +
         pdfNumber(captionPt + sidePt - q * module) + " cm\n";
    m.forEachDarkRun([&](QrMatrix::Run r) {
        c += QByteArray::number(r.x) + ' ' + QByteArray::number(r.y) + ' ' + QByteArray::number(r.length) + " 1 re\n";
    });
    c += "f Q\n";
    c += captionDo;
    return c;
}

// ---------------------------------------------------------------------------------------------
// Page geometry.

struct Geometry
{
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    bool shrunk = false; // the page is smaller than the block
    double scale = 1;    // the block's size on the page over its nominal size
    QByteArray key() const
    {
        return pdfNumber(a) + ' ' + pdfNumber(b) + ' ' + pdfNumber(c) + ' ' + pdfNumber(d) + ' ' + pdfNumber(e) + ' ' +
               pdfNumber(f);
    }
};

// The matrix that puts the block (w x h in form units, origin at its bottom left) upright at the
// requested place of the visible page. Display space: the visible box turned by /Rotate (clockwise),
// u to the right and v up from its bottom-left corner.
Result<Geometry> placeOnPage(QPDFObjectHandle page, int pageNumber, const QrPlacement &placement, double blockW,
                             double blockH)
{
    const VisiblePage visible = visiblePageOf(page);
    const int rot = visible.rotation;
    // /UserUnit is ignored (see PageBox.h): a reader that honours it (Acrobat) shows the code larger
    // by that factor, which keeps it readable.

    const double dw = visible.displaySize().width();
    const double dh = visible.displaySize().height();
    double s = 1; // form units are points
    double bw = blockW, bh = blockH;
    double ux = 0, vy = 0;
    if (placement.exact) {
        ux = placement.positionMm.x() * kPtPerMm;
        const double top = placement.positionMm.y() * kPtPerMm;
        vy = dh - top - bh;
        constexpr double kSlack = 0.01;
        if (ux + bw > dw + kSlack || vy < -kSlack)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("the code (%1 x %2 mm) does not fit on page %3 (%4 x %5 mm) at %6,%7 mm")
                             .arg(blockW / kPtPerMm, 0, 'f', 1)
                             .arg(blockH / kPtPerMm, 0, 'f', 1)
                             .arg(pageNumber)
                             .arg(dw / kPtPerMm, 0, 'f', 1)
                             .arg(dh / kPtPerMm, 0, 'f', 1)
                             .arg(placement.positionMm.x())
                             .arg(placement.positionMm.y()));
    } else {
        // A page smaller than the block shrinks it; a narrow one eats the margin first.
        const double fit = std::min({1.0, dw / bw, dh / bh});
        s = fit;
        bw *= fit;
        bh *= fit;
        const double margin = placement.marginMm * kPtPerMm;
        const double mx = std::clamp((dw - bw) / 2, 0.0, margin);
        const double my = std::clamp((dh - bh) / 2, 0.0, margin);
        using C = Corner;
        const bool left = placement.corner == C::TopLeft || placement.corner == C::BottomLeft;
        const bool top = placement.corner == C::TopLeft || placement.corner == C::TopRight;
        ux = left ? mx : dw - mx - bw;
        vy = top ? dh - my - bh : my;
    }
    const double x0 = visible.box.left(), y0 = visible.box.top(), x1 = visible.box.right(), y1 = visible.box.bottom();
    Geometry g;
    switch (rot) {
    default: // VisiblePage::rotation is 0, 90, 180 or 270
    case 0:
        g = {s, 0, 0, s, x0 + ux, y0 + vy, false};
        break;
    case 90: // display (u, v) = (y - y0, x1 - x)
        g = {0, s, -s, 0, x1 - vy, y0 + ux, false};
        break;
    case 180: // (x1 - x, y1 - y)
        g = {-s, 0, 0, -s, x1 - ux, y1 - vy, false};
        break;
    case 270: // (y1 - y, x - x0)
        g = {0, -s, s, 0, x0 + vy, y1 - ux, false};
        break;
    }
    g.shrunk = s < 1;
    g.scale = s;
    return g;
}

// ---------------------------------------------------------------------------------------------

Error damaged(const QString &path, const std::exception &e)
{
    return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
}

bool cancelled(const QrStampOptions &o)
{
    return cancelRequested(o.control);
}

struct InputFile
{
    int fd = -1;
    ~InputFile()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Page selection, placement and template.

Result<PageSelection> PageSelection::parse(QStringView text)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == u"first")
        return first();
    if (t == u"last")
        return last();
    if (t == u"all")
        return all();
    PageSelection sel(Kind::List);
    static const QRegularExpression item(QStringLiteral("^\\s*(\\d+)\\s*(?:-\\s*(\\d+)\\s*)?$"));
    for (const QString &part : t.split(u',')) {
        const QRegularExpressionMatch m = item.match(part);
        bool ok1 = false, ok2 = true;
        const int a = m.hasMatch() ? m.captured(1).toInt(&ok1) : 0;
        const int b = m.hasMatch() && m.hasCaptured(2) ? m.captured(2).toInt(&ok2) : a;
        if (!m.hasMatch() || !ok1 || !ok2 || a < 1 || b < a)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("pages: \"%1\" (use first, last, all or a list such as 1,3,5-7)").arg(text));
        sel.m_ranges.append({a, b});
    }
    return sel;
}

Result<QList<int>> PageSelection::resolve(int pageCount) const
{
    if (pageCount <= 0)
        return Error(ErrorCode::PdfDamaged, QStringLiteral("no pages"));
    QList<int> pages;
    switch (m_kind) {
    case Kind::First:
        return QList<int>{0};
    case Kind::Last:
        return QList<int>{pageCount - 1};
    case Kind::All:
        for (int i = 0; i < pageCount; ++i)
            pages.append(i);
        return pages;
    case Kind::List:
        break;
    }
    std::set<int> set;
    for (const auto &[a, b] : m_ranges) {
        if (b > pageCount)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("page %1 of a %2-page document").arg(b).arg(pageCount));
        for (int p = a; p <= b; ++p)
            set.insert(p - 1);
    }
    for (int p : set)
        pages.append(p);
    return pages;
}

QString PageSelection::toString() const
{
    switch (m_kind) {
    case Kind::First:
        return QStringLiteral("first");
    case Kind::Last:
        return QStringLiteral("last");
    case Kind::All:
        return QStringLiteral("all");
    case Kind::List:
        break;
    }
    QStringList parts;
    for (const auto &[a, b] : m_ranges)
        parts.append(a == b ? QString::number(a) : QStringLiteral("%1-%2").arg(a).arg(b));
    return parts.join(u',');
}

Result<QrPlacement> QrPlacement::parse(QStringView text)
{
    QrPlacement p;
    const QString t = text.trimmed().toString().toLower();
    if (const auto corner = cornerFromName(t)) {
        p.corner = *corner;
    } else {
        static const QRegularExpression xy(
            QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(?:mm)?\\s*,\\s*(\\d+(?:\\.\\d+)?)\\s*(?:mm)?\\s*$"));
        const QRegularExpressionMatch m = xy.match(t);
        if (!m.hasMatch())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("position: \"%1\" (use top-right, top-left, bottom-right, bottom-left or "
                                        "Xmm,Ymm from the page's top-left corner)")
                             .arg(text));
        p.exact = true;
        p.positionMm = QPointF(m.captured(1).toDouble(), m.captured(2).toDouble());
    }
    return p;
}

bool qrTemplateUses(const QString &text, QStringView placeholder)
{
    return text.contains(u'{' + placeholder.toString() + u'}');
}

Result<QString> expandQrTemplate(const QString &text, const QrTemplateValues &values)
{
    // {name} with a lower-case name is a placeholder; any other brace is text.
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z0-9_]+)\\}"));
    QString out;
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        QString value;
        QString option;
        if (name == u"dossier_code") {
            value = values.dossierCode;
            option = QStringLiteral("--dossier-code");
        } else if (name == u"doc_number") {
            value = values.docNumber;
            option = QStringLiteral("--doc-number");
        } else if (name == u"url") {
            value = values.url;
            option = QStringLiteral("--url");
        } else if (name == u"sha256") {
            value = values.sha256;
        } else if (name == u"date") {
            value = (values.date.isValid() ? values.date : QDate::currentDate()).toString(Qt::ISODate);
        } else {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("unknown placeholder {%1} in the QR text (known: {dossier_code}, {doc_number}, "
                                        "{url}, {sha256}, {date})")
                             .arg(name));
        }
        if (value.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("the QR text uses {%1} but no value was given%2")
                             .arg(name, option.isEmpty() ? QString() : QStringLiteral(" (") + option + u')'));
        out += QStringView(text).mid(at, m.capturedStart() - at);
        out += value;
        at = m.capturedEnd();
    }
    out += QStringView(text).mid(at);
    if (out.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the QR text is empty"));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Readability.

double qrModuleMm(const QrMatrix &matrix, double sideMm)
{
    return sideMm / (matrix.size() + 2 * QrMatrix::kQuietZone);
}

namespace {

// The translation context of the stamper's sentences (lupdate reads it from QT_TRANSLATE_NOOP).
constexpr char kContext[] = "sohoa::PdfQrStamper";

// The smallest side (mm, one decimal, rounded up) at which matrix reads.
double readableSideMm(const QrMatrix &matrix)
{
    return std::ceil(kQrMinModuleMm * (matrix.size() + 2 * QrMatrix::kQuietZone) * 10 - 1e-9) / 10;
}

// A module a hair under the limit through rounding (a side given as the printed minimum) still passes.
bool readable(const QrMatrix &matrix, double sideMm)
{
    return qrModuleMm(matrix, sideMm) >= kQrMinModuleMm - 1e-9;
}

// Millimetres as `language` writes them: "0,11" in Vietnamese, "0.11" in English; decimals < 0: as
// few as the value needs (a side the user typed: "20", "49,5").
QString mmIn(Language language, double mm, int decimals = -1)
{
    return decimals < 0 ? localeOf(language).toString(mm, 'f', QLocale::FloatingPointShortest)
                        : localeOf(language).toString(mm, 'f', decimals);
}

// A QrTooDense refusal whose specifics are sourceText (QT_TRANSLATE_NOOP, kContext) in both
// languages, %1, %2... replaced in turn by what args(language) gives (numbers in that language's format).
template <typename Args> Error tooDense(QString detail, const char *sourceText, const Args &args)
{
    const auto say = [&](Language language) {
        QString text = translated(language, kContext, sourceText);
        for (const QString &a : args(language))
            text = text.arg(a);
        return text;
    };
    return Error(ErrorCode::QrTooDense, std::move(detail))
        .withSpecifics(say(Language::Vietnamese), say(Language::English));
}

// A page too small for a readable code, as the refusal names it.
struct SmallPage
{
    int number = 0;
    QSizeF sizeMm;       // as displayed
    double sideMm = 0;   // of the code shrunk to fit
    double moduleMm = 0; // at that side
};

Error pagesTooSmall(const QString &inputPath, const QList<SmallPage> &pages)
{
    QStringList technical;
    for (const SmallPage &p : pages)
        technical.append(QStringLiteral("page %1 (%2 x %3 mm: the code would shrink to %4 mm, modules of %5 mm)")
                             .arg(p.number)
                             .arg(p.sizeMm.width(), 0, 'f', 1)
                             .arg(p.sizeMm.height(), 0, 'f', 1)
                             .arg(p.sideMm, 0, 'f', 1)
                             .arg(p.moduleMm, 0, 'f', 2));
    const QString detail =
        QStringLiteral("%1: %2 %3 smaller than a readable code (modules of at least %4 mm)")
            .arg(inputPath, technical.join(QStringLiteral(", ")),
                 pages.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"), QString::number(kQrMinModuleMm));
    return tooDense(detail,
                    QT_TRANSLATE_NOOP("sohoa::PdfQrStamper",
                                      "Too small for a readable code: %1. Shrunk to fit, the code's squares would "
                                      "fall under the %2 mm a printed code needs to be read. Leave these pages out of "
                                      "the pages to stamp, or shorten the text."),
                    [&](Language l) {
                        QStringList named;
                        for (const SmallPage &p : pages)
                            named.append(translated(l, kContext,
                                                    QT_TRANSLATE_NOOP("sohoa::PdfQrStamper",
                                                                      "page %1 (%2 × %3 mm: squares of %4 mm)"))
                                             .arg(localeOf(l).toString(p.number), mmIn(l, p.sizeMm.width(), 1),
                                                  mmIn(l, p.sizeMm.height(), 1), mmIn(l, p.moduleMm, 2)));
                        // Semicolons: Vietnamese writes decimals with a comma.
                        return QStringList{named.join(QStringLiteral("; ")), mmIn(l, kQrMinModuleMm, 2)};
                    });
}

} // namespace

Result<QrMatrix> encodeReadableQr(const QString &payload, QrErrorCorrection level, double sizeMm)
{
    auto matrix = encodeQr(payload, level);
    if (!matrix || readable(matrix.value(), sizeMm))
        return matrix;
    // What would fit: the smallest side for this level, and what each lower level needs.
    QStringList lower;
    for (int l = int(level) - 1; l >= int(QrErrorCorrection::Low); --l) {
        const auto other = encodeQr(payload, QrErrorCorrection(l));
        if (!other)
            continue;
        lower.append(
            readable(other.value(), sizeMm)
                ? QStringLiteral("level %1 fits at %2 mm").arg(qrErrorCorrectionName(QrErrorCorrection(l))).arg(sizeMm)
                : QStringLiteral("level %1 needs %2 mm")
                      .arg(qrErrorCorrectionName(QrErrorCorrection(l)))
                      .arg(readableSideMm(other.value())));
    }
    const double moduleMm = qrModuleMm(matrix.value(), sizeMm);
    const double neededMm = readableSideMm(matrix.value());
    const QString detail =
        QStringLiteral("a %1-character text makes a %2-module code at level %3: at %4 mm (quiet zone included) a "
                       "module is %5 mm, under the %6 mm a reader needs; shorten the text or make the code at least "
                       "%7 mm%8")
            .arg(payload.size())
            .arg(matrix->size())
            .arg(qrErrorCorrectionName(level))
            .arg(sizeMm)
            .arg(moduleMm, 0, 'f', 2)
            .arg(kQrMinModuleMm)
            .arg(neededMm)
            .arg(lower.isEmpty() ? QString() : QStringLiteral(" (") + lower.join(QStringLiteral(", ")) + u')');
    return tooDense(detail,
                    QT_TRANSLATE_NOOP("sohoa::PdfQrStamper",
                                      "At %1 mm, each square (module) of this code would be %2 mm, under the %3 mm a "
                                      "printed code needs to be read. Make the code at least %4 mm wide, or shorten "
                                      "its text (%5 characters)."),
                    [&](Language l) {
                        return QStringList{mmIn(l, sizeMm), mmIn(l, moduleMm, 2), mmIn(l, kQrMinModuleMm, 2),
                                           mmIn(l, neededMm), localeOf(l).toString(payload.size())};
                    });
}

// ---------------------------------------------------------------------------------------------
// Stamping.

Result<QrStampResult> PdfQrStamper::stamp(const QString &inputPath, const QString &outputPath,
                                          const QrStampOptions &options)
{
    if (!(options.sizeMm >= 5 && options.sizeMm <= 500))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("QR size %1 mm (5 to 500)").arg(options.sizeMm));
    if (options.placement.exact && (options.placement.positionMm.x() < 0 || options.placement.positionMm.y() < 0))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("QR position must not be negative"));
    if (QFileInfo(outputPath).absoluteFilePath() == QFileInfo(inputPath).absoluteFilePath())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the output would replace the input: ") + inputPath);
    if (!options.overwrite && QFileInfo::exists(outputPath))
        return Error(ErrorCode::OutputExists, outputPath);
    // Placeholders are checked before any work.
    {
        QrTemplateValues probe = options.values;
        probe.sha256 = QStringLiteral("0");
        if (auto r = expandQrTemplate(options.payloadTemplate, probe); !r)
            return r.error();
    }

    QrStampResult result;
    // Our descriptor stays open to the end of the copy; the file's identity taken now must hold.
    InputFile in;
    in.fd = ::open(QFile::encodeName(inputPath).constData(), O_RDONLY | O_CLOEXEC);
    if (in.fd < 0)
        return errorFromErrno(errno, ErrorCode::FileReadFailed, inputPath);
    struct stat st = {};
    if (::fstat(in.fd, &st) != 0)
        return errorFromErrno(errno, ErrorCode::FileReadFailed, inputPath);
    if (!S_ISREG(st.st_mode))
        return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": not a regular file"));
    const pdf::FileIdentity identity = pdf::FileIdentity::of(st);
    const qint64 inputSize = qint64(st.st_size);
    result.inputSize = inputSize;
    auto unchanged = [&]() -> Result<void> {
        struct stat now = {};
        if (::fstat(in.fd, &now) != 0 || !(pdf::FileIdentity::of(now) == identity) ||
            ::stat(QFile::encodeName(inputPath).constData(), &now) != 0 || !(pdf::FileIdentity::of(now) == identity))
            return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": the input changed while stamping"));
        return {};
    };

    // The payload.
    QrTemplateValues values = options.values;
    if (!values.date.isValid())
        values.date = QDate::currentDate();
    if (qrTemplateUses(options.payloadTemplate, u"sha256")) {
        auto hex = sha256HexOfFile(inputPath);
        if (!hex)
            return hex.error();
        values.sha256 = hex.value();
        result.inputSha256 = hex.value();
    }
    auto payload = expandQrTemplate(options.payloadTemplate, values);
    if (!payload)
        return payload.error();
    result.payload = payload.value();
    auto matrix = encodeReadableQr(result.payload, options.level, options.sizeMm);
    if (!matrix)
        return matrix.error();
    result.modules = matrix->size();

    // The caption, drawn before the input is parsed (nothing to undo on a font problem).
    const double sidePt = options.sizeMm * kPtPerMm;
    std::optional<Caption> caption;
    if (!options.caption.trimmed().isEmpty()) {
        auto rendered = renderCaption(options.caption, sidePt);
        if (!rendered)
            return rendered.error();
        caption = std::move(rendered).value();
    }

    QFile tailFile;
    if (!tailFile.open(in.fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": ") + tailFile.errorString());
    auto tail = pdf::readTail(tailFile, inputSize, inputPath);
    tailFile.close();
    if (!tail)
        return tail.error();
    const bool addEol = !tail->endsWithEol;

    QPDF qpdf;
    QPDF captionDoc; // must outlive serialization: copied streams read their data from it
    qpdf.setSuppressWarnings(true);
    captionDoc.setSuppressWarnings(true);
    // The password opens the file (user or owner password): the update is encrypted like it.
    if (auto opened = pdf::openInput(qpdf, in.fd, inputSize, inputPath, options.pdfPassword.data()); !opened)
        return opened.error();
    // Stamping changes page content, which the permissions must allow.
    auto crypt = pdf::cryptFor(qpdf, inputPath, !options.pdfPassword.isEmpty(), &QPDF::allowModifyOther,
                               QStringLiteral("its permissions do not allow changing the pages"));
    if (!crypt)
        return crypt.error();

    QByteArray update;
    try {
        QPDFObjectHandle trailer = qpdf.getTrailer();
        const int lastOldObject = int(qpdf.getObjectCount());
        const qint64 oldSize = trailer.getKey("/Size").isInteger() ? trailer.getKey("/Size").getIntValue() : 0;
        const std::vector<QPDFObjectHandle> &allPages = qpdf.getAllPages();
        if (qpdf.anyWarnings())
            return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": damaged page tree: ") +
                                                    QString::fromStdString(qpdf.getWarnings().front().what()));
        auto selected = options.pages.resolve(int(allPages.size()));
        if (!selected)
            return selected.error();
        const QList<int> &targets = selected.value();
        for (int index : targets)
            result.pages.append(index + 1);

        // The shared form: white square, the code, the caption under it.
        QByteArray captionDo;
        double captionPt = 0;
        QPDFObjectHandle formResources = QPDFObjectHandle::newDictionary();
        if (caption) {
            captionDoc.processMemoryFile("caption", caption->pdf.constData(), size_t(caption->pdf.size()));
            const std::vector<QPDFObjectHandle> &capPages = captionDoc.getAllPages();
            if (capPages.empty())
                return Error(ErrorCode::QrStampFailed, QStringLiteral("the caption PDF has no page"));
            QPDFObjectHandle fx =
                qpdf.copyForeignObject(QPDFPageObjectHelper(capPages.front()).getFormXObjectForPage());
            QPDFObjectHandle::Rectangle bbox = fx.getDict().getKey("/BBox").getArrayAsRectangle();
            if (fx.getDict().getKey("/Matrix").isArray())
                bbox = QPDFMatrix(fx.getDict().getKey("/Matrix").getArrayAsMatrix()).transformRectangle(bbox);
            const double bw = bbox.urx - bbox.llx, bh = bbox.ury - bbox.lly;
            if (!(bw > 0 && bh > 0))
                return Error(ErrorCode::QrStampFailed, QStringLiteral("the caption page is empty"));
            const double k = sidePt / bw;
            captionPt = bh * k;
            captionDo = "q " + pdfNumber(k) + " 0 0 " + pdfNumber(k) + ' ' + pdfNumber(-bbox.llx * k) + ' ' +
                        pdfNumber(-bbox.lly * k) + " cm /C Do Q\n";
            QPDFObjectHandle xo = QPDFObjectHandle::newDictionary();
            xo.replaceKey("/C", fx);
            formResources.replaceKey("/XObject", xo);
        }
        const QByteArray content = qrContent(matrix.value(), sidePt, captionPt, captionDo);
        QPDFObjectHandle form = qpdf.newStream();
        // zlib stream: qCompress's output without its 4-byte length prefix.
        const QByteArray packed = qCompress(content, 9).mid(4);
        form.replaceStreamData(packed.toStdString(), QPDFObjectHandle::newName("/FlateDecode"),
                               QPDFObjectHandle::newNull());
        QPDFObjectHandle formDict = form.getDict();
        formDict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
        formDict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
        formDict.replaceKey("/BBox",
                            QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, sidePt, sidePt + captionPt)));
        formDict.replaceKey("/Resources", formResources);

        // The resources dictionary each target page uses (its own or an ancestor's), and a name for
        // the form that none of them uses yet.
        pdf::ObjectMap changed;
        auto markChanged = [&](QPDFObjectHandle h) {
            changed[h.getObjGen()] = h;
        };
        struct Target
        {
            QPDFObjectHandle page;
            QPDFObjectHandle resources; // a dictionary, or null: the page gets one
            QPDFObjectHandle holder;    // the object that holds /Resources directly
        };
        std::vector<Target> pages;
        std::set<std::string> taken;
        for (int index : targets) {
            QPDFObjectHandle page = allPages[size_t(index)];
            if (!page.isIndirect() || page.getObjectID() > lastOldObject)
                return Error(ErrorCode::PdfUnsupported,
                             inputPath + QStringLiteral(": page %1 appears twice in the page tree").arg(index + 1));
            Target t{page, QPDFObjectHandle::newNull(), page};
            std::set<QPDFObjGen> seen;
            for (QPDFObjectHandle node = page; node.isDictionary();) {
                QPDFObjectHandle r = node.getKey("/Resources");
                if (r.isDictionary()) {
                    t.resources = r;
                    t.holder = node;
                    break;
                }
                if (node.isIndirect() && !seen.insert(node.getObjGen()).second)
                    break;
                node = node.getKey("/Parent");
            }
            if (t.resources.isDictionary())
                if (QPDFObjectHandle xo = t.resources.getKey("/XObject"); xo.isDictionary())
                    for (const std::string &key : xo.getKeys())
                        taken.insert(key);
            pages.push_back(t);
        }
        std::string name = "/SoHoaQR";
        for (int n = 1; taken.count(name); ++n)
            name = "/SoHoaQR" + std::to_string(n);

        QPDFObjectHandle qStream = qpdf.newStream("q\n");
        std::map<QByteArray, QPDFObjectHandle> doStreams; // by placement matrix
        QList<SmallPage> unreadable; // pages whose shrunk code would not read: all named in one refusal
        int done = 0;
        for (Target &t : pages) {
            if (cancelled(options))
                return Error(ErrorCode::Cancelled);
            const int pageNumber = int(targets[done]) + 1;
            auto g = placeOnPage(t.page, pageNumber, options.placement, sidePt, sidePt + captionPt);
            if (!g)
                return g.error();
            if (g->shrunk) {
                // An officer would rather hear it now than hand out a code nobody can scan: the page
                // is refused (the detail names it), not stamped with a warning.
                const double shrunkMm = options.sizeMm * g->scale;
                if (!readable(matrix.value(), shrunkMm)) {
                    unreadable.append({pageNumber, visiblePageOf(t.page).displaySize() / kPtPerMm, shrunkMm,
                                       qrModuleMm(matrix.value(), shrunkMm)});
                    ++done;
                    continue;
                }
                result.shrunkPages.append(pageNumber);
            }
            const QByteArray key = g->key();
            auto it = doStreams.find(key);
            if (it == doStreams.end()) {
                const QByteArray wrap = "Q q " + key + " cm " + QByteArray::fromStdString(name) + " Do Q\n";
                it = doStreams.emplace(key, qpdf.newStream(wrap.toStdString())).first;
            }

            // Resources: add the name, never replace what is there (inherited ones included).
            if (!t.resources.isDictionary()) {
                t.resources = QPDFObjectHandle::newDictionary();
                t.page.replaceKey("/Resources", t.resources);
                t.holder = t.page;
            }
            QPDFObjectHandle xobjects = t.resources.getKey("/XObject");
            if (xobjects.isDictionary()) {
                xobjects.replaceKey(name, form);
                markChanged(xobjects.isIndirect() ? xobjects : t.resources.isIndirect() ? t.resources : t.holder);
            } else {
                xobjects = QPDFObjectHandle::newDictionary();
                xobjects.replaceKey(name, form);
                t.resources.replaceKey("/XObject", xobjects);
                markChanged(t.resources.isIndirect() ? t.resources : t.holder);
            }

            // Contents: [q, the page's own streams, Q + the code], so nothing the page leaves in the
            // graphics state (a transformation, a clip, a colour) reaches the code.
            std::vector<QPDFObjectHandle> streams{qStream};
            QPDFObjectHandle contents = t.page.getKey("/Contents");
            if (contents.isArray()) {
                for (int i = 0; i < contents.getArrayNItems(); ++i)
                    streams.push_back(contents.getArrayItem(i));
            } else if (contents.isStream()) {
                streams.push_back(contents);
            }
            streams.push_back(it->second);
            t.page.replaceKey("/Contents", QPDFObjectHandle::newArray(streams));
            markChanged(t.page);
            ++done;
            reportProgress(options.control, done, qint64(pages.size()));
        }
        if (!unreadable.isEmpty())
            return pagesTooSmall(inputPath, unreadable);
        if (qpdf.anyWarnings())
            return Error(ErrorCode::PdfDamaged,
                         inputPath + QStringLiteral(": ") + QString::fromStdString(qpdf.getWarnings().front().what()));

        std::vector<QPDFObjectHandle> roots{form, qStream};
        for (const auto &[k, s] : doStreams)
            roots.push_back(s);
        for (const auto &[og, o] : changed)
            roots.push_back(o);
        const pdf::ObjectMap created = pdf::collectCreated(roots, lastOldObject);
        pdf::UpdateSection section;
        section.changed = &changed;
        section.created = &created;
        section.trailer = trailer;
        section.tail = tail.value();
        section.base = inputSize + (addEol ? 1 : 0);
        section.oldSize = oldSize;
        section.crypt = &crypt.value();
        section.path = inputPath;
        auto bytes = pdf::serializeUpdate(section);
        if (!bytes)
            return bytes.error();
        update = std::move(bytes).value();
    } catch (const std::exception &e) {
        return damaged(inputPath, e);
    }
    if (auto r = unchanged(); !r)
        return r.error();

    // Output: the input's bytes, unchanged, then the update; atomically.
    AtomicFileWriter writer(outputPath, options.overwrite);
    if (auto r = writer.open(); !r)
        return r.error();
    ::posix_fadvise(in.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    QByteArray buf(kChunkSize, Qt::Uninitialized);
    for (qint64 done = 0; done < inputSize;) {
        if (cancelled(options))
            return Error(ErrorCode::Cancelled);
        const qint64 n = std::min<qint64>(inputSize - done, kChunkSize);
        if (auto r = pdf::readAllAt(in.fd, buf.data(), n, done, inputPath); !r)
            return r.error();
        // The last bytes must be the ones readTail() parsed.
        const qint64 overlapStart = std::max(done, tail->endOffset);
        if (overlapStart < done + n &&
            QByteArrayView(buf.constData() + (overlapStart - done), done + n - overlapStart) !=
                QByteArrayView(tail->end).sliced(overlapStart - tail->endOffset, done + n - overlapStart))
            return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": the input changed while stamping"));
        if (auto r = writer.write(buf.constData(), n); !r)
            return r.error();
        done += n;
    }
    if (addEol)
        if (auto r = writer.write("\n", 1); !r)
            return r.error();
    if (auto r = writer.write(update); !r)
        return r.error();
    if (auto r = unchanged(); !r)
        return r.error();
    if (cancelled(options))
        return Error(ErrorCode::Cancelled);
    if (auto r = writer.commit(); !r)
        return r.error();
    result.outputSize = inputSize + (addEol ? 1 : 0) + update.size();
    qCDebug(lcCore) << "stamped QR on" << result.pages.size() << "page(s) of" << inputPath << "+"
                    << (result.outputSize - inputSize) << "bytes";
    return result;
}

} // namespace sohoa
