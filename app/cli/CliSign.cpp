// `sohoa-cli sign`: argument parsing and printing around signing::PdfSigner.

#include "app/cli/CliArgs.h"
#include "app/cli/CliCommands.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliSecrets.h"
#include "app/cli/CliStamp.h"
#include "signing/PdfSigner.h"
#include "signing/Pkcs11Key.h"
#include "signing/Pkcs11Module.h"
#include "signing/Pkcs11Session.h"
#include "signing/Pkcs11Uri.h"
#include "signing/Pkcs12Key.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

using namespace sohoa::signing;

// What an appearance needs from the command line, checked once for the whole batch.
QString missingAppearanceOption(AppearanceKind kind, const QCommandLineParser &parser)
{
    const auto blank = [&](const char *name) {
        return parser.value(QString::fromLatin1(name)).trimmed().isEmpty();
    };
    switch (kind) {
    case AppearanceKind::Copy:
        if (blank("organization"))
            return QStringLiteral("--appearance copy needs --organization NAME");
        break;
    case AppearanceKind::Attachment:
        if (blank("doc-number"))
            return QStringLiteral("--appearance attachment needs --doc-number TEXT");
        break;
    case AppearanceKind::Signer:
        if (blank("signature-image"))
            return QStringLiteral("--appearance signer needs --signature-image PNG");
        break;
    case AppearanceKind::Organization:
        if (blank("signature-image") || blank("seal-image"))
            return QStringLiteral("--appearance organization needs --signature-image PNG and --seal-image PNG");
        break;
    case AppearanceKind::None:
        break;
    }
    return QString();
}

bool parseCorner(const QString &s, SignatureAppearance::Corner *corner)
{
    using C = SignatureAppearance::Corner;
    const QString n = s.toLower();
    if (n == u"top-right")
        *corner = C::TopRight;
    else if (n == u"top-left")
        *corner = C::TopLeft;
    else if (n == u"bottom-right")
        *corner = C::BottomRight;
    else if (n == u"bottom-left")
        *corner = C::BottomLeft;
    else
        return false;
    return true;
}

bool parsePair(const QString &s, QChar sep, double *a, double *b)
{
    QString t = s.trimmed().toLower();
    if (t.endsWith(QStringLiteral("mm")))
        t.chop(2);
    const QStringList parts = t.split(sep);
    if (parts.size() != 2)
        return false;
    bool ok1 = false, ok2 = false;
    *a = parts.at(0).trimmed().toDouble(&ok1);
    *b = parts.at(1).trimmed().toDouble(&ok2);
    return ok1 && ok2 && *a >= 0 && *b >= 0;
}

} // namespace

