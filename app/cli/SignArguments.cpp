#include "app/cli/SignArguments.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliSecrets.h"
#include "app/cli/QrArguments.h"
#include "app/workflows/SignBatchJob.h"
#include "core/common/DurableFile.h"
#include "core/common/EnumNames.h"

#include <QRegularExpression>

namespace sohoa::cli {

namespace {

using namespace sohoa::signing;

constexpr EnumName<bool> kSubFilterNames[] = {
    {true, QLatin1StringView("cades")},
    {false, QLatin1StringView("pkcs7")},
};

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

// --page, --corner, --offset-mm, --size-mm.
Result<void> parsePlacement(const QCommandLineParser &parser, SignOptions *options)
{
    if (parser.isSet(QStringLiteral("page"))) {
        const QString p = parser.value(QStringLiteral("page"));
        bool ok = false;
        const int n = p.toInt(&ok);
        if (p == u"last")
            options->page = -1;
        else if (ok && n >= 1)
            options->page = n - 1;
        else
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--page must be a page number from 1, or \"last\", not %1"),
                         {p});
        options->customPosition = true;
    }
    if (parser.isSet(QStringLiteral("corner"))) {
        const auto corner = cornerFromName(parser.value(QStringLiteral("corner")));
        if (!corner)
            return usage(
                QT_TRANSLATE_NOOP("sohoa::cli", "--corner must be top-right, top-left, bottom-right or bottom-left"));
        options->corner = *corner;
        options->customPosition = true;
    }
    if (parser.isSet(QStringLiteral("offset-mm"))) {
        double x = 0, y = 0;
        if (!parsePair(parser.value(QStringLiteral("offset-mm")), u',', &x, &y))
            return usage(
                QT_TRANSLATE_NOOP("sohoa::cli", "--offset-mm needs two distances in mm, X,Y (for example 20,15)"));
        options->positionMm = QPointF(x, y);
        options->customPosition = true;
    }
    if (parser.isSet(QStringLiteral("size-mm"))) {
        double w = 0, h = 0;
        if (!parsePair(parser.value(QStringLiteral("size-mm")), u'x', &w, &h) || w <= 0 || h <= 0)
            return usage(
                QT_TRANSLATE_NOOP("sohoa::cli", "--size-mm needs a width and a height in mm, WxH (for example 70x30)"));
        options->sizeMm = QSizeF(w, h);
    }
    return {};
}

} // namespace

QList<QCommandLineOption> signOptions()
{
    QList<QCommandLineOption> list{
        option("out",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Output folder (outputs keep their input's name), or output file for one input."),
               "PATH"),
        option("overwrite", QT_TRANSLATE_NOOP("sohoa::cli", "Replace existing output files.")),
        option("mkdir", QT_TRANSLATE_NOOP("sohoa::cli", "Create the output folder if it does not exist.")),
        option("p12", QT_TRANSLATE_NOOP("sohoa::cli", "PKCS#12 key file (.p12/.pfx)."), "FILE"),
        option("pkcs11-module",
               QT_TRANSLATE_NOOP("sohoa::cli", "PKCS#11 module of the token (default: known locations)."), "SO"),
        option("token", QT_TRANSLATE_NOOP("sohoa::cli", "Token label or serial."), "LABEL"),
        option("key", QT_TRANSLATE_NOOP("sohoa::cli", "Key label on the token, or a pkcs11: URI."), "LABEL|URI"),
    };
    list += pinOptions();
    list += pdfPasswordOptions();
    list += {
        option("appearance", QT_TRANSLATE_NOOP("sohoa::cli", "none, copy, attachment, signer or organization."),
               "KIND"),
        option("copy-form",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Copy form for --appearance copy: \"SAO Y\", \"SAO LỤC\" or \"TRÍCH SAO\"."),
               "TEXT"),
        option("organization", QT_TRANSLATE_NOOP("sohoa::cli", "Organization name shown in the block."), "NAME"),
        option("doc-number",
               QT_TRANSLATE_NOOP("sohoa::cli", "Document number and notation for --appearance attachment."), "TEXT"),
        option("signer-title", QT_TRANSLATE_NOOP("sohoa::cli", "Signer's title for signer/organization appearances."),
               "TEXT"),
        option("signer-name", QT_TRANSLATE_NOOP("sohoa::cli", "Signer's name for signer/organization appearances."),
               "TEXT"),
        option("signature-image", QT_TRANSLATE_NOOP("sohoa::cli", "Handwritten signature, transparent PNG."), "PNG"),
        option("seal-image", QT_TRANSLATE_NOOP("sohoa::cli", "Seal, transparent PNG at its real size."), "PNG"),
        option("page", QT_TRANSLATE_NOOP("sohoa::cli", "Page of a visible signature: a number from 1, or \"last\"."),
               "N"),
        option("corner", QT_TRANSLATE_NOOP("sohoa::cli", "top-right, top-left, bottom-right or bottom-left."),
               "CORNER"),
        option("offset-mm", QT_TRANSLATE_NOOP("sohoa::cli", "Offset of the block from the corner, X,Y in mm."), "X,Y"),
        option("size-mm", QT_TRANSLATE_NOOP("sohoa::cli", "Size of the block, WxH in mm."), "WxH"),
        option("reason", QT_TRANSLATE_NOOP("sohoa::cli", "Reason for signing."), "TEXT"),
        option("location", QT_TRANSLATE_NOOP("sohoa::cli", "Place of signing."), "TEXT"),
        option("contact", QT_TRANSLATE_NOOP("sohoa::cli", "Contact information."), "TEXT"),
        option("tsa", QT_TRANSLATE_NOOP("sohoa::cli", "RFC 3161 timestamp service URL (PAdES B-T)."), "URL"),
        option("subfilter",
               QT_TRANSLATE_NOOP("sohoa::cli", "cades (ETSI.CAdES.detached, default) or pkcs7 (adbe.pkcs7.detached)."),
               "KIND"),
        option("hash", QT_TRANSLATE_NOOP("sohoa::cli", "sha256 (default), sha384 or sha512."), "ALG"),
        option("pss", QT_TRANSLATE_NOOP("sohoa::cli", "Use RSASSA-PSS for RSA keys.")),
        option("certify",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Certify the document (an author signature, only on an unsigned file) and allow "
                                 "afterwards: 1 no change, 2 filling forms and signing, 3 also annotations."),
               "1|2|3"),
        option("ltv",
               QT_TRANSLATE_NOOP("sohoa::cli", "After signing, add the validation data of the signature (PAdES B-LT; "
                                               "with --tsa also a document timestamp, B-LTA).")),
        trustOptions().constFirst(), // --trust, for --ltv
        jsonOption(),
    };
    list += qrSignOptions();
    return list;
}

