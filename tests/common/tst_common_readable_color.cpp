// readableOn: the windows' state colours keep WCAG AA contrast (4.5) on light and dark
// palettes, without changing hue, and are left alone where they already read well.
#include "readable_color.h"

#include <QTest>

using namespace prodcons::common;

class tst_CommonReadableColor : public QObject
{
    Q_OBJECT

private slots:
    void contrastIsTheWcagRatio()
    {
        QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white)), 21);
        QCOMPARE(contrastRatio(Qt::white, Qt::black), contrastRatio(Qt::black, Qt::white));
        QCOMPARE(contrastRatio(QColor(0x33, 0x66, 0x99), QColor(0x33, 0x66, 0x99)), 1.0);
    }

    void stateColoursBecomeReadable_data()
    {
        QTest::addColumn<QColor>("colour");
        QTest::addColumn<QColor>("background");
        // The windows' greens, oranges, reds and blues, on Breeze Dark's and Adwaita dark's
        // view backgrounds, on black, and on white.
        const QList<QColor> colours = {QColor(0x2e, 0x7d, 0x32), QColor(0xb2, 0x6a, 0x00),
                                       QColor(0xe6, 0x51, 0x00), QColor(0xc6, 0x28, 0x28),
                                       QColor(0x15, 0x65, 0xc0), QColor(0x75, 0x75, 0x75),
                                       QColor(0x8a, 0x5a, 0x00)};
        const QList<QColor> backgrounds = {QColor(0x1b, 0x1e, 0x20), QColor(0x24, 0x24, 0x24),
                                           QColor(Qt::black), QColor(Qt::white)};
        for (const QColor& colour : colours)
            for (const QColor& background : backgrounds)
                QTest::addRow("%s on %s", qPrintable(colour.name()), qPrintable(background.name()))
                    << colour << background;
    }

    void stateColoursBecomeReadable()
    {
        QFETCH(QColor, colour);
        QFETCH(QColor, background);
        const QColor readable = readableOn(colour, background);
        QVERIFY2(contrastRatio(readable, background) >= 4.5,
                 qPrintable(QStringLiteral("%1 -> %2: %3")
                                .arg(colour.name(), readable.name())
                                .arg(contrastRatio(readable, background))));
        if (colour.hslSaturation() > 0 && readable.hslSaturation() > 0)
            QVERIFY2(qAbs(readable.hslHue() - colour.hslHue()) <= 3,
                     qPrintable(readable.name())); // still the same colour
    }

    void readableColoursAreLeftAlone()
    {
        const QColor darkGreen(0x2e, 0x7d, 0x32);
        QVERIFY(contrastRatio(darkGreen, Qt::white) >= 4.5);
        QCOMPARE(readableOn(darkGreen, Qt::white), darkGreen);
        QVERIFY(readableOn(darkGreen, QColor(0x1b, 0x1e, 0x20)) != darkGreen);
    }
};

QTEST_GUILESS_MAIN(tst_CommonReadableColor)
#include "tst_common_readable_color.moc"
