#pragma once

// Runs sohoa-cli and the independent checkers (qpdf, pdfinfo, pdfimages, ...) for tests.

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

namespace sohoa::test {

struct ToolResult
{
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QString out;
    QString err;

    QStringList lines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
    QList<QJsonObject> json() const
    {
        QList<QJsonObject> objects;
        for (const QString &line : lines()) {
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
            if (doc.isObject())
                objects.append(doc.object());
        }
        return objects;
    }
    QList<QJsonObject> events(const QString &kind) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : json())
            if (o.value(QStringLiteral("event")).toString() == kind)
                out.append(o);
        return out;
    }
    QString describe() const
    {
        return QStringLiteral("exit %1%2\n--- stdout\n%3\n--- stderr\n%4")
            .arg(exitCode)
            .arg(crashed    ? QStringLiteral(" (crashed)")
                 : timedOut ? QStringLiteral(" (timed out)")
                            : QString())
            .arg(out.left(4000), err.left(4000));
    }
};

inline ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    ToolResult r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("cannot start ") + program;
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

inline ToolResult runCli(const QStringList &args, int timeoutMs = 120000)
{
    return runTool(QStringLiteral(SOHOA_CLI_PATH), args, timeoutMs);
}

// One row of `pdffonts PDF`: the font's name (with its subset tag, "ABCDEF+Name") and the emb, sub
// and uni columns.
struct PdfFontRow
{
    QString name;
    bool embedded = false;
    bool subset = false;
    bool unicode = false;
};

inline QList<PdfFontRow> pdfFonts(const QString &pdf)
{
    QList<PdfFontRow> rows;
    const ToolResult r = runTool(QStringLiteral("pdffonts"), {pdf});
    for (const QString &line : r.lines().mid(2)) { // a header line and a rule
        const QStringList t = line.split(u' ', Qt::SkipEmptyParts);
        if (t.size() < 7) // name, type (one or more words), encoding, emb, sub, uni, object, generation
            continue;
        const auto yes = [&](qsizetype fromEnd) {
            return t.at(t.size() - fromEnd) == u"yes";
        };
        rows.append(PdfFontRow{t.constFirst(), yes(5), yes(4), yes(3)});
    }
    return rows;
}

// A checker we did not write must be present: a missing one fails the test loudly.
#define SOHOA_REQUIRE_TOOL(name)                                                                                       \
    do {                                                                                                               \
        if (QStandardPaths::findExecutable(QStringLiteral(name)).isEmpty())                                            \
            QFAIL("required tool '" name "' is not installed (scripts/install-deps.sh test installs it)");             \
    } while (false)

// Sets an environment variable for the life of the object (and for the CLI processes started while
// it lives).
class ScopedEnv
{
public:
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name) { qputenv(name, value); }
    ~ScopedEnv() { qunsetenv(m_name); }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
};

} // namespace sohoa::test
