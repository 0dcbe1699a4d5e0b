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
        // Every code Qt knows, the newest included (a bound named here would miss codes added after it).
        const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
        QVERIFY(codes.keyCount() > int(ErrorCode::QrTooDense));
        for (int c = int(ErrorCode::None); c < codes.keyCount(); ++c) {
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

    // What only this occurrence can say (its numbers) follows the code's sentence in each language, in
    // every form a face shows; the code's sentence and the detail are unchanged.
    void specificsFollowTheSentenceInEachLanguage()
    {
        const Error plain(ErrorCode::QrTooDense, QStringLiteral("detail"));
        const Error e =
            plain.withSpecifics(QStringLiteral("Mỗi ô vuông 0,11 mm."), QStringLiteral("Each square 0.11 mm."));
        QCOMPARE(e.code(), ErrorCode::QrTooDense);
        QCOMPARE(e.detail(), QStringLiteral("detail"));
        QCOMPARE(e.messageVi(), plain.messageVi() + QStringLiteral(" Mỗi ô vuông 0,11 mm."));
        QCOMPARE(e.messageEn(), plain.messageEn() + QStringLiteral(" Each square 0.11 mm."));
        QVERIFY(e.message() == e.messageVi() || e.message() == e.messageEn());
        QCOMPARE(e.fullText(), e.messageVi() + u'\n' + e.messageEn() + QStringLiteral("\n(detail)"));
        QVERIFY(plain.specificsEn().isEmpty() && plain.specificsVi().isEmpty());
    }

    // A usage error's own sentence, translated, its %N filled once (a value holding "%2" stays), said
    // after the code's sentence in each language and kept as the English detail for JSON, but not
    // printed a third time.
    void hintIsTranslatedAndFilledOnce()
    {
        const Error e = Error::withHint(ErrorCode::FileNotFound, "sohoa::files",
                                        QT_TRANSLATE_NOOP("sohoa::files", "%1 does not exist."),
                                        {QStringLiteral("/tmp/a%2b.pdf")});
        QCOMPARE(e.code(), ErrorCode::FileNotFound);
        QCOMPARE(e.specificsEn(), QStringLiteral("/tmp/a%2b.pdf does not exist."));
        QCOMPARE(e.specificsVi(), QStringLiteral("/tmp/a%2b.pdf không tồn tại."));
        QCOMPARE(e.detail(), e.specificsEn());
        QCOMPARE(e.messageVi(), Error::messageViOf(ErrorCode::FileNotFound) + QStringLiteral(" ") + e.specificsVi());
        QCOMPARE(e.fullText(), e.messageVi() + u'\n' + e.messageEn());
        QCOMPARE(e.fullText().count(QStringLiteral("does not exist.")), 1);
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "TestError.moc"
