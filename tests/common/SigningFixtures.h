#pragma once

// Shared fixtures for signing tests that drive `sohoa-cli sign`: a throw-away PKI made with the
// `openssl` command line (a root CA, signers as PKCS#12 files, an expired signer made with
// `openssl ca -startdate/-enddate`, a TSA certificate), a SoftHSM2 token, and readers of what
// independent tools (pdfsig, qpdf, pdfinfo) say about a signed file.

#include "ToolRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRectF>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <optional>

namespace sohoa::test {

inline bool runOk(const QString &program, const QStringList &args, QString *error = nullptr, int timeoutMs = 60000)
{
    const ToolResult r = runTool(program, args, timeoutMs);
    if (r.exitCode == 0 && !r.crashed && !r.timedOut)
        return true;
    if (error)
        *error = program + u' ' + args.join(u' ') + u'\n' + r.describe();
    return false;
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A file of the shared corpus of clean PDFs (shared/corpus/pdf/clean).
inline QString cleanCorpusPdf(const char *name)
{
    return QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/") + QString::fromLatin1(name);
}

// A root CA and certificates issued with `openssl ca`, in one temporary folder.
class TestCa
{
public:
    static QByteArray password() { return QByteArrayLiteral("mật-khẩu"); }

    // `extraConfig` is appended to the openssl ca configuration: more extension sections for issue().
    bool make(QString *error, const QByteArray &extraConfig = {})
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        const QString d = m_dir.path();
        QDir().mkpath(path(QStringLiteral("newcerts")));
        writeFile(path(QStringLiteral("index.txt")), {});
        writeFile(path(QStringLiteral("serial")), "1000\n");
        writeFile(path(QStringLiteral("crlnumber")), "1000\n");
        const QByteArray conf = "[ca]\ndefault_ca = CA_default\n[CA_default]\ndir = " + d.toLocal8Bit() +
                                "\ndatabase = $dir/index.txt\nnew_certs_dir = $dir/newcerts\nserial = $dir/serial\n"
                                "default_md = sha256\npolicy = policy_any\nunique_subject = no\n"
                                "crlnumber = $dir/crlnumber\ndefault_crl_days = 30\n"
                                "[policy_any]\ncommonName = supplied\norganizationName = optional\n"
                                "[signer_ext]\nbasicConstraints = CA:FALSE\n"
                                "keyUsage = critical, digitalSignature, nonRepudiation\n"
                                "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
                                "[tsa_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\n"
                                "extendedKeyUsage = critical, timeStamping\n"
                                "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n" +
                                extraConfig;
        if (!writeFile(path(QStringLiteral("ca.cnf")), conf)) {
            *error = QStringLiteral("cannot write ca.cnf");
            return false;
        }
        return runOk(QStringLiteral("openssl"),
                     {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                      QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                      path(QStringLiteral("root.key")), QStringLiteral("-out"), path(QStringLiteral("root.pem")),
                      QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-subj"),
                      QStringLiteral("/CN=SoHoa E2E Root CA/O=SoHoa Test"), QStringLiteral("-addext"),
                      QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                      QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                     error);
    }

    // name.key, name.pem (issued by the root) and, for signers, name.p12 with the root in its chain.
    // Dates are openssl's YYYYMMDDHHMMSSZ; empty means "now, for 30 days".
    bool issue(const QString &name, const QString &subject, const QString &extensions, QString *error,
               const QString &startDate = {}, const QString &endDate = {})
    {
        QStringList caArgs{QStringLiteral("ca"),         QStringLiteral("-batch"),
                           QStringLiteral("-notext"),    QStringLiteral("-utf8"),
                           QStringLiteral("-config"),    path(QStringLiteral("ca.cnf")),
                           QStringLiteral("-cert"),      path(QStringLiteral("root.pem")),
                           QStringLiteral("-keyfile"),   path(QStringLiteral("root.key")),
                           QStringLiteral("-in"),        path(name + u".csr"),
                           QStringLiteral("-out"),       path(name + u".pem"),
                           QStringLiteral("-extensions"), extensions};
        if (startDate.isEmpty())
            caArgs << QStringLiteral("-days") << QStringLiteral("30");
        else
            caArgs << QStringLiteral("-startdate") << startDate << QStringLiteral("-enddate") << endDate;
        return runOk(QStringLiteral("openssl"),
                     {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                      QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-utf8"),
                      QStringLiteral("-keyout"), path(name + u".key"), QStringLiteral("-subj"), subject,
                      QStringLiteral("-out"), path(name + u".csr")},
                     error) &&
               runOk(QStringLiteral("openssl"), caArgs, error) &&
               (extensions != u"signer_ext" ||
                runOk(QStringLiteral("openssl"),
                      {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                       path(name + u".key"), QStringLiteral("-in"), path(name + u".pem"), QStringLiteral("-certfile"),
                       path(QStringLiteral("root.pem")), QStringLiteral("-name"), name, QStringLiteral("-out"),
                       path(name + u".p12"), QStringLiteral("-passout"),
                       QStringLiteral("pass:") + QString::fromUtf8(password())},
                      error));
    }

    // Marks `name`.pem revoked in the CA's database (index.txt), now, with a CRLReason such as
    // "keyCompromise"; gencrl() and `openssl ocsp -index` report it from then on.
    bool revoke(const QString &name, const QString &reason, QString *error)
    {
        return runOk(QStringLiteral("openssl"),
                     {QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                      path(QStringLiteral("ca.cnf")), QStringLiteral("-cert"), path(QStringLiteral("root.pem")),
                      QStringLiteral("-keyfile"), path(QStringLiteral("root.key")), QStringLiteral("-revoke"),
                      path(name + u".pem"), QStringLiteral("-crl_reason"), reason},
                     error);
    }

    // A CRL of the root as DER at `derPath`; `extraArgs` go to `openssl ca -gencrl` (say
    // -crl_lastupdate/-crl_nextupdate for an expired one).
    bool gencrl(const QString &derPath, QString *error, const QStringList &extraArgs = {})
    {
        const QString pem = derPath + u".pem";
        return runOk(QStringLiteral("openssl"),
                     QStringList{QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                                 path(QStringLiteral("ca.cnf")), QStringLiteral("-cert"),
                                 path(QStringLiteral("root.pem")), QStringLiteral("-keyfile"),
                                 path(QStringLiteral("root.key")), QStringLiteral("-gencrl"), QStringLiteral("-out"),
                                 pem} +
                         extraArgs,
                     error) &&
               runOk(QStringLiteral("openssl"),
                     {QStringLiteral("crl"), QStringLiteral("-in"), pem, QStringLiteral("-outform"),
                      QStringLiteral("DER"), QStringLiteral("-out"), derPath},
                     error);
    }

    // The first certificate of name.pem, as DER.
    QByteArray der(const QString &name) const
    {
        QFile f(path(name + u".pem"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray pem = f.readAll();
        const QByteArray begin = "-----BEGIN CERTIFICATE-----";
        const qsizetype from = pem.indexOf(begin);
        const qsizetype to = pem.indexOf("-----END CERTIFICATE-----", from);
        if (from < 0 || to < 0)
            return {};
        return QByteArray::fromBase64(pem.mid(from + begin.size(), to - from - begin.size()));
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString p12(const QString &name) const { return path(name + u".p12"); }

private:
    QTemporaryDir m_dir;
};

// A SoftHSM2 token "van-thu" (user PIN 1234) holding key+certificate `name` of `ca` as "ky-so".
// Sets SOFTHSM2_CONF for this process and its children.
class SoftHsmToken
{
public:
    static QString softHsmModule() { return QStringLiteral("/usr/lib/softhsm/libsofthsm2.so"); }

    bool make(const TestCa &ca, const QString &name, QString *error)
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("tokens")));
        const QString conf = m_dir.filePath(QStringLiteral("softhsm2.conf"));
        if (!writeFile(conf, "directories.tokendir = " + m_dir.filePath(QStringLiteral("tokens")).toLocal8Bit() +
                                 "\nobjectstore.backend = file\n")) {
            *error = QStringLiteral("cannot write softhsm2.conf");
            return false;
        }
        qputenv("SOFTHSM2_CONF", conf.toLocal8Bit());
        const QString key8 = m_dir.filePath(QStringLiteral("key8.pem"));
        const QString der = m_dir.filePath(QStringLiteral("cert.der"));
        return runOk(QStringLiteral("softhsm2-util"),
                     {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                      QStringLiteral("van-thu"), QStringLiteral("--pin"), QStringLiteral("1234"),
                      QStringLiteral("--so-pin"), QStringLiteral("5678")},
                     error) &&
               runOk(QStringLiteral("openssl"),
                     {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-nocrypt"),
                      QStringLiteral("-in"), ca.path(name + u".key"), QStringLiteral("-out"), key8},
                     error) &&
               runOk(QStringLiteral("softhsm2-util"),
                     {QStringLiteral("--import"), key8, QStringLiteral("--token"), QStringLiteral("van-thu"),
                      QStringLiteral("--label"), QStringLiteral("ky-so"), QStringLiteral("--id"), QStringLiteral("01"),
                      QStringLiteral("--pin"), QStringLiteral("1234")},
                     error) &&
               runOk(QStringLiteral("openssl"),
                     {QStringLiteral("x509"), QStringLiteral("-in"), ca.path(name + u".pem"),
                      QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"), der},
                     error) &&
               runOk(QStringLiteral("pkcs11-tool"),
                     {QStringLiteral("--module"), softHsmModule(), QStringLiteral("--token-label"),
                      QStringLiteral("van-thu"), QStringLiteral("--login"), QStringLiteral("--pin"),
                      QStringLiteral("1234"), QStringLiteral("--write-object"), der, QStringLiteral("--type"),
                      QStringLiteral("cert"), QStringLiteral("--id"), QStringLiteral("01"), QStringLiteral("--label"),
                      QStringLiteral("ky-so")},
                     error);
    }

private:
    QTemporaryDir m_dir;
};

// pdfsig's report, one entry per signature in file order.
struct PdfSigEntry
{
    bool valid = false; // "Signature is Valid"
    bool total = false; // "Total document signed"
    QString text;
};

inline QList<PdfSigEntry> pdfsigReport(const QString &pdf, QString *raw = nullptr, int timeoutMs = 60000,
                                       bool *timedOut = nullptr, const QStringList &extraArgs = {})
{
    const ToolResult r = runTool(QStringLiteral("pdfsig"),
                                 QStringList{QStringLiteral("-nocert")} + extraArgs + QStringList{pdf}, timeoutMs);
    if (raw)
        *raw = r.out + r.err;
    if (timedOut)
        *timedOut = r.timedOut;
    QList<PdfSigEntry> entries;
    static const QRegularExpression header(QStringLiteral("^Signature #\\d+:"), QRegularExpression::MultilineOption);
    QList<qsizetype> starts;
    for (auto it = header.globalMatch(r.out); it.hasNext();)
        starts.append(it.next().capturedStart());
    for (qsizetype i = 0; i < starts.size(); ++i) {
        PdfSigEntry e;
        e.text = r.out.mid(starts.at(i), (i + 1 < starts.size() ? starts.at(i + 1) : r.out.size()) - starts.at(i));
        e.valid = e.text.contains(QStringLiteral("Signature is Valid"));
        e.total = e.text.contains(QStringLiteral("Total document signed"));
        entries.append(e);
    }
    return entries;
}

// `qpdf --check` exit status: 0 clean, 3 warnings, 2 errors; "worse" orders them 0 < 3 < 2.
inline int qpdfCheckRank(const QString &pdf, int timeoutMs = 60000)
{
    const ToolResult r = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf}, timeoutMs);
    if (r.crashed || r.timedOut)
        return 9;
    switch (r.exitCode) {
    case 0:
        return 0;
    case 3:
        return 1;
    default:
        return 2;
    }
}

// The objects of a PDF as qpdf sees them (qpdf --json v2), keyed "obj:N G R".
inline QJsonObject qpdfObjects(const QString &pdf)
{
    const ToolResult r = runTool(QStringLiteral("qpdf"),
                                 {QStringLiteral("--json=2"), QStringLiteral("--json-key=qpdf"), pdf}, 120000);
    const QJsonArray qpdf = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("qpdf")).toArray();
    return qpdf.size() > 1 ? qpdf.at(1).toObject() : QJsonObject();
}

