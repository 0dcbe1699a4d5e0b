// `sohoa-cli stamp-qr IN.pdf --out OUT.pdf --text T`: a QR code on pages, as an incremental update (StampQrJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliSecrets.h"
#include "app/cli/Commands.h"
#include "app/cli/QrArguments.h"
#include "app/workflows/StampQrJob.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

QJsonArray pagesJson(const QList<int> &pages)
{
    QJsonArray a;
    for (int p : pages)
        a.append(p);
    return a;
}

void addStampOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "sohoa::cli", "Stamp a QR code on PDF pages as an incremental update (earlier signatures stay valid)."));
    parser.addPositionalArgument(QStringLiteral("INPUT.pdf"),
                                 QCoreApplication::translate("sohoa::cli", "PDF to stamp (not modified)."));
    parser.addOptions({
        option("out", QT_TRANSLATE_NOOP("sohoa::cli", "Output PDF."), "FILE"),
        option("text",
               QT_TRANSLATE_NOOP("sohoa::cli", "QR text; placeholders {dossier_code} {doc_number} {url} {sha256} (of "
                                               "the input) {date}."),
               "TEMPLATE"),
        option("pages", QT_TRANSLATE_NOOP("sohoa::cli", "first (default), last, all, or a list such as 1,3,5-7."),
               "PAGES"),
        option("position",
               QT_TRANSLATE_NOOP("sohoa::cli", "top-right, top-left, bottom-right (default), bottom-left, or Xmm,Ymm "
                                               "from the visible page's top-left."),
               "POS"),
        option("size-mm", QT_TRANSLATE_NOOP("sohoa::cli", "Side of the code in mm, quiet zone included (default 20)."),
               "N"),
        option("caption", QT_TRANSLATE_NOOP("sohoa::cli", "Text under the code (Vietnamese allowed)."), "TEXT"),
        option("ec", QT_TRANSLATE_NOOP("sohoa::cli", "Error correction: L, M (default), Q or H."), "LEVEL"),
        option("dossier-code", QT_TRANSLATE_NOOP("sohoa::cli", "Value of {dossier_code}."), "CODE"),
        option("doc-number", QT_TRANSLATE_NOOP("sohoa::cli", "Value of {doc_number}."), "TEXT"),
        option("url", QT_TRANSLATE_NOOP("sohoa::cli", "Value of {url}."), "URL"),
        option("overwrite", QT_TRANSLATE_NOOP("sohoa::cli", "Replace an existing output file.")),
        jsonOption(),
    });
    parser.addOptions(pdfPasswordOptions());
}

void printStamped(const QString &input, const QString &output, const QrStampResult &r, bool json)
{
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
        return;
    }
    printLine(QStringLiteral("stamped %1 page(s) of %2 -> %3 (+%4 bytes)")
                  .arg(r.pages.size())
                  .arg(input, output)
                  .arg(r.outputSize - r.inputSize));
    if (!r.shrunkPages.isEmpty())
        printWarning(
            bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Pages smaller than the code, which was shrunk to fit")) +
            QStringLiteral(": ") + QString::number(r.shrunkPages.size()));
}

} // namespace

int stampQrCommand(const QStringList &args)
{
    QCommandLineParser parser;
    addStampOptions(parser);
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    const QStringList inputs = parser.positionalArguments();
    if (inputs.size() != 1)
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give exactly one input PDF"), json);
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--out FILE is required"), json);
    if (!parser.isSet(QStringLiteral("text")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--text TEMPLATE is required"), json);

    QrStampOptions options;
    options.payloadTemplate = parser.value(QStringLiteral("text"));
    options.overwrite = parser.isSet(QStringLiteral("overwrite"));
    if (auto r = parseQrLayout(parser, QString(), &options); !r)
        return fail(r.error(), json);
    auto pdfPassword = readPdfPassword(parser);
    if (!pdfPassword)
        return fail(pdfPassword.error(), json);
    options.pdfPassword = std::move(pdfPassword).value();

    const QString &input = inputs.constFirst();
    const QString output = parser.value(QStringLiteral("out"));
    workflows::StampQrJob job(input, output, options);
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    printStamped(input, output, job.report(), json);
    return 0;
}

} // namespace sohoa::cli
