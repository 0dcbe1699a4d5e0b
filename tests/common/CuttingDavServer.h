#pragma once

// A WebDAV server of the tests that speaks just enough for delivery (HEAD, GET, MKCOL, PUT with
// If-None-Match: *), on loopback in a thread of its own (the test process waits on sohoa-cli
// meanwhile), and that closes the connection halfway through the body of its first PUTs: the cut
// transfer a flaky network or a restarting server leaves. A body is kept in memory until it is
// complete and only then written (QSaveFile: a temporary renamed into place), so a cut PUT leaves
// nothing in the tree; what was cut and what was stored is counted.

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <atomic>

namespace sohoa::test {

class CuttingDavServer : public QThread
{
public:
    ~CuttingDavServer() override
    {
        quit();
        wait();
    }

    // Serves the folder `root`; the first `cutPuts` PUTs are cut once half their body has come (a body
    // that comes whole in one read is not: give it a few megabytes).
    bool start(const QString &root, quint16 port, int cutPuts)
    {
        m_root = QDir(root).absolutePath();
        m_port = port;
        m_cutsLeft = cutPuts;
        m_clock.start();
        QThread::start();
        for (int i = 0; i < 200 && !m_listening; ++i)
            QThread::msleep(10);
        return m_listening;
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_port); }

    int cutPuts() const { return m_cut; }
    int storedPuts() const { return m_stored; }
    // Every PUT cut or answered (stored or refused).
    int puts() const { return m_puts; }
    // What was asked and answered, one line a request with its time since start() ("HEAD 404 /in/a.pdf",
    // "PUT cut /in/a.pdf after 2097152 bytes"), for a failure's message.
    QString journal() const
    {
        QMutexLocker lock(&m_mutex);
        return QString::fromUtf8(m_journal);
    }

protected:
    void run() override
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, m_port))
            return;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                auto *buffer = new QByteArray;
                QObject::connect(s, &QTcpSocket::disconnected, s, [s, buffer] {
                    delete buffer;
                    s->deleteLater();
                });
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    buffer->append(s->readAll());
                    // Requests on a kept-alive connection, one after the other.
                    while (s->state() == QAbstractSocket::ConnectedState && serveOne(s, buffer)) {
                    }
                });
            }
        });
        m_listening = true;
        exec();
    }

private:
    struct Request
    {
        QByteArray method;
        QString path; // decoded, "/"-rooted
        qint64 length = 0;
        bool createOnly = false;
        qsizetype bodyStart = 0;
    };

    // Serves the request at the front of `buffer` once it has come whole; false when more must come.
    bool serveOne(QTcpSocket *s, QByteArray *buffer)
    {
        const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return false;
        Request r;
        r.bodyStart = headerEnd + 4;
        const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        r.method = requestLine.value(0);
        r.path = QUrl::fromPercentEncoding(requestLine.value(1));
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                r.length = value.toLongLong();
            else if (name == "if-none-match")
                r.createOnly = value == "*";
        }
        const qint64 have = buffer->size() - r.bodyStart;
        // Once half the body is here (a fast client's whole body may come in one read: it is cut all the
        // same, before an answer).
        if (r.method == "PUT" && have >= r.length / 2 && m_cutsLeft > 0) {
            --m_cutsLeft;
            ++m_cut;
            ++m_puts;
            note("PUT cut " + r.path.toUtf8() + " after " + QByteArray::number(have) + " bytes");
            s->abort(); // the rest of the body is never read, nothing is stored
            return false;
        }
        if (have < r.length)
            return false;
        const QByteArray body = buffer->mid(r.bodyStart, r.length);
        buffer->remove(0, r.bodyStart + r.length);
        const Answer a = answer(r, body);
        note(r.method + ' ' + a.status.left(3) + ' ' + r.path.toUtf8());
        s->write("HTTP/1.1 " + a.status + "\r\nContent-Length: " +
                 QByteArray::number(a.length < 0 ? a.body.size() : a.length) + "\r\n\r\n" + a.body);
        return true;
    }

    struct Answer
    {
        QByteArray status;
        QByteArray body;
        qint64 length = -1; // -1: the body's; a HEAD's is the size of what a GET would send
    };

    Answer answer(const Request &r, const QByteArray &body)
    {
        const QString local = localPath(r.path);
        if (local.isEmpty())
            return {"400 Bad Request"};
        const QFileInfo info(local);
        if (r.method == "HEAD") {
            if (!info.isFile())
                return {"404 Not Found"};
            return {"200 OK", {}, info.size()};
        }
        if (r.method == "GET") {
            QFile f(local);
            if (!info.isFile() || !f.open(QIODevice::ReadOnly))
                return {"404 Not Found"};
            return {"200 OK", f.readAll()};
        }
        if (r.method == "MKCOL") {
            if (info.exists())
                return {"405 Method Not Allowed"};
            if (!QFileInfo(info.absolutePath()).isDir())
                return {"409 Conflict"};
            return {QDir().mkdir(local) ? "201 Created" : "500 Internal Server Error"};
        }
        if (r.method == "PUT") {
            ++m_puts;
            if (!info.absoluteDir().exists())
                return {"409 Conflict"};
            if (r.createOnly && info.exists())
                return {"412 Precondition Failed"};
            QSaveFile f(local);
            if (!f.open(QIODevice::WriteOnly) || f.write(body) != body.size() || !f.commit())
                return {"500 Internal Server Error"};
            ++m_stored;
            return {"201 Created"};
        }
        return {"405 Method Not Allowed"};
    }

    // The file a request path names below the root, or "" for one that would leave it.
    QString localPath(const QString &path) const
    {
        const QString clean = QDir::cleanPath(path);
        if (!clean.startsWith(u'/') || clean.contains(QStringLiteral("/..")))
            return {};
        return m_root + clean;
    }

    void note(const QByteArray &line)
    {
        QMutexLocker lock(&m_mutex);
        m_journal += QByteArray::number(m_clock.elapsed()).rightJustified(6) + " ms  " + line + '\n';
    }

    QString m_root;
    quint16 m_port = 0;
    std::atomic<bool> m_listening{false};
    std::atomic<int> m_cutsLeft{0};
    std::atomic<int> m_cut{0};
    std::atomic<int> m_stored{0};
    std::atomic<int> m_puts{0};
    mutable QMutex m_mutex;
    QByteArray m_journal;
    QElapsedTimer m_clock;
};

} // namespace sohoa::test
