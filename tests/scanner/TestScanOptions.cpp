#include "ScannerTestSupport.h"

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// Typed options made from the `test` backend's descriptors.
class TestScanOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typesUnitsAndConstraints_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("unit");
        QTest::addColumn<int>("constraint");
        QTest::addColumn<bool>("active");
        QTest::newRow("mode") << "mode" << int(OptionType::String) << int(OptionUnit::None)
                              << int(OptionConstraint::List) << true;
        QTest::newRow("depth") << "depth" << int(OptionType::Int) << int(OptionUnit::None)
                               << int(OptionConstraint::List) << true;
        QTest::newRow("hand-scanner") << "hand-scanner" << int(OptionType::Bool) << int(OptionUnit::None)
                                      << int(OptionConstraint::None) << true;
        QTest::newRow("three-pass") << "three-pass" << int(OptionType::Bool) << int(OptionUnit::None)
                                    << int(OptionConstraint::None) << false;
        QTest::newRow("tl-x") << "tl-x" << int(OptionType::Fixed) << int(OptionUnit::Mm) << int(OptionConstraint::Range)
                              << true;
        QTest::newRow("read-delay-duration") << "read-delay-duration" << int(OptionType::Int)
                                             << int(OptionUnit::Microsecond) << int(OptionConstraint::Range) << false;
        QTest::newRow("print-options") << "print-options" << int(OptionType::Button) << int(OptionUnit::None)
                                       << int(OptionConstraint::None) << true;
    }
    void typesUnitsAndConstraints()
    {
        QFETCH(QString, name);
        QFETCH(int, type);
        QFETCH(int, unit);
        QFETCH(int, constraint);
        QFETCH(bool, active);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanOption *opt = dev->option(name);
        QVERIFY(opt);
        QCOMPARE(int(opt->type()), type);
        QCOMPARE(int(opt->unit()), unit);
        QCOMPARE(int(opt->constraint()), constraint);
        QCOMPARE(opt->isActive(), active);
        QVERIFY(!opt->title().isEmpty());
        QVERIFY(dev->options().contains(opt));
    }

    void listsAndRanges()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        QCOMPARE(dev->option(QStringLiteral("mode"))->allowedValues(),
                 (QVariantList{QStringLiteral("Gray"), QStringLiteral("Color")}));
        QCOMPARE(dev->option(QStringLiteral("depth"))->allowedValues(), (QVariantList{1, 8, 16}));
        QCOMPARE(dev->option(QStringLiteral("mode"))->value().toString(), QStringLiteral("Gray"));
        const ScanOption *tlx = dev->option(QStringLiteral("tl-x"));
        QCOMPARE(tlx->rangeMin(), 0.0);
        QCOMPARE(tlx->rangeMax(), 400.0); // raised by SaneTestEnv
        const ScanOption *res = dev->option(QStringLiteral("resolution"));
        QCOMPARE(res->unit(), OptionUnit::Dpi);
        QCOMPARE(res->rangeMin(), 1.0);
        QCOMPARE(res->rangeMax(), 1200.0);
        QCOMPARE(dev->option(QStringLiteral("br-y"))->value().toDouble(), 297.0);
    }

    void arrayOptionsAreRead()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        const ScanOption *gamma = dev->option(QStringLiteral("red-gamma-table"));
        QVERIFY(gamma);
        QVERIFY(gamma->isAdvanced());
        QVERIFY(gamma->valueCount() > 1);
        const QVariantList values = gamma->value().toList();
        QCOMPARE(values.size(), gamma->valueCount());
    }

    void inactiveOptionIsRefused()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        auto r = dev->option(QStringLiteral("three-pass"))->setValue(true);
        QCOMPARE(r.error().code(), ErrorCode::OptionInactive);
        QCOMPARE(dev->setOption(QStringLiteral("three-pass"), QStringLiteral("yes")).error().code(),
                 ErrorCode::OptionInactive);
    }

    void readOnlyOptionIsRefused()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        CHECK_OK(dev->setOption(QStringLiteral("enable-test-options"), QStringLiteral("yes")));
        ScanOption *opt = dev->option(QStringLiteral("bool-soft-detect"));
        QVERIFY(opt);
        QVERIFY(opt->isActive());
        QVERIFY(!opt->isSettable());
        QCOMPARE(opt->setValue(true).error().code(), ErrorCode::OptionReadOnly);
    }

    void invalidValuesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("not in string list") << "mode"
                                            << "Sepia";
        QTest::newRow("not in word list") << "depth"
                                          << "4";
        QTest::newRow("above range") << "resolution"
                                     << "5000";
        QTest::newRow("not a number") << "tl-x"
                                      << "wide";
        QTest::newRow("not a bool") << "hand-scanner"
                                    << "maybe";
    }
    void invalidValuesAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        QCOMPARE(dev->setOption(name, value).error().code(), ErrorCode::OptionInvalidValue);
    }

    void unknownOptionIsNotFound()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        QCOMPARE(dev->setOption(QStringLiteral("no-such-option"), QStringLiteral("1")).error().code(),
                 ErrorCode::OptionNotFound);
    }

    void setFromString_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("bool yes") << "hand-scanner"
                                  << "yes" << QVariant(true);
        QTest::newRow("bool true") << "hand-scanner"
                                   << "TRUE" << QVariant(true);
        QTest::newRow("bool 1") << "hand-scanner"
                                << "1" << QVariant(true);
        QTest::newRow("bool no") << "hand-scanner"
                                 << "no" << QVariant(false);
        QTest::newRow("bool 0") << "hand-scanner"
                                << "0" << QVariant(false);
        QTest::newRow("int") << "depth"
                             << "16" << QVariant(16);
        QTest::newRow("fixed") << "br-x"
                               << "150.0" << QVariant(150.0);
        QTest::newRow("string list, any case") << "test-picture"
                                               << "color PATTERN" << QVariant(QStringLiteral("Color pattern"));
    }
    void setFromString()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(QVariant, expected);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        CHECK_OK(dev->setOption(name, text));
        const QVariant v = dev->option(name)->value();
        if (expected.metaType().id() == QMetaType::Double)
            QCOMPARE(v.toDouble(), expected.toDouble());
        else
            QCOMPARE(v, expected);
    }

    void modeChangeReloadsOptions()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanOption *threePass = dev->option(QStringLiteral("three-pass"));
        QVERIFY(!threePass->isActive());
        CHECK_OK(dev->setOption(QStringLiteral("mode"), QStringLiteral("color")));
        QCOMPARE(dev->option(QStringLiteral("mode"))->value().toString(), QStringLiteral("Color"));
        QCOMPARE(dev->option(QStringLiteral("three-pass")), threePass); // same object, refreshed
        QVERIFY(threePass->isActive());
        CHECK_OK(threePass->setValue(true));
        QVERIFY(dev->option(QStringLiteral("three-pass-order"))->isActive());
    }
};

SOHOA_REGISTER_TEST(TestScanOptions);
#include "TestScanOptions.moc"
