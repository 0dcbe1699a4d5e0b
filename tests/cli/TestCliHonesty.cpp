// Honest answers to what a new user or a tester types (issue 10): a missing page file that the user
// can delete or rescan in place after which export works, warnings that belong to the dossier they
// concern, failed scans and usage errors that create nothing, file name templates, output folders
// and missing inputs refused with their own codes and exit statuses, details in both languages,
// common options before the command, help that names the sub-command, quiet stderr. Pages come from
// SANE's `test` backend; exports are judged by pdfinfo, signed outputs by pdfsig.

#include "SaneTestEnv.h"
#include "ToolRunner.h"
#include "core/dossier/DossierStore.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");
const QString kOther = QStringLiteral("H15.50.05.13-261008-0976");
const QString kComponent = QStringLiteral("Tài liệu");

int pdfPages(const QString &pdf)
{
    const ToolResult r = runTool(QStringLiteral("pdfinfo"), {pdf});
    static const QRegularExpression pages(QStringLiteral("Pages:\\s+(\\d+)"));
    return pages.match(r.out).captured(1).toInt();
}

QString errorId(const ToolResult &r)
{
    const QList<QJsonObject> errors = r.events(QStringLiteral("error"));
    if (!errors.isEmpty())
        return errors.constFirst().value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString();
    const QJsonObject summary = r.events(QStringLiteral("summary")).value(0);
    return summary.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString();
}

QString errorDetail(const ToolResult &r)
{
    const QList<QJsonObject> errors = r.events(QStringLiteral("error"));
    return errors.value(0).value(QStringLiteral("error")).toObject().value(QStringLiteral("detail")).toString();
}

} // namespace

class TestCliHonesty : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;
    QTemporaryDir m_dir;
    QString m_store;
    QString m_p12;
    QString m_pdf;

    ToolResult cli(const QStringList &args, bool json = true) const
    {
        QStringList all = args + QStringList{QStringLiteral("--store"), m_store};
        if (json)
            all << QStringLiteral("--json");
        return runCli(all);
    }
    ToolResult scan(const QString &code, int pages, const QStringList &extra = {}, bool json = true) const
    {
        return cli(QStringList{QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"),
                               QStringLiteral("--dossier"), code, QStringLiteral("--source"), QStringLiteral("adf"),
                               QStringLiteral("--mode"), QStringLiteral("gray"), QStringLiteral("--resolution"),
                               QStringLiteral("40"), QStringLiteral("--format"), QStringLiteral("jpeg"),
                               QStringLiteral("--max-pages"), QString::number(pages)} +
                       extra,
                   json);
    }
    QStringList storeFiles() const
    {
        QStringList out;
        QDirIterator it(m_store, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            // Not the database and the writers' leases: a read opens and closes them.
            const QString rel = QDir(m_store).relativeFilePath(it.next());
            if (!rel.startsWith(QStringLiteral(".sohoa/")) && !rel.startsWith(QStringLiteral("sohoa.sqlite")))
                out << rel;
        }
        out.sort();
        return out;
    }
    ToolResult sign(const QStringList &args) const
    {
        return runCli(QStringList{QStringLiteral("sign")} + args + QStringList{QStringLiteral("--json")});
    }

