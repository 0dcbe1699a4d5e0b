#pragma once

// A private X server (Xvfb) for tests that need a real display, real focus and real key presses
// (xdotool), as an officer's keyboard would give them. The test fails loudly when Xvfb or xdotool is
// missing (scripts/install-deps.sh installs both).

#include "ToolRunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

namespace sohoa::test {

class XvfbSession
{
public:
    XvfbSession()
    {
        for (int n = 91; n < 160; ++n) {
            if (QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)))
                continue;
            m_server.start(QStringLiteral("Xvfb"), {QStringLiteral(":%1").arg(n), QStringLiteral("-screen"),
                                                    QStringLiteral("0"), QStringLiteral("1280x900x24"),
                                                    QStringLiteral("-nolisten"), QStringLiteral("tcp")});
            if (!m_server.waitForStarted(5000))
                return;
            const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(n);
            if (QTest::qWaitFor([&] { return QFile::exists(socket) || m_server.state() != QProcess::Running; }, 10000) &&
                m_server.state() == QProcess::Running) {
                m_display = QStringLiteral(":%1").arg(n);
                return;
            }
        }
    }
    ~XvfbSession()
    {
        if (m_server.state() == QProcess::Running) {
            m_server.terminate();
            if (!m_server.waitForFinished(5000))
                m_server.kill();
            m_server.waitForFinished(5000);
        }
    }

    bool isRunning() const { return !m_display.isEmpty(); }
    const QString &display() const { return m_display; }

    // xdotool on this display.
    ToolResult xdotool(const QStringList &args, int timeoutMs = 30000) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), m_display);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("xdotool"), args);
        ToolResult r;
        if (!p.waitForStarted(5000))
            return r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            r.timedOut = true;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private:
    QProcess m_server;
    QString m_display;
};

} // namespace sohoa::test
