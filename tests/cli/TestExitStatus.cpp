// sohoa-cli's exit statuses are a contract with scripts: every error has one, never 0, by category.

#include "app/cli/ExitStatus.h"

#include <QMetaEnum>
#include <QTest>

using namespace sohoa;

class TestExitStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyErrorHasANonZeroStatus()
    {
        // Every code Qt knows (values are consecutive from None), the newest included.
        const int count = QMetaEnum::fromType<ErrorCode>().keyCount();
        QVERIFY(count > int(ErrorCode::QrTooDense));
        for (int c = int(ErrorCode::None) + 1; c < count; ++c) {
            const int status = cli::exitStatus(Error(static_cast<ErrorCode>(c)));
            QVERIFY2(QList<int>({2, 3, 4, 5, 6, 7, 8, 70, 130}).contains(status), qPrintable(Error::idOf(ErrorCode(c))));
        }
        QCOMPARE(cli::exitStatus(Error()), 0);
    }

    void categories_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("usage") << ErrorCode::InvalidArgument << 2;
        QTest::newRow("bad dossier code") << ErrorCode::InvalidDossierCode << 2;
        QTest::newRow("QR code too dense") << ErrorCode::QrTooDense << 2;
        QTest::newRow("scanner") << ErrorCode::ScannerJammed << 3;
        QTest::newRow("store") << ErrorCode::DiskFull << 4;
        QTest::newRow("store too new") << ErrorCode::StoreTooNew << 4;
        QTest::newRow("no store at the path") << ErrorCode::StoreNotFound << 4;
        QTest::newRow("store index missing") << ErrorCode::StoreIndexMissing << 4;
        QTest::newRow("store read-only") << ErrorCode::StoreReadOnly << 4;
        QTest::newRow("store needs upgrade") << ErrorCode::StoreNeedsUpgrade << 4;
        QTest::newRow("rebuild of a healthy index without --force") << ErrorCode::StoreRebuildNotNeeded << 2;
        QTest::newRow("output") << ErrorCode::OutputExists << 5;
        QTest::newRow("input pdf") << ErrorCode::PdfEncrypted << 6;
        QTest::newRow("certifying a signed pdf") << ErrorCode::PdfAlreadySigned << 6;
        QTest::newRow("key") << ErrorCode::WrongPin << 7;
        QTest::newRow("preview of a hostile pdf") << ErrorCode::PreviewTimedOut << 6;
        QTest::newRow("preview page out of range") << ErrorCode::PreviewPageOutOfRange << 2;
        QTest::newRow("preview helper missing") << ErrorCode::PreviewHelperMissing << 70;
        QTest::newRow("delivery, transient") << ErrorCode::UploadUnreachable << 8;
        QTest::newRow("delivery, refused") << ErrorCode::UploadUnauthorized << 8;
        QTest::newRow("no such upload target") << ErrorCode::TargetNotFound << 2;
        QTest::newRow("internal") << ErrorCode::Internal << 70;
        QTest::newRow("cancelled, as after SIGINT") << ErrorCode::Cancelled << 130;
    }
    void categories()
    {
        QFETCH(ErrorCode, code);
        QFETCH(int, status);
        QCOMPARE(cli::exitStatus(Error(code)), status);
    }
};

QTEST_GUILESS_MAIN(TestExitStatus)
#include "TestExitStatus.moc"
