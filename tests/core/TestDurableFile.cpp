#include "core/common/DurableFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

using namespace sohoa;

class TestDurableFile : public QObject
{
    Q_OBJECT

private slots:
    void writesCompleteFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.bin"));
        QByteArray data(3 * 1024 * 1024 + 17, 'x'); // larger than the internal buffer
        data[5] = 'y';
        QVERIFY(writeFileDurably(path, data));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), data);
        // No temporary left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void neverOverwritesUnlessAsked()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.bin"));
        QVERIFY(writeFileDurably(path, "first"));
        auto r = writeFileDurably(path, "second");
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::OutputExists);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("first"));
        f.close();
        QVERIFY(writeFileDurably(path, "second", true));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("second"));
    }

    void fileCreatedAfterOpenIsNotReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("race.bin"));
        AtomicFileWriter w(path);
        QVERIFY(w.open());
        QVERIFY(w.write(QByteArray("ours")));
        {
            QFile other(path);
            QVERIFY(other.open(QIODevice::WriteOnly));
            other.write("theirs");
        }
        auto r = w.commit();
        QCOMPARE(r.error().code(), ErrorCode::OutputExists);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("theirs"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void discardLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("b.bin"));
        {
            AtomicFileWriter w(path);
            QVERIFY(w.open());
            QVERIFY(AtomicFileWriter::isTemporaryName(QFileInfo(w.temporaryPath()).fileName()));
            QVERIFY(QFile::exists(w.temporaryPath()));
            QVERIFY(w.write(QByteArray("partial")));
        } // destroyed without commit
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void errnoIsTyped()
    {
        QCOMPARE(errorFromErrno(ENOSPC, ErrorCode::FileWriteFailed, QStringLiteral("x")).code(), ErrorCode::DiskFull);
        QCOMPARE(errorFromErrno(EACCES, ErrorCode::FileWriteFailed, QStringLiteral("x")).code(),
                 ErrorCode::FileWriteFailed);
    }

    void unwritableFolderIsTyped()
    {
        if (::geteuid() == 0)
            QSKIP("running as root: permissions are not enforced");
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        auto r = writeFileDurably(dir.filePath(QStringLiteral("c.bin")), "x");
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(r.error().code(), ErrorCode::FileWriteFailed);
    }

    void makesNestedFolders()
    {
        QTemporaryDir dir;
        const QString nested = dir.filePath(QStringLiteral("a/b/Thành phần"));
        QVERIFY(makeDirectoryDurably(nested));
        QVERIFY(QFileInfo(nested).isDir());
        QVERIFY(makeDirectoryDurably(nested)); // idempotent
    }

    // Files and folders get what the umask allows, as with open() and mkdir(): 077 makes a store private
    // to its user, 022 readable by others (the default), 002 shared with a group.
    void modesFollowTheUmask_data()
    {
        QTest::addColumn<int>("mask");
        QTest::addColumn<int>("fileMode");
        QTest::addColumn<int>("dirMode");
        QTest::newRow("077") << 077 << 0600 << 0700;
        QTest::newRow("022") << 022 << 0644 << 0755;
        QTest::newRow("002") << 002 << 0664 << 0775;
    }
    void modesFollowTheUmask()
    {
        QFETCH(int, mask);
        QFETCH(int, fileMode);
        QFETCH(int, dirMode);
        QTemporaryDir dir;
        const mode_t before = ::umask(mode_t(mask));
        const QString folder = dir.filePath(QStringLiteral("hồ sơ"));
        const bool made = bool(makeDirectoryDurably(folder));
        const bool written = bool(writeFileDurably(folder + QStringLiteral("/0001.jpg"), QByteArray("page")));
        ::umask(before);
        QVERIFY(made && written);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(folder + QStringLiteral("/0001.jpg")).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), fileMode);
        QCOMPARE(::stat(QFile::encodeName(folder).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), dirMode);
    }
};

QTEST_GUILESS_MAIN(TestDurableFile)
#include "TestDurableFile.moc"