inline QJsonObject objectDict(const QJsonObject &objects, const QString &ref)
{
    const QJsonObject o = objects.value(u"obj:" + ref).toObject();
    if (o.contains(QStringLiteral("stream")))
        return o.value(QStringLiteral("stream")).toObject().value(QStringLiteral("dict")).toObject();
    return o.value(QStringLiteral("value")).toObject();
}

inline QJsonValue resolved(const QJsonObject &objects, const QJsonValue &v)
{
    if (v.isString() && v.toString().endsWith(QStringLiteral(" R"))) {
        const QJsonObject o = objects.value(u"obj:" + v.toString()).toObject();
        return o.contains(QStringLiteral("stream")) ? o.value(QStringLiteral("stream")) : o.value(QStringLiteral("value"));
    }
    return v;
}

// The widget of the signature whose /ByteRange reaches furthest (the newest one): its /Rect and
// the object reference of its page (/P), or nothing.
struct SignatureWidget
{
    QRectF rect; // in default user space, normalized
    QString pageRef;
};

inline std::optional<SignatureWidget> newestSignatureWidget(const QJsonObject &objects)
{
    std::optional<SignatureWidget> best;
    double bestEnd = -1;
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        const QJsonObject dict = it.value().toObject().value(QStringLiteral("value")).toObject();
        if (!dict.contains(QStringLiteral("/Rect")))
            continue;
        QJsonObject field = dict;
        if (!field.contains(QStringLiteral("/FT")) && dict.contains(QStringLiteral("/Parent")))
            field = resolved(objects, dict.value(QStringLiteral("/Parent"))).toObject();
        if (field.value(QStringLiteral("/FT")).toString() != u"/Sig")
            continue;
        const QJsonObject v = resolved(objects, field.value(QStringLiteral("/V"))).toObject();
        const QJsonArray br = resolved(objects, v.value(QStringLiteral("/ByteRange"))).toArray();
        if (br.size() != 4)
            continue;
        const double end = br.at(2).toDouble() + br.at(3).toDouble();
        if (end <= bestEnd)
            continue;
        const QJsonArray r = resolved(objects, dict.value(QStringLiteral("/Rect"))).toArray();
        if (r.size() != 4)
            continue;
        bestEnd = end;
        const double x0 = r.at(0).toDouble(), y0 = r.at(1).toDouble(), x1 = r.at(2).toDouble(),
                     y1 = r.at(3).toDouble();
        best = SignatureWidget{QRectF(QPointF(qMin(x0, x1), qMin(y0, y1)), QPointF(qMax(x0, x1), qMax(y0, y1))),
                               dict.value(QStringLiteral("/P")).toString()};
    }
    return best;
}