private Q_SLOTS:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("pdfinfo");
        SOHOA_REQUIRE_TOOL("pdfsig");
        SOHOA_REQUIRE_TOOL("openssl");
        m_store = m_dir.filePath(QStringLiteral("store"));
        const QString d = m_dir.path();
        QCOMPARE(runTool(QStringLiteral("openssl"),
                         {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                          d + QStringLiteral("/key.pem"), QStringLiteral("-out"), d + QStringLiteral("/cert.pem"),
                          QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                          QStringLiteral("/CN=Van thu"), QStringLiteral("-addext"),
                          QStringLiteral("keyUsage=digitalSignature,nonRepudiation")})
                     .exitCode,
                 0);
        m_p12 = d + QStringLiteral("/signer.p12");
        QCOMPARE(runTool(QStringLiteral("openssl"),
                         {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                          d + QStringLiteral("/key.pem"), QStringLiteral("-in"), d + QStringLiteral("/cert.pem"),
                          QStringLiteral("-out"), m_p12, QStringLiteral("-passout"), QStringLiteral("pass:1234")})
                     .exitCode,
                 0);
        QFile pin(d + QStringLiteral("/pin"));
        QVERIFY(pin.open(QIODevice::WriteOnly) && pin.write("1234\n") == 5);
        pin.close();
        QVERIFY(pin.setPermissions(QFile::ReadOwner | QFile::WriteOwner)); // a secret: owner only
        const QDir corpus(QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean"));
        const QStringList pdfs = corpus.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name);
        if (pdfs.isEmpty())
            QFAIL("the corpus ../shared/corpus/pdf/clean is missing");
        m_pdf = d + QStringLiteral("/a.pdf");
        QVERIFY(QFile::copy(corpus.filePath(pdfs.constFirst()), m_pdf));
    }

    // Defect 3: a missing page file is the business of its dossier; deleting the page or scanning it
    // again in its place (scan --at N --replace) unblocks the export.
    void missingPageFileIsReplacedInPlace()
    {
        ToolResult r = scan(kCode, 3);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QList<QJsonObject> pages = r.events(QStringLiteral("page"));
        QCOMPARE(pages.size(), 3);
        r = scan(kOther, 1);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString lost = pages.at(1).value(QStringLiteral("path")).toString();
        QVERIFY(QFile::remove(lost));

        // Other dossiers' commands do not hear about it; the list counts it where it belongs.
        r = cli({QStringLiteral("dossier"), QStringLiteral("show"), kOther}, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(!r.err.contains(QStringLiteral("0002.jpg")), qPrintable(r.err));
        r = cli({QStringLiteral("dossier"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(!r.err.contains(QStringLiteral("0002.jpg")), qPrintable(r.err));
        QHash<QString, int> missing;
        for (const QJsonValue &d :
             r.events(QStringLiteral("dossiers")).value(0).value(QStringLiteral("dossiers")).toArray())
            missing.insert(d.toObject().value(QStringLiteral("code")).toString(),
                           d.toObject().value(QStringLiteral("missing_pages")).toInt(-1));
        QCOMPARE(missing.value(kCode), 1);
        QCOMPARE(missing.value(kOther), 0);
        // Its own dossier's commands say it, with what to do.
        r = cli({QStringLiteral("dossier"), QStringLiteral("show"), kCode}, false);
        QVERIFY2(r.err.contains(QStringLiteral("0002.jpg")) && r.err.contains(QStringLiteral("--at 2 --replace")),
                 qPrintable(r.err));

        const QString pdf = m_dir.filePath(QStringLiteral("dossier.pdf"));
        r = cli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--out"), pdf});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(errorId(r), QStringLiteral("page-file-missing"));

        r = scan(kCode, 1, {QStringLiteral("--at"), QStringLiteral("2"), QStringLiteral("--replace")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.events(QStringLiteral("page")).size(), 1);
        const QString replacement = r.events(QStringLiteral("page")).value(0).value(QStringLiteral("path")).toString();

        r = cli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--out"), pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(pdfPages(pdf), 3);
        r = cli({QStringLiteral("dossier"), QStringLiteral("verify"), kCode});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("dossier"), QStringLiteral("show"), kCode});
        QVERIFY2(r.exitCode == 0 && !r.err.contains(QStringLiteral("page-file-missing")), qPrintable(r.describe()));
        const QJsonObject component =
            r.events(QStringLiteral("dossier")).value(0).value(QStringLiteral("components")).toArray().at(0).toObject();
        const QJsonArray visible = component.value(QStringLiteral("pages")).toArray();
        QCOMPARE(visible.size(), 3);
        QCOMPARE(visible.at(1).toObject().value(QStringLiteral("path")).toString(), replacement);
        QCOMPARE(component.value(QStringLiteral("deleted_pages")).toArray().size(), 1);

        // Putting the lost page back would block the dossier again: refused.
        r = cli({QStringLiteral("page"), QStringLiteral("restore"), kCode, QStringLiteral("--component"), kComponent,
                 QStringLiteral("--page"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(errorId(r), QStringLiteral("page-file-missing"));

        // The replacement is in the audit log.
        auto store = DossierStore::open(m_store);
        QVERIFY(store);
        auto dossier = store.value()->dossier(kCode);
        QVERIFY(dossier);
        auto log = store.value()->auditLog(dossier->id);
        QVERIFY(log);
        bool replaced = false;
        for (const AuditEntry &e : log.value())
            replaced = replaced || (e.action == u"page-replaced" && e.detail.contains(QStringLiteral("0002.jpg")));
        QVERIFY(replaced);
    }

    // The other way out: delete the page whose file is gone.
    void missingPageFileIsDeleted()
    {
        const ToolResult first = scan(kOther, 1);
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        QVERIFY(QFile::remove(first.events(QStringLiteral("page")).value(0).value(QStringLiteral("path")).toString()));
        ToolResult r = cli({QStringLiteral("page"), QStringLiteral("delete"), kOther, QStringLiteral("--component"),
                            kComponent, QStringLiteral("--page"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString pdf = m_dir.filePath(QStringLiteral("other.pdf"));
        r = cli({QStringLiteral("dossier"), QStringLiteral("export"), kOther, QStringLiteral("--out"), pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(pdfPages(pdf), 1);
    }

    // Defect 5: a scan that fails before the first page (unknown device, refused option, empty
    // component) makes no dossier and does not say "run the same command again".
    void failedScanLeavesNothing()
    {
        const QString code = QStringLiteral("H15.50.05.13-261008-0977");
        const QStringList before = storeFiles();
        struct Case
        {
            QStringList args;
            int status;
        };
        const QList<Case> cases = {
            {{QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("nosuch:0"),
              QStringLiteral("--dossier"), code},
             3},
            {{QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--dossier"),
              code, QStringLiteral("--option"), QStringLiteral("no-such-option=1")},
             2},
            {{QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--dossier"),
              code, QStringLiteral("--component"), QStringLiteral("  ")},
             2},
        };
        for (const Case &c : cases) {
            const ToolResult r = cli(c.args, false);
            QVERIFY2(r.exitCode == c.status, qPrintable(r.describe()));
            QVERIFY2(!r.err.contains(QStringLiteral("run the same command again")), qPrintable(r.err));
            const ToolResult show = cli({QStringLiteral("dossier"), QStringLiteral("show"), code});
            QCOMPARE(errorId(show), QStringLiteral("dossier-not-found"));
        }
        QCOMPARE(storeFiles(), before);
    }

    // Defect 6: a file name template is checked before anything is made.
    void nameTemplateIsChecked()
    {
        const QString code = QStringLiteral("H15.50.05.13-261008-0978");
        const QStringList before = storeFiles();
        for (const QString &bad : {QStringLiteral("{nope}/{seq}.{ext}"), QStringLiteral("{dossier}/page.{ext}"),
                                   QStringLiteral("{dossier}/{seq.{ext}")}) {
            const ToolResult r = scan(code, 1, {QStringLiteral("--name-template"), bad});
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QCOMPARE(errorId(r), QStringLiteral("invalid-argument"));
            QVERIFY2(errorDetail(r).contains(bad), qPrintable(errorDetail(r)));
        }
        QCOMPARE(storeFiles(), before);
        const ToolResult ok =
            scan(code, 1,
                 {QStringLiteral("--name-template"), QStringLiteral("{dossier}/{component}/{date}-{seq:03}.{ext}")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        QVERIFY(ok.events(QStringLiteral("page"))
                    .value(0)
                    .value(QStringLiteral("relative_path"))
                    .toString()
                    .endsWith(QStringLiteral("-001.jpg")));
    }

    // Defects 10 and 11: usage details in both languages, the device's range named, 0 pages refused,
    // the national code form explained.
    void scanUsageDetails()
    {
        ToolResult r = scan(kCode, 0, {}, false);
        QCOMPARE(r.exitCode, 2);
        // The detail twice (Vietnamese, then English), and the Vietnamese is not the English.
        QVERIFY2(r.err.count(QStringLiteral("--max-pages")) == 2, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--max-pages must be a whole number from 1, not 0")), qPrintable(r.err));
        const QStringList details = r.err.split(u'\n').filter(QStringLiteral("--max-pages"));
        QVERIFY2(details.size() == 2 && details.at(0) != details.at(1), qPrintable(r.err));
        QCOMPARE(scan(kCode, -3).exitCode, 2);

        r = scan(kCode, 1, {QStringLiteral("--resolution"), QStringLiteral("99999")});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QCOMPARE(errorId(r), QStringLiteral("option-invalid-value"));
        QVERIFY2(r.out.contains(QStringLiteral("99999")) && r.out.contains(QStringLiteral("test:0")),
                 qPrintable(r.out));

        r = scan(kCode, 1, {QStringLiteral("--replace")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("--at")), qPrintable(r.out));

        r = scan(QStringLiteral("H15.50.05.13-261008"), 1, {}, false);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("AAXXXX six or more digits")), qPrintable(r.err));
    }

    // Defects 8, 9, 10, 11 for `sign`: outputs, inputs and key files checked before the key is opened.
    void signRefusals()
    {
        const QString out = m_dir.filePath(QStringLiteral("signed"));
        const QStringList key{QStringLiteral("--p12"), m_p12, QStringLiteral("--pin-file"),
                              m_dir.filePath(QStringLiteral("pin"))};
        // Two inputs into one file name: refused, no folder of that name.
        ToolResult r = sign(QStringList{m_pdf, m_pdf, QStringLiteral("--out"), out + QStringLiteral("/two.pdf")} + key);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/two.pdf")));
        r = sign(QStringList{m_pdf, m_pdf, QStringLiteral("--out"), m_dir.path()} + key);
        QCOMPARE(r.exitCode, 2);
        // Several inputs into a folder that does not exist: said, not made, unless asked.
        const QString b = m_dir.filePath(QStringLiteral("b.pdf"));
        QVERIFY(QFile::exists(b) || QFile::copy(m_pdf, b));
        r = sign(QStringList{m_pdf, b, QStringLiteral("--out"), out} + key);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(errorId(r), QStringLiteral("folder-not-found"));
        QVERIFY(!QFileInfo::exists(out));
        r = sign(QStringList{m_pdf, b, QStringLiteral("--out"), out, QStringLiteral("--mkdir")} + key);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const ToolResult pdfsig = runTool(QStringLiteral("pdfsig"), {out + QStringLiteral("/b.pdf")});
        QVERIFY2(pdfsig.out.contains(QStringLiteral("Signature is Valid")), qPrintable(pdfsig.out));

        // A PIN file others may read is refused before the key is opened (threat model W12), and the
        // message does not show the PIN.
        const QString sharedPin = m_dir.filePath(QStringLiteral("shared-pin"));
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("pin")), sharedPin));
        QVERIFY(QFile::setPermissions(sharedPin,
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        r = sign(QStringList{m_pdf, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("shared.pdf")),
                             QStringLiteral("--p12"), m_p12, QStringLiteral("--pin-file"), sharedPin});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(QStringLiteral("chmod 600")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("1234")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("shared.pdf"))));

        // One input into a folder that does not exist.
        r = sign(QStringList{m_pdf, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("nowhere/x.pdf"))} + key);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(errorId(r), QStringLiteral("folder-not-found"));
        QVERIFY2(errorDetail(r).contains(QStringLiteral("does not exist")), qPrintable(errorDetail(r)));
        // A missing input, a folder as input, a missing PIN file, a missing key file (before any PIN).
        for (const QStringList &args :
             {QStringList{m_dir.filePath(QStringLiteral("missing.pdf")), QStringLiteral("--out"),
                          m_dir.filePath(QStringLiteral("x.pdf"))} +
                  key,
              QStringList{m_dir.path(), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.pdf"))} + key,
              QStringList{m_pdf, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.pdf")),
                          QStringLiteral("--p12"), m_p12, QStringLiteral("--pin-file"),
                          m_dir.filePath(QStringLiteral("no-pin"))},
              QStringList{m_pdf, QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.pdf")),
                          QStringLiteral("--p12"), m_dir.filePath(QStringLiteral("missing.p12"))}}) {
            r = sign(args);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QCOMPARE(errorId(r), QStringLiteral("file-not-found"));
        }
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.pdf"))));

        // The appearance's missing detail in both languages.
        r = runCli(QStringList{QStringLiteral("sign"), m_pdf, QStringLiteral("--out"),
                               m_dir.filePath(QStringLiteral("x.pdf")), QStringLiteral("--appearance"),
                               QStringLiteral("copy")} +
                   key);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.count(QStringLiteral("--organization")) == 2, qPrintable(r.err));

        // A file that fails: its line on stdout, the sentence once on stderr.
        const QString junk = m_dir.filePath(QStringLiteral("junk.pdf"));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly) && j.write("not a pdf at all\n") > 0);
        j.close();
        const QString outs = m_dir.filePath(QStringLiteral("outs"));
        r = runCli(
            QStringList{QStringLiteral("sign"), m_pdf, junk, QStringLiteral("--out"), outs, QStringLiteral("--mkdir")} +
            key);
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        static const QRegularExpression failed(QStringLiteral("^FAILED (.*): \\[([a-z0-9-]+)\\]$"),
                                               QRegularExpression::MultilineOption);
        const auto m = failed.match(r.out);
        QVERIFY2(m.hasMatch() && m.captured(1) == junk, qPrintable(r.out));
        const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
        QString english;
        for (int i = 0; i < codes.keyCount(); ++i)
            if (Error::idOf(ErrorCode(codes.value(i))) == m.captured(2))
                english = Error::messageEnOf(ErrorCode(codes.value(i)));
        QVERIFY2(!english.isEmpty(), qPrintable(m.captured(2)));
        QCOMPARE(QString(r.out + r.err).count(english), 1);
    }

    // Defect 9 for exports: the output's folder must exist.
    void exportIntoMissingFolder()
    {
        const ToolResult r = cli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--out"),
                                  m_dir.filePath(QStringLiteral("nowhere/dossier.pdf"))});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(errorId(r), QStringLiteral("folder-not-found"));
    }

    // Defect 11: common options before the command, help that names the sub-command, unknown options
    // said in both languages, quiet stderr.
    void commandLineManners()
    {
        ToolResult r = runCli({QStringLiteral("--json"), QStringLiteral("--store"), m_store, QStringLiteral("dossier"),
                               QStringLiteral("show"), kCode});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.events(QStringLiteral("dossier")).value(0).value(QStringLiteral("code")).toString(), kCode);
        r = runCli({QStringLiteral("--store"), m_store, QStringLiteral("dossier"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(kCode), qPrintable(r.describe()));

        r = runCli({QStringLiteral("dossier"), QStringLiteral("show"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: sohoa-cli dossier show [options]")), qPrintable(r.out));

        r = runCli({QStringLiteral("dossier"), QStringLiteral("list"), QStringLiteral("--nope"),
                    QStringLiteral("--store"), m_store});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.count(QStringLiteral("--nope")) == 2, qPrintable(r.err));

        // A scanner that is not there: the bilingual error, and no library diagnostics.
        r = cli({QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("nosuch:0"),
                 QStringLiteral("--dossier"), kCode},
                false);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(!r.err.contains(QStringLiteral("sohoa.")), qPrintable(r.err));
    }

    // Defect 11: a network backend's SNMP library does not print "Created directory: ..." in front of
    // the device list; it gets a folder of ours that already has what it makes.
    void devicesWithoutSnmpChatter()
    {
        QTemporaryDir sane, cache;
        QFile dll(sane.filePath(QStringLiteral("dll.conf")));
        QVERIFY(dll.open(QIODevice::WriteOnly) && dll.write("magicolor\n") > 0);
        dll.close();
        const QByteArray oldSane = qgetenv("SANE_CONFIG_DIR"), oldCache = qgetenv("XDG_CACHE_HOME");
        qputenv("SANE_CONFIG_DIR", QFile::encodeName(sane.path()));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        const ToolResult r = runCli({QStringLiteral("devices")});
        qputenv("SANE_CONFIG_DIR", oldSane);
        if (oldCache.isEmpty())
            qunsetenv("XDG_CACHE_HOME");
        else
            qputenv("XDG_CACHE_HOME", oldCache);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(!QString(r.out + r.err).contains(QStringLiteral("Created directory")), qPrintable(r.describe()));
        QVERIFY(QFileInfo(cache.filePath(QStringLiteral("sohoa/snmp/cert_indexes"))).isDir());
    }
};

QTEST_GUILESS_MAIN(TestCliHonesty)
#include "TestCliHonesty.moc"
