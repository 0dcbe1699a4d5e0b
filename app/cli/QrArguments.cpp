#include "app/cli/QrArguments.h"

#include "app/cli/CliArgs.h"
#include "app/workflows/StampQrJob.h"

namespace sohoa::cli {

Result<void> parseQrLayout(const QCommandLineParser &parser, const QString &prefix, QrStampOptions *o)
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
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--%1 must be a size in mm from 5 to 500"), {name("size-mm")});
    }
    o->caption = parser.value(name("caption"));
    if (parser.isSet(name("ec"))) {
        const auto level = parseQrErrorCorrection(parser.value(name("ec")));
        if (!level)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--%1 must be L, M, Q or H"), {name("ec")});
        o->level = *level;
    }
    o->values.dossierCode = parser.value(QStringLiteral("dossier-code"));
    o->values.docNumber = parser.value(QStringLiteral("doc-number"));
    o->values.url = parser.value(QStringLiteral("url"));
    return {};
}

QList<QCommandLineOption> qrSignOptions()
{
    return {
        option("qr",
               QT_TRANSLATE_NOOP("sohoa::cli", "Stamp a QR code with this text (placeholders as in stamp-qr) before "
                                               "signing: the signature covers it."),
               "TEMPLATE"),
        option("qr-pages",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Pages for the QR code: first (default), last, all or a list such as 1,3,5-7."),
               "PAGES"),
        option("qr-position",
               QT_TRANSLATE_NOOP(
                   "sohoa::cli",
                   "top-right, top-left, bottom-right (default), bottom-left, or Xmm,Ymm from the top-left."),
               "POS"),
        option("qr-size-mm",
               QT_TRANSLATE_NOOP("sohoa::cli", "Side of the QR code in mm, quiet zone included (default 20)."), "N"),
        option("qr-caption", QT_TRANSLATE_NOOP("sohoa::cli", "Text under the QR code."), "TEXT"),
        option("qr-ec", QT_TRANSLATE_NOOP("sohoa::cli", "QR error correction: L, M (default), Q or H."), "LEVEL"),
        option("dossier-code", QT_TRANSLATE_NOOP("sohoa::cli", "Value of {dossier_code} in the QR text."), "CODE"),
        option("url", QT_TRANSLATE_NOOP("sohoa::cli", "Value of {url} in the QR text."), "URL"),
    };
}

Result<std::optional<QrStampOptions>> qrOptionsForSign(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("qr"))) {
        for (const char *n : {"qr-pages", "qr-position", "qr-size-mm", "qr-caption", "qr-ec"})
            if (parser.isSet(QString::fromLatin1(n)))
                return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--%1 needs --qr"), {QString::fromLatin1(n)});
        return std::optional<QrStampOptions>();
    }
    QrStampOptions o;
    o.payloadTemplate = parser.value(QStringLiteral("qr"));
    if (auto r = parseQrLayout(parser, QStringLiteral("qr-"), &o); !r)
        return r.error();
    if (auto r = workflows::checkQrTemplate(o); !r)
        return r.error();
    return std::optional<QrStampOptions>(o);
}

} // namespace sohoa::cli
