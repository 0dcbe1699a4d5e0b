#pragma once

// A small HTTP server of the tests for the multipart POST target, on loopback in a thread of its own
// (the test process waits on sohoa-cli meanwhile): it keeps what it received per Idempotency-Key —
// the first delivery's file part and how many requests came with the key — and can drop its answer to
// the first request after having stored it (the case a retried POST must not deliver twice).

#include <QHash>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>

namespace sohoa::test {

class PostServer : public QThread
{
public:
    ~PostServer() override
    {
        quit();
        wait();
    }

    bool start(quint16 port, bool dropFirstAnswer)
    {
        m_port = port;
        m_dropFirst = dropFirstAnswer;
        QThread::start();
        for (int i = 0; i < 200 && !m_listening; ++i)
            QThread::msleep(10);
        return m_listening;
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/nop-ho-so").arg(m_port); }

    struct Received
    {
        int requests = 0;   // with this key
        int deliveries = 0; // stored (a repeated key is answered, not stored again)
        QByteArray file;
        QHash<QString, QByteArray> fields;
    };
    QHash<QByteArray, Received> received() const
    {
        QMutexLocker lock(&m_mutex);
        return m_received;
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
                    const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                    if (headerEnd < 0)
                        return;
                    const QByteArray head = buffer->left(headerEnd);
                    qint64 length = 0;
                    QByteArray key, contentType;
                    for (const QByteArray &line : head.split('\n')) {
                        const QByteArray l = line.trimmed();
                        const qsizetype colon = l.indexOf(':');
                        if (colon < 0)
                            continue;
                        const QByteArray name = l.left(colon).trimmed().toLower();
                        const QByteArray value = l.mid(colon + 1).trimmed();
                        if (name == "content-length")
                            length = value.toLongLong();
                        else if (name == "idempotency-key")
                            key = value;
                        else if (name == "content-type")
                            contentType = value;
                    }
                    if (buffer->size() < headerEnd + 4 + length)
                        return;
                    const QByteArray body = buffer->mid(headerEnd + 4, length);
                    bool drop = false;
                    {
                        QMutexLocker lock(&m_mutex);
                        Received &r = m_received[key];
                        ++r.requests;
                        if (r.deliveries == 0) {
                            ++r.deliveries;
                            parse(contentType, body, r);
                            drop = m_dropFirst.exchange(false);
                        }
                    }
                    if (drop) {
                        s->abort(); // stored, but the client never hears so
                        return;
                    }
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                    s->disconnectFromHost();
                });
            }
        });
        m_listening = true;
        exec();
    }

private:
    static void parse(const QByteArray &contentType, const QByteArray &body, Received &r)
    {
        const qsizetype b = contentType.indexOf("boundary=");
        if (b < 0)
            return;
        QByteArray boundary = contentType.mid(b + 9);
        if (boundary.startsWith('"'))
            boundary = boundary.mid(1, boundary.size() - 2);
        const QByteArray delimiter = "--" + boundary;
        qsizetype pos = body.indexOf(delimiter);
        while (pos >= 0) {
            const qsizetype start = pos + delimiter.size() + 2;
            const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), start);
            if (next < 0)
                break;
            const QByteArray part = body.mid(start, next - start);
            const qsizetype split = part.indexOf("\r\n\r\n");
            const QByteArray headers = part.left(split);
            const QByteArray content = part.mid(split + 4);
            const qsizetype n = headers.indexOf("name=\"");
            const QByteArray name = n < 0 ? QByteArray() : headers.mid(n + 6, headers.indexOf('"', n + 6) - n - 6);
            if (name == "file")
                r.file = content;
            else
                r.fields.insert(QString::fromUtf8(name), content);
            pos = next + 2;
        }
    }

    quint16 m_port = 0;
    std::atomic<bool> m_listening{false};
    std::atomic<bool> m_dropFirst{false};
    mutable QMutex m_mutex;
    QHash<QByteArray, Received> m_received;
};

} // namespace sohoa::test
