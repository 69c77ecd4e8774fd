// prodcons-screen: what the demo and screenshot scripts need to know of an X display.
//   prodcons-screen --available        prints the work area of the primary screen: "X Y W H"
//   prodcons-screen --grab OUT.png     saves the whole screen as a PNG
// Exits 1 with a message when there is no display to talk to. Not installed.
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QPixmap>
#include <QScreen>
#include <cstdio>

int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The screen of the display, for the demo and screenshot scripts."));
    parser.addHelpOption();
    const QCommandLineOption available(
        QStringLiteral("available"),
        QStringLiteral("Print the primary screen's work area (without panels) as X Y W H."));
    const QCommandLineOption grab(QStringLiteral("grab"),
                                  QStringLiteral("Save the whole screen as a PNG file."),
                                  QStringLiteral("file"));
    parser.addOptions({available, grab});
    parser.process(app);

    QScreen* screen = QGuiApplication::primaryScreen();
    if (!screen) {
        std::fputs("prodcons-screen: no screen\n", stderr);
        return 1;
    }
    if (parser.isSet(available)) {
        const QRect area = screen->availableGeometry();
        std::printf("%d %d %d %d\n", area.x(), area.y(), area.width(), area.height());
        return 0;
    }
    if (parser.isSet(grab)) {
        const QPixmap shot = screen->grabWindow(0);
        if (shot.isNull()) {
            std::fputs("prodcons-screen: could not grab the screen\n", stderr);
            return 1;
        }
        if (!shot.save(parser.value(grab), "PNG")) {
            std::fprintf(stderr, "prodcons-screen: cannot write %s\n",
                         qPrintable(parser.value(grab)));
            return 1;
        }
        return 0;
    }
    parser.showHelp(2);
}
