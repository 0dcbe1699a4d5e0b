// tsa_responder KEY.pem CERT.pem CHAIN.pem [MODE]: an RFC 3161 time-stamping server on 127.0.0.1
// (tests/signing_cms/TsaServer) for CLI tests. Prints "PORT <n>" on stdout once listening, then
// serves until its standard input is closed (or it is killed). MODE: grant (default), http500,
// reject, garbage, silent.

#include "TsaServer.h"

#include <QString>

#include <cstdio>
#include <cstring>

#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        (void)std::fprintf(stderr,
                           "usage: tsa_responder KEY.pem CERT.pem CHAIN.pem [grant|http500|reject|garbage|silent]\n");
        return 2;
    }
    using Mode = sohoa::test::TsaServer::Mode;
    Mode mode = Mode::Grant;
    if (argc > 4) {
        const char *m = argv[4];
        if (std::strcmp(m, "http500") == 0)
            mode = Mode::Http500;
        else if (std::strcmp(m, "reject") == 0)
            mode = Mode::Reject;
        else if (std::strcmp(m, "garbage") == 0)
            mode = Mode::Garbage;
        else if (std::strcmp(m, "silent") == 0)
            mode = Mode::Silent;
        else if (std::strcmp(m, "grant") != 0) {
            (void)std::fprintf(stderr, "unknown mode %s\n", m);
            return 2;
        }
    }
    sohoa::test::TsaServer server;
    server.setMode(mode);
    QString error;
    if (!server.start(QString::fromLocal8Bit(argv[1]), QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                      &error)) {
        (void)std::fprintf(stderr, "tsa_responder: %s\n", error.toLocal8Bit().constData());
        return 1;
    }
    // The test reads the port from this line: without it, there is no responder to speak of.
    if (std::printf("PORT %u\n", unsigned(server.port())) < 0 || std::fflush(stdout) != 0)
        return 1;
    char buffer[256];
    while (::read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
    }
    (void)std::fprintf(stderr, "tsa_responder: served %d request(s)\n", server.requestsServed());
    return 0;
}
