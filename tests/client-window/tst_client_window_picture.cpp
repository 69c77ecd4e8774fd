// The picture a consumer receives: the image kept row by row (PictureRaster), and the view that
// paints it with its caption and state, throttled, on light and dark palettes.
#include "event_wait.h"
#include "pbm_test_pictures.h"
#include "picture_canvas.h"
#include "picture_raster.h"
#include "picture_view.h"
#include "readable_color.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QTest>

using namespace prodcons::client;
using namespace prodcons::test;
using namespace std::chrono_literals;

namespace {

constexpr QRgb kBlack = 0xff000000;
constexpr QRgb kWhite = 0xffffffff;

QRgb notReceived()
{
    return PictureRaster::notReceivedColor().rgb();
}

/// Counts the paint events a widget gets.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget* widget) { widget->installEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return false;
    }
};

/// The colour `view` paints at the centre of picture pixel (x, y) of a `width` x `height`
/// picture.
QRgb paintedPixel(PictureView& view, int width, int height, int x, int y)
{
    const QImage shot = view.grab().toImage();
    const QRect picture = view.pictureRect();
    const QPoint centre(picture.left() + int((x + 0.5) * picture.width() / width),
                        picture.top() + int((y + 0.5) * picture.height() / height));
    return shot.pixel(centre) | 0xff000000;
}

} // namespace

class tst_ClientWindowPicture : public QObject
{
    Q_OBJECT

private slots:
    void rasterDrawsReceivedRowsAndMarksTheRest();
    void rasterRedrawsOnlyChangedRows();
    void rasterOfAHugePictureIsSampled();
    void viewPaintsPixelsAndMissingRows();
    void viewShowsATear();
    void captionAndStateFollowTheStream();
    void repaintsAreThrottled();
    void resetForgetsThePicture();
    void stateStaysReadableOnADarkPalette();
};

void tst_ClientWindowPicture::rasterDrawsReceivedRowsAndMarksTheRest()
{
    PbmStreamDecoder decoder;
    PictureRaster raster;
    QList<QByteArray> lines = plainTestPictureLines(40, 30);
    lines.resize(2 + 10);            // the header and rows 0 to 9
    lines.append(lines[5].left(39)); // and the first 20 pixels of row 10 (again row 3's)
    for (const QByteArray& line : lines)
        decoder.feed(line);
    QVERIFY(raster.update(decoder));
    const QImage& image = raster.image();
    QCOMPARE(image.size(), QSize(40, 30));
    QCOMPARE(raster.step(), 1);
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 40; ++x)
            QCOMPARE(image.pixel(x, y), testPixel(x, y) ? kBlack : kWhite);
    for (int x = 0; x < 20; ++x)
        QCOMPARE(image.pixel(x, 10), testPixel(x, 3) ? kBlack : kWhite);
    for (int x = 20; x < 40; ++x)
        QCOMPARE(image.pixel(x, 10), notReceived());
    for (int y = 11; y < 30; ++y)
        QCOMPARE(image.pixel(0, y), notReceived());
    QVERIFY(!raster.update(decoder)); // nothing new
}

void tst_ClientWindowPicture::rasterRedrawsOnlyChangedRows()
{
    PbmStreamDecoder decoder;
    PictureRaster raster;
    const QList<QByteArray> lines = plainTestPictureLines(32, 8);
    for (int i = 0; i < 5; ++i) // header and rows 0 to 2
        decoder.feed(lines[i]);
    raster.update(decoder);
    const uchar* before = raster.image().constBits();
    decoder.feed(lines[5]); // row 3
    QVERIFY(raster.update(decoder));
    QCOMPARE(raster.image().constBits(), before); // drawn into, not made anew
    for (int x = 0; x < 32; ++x)
        QCOMPARE(raster.image().pixel(x, 3), testPixel(x, 3) ? kBlack : kWhite);
    QCOMPARE(raster.image().pixel(0, 4), notReceived());
}

void tst_ClientWindowPicture::rasterOfAHugePictureIsSampled()
{
    PbmStreamDecoder decoder;
    PictureRaster raster;
    decoder.feed("P1 16384 1024");
    decoder.feed(QByteArray(16384, '1'));
    raster.update(decoder);
    QCOMPARE(raster.step(), 8);
    QCOMPARE(raster.image().size(), QSize(2048, 128));
    QCOMPARE(raster.image().pixel(2047, 0), kBlack);
    QCOMPARE(raster.image().pixel(0, 1), notReceived());
    // Row 8 is image row 1; rows 1 to 7 are not shown.
    for (int y = 1; y <= 8; ++y)
        decoder.feed(QByteArray(16384, '0'));
    raster.update(decoder);
    QCOMPARE(raster.image().pixel(0, 1), kWhite);
}

