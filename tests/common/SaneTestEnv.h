#pragma once

// A private SANE configuration with only the `test` and `pnm` virtual backends, made before SANE
// is initialised in this process (SANE reads SANE_CONFIG_DIR once, in sane_init).
// Without a copy of test.conf every scan of the test backend is 1×1 pixel; geometry is raised so
// that A4 (210×297 mm) fits.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>

namespace sohoa::test {

class SaneTestEnv
{
public:
    // `devices`: how many `test:N` devices the backend offers (one per concurrent scanner a test runs).
    explicit SaneTestEnv(int devices = 2)
    {
        if (!m_dir.isValid())
            qFatal("cannot create a temporary SANE_CONFIG_DIR");
        writeFile(QStringLiteral("dll.conf"), "test\npnm\n");
        QFile src(QStringLiteral("/etc/sane.d/test.conf"));
        if (!src.open(QIODevice::ReadOnly))
            qFatal("/etc/sane.d/test.conf is missing: install the libsane1 / sane-utils packages");
        QByteArray conf;
        const auto lines = src.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("geometry_max"))
                conf += "geometry_max 400.0\n";
            else if (line.startsWith("br_x"))
                conf += "br_x 210.0\n";
            else if (line.startsWith("br_y"))
                conf += "br_y 297.0\n";
            else if (line.startsWith("number_of_devices"))
                conf += "number_of_devices " + QByteArray::number(devices) + '\n';
            else
                conf += line + '\n';
        }
        writeFile(QStringLiteral("test.conf"), conf);
        qputenv("SANE_CONFIG_DIR", m_dir.path().toLocal8Bit());
    }

    QString configDir() const { return m_dir.path(); }

private:
    void writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            qFatal("cannot write SANE test configuration");
    }

    QTemporaryDir m_dir;
};

} // namespace sohoa::test
