// prodcons-screen-grab: saves the whole screen of the display as a PNG, for the screenshot
// scripts (scripts/screenshot-demo.sh). Needs an X display (Xvfb will do); not installed.
//   prodcons-screen-grab OUT.png [--delay MS]
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QPixmap>
#include <QScreen>
#include <QTimer>
#include <cstdio>

int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Saves the whole screen as a PNG (for the screenshot scripts)."));
    parser.addHelpOption();
    const QCommandLineOption delay(QStringLiteral("delay"),
                                   QStringLiteral("Wait this many milliseconds first."),
                                   QStringLiteral("ms"), QStringLiteral("0"));
    parser.addOption(delay);
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The PNG file to write."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fputs("prodcons-screen-grab: give one output file\n", stderr);
        return 2;
    }
    const QString out = parser.positionalArguments().constFirst();
    int status = 1;
    QTimer::singleShot(parser.value(delay).toInt(), &app, [&] {
        QScreen* screen = QGuiApplication::primaryScreen();
        const QPixmap shot = screen ? screen->grabWindow(0) : QPixmap();
        if (shot.isNull())
            std::fputs("prodcons-screen-grab: could not grab the screen (no X display?)\n", stderr);
        else if (!shot.save(out, "PNG"))
            std::fprintf(stderr, "prodcons-screen-grab: cannot write %s\n", qPrintable(out));
        else
            status = 0;
        app.quit();
    });
    app.exec();
    return status;
}
