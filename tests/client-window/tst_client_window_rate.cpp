// The rate: the logarithmic slider scale, the control that keeps slider, spin box and "max" in
// step, and the history the plot draws.
#include "rate_control.h"
#include "rate_history.h"
#include "rate_scale.h"
#include "rate_text.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>

using namespace prodcons::client;

class tst_ClientWindowRate : public QObject
{
    Q_OBJECT

private slots:
    void scaleCoversTheWholeRange()
    {
        QCOMPARE(RateScale::perMinuteAt(0), 1);
        QCOMPARE(RateScale::perMinuteAt(RateScale::kPositions), 1'000'000);
        QCOMPARE(RateScale::perMinuteAt(-5), 1);
        QCOMPARE(RateScale::perMinuteAt(RateScale::kPositions + 5), 1'000'000);
        QCOMPARE(RateScale::positionFor(1), 0);
        QCOMPARE(RateScale::positionFor(1'000'000), RateScale::kPositions);
        QCOMPARE(RateScale::positionFor(0), 0);                             // clamped
        QCOMPARE(RateScale::positionFor(5'000'000), RateScale::kPositions); // clamped
    }

    void scaleIsLogarithmic_data()
    {
        QTest::addColumn<qint64>("perMinute");
        QTest::addColumn<int>("position");
        QTest::newRow("10") << qint64(10) << RateScale::kPerDecade;
        QTest::newRow("100") << qint64(100) << 2 * RateScale::kPerDecade;
        QTest::newRow("1000") << qint64(1000) << 3 * RateScale::kPerDecade;
        QTest::newRow("10000") << qint64(10'000) << 4 * RateScale::kPerDecade;
        QTest::newRow("100000") << qint64(100'000) << 5 * RateScale::kPerDecade;
    }

    void scaleIsLogarithmic()
    {
        QFETCH(qint64, perMinute);
        QFETCH(int, position);
        QCOMPARE(RateScale::positionFor(perMinute), position);
        QCOMPARE(RateScale::perMinuteAt(position), perMinute);
    }

    // Every position gives a round value that maps back to about the same value, and values
    // never go down as the slider goes up.
    void scaleRoundTripsAndIsMonotonic()
    {
        qint64 previous = 0;
        for (int position = 0; position <= RateScale::kPositions; ++position) {
            const qint64 value = RateScale::perMinuteAt(position);
            QVERIFY2(value >= previous, qPrintable(QString::number(position)));
            previous = value;
            if (value >= 100) {
                // two significant figures
                qint64 v = value;
                while (v >= 100) {
                    QCOMPARE(v % 10, 0);
                    v /= 10;
                }
            }
            // The slider set to the value's position shows (nearly) the same value.
            const qint64 back = RateScale::perMinuteAt(RateScale::positionFor(value));
            QVERIFY2(std::abs(back - value) <= std::max<qint64>(1, value * 25 / 1000),
                     qPrintable(QStringLiteral("%1 -> %2").arg(value).arg(back)));
        }
        QCOMPARE(RateScale::perMinuteAt(RateScale::positionFor(120)), 120);
        QCOMPARE(RateScale::perMinuteAt(RateScale::positionFor(6000)), 6000);
    }

    void sliderMovesTheSpinBoxAndSaysSo()
    {
        RateControl control;
        QSignalSpy changed(&control, &RateControl::rateChanged);
        control.slider()->setValue(RateScale::positionFor(6000));
        QCOMPARE(control.spinBox()->value(), 6000);
        QCOMPARE(control.rate(), Rate::perMinute(6000));
        QCOMPARE(changed.count(), 1);
    }

    void typedValueMovesTheSliderAndStaysExact()
    {
        RateControl control;
        QSignalSpy changed(&control, &RateControl::rateChanged);
        control.spinBox()->setValue(123); // not a round slider value
        QCOMPARE(control.rate(), Rate::perMinute(123));
        QCOMPARE(control.slider()->value(), RateScale::positionFor(123));
        QCOMPARE(control.spinBox()->value(), 123); // the slider did not round it
        QCOMPARE(changed.count(), 1);
    }

    void maxIsUnthrottledAndDisablesTheScale()
    {
        RateControl control;
        control.setRate(Rate::perMinute(500));
        QSignalSpy changed(&control, &RateControl::rateChanged);
        control.maxBox()->setChecked(true);
        QVERIFY(control.rate().isUnthrottled());
        QVERIFY(!control.slider()->isEnabled());
        QVERIFY(!control.spinBox()->isEnabled());
        control.maxBox()->setChecked(false);
        QCOMPARE(control.rate(), Rate::perMinute(500)); // back to the value it had
        QCOMPARE(changed.count(), 2);
    }

    void setRateShowsWithoutSaying()
    {
        RateControl control;
        QSignalSpy changed(&control, &RateControl::rateChanged);
        control.setRate(Rate::perMinute(42'000));
        QCOMPARE(control.spinBox()->value(), 42'000);
        QCOMPARE(control.slider()->value(), RateScale::positionFor(42'000));
        control.setRate(Rate::unthrottled());
        QVERIFY(control.maxBox()->isChecked());
        QCOMPARE(changed.count(), 0);
    }

    void stepDecadesIsTenTimes()
    {
        RateControl control;
        control.setRate(Rate::perMinute(120));
        QSignalSpy changed(&control, &RateControl::rateChanged);
        control.stepDecades(1);
        QCOMPARE(control.rate(), Rate::perMinute(1200));
        control.stepDecades(-2);
        QCOMPARE(control.rate(), Rate::perMinute(12));
        control.setRate(Rate::perMinute(500'000));
        control.stepDecades(1);
        QCOMPARE(control.rate(), Rate::perMinute(1'000'000)); // clamped at the top
        QCOMPARE(changed.count(), 3);
    }

    void historyKeepsTheLastMinute()
    {
        RateHistory history(60'000);
        for (qint64 t = 0; t <= 120'000; t += 500)
            history.add(t, double(t) / 1000.0);
        QCOMPARE(history.samples().front().msecs, 60'000);
        QCOMPARE(history.samples().back().msecs, 120'000);
        QCOMPARE(history.samples().size(), size_t(121));
        QCOMPARE(history.peak(), 120.0);
        history.add(120'500, -3); // a rate is never negative
        QCOMPARE(history.samples().back().perMinute, 0.0);
        history.clear();
        QCOMPARE(history.peak(), 0.0);
        QCOMPARE(history.latestMsecs(), 0);
    }

    void rateTexts()
    {
        QLocale::setDefault(QLocale::c());
        QCOMPARE(perMinuteText(2.54), QStringLiteral("2.5/min"));
        QCOMPARE(perMinuteText(119.6), QStringLiteral("120/min"));
        QCOMPARE(setRateText(Rate::unthrottled()), QStringLiteral("max"));
        QCOMPARE(setRateText(Rate::perMinute(600)), QStringLiteral("600/min"));
    }
};

QTEST_MAIN(tst_ClientWindowRate)
#include "tst_client_window_rate.moc"
