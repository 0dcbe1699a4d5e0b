#include "core/common/Error.h"

#include <QMetaEnum>
#include <QSet>
#include <QTest>

using namespace sohoa;

class TestError : public QObject
{
    Q_OBJECT

private slots:
    void everyCodeHasBothLanguages()
    {
        QSet<QString> ids;
        for (int c = int(ErrorCode::None); c <= int(ErrorCode::StoreRebuildNotNeeded); ++c) {
            const Error e(static_cast<ErrorCode>(c), QStringLiteral("detail"));
            QVERIFY2(!e.messageEn().isEmpty(), qPrintable(e.id()));
            QVERIFY2(!e.messageVi().isEmpty(), qPrintable(e.id()));
            QVERIFY2(e.messageEn() != e.messageVi(), qPrintable(e.id()));
            // Internal is the fallback of unknown codes: only the code itself may map to "internal".
            if (static_cast<ErrorCode>(c) != ErrorCode::Internal)
                QVERIFY2(e.id() != u"internal", qPrintable(QString::number(c)));
            QVERIFY2(!ids.contains(e.id()), qPrintable(e.id()));
            ids.insert(e.id());
            if (c != int(ErrorCode::None)) {
                QVERIFY(e.isError());
                QVERIFY(e.fullText().contains(e.messageVi()));
                QVERIFY(e.fullText().contains(e.messageEn()));
                QVERIFY(e.fullText().contains(QStringLiteral("detail")));
            }
        }
    }

    // Errors cross signals (jobs' finished()): their codes are known to Qt's meta-object system.
    void codesAreQtEnums()
    {
        const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
        QVERIFY(codes.isValid());
        QCOMPARE(QByteArray(codes.valueToKey(int(ErrorCode::ScannerJammed))), QByteArray("ScannerJammed"));
        QCOMPARE(codes.keyToValue("PageNotFound"), int(ErrorCode::PageNotFound));
        QCOMPARE(codes.keyToValue("StoreIndexMissing"), int(ErrorCode::StoreIndexMissing));
    }

    void vietnameseIsRealVietnamese()
    {
        // Diacritics survive the UTF-8 table (a Latin-1 mistake would lose them).
        QVERIFY(Error(ErrorCode::ScannerJammed).messageVi().contains(QStringLiteral("kẹt")));
        QVERIFY(Error(ErrorCode::FeederEmpty).messageVi().contains(QStringLiteral("Khay nạp giấy đang trống")));
        QVERIFY(Error(ErrorCode::DiskFull).messageEn().contains(QStringLiteral("saved are kept")));
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "TestError.moc"
