#include "core/dossier/DossierCode.h"

#include <QTest>

using namespace sohoa;

class TestDossierCode : public QObject
{
    Q_OBJECT

private slots:
    void classify_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("form");
        const int P = int(DossierCode::Form::Provincial), N = int(DossierCode::Form::National),
                  F = int(DossierCode::Form::FreeForm), I = int(DossierCode::Form::Invalid);
        QTest::newRow("provincial example") << QStringLiteral("H15.50.05.13-261008-0975") << P;
        QTest::newRow("provincial corpus") << QStringLiteral("H39.67.26.37-261128-3112") << P;
        QTest::newRow("provincial long sequence") << QStringLiteral("H15.50.05.13-261008-097512") << P;
        QTest::newRow("national") << QStringLiteral("G01.123.45-261121-010975") << N;
        QTest::newRow("national digit agency") << QStringLiteral("000.001.12-250101-0512345") << N;
        QTest::newRow("bad month") << QStringLiteral("H15.50.05.13-261308-0975") << F;
        QTest::newRow("bad day") << QStringLiteral("H15.50.05.13-260231-0975") << F;
        QTest::newRow("short sequence") << QStringLiteral("H15.50.05.13-261008-097") << F;
        QTest::newRow("lower case") << QStringLiteral("h15.50.05.13-261008-0975") << F;
        QTest::newRow("national short seq") << QStringLiteral("G01.123.45-261121-01097") << F;
        QTest::newRow("free text") << QStringLiteral("Hồ sơ lưu trữ 2026") << F;
        QTest::newRow("empty") << QString() << I;
        QTest::newRow("slash") << QStringLiteral("a/b") << I;
        QTest::newRow("dot-dot") << QStringLiteral("..") << I;
        QTest::newRow("hidden") << QStringLiteral(".x") << I;
        QTest::newRow("newline") << QStringLiteral("a\nb") << I;
        QTest::newRow("padded") << QStringLiteral(" H15.50.05.13-261008-0975") << I;
    }
    void classify()
    {
        QFETCH(QString, code);
        QFETCH(int, form);
        QCOMPARE(int(DossierCode::classify(code)), form);
    }

    void freeFormNeedsTheFlag()
    {
        QVERIFY(!DossierCode::validate(QStringLiteral("ABC"), false));
        QCOMPARE(DossierCode::validate(QStringLiteral("ABC"), false).error().code(), ErrorCode::InvalidDossierCode);
        QVERIFY(DossierCode::validate(QStringLiteral("ABC"), true));
        QVERIFY(!DossierCode::validate(QStringLiteral("a/b"), true));
        QVERIFY(DossierCode::validate(QStringLiteral("H15.50.05.13-261008-0975"), false));
    }

    void receiptDate()
    {
        QCOMPARE(DossierCode::receiptDate(QStringLiteral("H15.50.05.13-261008-0975")), QDate(2026, 10, 8));
        QCOMPARE(DossierCode::receiptDate(QStringLiteral("G01.123.45-261121-010975")), QDate(2026, 11, 21));
        QVERIFY(!DossierCode::receiptDate(QStringLiteral("ABC")).isValid());
    }

    void findInReceiptUrl()
    {
        QCOMPARE(DossierCode::findIn(
                     QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975&x=1")),
                 QStringLiteral("H15.50.05.13-261008-0975"));
        QVERIFY(DossierCode::findIn(QStringLiteral("no code here 2026-11-21")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDossierCode)
#include "TestDossierCode.moc"