Result<SignOptions> signOptionsFrom(const QCommandLineParser &parser)
{
    const auto value = [&](const char *name) {
        return parser.value(QString::fromLatin1(name));
    };
    SignOptions options;
    const QString kind = value("appearance");
    if (kind.isEmpty())
        options.appearance.kind = AppearanceKind::None;
    else if (const auto k = enumFromName(kAppearanceKindNames, kind))
        options.appearance.kind = *k;
    else
        return usage(QT_TRANSLATE_NOOP("sohoa::cli",
                                       "--appearance must be none, copy, attachment, signer or organization, not %1"),
                     {kind});
    if (parser.isSet(QStringLiteral("copy-form")))
        options.appearance.copyForm = value("copy-form");
    options.appearance.organizationName = value("organization");
    options.appearance.documentNumber = value("doc-number");
    options.appearance.signerTitle = value("signer-title");
    options.appearance.signerName = value("signer-name");
    options.appearance.signatureImagePath = value("signature-image");
    options.appearance.sealImagePath = value("seal-image");
    if (auto r = parsePlacement(parser, &options); !r)
        return r.error();
    options.reason = value("reason");
    options.location = value("location");
    options.contactInfo = value("contact");
    if (parser.isSet(QStringLiteral("tsa"))) {
        options.tsaUrl = QUrl(value("tsa"));
        if (!options.tsaUrl.isValid() || options.tsaUrl.host().isEmpty())
            return usage(QT_TRANSLATE_NOOP(
                "sohoa::cli", "--tsa needs the URL of a timestamp service, for example http://tsa.example.vn/tsa"));
    }
    if (!value("subfilter").isEmpty()) {
        const auto pades = enumFromName(kSubFilterNames, value("subfilter"));
        if (!pades)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--subfilter must be cades or pkcs7"));
        options.pades = *pades;
    }
    if (!value("hash").isEmpty()) {
        const auto hash = enumFromName(kHashNames, value("hash"));
        if (!hash)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--hash must be sha256, sha384 or sha512"));
        options.hash = *hash;
    }
    if (parser.isSet(QStringLiteral("pss")))
        options.padding = RsaPadding::Pss;
    if (parser.isSet(QStringLiteral("certify"))) {
        const QString level = value("certify");
        if (level != u"1" && level != u"2" && level != u"3")
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--certify must be 1, 2 or 3, not %1"), {level});
        options.certifyLevel = level.toInt();
    }
    options.overwrite = parser.isSet(QStringLiteral("overwrite"));
    return options;
}

Result<workflows::KeySource> keySourceFrom(const QCommandLineParser &parser)
{
    const QString keyArg = parser.value(QStringLiteral("key"));
    const QString modulePath = parser.value(QStringLiteral("pkcs11-module"));
    if (parser.isSet(QStringLiteral("p12"))) {
        // Before any password is asked for: a typo in the name is not a wrong password.
        if (auto exists = checkInputFile(parser.value(QStringLiteral("p12"))); !exists)
            return exists.error();
        return workflows::KeySource::pkcs12(parser.value(QStringLiteral("p12")));
    }
    if (!parser.isSet(QStringLiteral("pkcs11-module")) && !parser.isSet(QStringLiteral("token")) &&
        !keyArg.startsWith(QStringLiteral("pkcs11:")))
        return usage(QT_TRANSLATE_NOOP("sohoa::cli",
                                       "give --p12 FILE or a token (--pkcs11-module, --token or --key pkcs11:...)"));
    if (parser.isSet(QStringLiteral("pkcs11-module"))) {
        if (auto exists = checkInputFile(modulePath); !exists)
            return exists.error();
    }
    workflows::KeySource source;
    if (keyArg.startsWith(QStringLiteral("pkcs11:"))) {
        // RFC 7512 allows the PIN in the URI; on a command line every account can read it (ps, /proc).
        static const QRegularExpression pinValue(QStringLiteral("[?&]pin-value="));
        if (pinValue.match(keyArg).hasMatch())
            return usage(QT_TRANSLATE_NOOP("sohoa::cli",
                                           "a PIN in the --key URI (pin-value=) can be read by every account on this "
                                           "computer: remove it and use --pin-env, --pin-file or the prompt"));
        auto fromUri = workflows::KeySource::fromPkcs11Uri(keyArg, modulePath);
        if (!fromUri)
            return fromUri.error();
        source = fromUri.value();
    } else {
        source.kind = workflows::KeySource::Kind::Pkcs11Token;
        source.modulePath = modulePath;
        source.key.label = keyArg;
    }
    if (parser.isSet(QStringLiteral("token")))
        source.token.label = parser.value(QStringLiteral("token"));
    return source;
}

} // namespace sohoa::cli