int cmdSign(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sign PDF files (PAdES) with a PKCS#12 file or a PKCS#11 token."));
    parser.addPositionalArgument(QStringLiteral("INPUT.pdf"), QStringLiteral("Files to sign."),
                                 QStringLiteral("INPUT.pdf..."));
    parser.addOptions({
        option("out", "Output folder (outputs keep their input's name), or output file for one input.", "PATH"),
        option("overwrite", "Replace existing output files."),
        option("p12", "PKCS#12 key file (.p12/.pfx).", "FILE"),
        option("pkcs11-module", "PKCS#11 module of the token (default: known locations).", "SO"),
        option("token", "Token label or serial.", "LABEL"),
        option("key", "Key label on the token, or a pkcs11: URI.", "LABEL|URI"),
    });
    parser.addOptions(pinOptions());
    parser.addOptions(pdfPasswordOptions());
    parser.addOptions({
        option("appearance", "none, copy, attachment, signer or organization.", "KIND"),
        option("copy-form", "Copy form for --appearance copy: \"SAO Y\", \"SAO LỤC\" or \"TRÍCH SAO\".", "TEXT"),
        option("organization", "Organization name shown in the block.", "NAME"),
        option("doc-number", "Document number and notation for --appearance attachment.", "TEXT"),
        option("signer-title", "Signer's title for signer/organization appearances.", "TEXT"),
        option("signer-name", "Signer's name for signer/organization appearances.", "TEXT"),
        option("signature-image", "Handwritten signature, transparent PNG.", "PNG"),
        option("seal-image", "Seal, transparent PNG at its real size.", "PNG"),
        option("page", "Page of a visible signature: a number from 1, or \"last\".", "N"),
        option("corner", "top-right, top-left, bottom-right or bottom-left.", "CORNER"),
        option("offset-mm", "Offset of the block from the corner, X,Y in mm.", "X,Y"),
        option("size-mm", "Size of the block, WxH in mm.", "WxH"),
        option("reason", "Reason for signing.", "TEXT"),
        option("location", "Place of signing.", "TEXT"),
        option("contact", "Contact information.", "TEXT"),
        option("tsa", "RFC 3161 timestamp service URL (PAdES B-T).", "URL"),
        option("subfilter", "cades (ETSI.CAdES.detached, default) or pkcs7 (adbe.pkcs7.detached).", "KIND"),
        option("hash", "sha256 (default), sha384 or sha512.", "ALG"),
        option("pss", "Use RSASSA-PSS for RSA keys."),
        option("json", "One JSON object per line."),
    });
    parser.addOptions(qrSignOptions());
    const bool json = args.contains(QStringLiteral("--json"));
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    const QStringList inputs = parser.positionalArguments();
    if (inputs.isEmpty())
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("no input PDF given")), json);
    if (!parser.isSet(QStringLiteral("out")))
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--out DIR (or FILE for one input) is required")),
                    json);

    // Outputs: a folder keeps the inputs' names; a file only for a single input.
    const QString out = parser.value(QStringLiteral("out"));
    const bool outIsDir = QFileInfo(out).isDir() || inputs.size() > 1 || out.endsWith(u'/');
    QList<QPair<QString, QString>> jobs;
    for (const QString &in : inputs) {
        const QString target = outIsDir ? QDir(out).filePath(QFileInfo(in).fileName()) : out;
        if (QFileInfo(target).absoluteFilePath() == QFileInfo(in).absoluteFilePath())
            return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("the output would replace the input: ") + in),
                        json);
        jobs.append({in, target});
    }
    if (outIsDir && !QDir().mkpath(out))
        return fail(Error(ErrorCode::FileWriteFailed, out), json);

    SignOptions options;
    const QString kind = parser.value(QStringLiteral("appearance")).toLower();
    if (kind.isEmpty() || kind == u"none")
        options.appearance.kind = AppearanceKind::None;
    else if (kind == u"copy")
        options.appearance.kind = AppearanceKind::Copy;
    else if (kind == u"attachment")
        options.appearance.kind = AppearanceKind::Attachment;
    else if (kind == u"signer")
        options.appearance.kind = AppearanceKind::Signer;
    else if (kind == u"organization")
        options.appearance.kind = AppearanceKind::Organization;
    else
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--appearance: ") + kind), json);
    if (parser.isSet(QStringLiteral("copy-form")))
        options.appearance.copyForm = parser.value(QStringLiteral("copy-form"));
    options.appearance.organizationName = parser.value(QStringLiteral("organization"));
    options.appearance.documentNumber = parser.value(QStringLiteral("doc-number"));
    options.appearance.signerTitle = parser.value(QStringLiteral("signer-title"));
    options.appearance.signerName = parser.value(QStringLiteral("signer-name"));
    options.appearance.signatureImagePath = parser.value(QStringLiteral("signature-image"));
    options.appearance.sealImagePath = parser.value(QStringLiteral("seal-image"));
    if (parser.isSet(QStringLiteral("page"))) {
        const QString p = parser.value(QStringLiteral("page"));
        bool ok = false;
        const int n = p.toInt(&ok);
        if (p == u"last")
            options.page = -1;
        else if (ok && n >= 1)
            options.page = n - 1;
        else
            return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--page: ") + p), json);
        options.customPosition = true;
    }
    if (parser.isSet(QStringLiteral("corner"))) {
        if (!parseCorner(parser.value(QStringLiteral("corner")), &options.corner))
            return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--corner")), json);
        options.customPosition = true;
    }
    if (parser.isSet(QStringLiteral("offset-mm"))) {
        double x = 0, y = 0;
        if (!parsePair(parser.value(QStringLiteral("offset-mm")), u',', &x, &y))
            return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--offset-mm X,Y")), json);
        options.positionMm = QPointF(x, y);
        options.customPosition = true;
    }
    if (parser.isSet(QStringLiteral("size-mm"))) {
        double w = 0, h = 0;
        if (!parsePair(parser.value(QStringLiteral("size-mm")), u'x', &w, &h) || w <= 0 || h <= 0)
            return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--size-mm WxH")), json);
        options.sizeMm = QSizeF(w, h);
    }
    options.reason = parser.value(QStringLiteral("reason"));
    options.location = parser.value(QStringLiteral("location"));
    options.contactInfo = parser.value(QStringLiteral("contact"));
    if (parser.isSet(QStringLiteral("tsa"))) {
        options.tsaUrl = QUrl(parser.value(QStringLiteral("tsa")));
        if (!options.tsaUrl.isValid() || options.tsaUrl.host().isEmpty())
            return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--tsa URL")), json);
    }
    const QString sub = parser.value(QStringLiteral("subfilter")).toLower();
    if (sub == u"pkcs7")
        options.pades = false;
    else if (!sub.isEmpty() && sub != u"cades")
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--subfilter cades|pkcs7")), json);
    const QString hash = parser.value(QStringLiteral("hash")).toLower();
    if (hash == u"sha384")
        options.hash = HashAlgorithm::Sha384;
    else if (hash == u"sha512")
        options.hash = HashAlgorithm::Sha512;
    else if (!hash.isEmpty() && hash != u"sha256")
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("--hash sha256|sha384|sha512")), json);
    if (parser.isSet(QStringLiteral("pss")))
        options.padding = RsaPadding::Pss;
    options.overwrite = parser.isSet(QStringLiteral("overwrite"));
    auto qr = qrOptionsForSign(parser);
    if (!qr)
        return fail(qr.error(), json);

    // What every file shares is checked once, before the key is opened and before any file is
    // signed: a batch with a missing --organization fails with one message, not one per file.
    if (const QString missing = missingAppearanceOption(options.appearance.kind, parser); !missing.isEmpty())
        return fail(Error(ErrorCode::InvalidArgument, missing), json);
    if (auto checked = PdfSigner::checkOptions(options); !checked)
        return fail(checked.error(), json);
    auto pdfPassword = readPdfPassword(parser);
    if (!pdfPassword)
        return fail(pdfPassword.error(), json);
    options.pdfPassword = std::move(pdfPassword).value();
    if (qr->has_value())
        qr.value()->pdfPassword = options.pdfPassword; // the stamp opens the input before the signer does

    // The key: one PIN entry (or password) for the whole batch.
    std::unique_ptr<SigningKey> key;
    std::unique_ptr<Pkcs11Session> session;
    if (parser.isSet(QStringLiteral("p12"))) {
        auto secret = readPin(parser, QStringLiteral("Mật khẩu tệp khóa / Key file password: "));
        if (!secret)
            return fail(secret.error(), json);
        QByteArray password(secret->data(), secret->size());
        auto loaded = Pkcs12Key::load(parser.value(QStringLiteral("p12")), password);
        password.fill('\0');
        if (!loaded)
            return fail(loaded.error(), json);
        key = std::move(loaded).value();
    } else if (parser.isSet(QStringLiteral("pkcs11-module")) || parser.isSet(QStringLiteral("token")) ||
               parser.value(QStringLiteral("key")).startsWith(QStringLiteral("pkcs11:"))) {
        TokenSelector tokenSel;
        KeySelector keySel;
        QString modulePath = parser.value(QStringLiteral("pkcs11-module"));
        const QString keyArg = parser.value(QStringLiteral("key"));
        if (keyArg.startsWith(QStringLiteral("pkcs11:"))) {
            auto uri = Pkcs11Uri::parse(keyArg);
            if (!uri)
                return fail(uri.error(), json);
            tokenSel = uri->tokenSelector();
            keySel = uri->keySelector();
            if (modulePath.isEmpty())
                modulePath = uri->modulePath;
        } else {
            keySel.label = keyArg;
        }
        if (parser.isSet(QStringLiteral("token"))) {
            tokenSel.label = parser.value(QStringLiteral("token"));
        }
        auto module = modulePath.isEmpty() ? Pkcs11Module::loadDefault() : Pkcs11Module::load(modulePath);
        if (!module)
            return fail(module.error(), json);
        auto opened = Pkcs11Session::open(module.value(), tokenSel);
        if (!opened && !tokenSel.label.isEmpty() && tokenSel.serial.isEmpty()) {
            // --token may name the serial instead of the label.
            opened = Pkcs11Session::open(module.value(), TokenSelector{QString(), tokenSel.label});
        }
        if (!opened)
            return fail(opened.error(), json);
        session = std::move(opened).value();
        auto pin = readPin(parser, QStringLiteral("Mã PIN của token / Token PIN: "));
        if (!pin)
            return fail(pin.error(), json);
        if (auto login = session->login(pin.value()); !login)
            return fail(login.error(), json);
        auto found = session->findKey(keySel);
        if (!found)
            return fail(found.error(), json);
        key = std::move(found).value();
    } else {
        return fail(Error(ErrorCode::InvalidArgument,
                          QStringLiteral("give --p12 FILE or a token (--pkcs11-module/--token/--key pkcs11:...)")),
                    json);
    }

    PdfSigner signer(*key);
    int signedCount = 0;
    Error firstError;
    // --qr: each input is stamped into a temporary next to its output, which is signed instead, so the
    // signature covers the code. The temporaries go in every case.
    QHash<QString, QString> stampedFrom; // temporary -> input
    struct RemoveTemporaries
    {
        QHash<QString, QString> &paths;
        ~RemoveTemporaries()
        {
            for (auto it = paths.cbegin(); it != paths.cend(); ++it)
                QFile::remove(it.key());
        }
    } removeTemporaries{stampedFrom};
    if (qr->has_value()) {
        QList<QPair<QString, QString>> stampedJobs;
        for (const auto &[in, target] : std::as_const(jobs)) {
            if (!options.overwrite && QFileInfo::exists(target)) {
                stampedJobs.append({in, target}); // the signer reports the existing output
                continue;
            }
            auto temp = stampBeforeSigning(in, target, *qr.value());
            if (!temp) {
                if (!firstError.isError())
                    firstError = temp.error();
                if (json)
                    printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("signed")},
                                          {QStringLiteral("input"), in},
                                          {QStringLiteral("output"), target},
                                          {QStringLiteral("status"), QStringLiteral("error")},
                                          {QStringLiteral("error"), QJsonValue(errorJson(temp.error()))}});
                else
                    printLine(QStringLiteral("FAILED %1: [%2] %3").arg(in, temp.error().id(), temp.error().message()));
                if (!json)
                    printWarning(temp.error().fullText());
                continue;
            }
            stampedFrom.insert(temp.value(), in);
            stampedJobs.append({QString(temp.value()), target});
        }
        jobs = stampedJobs;
    }
    signer.signBatch(jobs, options, [&](SignResult r) {
        r.input = stampedFrom.value(r.input, r.input);
        if (!r.error.isError())
            ++signedCount;
        else if (!firstError.isError())
            firstError = r.error;
        if (json) {
            QJsonObject o{
                {QStringLiteral("event"), QStringLiteral("signed")},
                {QStringLiteral("input"), r.input},
                {QStringLiteral("output"), r.output},
                {QStringLiteral("status"), r.error.isError() ? QStringLiteral("error") : QStringLiteral("ok")},
                {QStringLiteral("input_size"), r.inputSize},
                {QStringLiteral("output_size"), r.outputSize},
                {QStringLiteral("timestamped"), r.timestamped}};
            if (r.error.isError())
                o.insert(QStringLiteral("error"), errorJson(r.error));
            printJson(o);
        } else if (r.error.isError()) {
            printLine(QStringLiteral("FAILED %1: [%2] %3").arg(r.input, r.error.id(), r.error.message()));
            printWarning(r.error.fullText());
        } else {
            printLine(QStringLiteral("signed %1 -> %2").arg(r.input, r.output));
        }
    });
    const int failed = int(inputs.size()) - signedCount;
    if (json) {
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("summary")},
                              {QStringLiteral("signed"), signedCount},
                              {QStringLiteral("failed"), failed}});
    } else {
        printLine(QStringLiteral("%1 signed, %2 failed").arg(signedCount).arg(failed));
    }
    return failed == 0 ? 0 : firstError.exitStatus();
}

} // namespace sohoa::cli
