#pragma once

// A minimal RFC 3161 time-stamping server on 127.0.0.1 for tests: plain sockets on a std::thread
// (the client under test blocks, so the server must not need the test's event loop), answers
// made with OpenSSL's TS_RESP_CTX.

#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace sohoa::test {

class TsaServer
{
public:
    enum class Mode
    {
        Grant,
        GrantChunked,
        Http500,
        Reject,
        Garbage,
        Silent, // reads the query and never answers (holds the connection up to 2 s)
    };

    TsaServer();
    ~TsaServer();

    // PEM files: TSA key and certificate, and the chain to include.
    bool start(const QString &keyPem, const QString &certPem, const QString &chainPem, QString *error);
    quint16 port() const { return m_port; }
    void setMode(Mode mode) { m_mode = mode; }
    int requestsServed() const { return m_served; }

private:
    struct Pki;
    void serve();
    void handle(int fd);
    QByteArray answer(const QByteArray &query);

    std::unique_ptr<Pki> m_pki;
    int m_listenFd = -1;
    quint16 m_port = 0;
    std::atomic<Mode> m_mode{Mode::Grant};
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_served{0};
    std::thread m_thread;
};

} // namespace sohoa::test