// pdfinfo's view of page `page` (from 1): its CropBox in default user space and /Rotate.
struct PageGeometry
{
    QRectF cropBox;
    int rotate = 0;
};

inline std::optional<PageGeometry> pageGeometry(const QString &pdf, int page)
{
    const ToolResult r = runTool(QStringLiteral("pdfinfo"),
                                 {QStringLiteral("-box"), QStringLiteral("-f"), QString::number(page),
                                  QStringLiteral("-l"), QString::number(page), pdf},
                                 60000);
    const QRegularExpression crop(QStringLiteral("Page\\s+%1 CropBox:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").arg(page));
    const QRegularExpression rot(QStringLiteral("Page\\s+%1 rot:\\s+(\\d+)").arg(page));
    const auto c = crop.match(r.out);
    const auto o = rot.match(r.out);
    if (!c.hasMatch() || !o.hasMatch())
        return std::nullopt;
    const double x0 = c.captured(1).toDouble(), y0 = c.captured(2).toDouble(), x1 = c.captured(3).toDouble(),
                 y1 = c.captured(4).toDouble();
    return PageGeometry{QRectF(QPointF(qMin(x0, x1), qMin(y0, y1)), QPointF(qMax(x0, x1), qMax(y0, y1))),
                        ((o.captured(1).toInt() % 360) + 360) % 360};
}

inline int pdfPageCount(const QString &pdf)
{
    const ToolResult r = runTool(QStringLiteral("pdfinfo"), {pdf}, 60000);
    const auto m = QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption)
                       .match(r.out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

inline QString signedEventErrorId(const QJsonObject &event)
{
    return event.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString();
}

} // namespace sohoa::test
