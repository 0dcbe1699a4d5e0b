// `sohoa-cli stamp-qr`: argument parsing and printing around PdfQrStamper.

#include "app/cli/CliStamp.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliSecrets.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryFile>

namespace sohoa::cli {

namespace {

// The layout options, named with a prefix ("" for stamp-qr, "qr-" for sign).
Result<void> parseLayout(const QCommandLineParser &parser, const QString &prefix, QrStampOptions *o)
{
    const auto name = [&](const char *n) -> QString {
        return prefix + QString::fromLatin1(n);
    };
    if (parser.isSet(name("pages"))) {
        auto pages = PageSelection::parse(parser.value(name("pages")));
        if (!pages)
            return pages.error();
        o->pages = pages.value();
    }
    if (parser.isSet(name("position"))) {
        auto placement = QrPlacement::parse(parser.value(name("position")));
        if (!placement)
            return placement.error();
        o->placement = placement.value();
    }
    if (parser.isSet(name("size-mm"))) {
        QString v = parser.value(name("size-mm")).trimmed().toLower();
        if (v.endsWith(QStringLiteral("mm")))
            v.chop(2);
        bool ok = false;
        o->sizeMm = v.toDouble(&ok);
        if (!ok || o->sizeMm < 5 || o->sizeMm > 500)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("--%1: a size in mm from 5 to 500").arg(name("size-mm")));
    }
    o->caption = parser.value(name("caption"));
    if (parser.isSet(name("ec"))) {
        const auto level = parseQrErrorCorrection(parser.value(name("ec")));
        if (!level)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("--%1: L, M, Q or H").arg(name("ec")));
        o->level = *level;
    }
    o->values.dossierCode = parser.value(QStringLiteral("dossier-code"));
    o->values.docNumber = parser.value(QStringLiteral("doc-number"));
    o->values.url = parser.value(QStringLiteral("url"));
    return {};
}

QJsonArray pagesJson(const QList<int> &pages)
{
    QJsonArray a;
    for (int p : pages)
        a.append(p);
    return a;
}

} // namespace

QList<QCommandLineOption> qrSignOptions()
{
    return {
        option("qr",
               "Stamp a QR code with this text (placeholders as in stamp-qr) before signing: the signature covers it.",
               "TEMPLATE"),
        option("qr-pages", "Pages for the QR code: first (default), last, all or a list such as 1,3,5-7.", "PAGES"),
        option("qr-position", "top-right, top-left, bottom-right (default), bottom-left, or Xmm,Ymm from the top-left.",
               "POS"),
        option("qr-size-mm", "Side of the QR code in mm, quiet zone included (default 20).", "N"),
        option("qr-caption", "Text under the QR code.", "TEXT"),
        option("qr-ec", "QR error correction: L, M (default), Q or H.", "LEVEL"),
        option("dossier-code", "Value of {dossier_code} in the QR text.", "CODE"),
        option("url", "Value of {url} in the QR text.", "URL"),
    };
}

Result<std::optional<QrStampOptions>> qrOptionsForSign(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("qr"))) {
        for (const char *n : {"qr-pages", "qr-position", "qr-size-mm", "qr-caption", "qr-ec"})
            if (parser.isSet(QString::fromLatin1(n)))
                return Error(ErrorCode::InvalidArgument, QStringLiteral("--%1 needs --qr").arg(QString::fromLatin1(n)));
        return std::optional<QrStampOptions>();
    }
    QrStampOptions o;
    o.payloadTemplate = parser.value(QStringLiteral("qr"));
    if (auto r = parseLayout(parser, QStringLiteral("qr-"), &o); !r)
        return r.error();
    // The payload is checked now (a digest's worth of hex for {sha256}): a bad template or a text too
    // long for the symbol fails before any key is opened.
    QrTemplateValues probe = o.values;
    probe.sha256 = QString(64, u'f');
    auto payload = expandQrTemplate(o.payloadTemplate, probe);
    if (!payload)
        return payload.error();
    if (auto r = encodeQr(payload.value(), o.level); !r)
        return r.error();
    return std::optional<QrStampOptions>(o);
}