void tst_ClientWindowPicture::viewPaintsPixelsAndMissingRows()
{
    PictureView view;
    view.resize(300, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QList<QByteArray> lines = plainTestPictureLines(48, 40);
    for (int i = 0; i < 2 + 25; ++i) // rows 0 to 24 of 40
        view.feedLine(lines[i]);
    view.refresh();
    QVERIFY(!view.pictureRect().isEmpty());
    QVERIFY(view.pictureRect().width() >= 48 * 4); // scaled up, by a whole factor
    QCOMPARE(view.pictureRect().width() % 48, 0);

    int blacks = 0;
    int whites = 0;
    for (int y = 0; y < 25; y += 3) {
        for (int x = 0; x < 48; x += 5) {
            const bool black = testPixel(x, y);
            QCOMPARE(paintedPixel(view, 48, 40, x, y), black ? kBlack : kWhite);
            ++(black ? blacks : whites);
        }
    }
    QVERIFY(blacks > 0 && whites > 0);
    for (int y = 25; y < 40; y += 4)
        QCOMPARE(paintedPixel(view, 48, 40, 20, y), notReceived());
}

void tst_ClientWindowPicture::viewShowsATear()
{
    PictureView view;
    view.resize(300, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QList<QByteArray> lines = plainTestPictureLines(48, 40);
    lines.removeAt(2 + 10); // row 10 lost
    for (const QByteArray& line : lines)
        view.feedLine(line);
    view.refresh();
    // Row 9 as sent; row 10 shows row 11 (its number, in the first 16 pixels, differs); the
    // last row never came.
    const auto paintedRow = [&](int y) {
        QList<bool> row;
        for (int x = 0; x < 16; ++x)
            row.append(paintedPixel(view, 48, 40, x, y) == kBlack);
        return row;
    };
    const auto sentRow = [](int y) {
        QList<bool> row;
        for (int x = 0; x < 16; ++x)
            row.append(testPixel(x, y));
        return row;
    };
    QCOMPARE(paintedRow(9), sentRow(9));
    QCOMPARE(paintedRow(10), sentRow(11));
    QVERIFY(paintedRow(10) != sentRow(10));
    QCOMPARE(paintedPixel(view, 48, 40, 0, 39), notReceived());
    QCOMPARE(view.captionText(), QStringLiteral("39 of 40 rows"));
}

void tst_ClientWindowPicture::captionAndStateFollowTheStream()
{
    PictureView view;
    auto* caption = view.findChild<QLabel*>(QStringLiteral("pictureCaption"));
    auto* state = view.findChild<QLabel*>(QStringLiteral("pictureState"));
    QVERIFY(caption && state);
    QCOMPARE(caption->text(), QStringLiteral("No picture yet"));
    QCOMPARE(state->text(), QStringLiteral("waiting for the lines of a PBM picture"));

    view.feedLine("P1");
    view.refresh();
    QCOMPARE(state->text(), QStringLiteral("reading the picture's header"));

    const QList<QByteArray> lines = classicTestPictureLines();
    for (qsizetype i = 1; i < 2 + 312; ++i)
        view.feedLine(lines[i]);
    view.refresh();
    QCOMPARE(caption->text(), QStringLiteral("312 of 1,762 rows"));
    QCOMPARE(state->text(), QStringLiteral("receiving"));

    view.feedLine("Emma#k3x9-12");
    for (qsizetype i = 2 + 312; i < lines.size(); ++i)
        view.feedLine(lines[i]);
    view.refresh();
    QCOMPARE(caption->text(), QStringLiteral("1,762 of 1,762 rows"));
    QCOMPARE(state->text(),
             QStringLiteral("complete; 1 line(s) that are not picture data skipped"));

    view.feedLine(lines[5]);
    view.feedLine(lines[6]);
    view.refresh();
    QCOMPARE(state->text(),
             QStringLiteral("more data than the picture holds: 2 extra line(s); 1 line(s) that "
                            "are not picture data skipped"));

    view.feedLine("P4"); // not "P1": between rows, a line that is not picture data
    view.refresh();
    QCOMPARE(caption->text(), QStringLiteral("1,762 of 1,762 rows"));
    QVERIFY(state->text().endsWith(QStringLiteral("2 line(s) that are not picture data skipped")));
    view.reset();
    view.feedLine("P4");
    view.refresh();
    QCOMPARE(caption->text(), QStringLiteral("No picture"));
    QCOMPARE(state->text(),
             QStringLiteral("not a picture: a raw PBM picture (P4), which cannot travel as lines"));
    QVERIFY(view.pictureRect().isEmpty());
}

void tst_ClientWindowPicture::repaintsAreThrottled()
{
    // The classic picture at about 2,000 lines a second (2 lines a millisecond) for about a
    // second: the canvas repaints at most once per refresh interval (and once more at the end),
    // however many lines arrive, and it does repaint while they arrive.
    PictureView view;
    view.resize(300, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* canvas = view.findChild<PictureCanvas*>(QStringLiteral("pictureCanvas"));
    QVERIFY(canvas);
    PaintCounter paints(canvas);
    const QList<QByteArray> lines = classicTestPictureLines();
    qsizetype next = 0;
    int paintsWhileFeeding = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(1);
    QElapsedTimer clock;
    clock.start();
    connect(&feeder, &QTimer::timeout, &view, [&] {
        for (int i = 0; i < 2 && next < lines.size(); ++i)
            view.feedLine(lines[next++]);
        if (next == lines.size()) {
            feeder.stop();
            paintsWhileFeeding = paints.count;
        }
    });
    feeder.start();
    QVERIFY(waitUntil([&] { return next == lines.size(); }, 30s));
    const qint64 elapsedMs = clock.elapsed();
    auto* caption = view.findChild<QLabel*>(QStringLiteral("pictureCaption"));
    QVERIFY(
        waitUntil([&] { return caption->text() == QStringLiteral("1,762 of 1,762 rows"); }, 5s));
    qInfo("%lld lines in %lld ms, %d paints while feeding", qint64(lines.size()), elapsedMs,
          paintsWhileFeeding);
    QVERIFY2(
        paintsWhileFeeding <= elapsedMs / PictureView::kRefreshIntervalMs + 2,
        qPrintable(QStringLiteral("%1 paints in %2 ms").arg(paintsWhileFeeding).arg(elapsedMs)));
    QVERIFY(elapsedMs >= 3 * PictureView::kRefreshIntervalMs); // at most 2 lines a millisecond
    QVERIFY(paintsWhileFeeding >= 1); // it draws while the lines arrive, not only at the end
}

void tst_ClientWindowPicture::resetForgetsThePicture()
{
    PictureView view;
    view.resize(200, 200);
    for (const QByteArray& line : plainTestPictureLines(16, 16))
        view.feedLine(line);
    view.refresh();
    QVERIFY(!view.pictureRect().isEmpty());
    view.reset();
    QVERIFY(view.pictureRect().isEmpty());
    QCOMPARE(view.captionText(), QStringLiteral("No picture yet"));
    QCOMPARE(view.decoder().linesFed(), 0);
}

void tst_ClientWindowPicture::stateStaysReadableOnADarkPalette()
{
    PictureView view;
    QPalette dark = view.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    view.setPalette(dark);
    view.feedLine("Emma");
    view.refresh();
    auto* state = view.findChild<QLabel*>(QStringLiteral("pictureState"));
    const QColor text = state->palette().color(QPalette::WindowText);
    QVERIFY2(prodcons::common::contrastRatio(text, dark.color(QPalette::Window)) >= 4.5,
             qPrintable(text.name()));
    QVERIFY(text != QColor(0xee, 0xee, 0xee)); // still the error colour, made lighter
    // The colour of pixels not received stands apart from white, black and this background.
    const QColor pending = PictureRaster::notReceivedColor();
    QVERIFY(prodcons::common::contrastRatio(pending, Qt::white) >= 2);
    QVERIFY(prodcons::common::contrastRatio(pending, Qt::black) >= 2);
    QVERIFY(prodcons::common::contrastRatio(pending, dark.color(QPalette::Window)) >= 2);
}

QTEST_MAIN(tst_ClientWindowPicture)
#include "tst_client_window_picture.moc"
