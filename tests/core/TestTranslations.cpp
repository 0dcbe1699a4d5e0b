#include "core/common/Error.h"
#include "core/common/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <atomic>
#include <thread>
#include <vector>

using namespace sohoa;

namespace {

// The folders update_translations scans (cmake/SohoaTranslations.cmake): a tr() anywhere in them
// without a finished Vietnamese translation fails this test.
const char *const kSourceFolders[] = {"core", "scanner", "signing", "upload", "app"};

struct TsMessage
{
    QString context;
    QString source;
    QString comment; // the disambiguation
    bool numerus = false;
    QString type;             // empty when finished; "unfinished", "vanished" or "obsolete"
    QStringList translations; // one text, or the numerus forms
    QString location;         // "file:line" of the first occurrence, when the file records one
};

struct TsFile
{
    QString language;
    QString sourceLanguage;
    QList<TsMessage> messages;
    QString error;
};

QString keyOf(const QString &context, const QString &source, const QString &comment)
{
    return context + u'\x1f' + source + u'\x1f' + comment;
}
QString keyOf(const TsMessage &m)
{
    return keyOf(m.context, m.source, m.comment);
}
QString describe(const TsMessage &m)
{
    return QStringLiteral("[%1] \"%2\"%3%4")
        .arg(m.context, m.source, m.comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m.comment),
             m.location.isEmpty() ? QString() : QStringLiteral(" at ") + m.location);
}

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = path + QStringLiteral(": ") + file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"TS") {
                ts.language = xml.attributes().value(QLatin1String("language")).toString();
                ts.sourceLanguage = xml.attributes().value(QLatin1String("sourcelanguage")).toString();
            } else if (name == u"name" && !inMessage) {
                context = xml.readElementText();
            } else if (name == u"message") {
                message = TsMessage{};
                message.context = context;
                message.numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
                inMessage = true;
            } else if (inMessage && name == u"location") {
                // lupdate writes file names relative to the .ts file; the report names them from the
                // source folder. Relative line numbers ("+3") mean nothing alone: left out.
                const QString where = xml.attributes().value(QLatin1String("filename")).toString();
                const QString line = xml.attributes().value(QLatin1String("line")).toString();
                if (message.location.isEmpty() && !where.isEmpty()) {
                    message.location = QDir(QStringLiteral(SOHOA_SOURCE_DIR))
                                           .relativeFilePath(QFileInfo(path).dir().absoluteFilePath(where));
                    if (!line.startsWith(u'+'))
                        message.location += u':' + line;
                }
            } else if (inMessage && name == u"source") {
                message.source = xml.readElementText();
            } else if (inMessage && name == u"comment") {
                message.comment = xml.readElementText();
            } else if (inMessage && name == u"translation") {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                if (message.numerus) {
                    while (xml.readNextStartElement()) {
                        if (xml.name() == u"numerusform")
                            message.translations.append(xml.readElementText());
                        else
                            xml.skipCurrentElement();
                    }
                } else {
                    message.translations.append(xml.readElementText());
                }
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            ts.messages.append(message);
            inMessage = false;
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

// The placeholders of a text, as a set: %1..%99 and %n, with and without L (which only changes how a
// number is written, not which one).
QSet<QString> placeholdersOf(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?([0-9]{1,2}|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(u'%' + it.next().captured(1));
    return found;
}

QString translationsFolder()
{
    return QStringLiteral(SOHOA_SOURCE_DIR "/resources/translations");
}

QString joined(const QStringList &problems)
{
    return problems.size() > 40 ? QStringList(problems.mid(0, 40)).join(u'\n') +
                                      QStringLiteral("\n… and %1 more").arg(problems.size() - 40)
                                : problems.join(u'\n');
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

public:
    // What translated() gave before any QCoreApplication existed (main() asks it).
    explicit TestTranslations(QString viBeforeApplication) : m_viBeforeApplication(std::move(viBeforeApplication)) {}

private:
    QString m_viBeforeApplication;
    QString m_lupdateProblem; // why lupdate could not give the source strings, if it could not
    TsFile m_extracted;       // what lupdate finds in the sources now
    TsFile m_vi;              // the committed files
    TsFile m_en;
    QTemporaryDir m_tmp;

    static QString findLupdate(QStringList &tried)
    {
        QStringList candidates;
        if (qEnvironmentVariableIsSet("SOHOA_LUPDATE")) { // an explicit choice: that one or none
            tried << qEnvironmentVariable("SOHOA_LUPDATE");
            return QFileInfo(tried.last()).isExecutable() ? tried.last() : QString();
        }
#ifdef SOHOA_LUPDATE_PATH
        candidates << QStringLiteral(SOHOA_LUPDATE_PATH); // the one the build's update_translations runs
#endif
        candidates << QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        for (const QString &c : std::as_const(candidates)) {
            tried << c;
            if (QFileInfo(c).isExecutable())
                return c;
        }
        QProcess qtpaths; // what `qtpaths6 --query QT_HOST_BINS` says, last
        qtpaths.start(QStringLiteral("qtpaths6"), {QStringLiteral("--query"), QStringLiteral("QT_HOST_BINS")});
        if (!qtpaths.waitForFinished(10000) || qtpaths.exitCode() != 0) {
            tried << QStringLiteral("qtpaths6 --query QT_HOST_BINS (%1)").arg(qtpaths.errorString());
            return {};
        }
        tried << QString::fromLocal8Bit(qtpaths.readAllStandardOutput()).trimmed() + QStringLiteral("/lupdate");
        return QFileInfo(tried.last()).isExecutable() ? tried.last() : QString();
    }

    // The source language's file holds only messages with plural forms: the rest are the source texts.
    static QList<TsMessage> numerusOnly(const QList<TsMessage> &all)
    {
        QList<TsMessage> out;
        for (const TsMessage &m : all) {
            if (m.numerus)
                out.append(m);
        }
        return out;
    }

    // Every message lupdate found has a finished, non-empty translation in `committed` with
    // `forms` numerus forms; and `committed` has nothing else. In another language than the source's,
    // a sentence "translated" into itself is an English copy marked done by mistake.
    static QStringList compare(const QList<TsMessage> &wanted, const TsFile &committed, int forms)
    {
        const bool otherLanguage = committed.language != committed.sourceLanguage;
        QStringList problems;
        QHash<QString, TsMessage> byKey;
        for (const TsMessage &m : committed.messages)
            byKey.insert(keyOf(m), m);
        QSet<QString> wantedKeys;
        for (const TsMessage &w : wanted) {
            wantedKeys.insert(keyOf(w));
            const auto it = byKey.constFind(keyOf(w));
            if (it == byKey.cend()) {
                problems << QStringLiteral("no translation for ") + describe(w);
                continue;
            }
            if (!it->type.isEmpty())
                problems << QStringLiteral("translation %1 for ").arg(it->type) + describe(w);
            if (it->numerus != w.numerus)
                problems << QStringLiteral("plural forms expected %1 for ").arg(w.numerus) + describe(w);
            if (w.numerus && it->translations.size() != forms)
                problems
                    << QStringLiteral("%1 plural forms instead of %2 for ").arg(it->translations.size()).arg(forms) +
                           describe(w);
            for (const QString &t : it->translations) {
                if (t.isEmpty())
                    problems << QStringLiteral("empty translation for ") + describe(w);
                else if (otherLanguage && t == w.source && w.source.count(u' ') >= 2)
                    problems << QStringLiteral("translation still the English text for ") + describe(w);
            }
        }
        for (const TsMessage &m : committed.messages) {
            if (!wantedKeys.contains(keyOf(m)))
                problems << QStringLiteral("not in the sources any more (run update_translations): ") + describe(m);
            if (!m.type.isEmpty())
                problems << QStringLiteral("entry marked %1: ").arg(m.type) + describe(m);
        }
        return problems;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_vi = readTs(translationsFolder() + QStringLiteral("/sohoa_vi.ts"));
        m_en = readTs(translationsFolder() + QStringLiteral("/sohoa_en.ts"));

        QStringList tried;
        const QString lupdate = findLupdate(tried);
        if (lupdate.isEmpty()) {
            m_lupdateProblem = QStringLiteral("lupdate was not found (tried %1); install qt6-l10n-tools "
                                              "(scripts/install-deps.sh does)")
                                   .arg(tried.join(QStringLiteral(", ")));
            return;
        }
        // The same options as update_translations (SOHOA_LUPDATE_OPTIONS), with absolute locations for
        // the report; a fresh file, so every message is new.
        const QString out = m_tmp.filePath(QStringLiteral("extracted_vi.ts"));
        QStringList args{QStringLiteral("-locations"),
                         QStringLiteral("absolute"),
                         QStringLiteral("-no-obsolete"),
                         QStringLiteral("-source-language"),
                         QStringLiteral("en"),
                         QStringLiteral("-target-language"),
                         QStringLiteral("vi"),
                         QStringLiteral("-extensions"),
                         QStringLiteral("cpp,h,ui"),
                         QStringLiteral("-I"),
                         QStringLiteral(SOHOA_SOURCE_DIR)};
        for (const char *folder : kSourceFolders)
            args << QStringLiteral(SOHOA_SOURCE_DIR "/") + QString::fromLatin1(folder);
        args << QStringLiteral("-ts") << out;
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(lupdate, args);
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_lupdateProblem =
                QStringLiteral("%1 failed (%2): %3").arg(lupdate, p.errorString(), QString::fromLocal8Bit(p.readAll()));
            return;
        }
        m_extracted = readTs(out);
        if (!m_extracted.error.isEmpty())
            m_lupdateProblem = m_extracted.error;
    }

    void committedFilesAreReadable()
    {
        QVERIFY2(m_vi.error.isEmpty(), qPrintable(m_vi.error));
        QVERIFY2(m_en.error.isEmpty(), qPrintable(m_en.error));
        QCOMPARE(m_vi.language, QStringLiteral("vi"));
        QCOMPARE(m_vi.sourceLanguage, QStringLiteral("en"));
        QCOMPARE(m_en.language, QStringLiteral("en"));
        QCOMPARE(m_en.sourceLanguage, QStringLiteral("en"));
    }

    void lupdateFindsTheSourceStrings()
    {
        QVERIFY2(m_lupdateProblem.isEmpty(), qPrintable(m_lupdateProblem));
        // Error's table alone has one sentence per code; fewer means lupdate read nothing useful.
        QVERIFY2(m_extracted.messages.size() >= int(ErrorCode::QrStampFailed) + 1,
                 qPrintable(QString::number(m_extracted.messages.size())));
    }

    // A new tr() without a finished Vietnamese translation fails here, with where it is.
    void everySourceStringHasAFinishedVietnameseTranslation()
    {
        QVERIFY2(m_lupdateProblem.isEmpty(), qPrintable(m_lupdateProblem));
        const QStringList problems = compare(m_extracted.messages, m_vi, 1); // Vietnamese has one plural form
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("resources/translations/sohoa_vi.ts is not up to date; run `cmake "
                                           "--build build --target update_translations`, then translate:\n") +
                            joined(problems)));
    }

    void englishFileHoldsThePluralFormsOnly()
    {
        QVERIFY2(m_lupdateProblem.isEmpty(), qPrintable(m_lupdateProblem));
        const QStringList problems = compare(numerusOnly(m_extracted.messages), m_en, 2); // "1 page", "%n pages"
        QVERIFY2(
            problems.isEmpty(),
            qPrintable(QStringLiteral("resources/translations/sohoa_en.ts is not up to date:\n") + joined(problems)));
    }

    void placeholdersMatch()
    {
        QStringList problems;
        for (const TsFile *ts : {&m_vi, &m_en}) {
            for (const TsMessage &m : ts->messages) {
                QSet<QString> expected = placeholdersOf(m.source);
                for (const QString &t : m.translations) {
                    // A singular form may write the number out ("một trang") instead of %n.
                    QSet<QString> got = placeholdersOf(t);
                    if (m.numerus && &t == &m.translations.first() && m.translations.size() > 1 &&
                        expected.contains(QStringLiteral("%n")))
                        got.insert(QStringLiteral("%n"));
                    if (got != expected)
                        problems << QStringLiteral("%1: placeholders %2 in \"%3\"")
                                        .arg(describe(m), QStringList(got.values()).join(u' '), t);
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(joined(problems)));
    }

    // The .qm files really are in the program, and say what the committed .ts says.
    void embeddedCataloguesServeTheCommittedTranslations()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/sohoa_vi.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/sohoa_en.qm")));
        QStringList problems;
        for (const TsMessage &m : std::as_const(m_vi.messages)) {
            const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8(), comment = m.comment.toUtf8();
            const char *disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
            const int n = m.numerus ? 1 : -1;
            QString expected = m.translations.value(0);
            if (m.numerus)
                expected.replace(QStringLiteral("%Ln"), QLocale(QLocale::Vietnamese).toString(1))
                    .replace(QStringLiteral("%n"), QStringLiteral("1"));
            const QString got =
                translated(Language::Vietnamese, context.constData(), source.constData(), disambiguation, n);
            if (got != expected)
                problems << describe(m) + QStringLiteral(" gives \"%1\"").arg(got);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(joined(problems)));
    }

    void errorsSpeakBothLanguages()
    {
        const Error jammed(ErrorCode::ScannerJammed, QStringLiteral("test:0"));
        QCOMPARE(jammed.messageVi(), QStringLiteral("Giấy bị kẹt trong máy quét. Hãy lấy tờ bị kẹt ra, đặt lại các "
                                                    "trang còn lại vào khay nạp và tiếp tục quét."));
        QCOMPARE(jammed.messageEn(), QStringLiteral("Paper is jammed in the scanner. Remove the jammed sheet, put the "
                                                    "remaining pages back in the feeder and continue the batch."));
        QCOMPARE(jammed.fullText(), jammed.messageVi() + u'\n' + jammed.messageEn() + QStringLiteral("\n(test:0)"));
        // Every code: its Vietnamese is the committed translation of its English.
        QHash<QString, QString> vi;
        for (const TsMessage &m : std::as_const(m_vi.messages))
            vi.insert(keyOf(m), m.translations.value(0));
        for (int c = int(ErrorCode::None); c <= int(ErrorCode::QrStampFailed); ++c) {
            const Error e(static_cast<ErrorCode>(c));
            const QString key = keyOf(QStringLiteral("sohoa::Error"), e.messageEn(), QString());
            QVERIFY2(vi.contains(key), qPrintable(e.id()));
            QCOMPARE(e.messageVi(), vi.value(key));
        }
    }

    void worksBeforeTheApplicationExists()
    {
        QCOMPARE(m_viBeforeApplication, QStringLiteral("Không có lỗi."));
    }

    void messageFollowsTheUiLocale()
    {
        const QLocale saved;
        const Error e(ErrorCode::FeederEmpty);
        QLocale::setDefault(QLocale(QLocale::Vietnamese, QLocale::Vietnam));
        QCOMPARE(uiLanguage(), Language::Vietnamese);
        QVERIFY(Error::isUiLocaleVietnamese());
        QCOMPARE(e.message(), e.messageVi());
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France)); // anything else: English
        QCOMPARE(uiLanguage(), Language::English);
        QCOMPARE(e.message(), e.messageEn());
        QLocale::setDefault(saved);
    }

    void installedTranslatorServesTr()
    {
        const QLocale saved;
        const char *context = "sohoa::Error";
        const char *source = "No error.";
        QLocale::setDefault(QLocale(QLocale::Vietnamese, QLocale::Vietnam));
        QVERIFY(installTranslator());
        QCOMPARE(QCoreApplication::translate(context, source), QStringLiteral("Không có lỗi."));
        // The explicit language wins over what is installed.
        QCOMPARE(translated(Language::English, context, source), QStringLiteral("No error."));
        // Switching replaces the Vietnamese catalogue instead of stacking on it.
        QVERIFY(installTranslator(Language::English));
        QCOMPARE(QCoreApplication::translate(context, source), QStringLiteral("No error."));
        QVERIFY(installTranslator(Language::Vietnamese));
        QVERIFY(installTranslator(Language::Vietnamese));
        QCOMPARE(QCoreApplication::translate(context, source), QStringLiteral("Không có lỗi."));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(installTranslator());
        QCOMPARE(QCoreApplication::translate(context, source), QStringLiteral("No error."));
        QLocale::setDefault(saved);
    }

    void pluralNumberIsFilledIn()
    {
        // No translation: the source text, with %n as tr() would fill it in.
        const char *context = "sohoa::TestTranslations";
        QCOMPARE(translated(Language::English, context, "%n page(s) saved", nullptr, 3),
                 QStringLiteral("3 page(s) saved"));
        QCOMPARE(translated(Language::English, context, "%n page(s) saved"), QStringLiteral("%n page(s) saved"));
        QCOMPARE(translated(Language::Vietnamese, context, "%Ln pages, 100%", nullptr, 12345),
                 QLocale(QLocale::Vietnamese).toString(12345) + QStringLiteral(" pages, 100%"));
        QCOMPARE(translated(Language::English, context, "%Ln pages", nullptr, 12345), QStringLiteral("12,345 pages"));
    }

    // Jobs run on worker threads and build their errors there.
    void concurrentCallsAgree()
    {
        QList<QString> expectedVi, expectedEn;
        for (int c = int(ErrorCode::None); c <= int(ErrorCode::QrStampFailed); ++c) {
            expectedVi << Error(static_cast<ErrorCode>(c)).messageVi();
            expectedEn << Error(static_cast<ErrorCode>(c)).messageEn();
        }
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        threads.reserve(8);
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 300; ++i) {
                    const int c = (i + t) % int(expectedVi.size());
                    const Error e(static_cast<ErrorCode>(c));
                    if (e.messageVi() != expectedVi.at(c) || e.messageEn() != expectedEn.at(c))
                        ++wrong;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(wrong.load(), 0);
    }
};

int main(int argc, char **argv)
{
    // Before any QCoreApplication, as the CLI may ask: the explicit-language call must already work.
    const QString viBeforeApplication = translated(Language::Vietnamese, "sohoa::Error", "No error.");
    QCoreApplication app(argc, argv);
    TestTranslations test(viBeforeApplication);
    return QTest::qExec(&test, argc, argv);
}

#include "TestTranslations.moc"