Result<QString> stampBeforeSigning(const QString &input, const QString &output, const QrStampOptions &options)
{
    const QFileInfo fi(output);
    QTemporaryFile temp(fi.absolutePath() + QStringLiteral("/.") + fi.fileName() + QStringLiteral(".qr.tmp-XXXXXX"));
    temp.setAutoRemove(false);
    if (!temp.open())
        return Error(ErrorCode::FileWriteFailed, temp.fileTemplate() + QStringLiteral(": ") + temp.errorString());
    const QString path = temp.fileName();
    temp.close();
    QrStampOptions o = options;
    o.overwrite = true; // the empty file reserved above
    auto stamped = PdfQrStamper::stamp(input, path, o);
    if (!stamped) {
        QFile::remove(path);
        return stamped.error();
    }
    return path;
}

int cmdStampQr(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Stamp a QR code on PDF pages as an incremental update (earlier signatures stay valid)."));
    parser.addPositionalArgument(QStringLiteral("INPUT.pdf"), QStringLiteral("PDF to stamp (not modified)."));
    parser.addOptions({
        option("out", "Output PDF.", "FILE"),
        option("text", "QR text; placeholders {dossier_code} {doc_number} {url} {sha256} (of the input) {date}.",
               "TEMPLATE"),
        option("pages", "first (default), last, all, or a list such as 1,3,5-7.", "PAGES"),
        option("position",
               "top-right, top-left, bottom-right (default), bottom-left, or Xmm,Ymm from the visible page's top-left.",
               "POS"),
        option("size-mm", "Side of the code in mm, quiet zone included (default 20).", "N"),
        option("caption", "Text under the code (Vietnamese allowed).", "TEXT"),
        option("ec", "Error correction: L, M (default), Q or H.", "LEVEL"),
        option("dossier-code", "Value of {dossier_code}.", "CODE"),
        option("doc-number", "Value of {doc_number}.", "TEXT"),
        option("url", "Value of {url}.", "URL"),
        option("overwrite", "Replace an existing output file."),
        option("json", "One JSON object per line."),
    });
    parser.addOptions(pdfPasswordOptions());
    const bool json = args.contains(QStringLiteral("--json"));
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    const QStringList inputs = parser.positionalArguments();
    if (inputs.size() != 1)
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("give exactly one input PDF")), json);
    if (!parser.isSet(QStringLiteral("out")))
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--out FILE is required")), json);
    if (!parser.isSet(QStringLiteral("text")))
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--text TEMPLATE is required")), json);

    QrStampOptions options;
    options.payloadTemplate = parser.value(QStringLiteral("text"));
    options.overwrite = parser.isSet(QStringLiteral("overwrite"));
    if (auto r = parseLayout(parser, QString(), &options); !r)
        return fail(r.error(), json);
    auto pdfPassword = readPdfPassword(parser);
    if (!pdfPassword)
        return fail(pdfPassword.error(), json);
    options.pdfPassword = std::move(pdfPassword).value();

    const QString input = inputs.constFirst();
    const QString output = parser.value(QStringLiteral("out"));
    auto stamped = PdfQrStamper::stamp(input, output, options);
    if (!stamped)
        return fail(stamped.error(), json);
    const QrStampResult &r = stamped.value();
    if (json) {
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("stamped")},
                              {QStringLiteral("input"), input},
                              {QStringLiteral("output"), output},
                              {QStringLiteral("payload"), r.payload},
                              {QStringLiteral("pages"), pagesJson(r.pages)},
                              {QStringLiteral("shrunk_pages"), pagesJson(r.shrunkPages)},
                              {QStringLiteral("modules"), r.modules},
                              {QStringLiteral("input_size"), r.inputSize},
                              {QStringLiteral("output_size"), r.outputSize}});
    } else {
        printLine(QStringLiteral("stamped %1 page(s) of %2 -> %3 (+%4 bytes)")
                      .arg(r.pages.size())
                      .arg(input, output)
                      .arg(r.outputSize - r.inputSize));
        if (!r.shrunkPages.isEmpty())
            printWarning(
                QStringLiteral("Trang nhỏ hơn mã QR, mã đã được thu nhỏ / Pages smaller than the code, which was "
                               "shrunk to fit: ") +
                QString::number(r.shrunkPages.size()));
    }
    return 0;
}

} // namespace sohoa::cli
