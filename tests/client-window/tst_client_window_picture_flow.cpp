// A picture through the client window: a producer window sends a .pbm file's lines byte for
// byte, in order, with its progress and its end shown; a consumer window draws what it receives,
// torn where a line is lost; a server whose slots are too small refuses it, and the window says
// what to do; the window keeps to a projector's quarter screen. Against the fake server
// (tests/client) and real in-process ForkingServers on the test's own IPC prefix.
#include "child_process.h"
#include "client_controller.h"
#include "client_window.h"
#include "event_wait.h"
#include "fake_name_server.h"
#include "ipc_test_helpers.h"
#include "ipc_test_prefix.h"
#include "pbm_file.h"
#include "pbm_test_pictures.h"
#include "picture_view.h"
#include "server_fixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace prodcons;
using namespace prodcons::client;
using prodcons::client::test::FakeNameServer;
using namespace std::chrono_literals;

namespace {

constexpr auto kDeadline = 30s; // only a hang waits this long
constexpr QRgb kBlack = 0xff000000;
constexpr QRgb kWhite = 0xffffffff;

template <typename T> T* child(QWidget& window, const char* name)
{
    T* widget = window.findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

QString badge(ClientWindow& window)
{
    return child<QLabel>(window, "stateBadge")->text();
}

QString detail(ClientWindow& window)
{
    return child<QLabel>(window, "stateDetail")->text();
}

/// The colour the picture view paints at the centre of picture pixel (x, y).
QRgb paintedPixel(PictureView& view, int width, int height, int x, int y)
{
    const QImage shot = view.grab().toImage();
    const QRect picture = view.pictureRect();
    const QPoint centre(picture.left() + int((x + 0.5) * picture.width() / width),
                        picture.top() + int((y + 0.5) * picture.height() / height));
    return shot.pixel(centre) | 0xff000000;
}

/// The first 16 pixels of row y as painted: the row's number in binary (testPixel).
QList<bool> paintedRowNumber(PictureView& view, int width, int height, int y)
{
    QList<bool> row;
    for (int x = 0; x < 16; ++x)
        row.append(paintedPixel(view, width, height, x, y) == kBlack);
    return row;
}

QList<bool> sentRowNumber(int y)
{
    QList<bool> row;
    for (int x = 0; x < 16; ++x)
        row.append(prodcons::test::testPixel(x, y));
    return row;
}

} // namespace

class tst_ClientWindowPictureFlow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<ClientWindow>> m_windows;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    ClientWindow& openWindow(quint16 port, Role role, Rate rate = Rate::unthrottled())
    {
        ClientWindowSettings settings;
        settings.port = port;
        settings.role = role;
        settings.rate = rate;
        m_windows.push_back(std::make_unique<ClientWindow>(settings));
        ClientWindow& window = *m_windows.back();
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("window not exposed");
        return window;
    }

    static void clickConnect(ClientWindow& window)
    {
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
    }

    static PictureToSend load(const QString& path)
    {
        QString error;
        std::optional<PictureToSend> picture = PictureToSend::load(path, &error);
        if (!picture)
            qFatal("%s", qPrintable(error));
        return *picture;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true); // never the user's settings
    }

    void cleanup() { m_windows.clear(); }

    void producerSendsThePictureByteForByte_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::newRow("plain P1") << false;
        QTest::newRow("raw P4") << true;
    }

    // The server stores the file's lines (a raw file's as PbmFile renders them), each once, in
    // order, exactly; the window shows the progress bar full and "Picture sent".
    void producerSendsThePictureByteForByte()
    {
        QFETCH(bool, raw);
        const QByteArray file = raw ? prodcons::test::rawTestPicture(300, 120)
                                    : prodcons::test::plainTestPicture(300, 120);
        const QString path = writeFile(raw ? "bytes.raw.pbm" : "bytes.pbm", file);
        const QList<QByteArray> lines = PbmFile::fromBytes(file).lines();
        QCOMPARE(lines.size(), 122);
        if (!raw)
            QCOMPARE(lines, prodcons::test::plainTestPictureLines(300, 120));

        FakeNameServer::Script script;
        script.bulk = true;
        FakeNameServer server(script);
        QVERIFY(server.listen());
        ClientWindow& window = openWindow(server.port(), Role::Producer);
        window.setPicture(load(path));
        QCOMPARE(child<QComboBox>(window, "namesCombo")->currentText(),
                 raw ? QStringLiteral("bytes.raw.pbm") : QStringLiteral("bytes.pbm"));
        QVERIFY(!child<QCheckBox>(window, "tagCheck")->isEnabled()); // a picture is never tagged
        QVERIFY(detail(window).startsWith(QStringLiteral("Connect sends the picture")));

        clickConnect(window);
        QVERIFY(
            prodcons::test::waitUntil([&] { return badge(window) == "Picture sent"; }, kDeadline));
        QCOMPARE(server.observed().stored, lines);
        QCOMPARE(server.observed().nameBytes, lines.join('\n') + '\n');
        QVERIFY(server.observed().quitReceived);
        QCOMPARE(detail(window), QStringLiteral("All 122 lines of %1 are stored in the buffer.")
                                     .arg(raw ? "bytes.raw.pbm" : "bytes.pbm"));
        auto* progress = child<QProgressBar>(window, "pictureProgress");
        QVERIFY(progress->isVisible());
        QCOMPARE(progress->maximum(), 122);
        QCOMPARE(progress->value(), 122);

        // Back to names: the picture is forgotten, and a producer sends names again.
        auto* combo = child<QComboBox>(window, "namesCombo");
        combo->setCurrentIndex(combo->findData(int(NameList::Bundled::Czech)));
        QVERIFY(!window.controller().picture());
        QVERIFY(child<QCheckBox>(window, "tagCheck")->isEnabled());
        QCOMPARE(window.settings().names, NameList::Bundled::Czech);
        QCOMPARE(
            combo->findText(raw ? QStringLiteral("bytes.raw.pbm") : QStringLiteral("bytes.pbm")),
            -1);
    }

    // A server whose slots hold 255 bytes refuses the first row (2,047 bytes): the window stops,
    // says which line and why, and what to do.
    void aServerWithSmallSlotsRefusesThePicture()
    {
        prodcons::test::IpcTestPrefix prefix;
        {
            prodcons::test::ServerFixture servers(prefix);
            server::ForkingServer& server = servers.start(); // default slots: 256 bytes
            const QString path =
                writeFile("wide.pbm", prodcons::test::plainTestPicture(1024, 1000));
            ClientWindow& window = openWindow(server.serverPort(), Role::Producer);
            window.setPicture(load(path));
            clickConnect(window);
            QVERIFY(prodcons::test::waitUntil([&] { return badge(window) == "Picture refused"; },
                                              kDeadline));
            const QString said = detail(window);
            QVERIFY2(said.contains(QStringLiteral("refused line 3 of 1,002")), qPrintable(said));
            QVERIFY2(said.contains(QStringLiteral("ERROR: name too long (at most 255 bytes)")),
                     qPrintable(said));
            QVERIFY2(said.contains(QStringLiteral("--slot-size 8192")), qPrintable(said));
            QVERIFY2(said.contains(QStringLiteral("Slots, 8192 bytes")), qPrintable(said));
            // It sends no more after the refusal than were in flight (at most 1 MiB of lines,
            // about 500 of these), and it finishes.
            QVERIFY(prodcons::test::waitUntil(
                [&] { return window.controller().session().state() == SessionState::Finished; },
                kDeadline));
            QCOMPARE(badge(window), QStringLiteral("Picture refused")); // still, when finished
            QVERIFY(window.controller().session().figures().sent < 1002);
            m_windows.clear();
        }
        QVERIFY(!prodcons::test::zombie_child_exists());
        QCOMPARE(prefix.leftovers(), QStringList());
    }

    // A consumer window draws the picture it receives, row by row, beside the names.
    void consumerDrawsAReceivedPicture()
    {
        FakeNameServer::Script script;
        script.namesToSend = prodcons::test::plainTestPictureLines(48, 40);
        script.sendAhead = 8;
        FakeNameServer server(script);
        QVERIFY(server.listen());
        ClientWindow& window = openWindow(server.port(), Role::Consumer);
        PictureView& view = window.pictureView();
        QVERIFY(view.isHidden()); // no picture yet
        clickConnect(window);
        QVERIFY(prodcons::test::waitUntil(
            [&] { return window.controller().session().figures().received == 42; }, kDeadline));
        QVERIFY(prodcons::test::waitUntil([&] { return view.isVisible(); }, kDeadline));
        view.refresh();
        QCOMPARE(view.captionText(), QStringLiteral("40 of 40 rows"));
        int blacks = 0;
        for (int y = 0; y < 40; y += 3)
            for (int x = 0; x < 48; x += 5) {
                const bool black = prodcons::test::testPixel(x, y);
                QCOMPARE(paintedPixel(view, 48, 40, x, y), black ? kBlack : kWhite);
                blacks += black;
            }
        QVERIFY(blacks > 0);
    }

    // A line lost on the way shifts every row after it: the tear shows where.
    void aLostLineShowsATear()
    {
        FakeNameServer::Script script;
        script.namesToSend = prodcons::test::plainTestPictureLines(48, 40);
        script.namesToSend.removeAt(2 + 10); // row 10 lost
        FakeNameServer server(script);
        QVERIFY(server.listen());
        ClientWindow& window = openWindow(server.port(), Role::Consumer);
        PictureView& view = window.pictureView();
        clickConnect(window);
        QVERIFY(prodcons::test::waitUntil(
            [&] { return window.controller().session().figures().received == 41; }, kDeadline));
        QVERIFY(prodcons::test::waitUntil([&] { return view.isVisible(); }, kDeadline));
        view.refresh();
        QCOMPARE(paintedRowNumber(view, 48, 40, 9), sentRowNumber(9));
        QCOMPARE(paintedRowNumber(view, 48, 40, 10), sentRowNumber(11)); // the tear
        QCOMPARE(paintedPixel(view, 48, 40, 0, 39), PictureRaster::notReceivedColor().rgb());
        QCOMPARE(view.captionText(), QStringLiteral("39 of 40 rows"));
    }

    // Names alone open no picture; a new session forgets the last picture.
    void aNewSessionForgetsThePicture()
    {
        FakeNameServer::Script pictureScript;
        pictureScript.namesToSend = prodcons::test::plainTestPictureLines(16, 8);
        FakeNameServer pictureServer(pictureScript);
        QVERIFY(pictureServer.listen());
        FakeNameServer::Script namesScript;
        namesScript.namesToSend = {"Emma", "Jan", "P1x", "Olga"};
        FakeNameServer namesServer(namesScript);
        QVERIFY(namesServer.listen());

        ClientWindow& window = openWindow(pictureServer.port(), Role::Consumer);
        PictureView& view = window.pictureView();
        clickConnect(window);
        QVERIFY(prodcons::test::waitUntil([&] { return view.isVisible(); }, kDeadline));
        QVERIFY(!child<QWidget>(window, "ratePlot")->isVisible()); // the picture has its room
        window.disconnectFromServer();

        child<QSpinBox>(window, "portSpin")->setValue(namesServer.port());
        clickConnect(window);
        QVERIFY(view.isHidden());
        QVERIFY(child<QWidget>(window, "ratePlot")->isVisible());
        QVERIFY(prodcons::test::waitUntil(
            [&] { return window.controller().session().figures().received == 4; }, kDeadline));
        QVERIFY(view.isHidden());
        QCOMPARE(view.decoder().linesFed(), 4); // this session's lines only
    }

    // Two real servers with 8 KiB slots sharing one buffer carry the classic picture whole
    // from a producer window to a consumer window.
    void theClassicPictureThroughRealServers()
    {
        prodcons::test::IpcTestPrefix prefix;
        {
            prodcons::test::ServerFixture servers(prefix);
            server::ServerConfig config;
            config.ipc.geometry = ipc::Geometry::with_slot_size(8192);
            server::ForkingServer& in = servers.start(ipc::Mode::Shm, config);
            server::ForkingServer& out = servers.start(ipc::Mode::Shm, config);
            const QString path = writeFile(
                "classic.pbm", prodcons::test::classicTestPictureLines().join('\n') + '\n');
            ClientWindow& consumer = openWindow(out.serverPort(), Role::Consumer);
            ClientWindow& producer = openWindow(in.serverPort(), Role::Producer);
            producer.setPicture(load(path));
            clickConnect(consumer);
            QVERIFY(prodcons::test::waitUntil(
                [&] { return badge(consumer) == "Connected as consumer"; }, kDeadline));
            clickConnect(producer);
            QVERIFY(prodcons::test::waitUntil([&] { return badge(producer) == "Picture sent"; },
                                              kDeadline));
            PictureView& view = consumer.pictureView();
            QVERIFY(prodcons::test::waitUntil(
                [&] {
                    return view.decoder().state() == PbmStreamDecoder::State::Complete &&
                           view.isVisible();
                },
                kDeadline));
            QCOMPARE(view.decoder().skippedLines(), 0);
            QCOMPARE(consumer.controller().session().figures().received, 1764);
            QCOMPARE(view.decoder().extraLines(), 0);
            // Every pixel as sent: nothing lost or doubled on the way.
            int wrong = 0;
            for (int y = 0; y < prodcons::test::kClassicHeight; ++y)
                for (int x = 0; x < prodcons::test::kClassicWidth; ++x)
                    wrong += view.decoder().isBlack(x, y) != prodcons::test::testPixel(x, y);
            QCOMPARE(wrong, 0);
            view.refresh();
            QCOMPARE(view.captionText(), QStringLiteral("1,762 of 1,762 rows"));
            consumer.disconnectFromServer();
            m_windows.clear();
        }
        QVERIFY(!prodcons::test::zombie_child_exists());
        QCOMPARE(prefix.leftovers(), QStringList());
    }

    // The demo on a projector gives each client window 602 x 384: with a picture drawn (a
    // consumer) or being sent (a producer, with its progress bar) the whole window still fits,
    // the picture is drawn at a useful size and the list shows four names.
    void aProjectorsQuarterScreenStillFits_data()
    {
        QTest::addColumn<bool>("consumer");
        QTest::newRow("consumer") << true;
        QTest::newRow("producer") << false;
    }

    void aProjectorsQuarterScreenStillFits()
    {
        QFETCH(bool, consumer);
        FakeNameServer::Script script;
        script.bulk = true;
        script.namesToSend = prodcons::test::classicTestPictureLines();
        script.sendAhead = 32;
        FakeNameServer server(script);
        QVERIFY(server.listen());
        ClientWindow& window =
            openWindow(server.port(), consumer ? Role::Consumer : Role::Producer);
        window.resize(602, 384);
        QTRY_COMPARE(window.size(), QSize(602, 384));
        if (!consumer)
            window.setPicture(load(writeFile(
                "fits.pbm", prodcons::test::classicTestPictureLines().join('\n') + '\n')));
        clickConnect(window);
        if (consumer) {
            QVERIFY(prodcons::test::waitUntil([&] { return window.pictureView().isVisible(); },
                                              kDeadline));
            window.pictureView().refresh();
        } else {
            QVERIFY(prodcons::test::waitUntil([&] { return badge(window) == "Picture sent"; },
                                              kDeadline));
            QVERIFY(child<QProgressBar>(window, "pictureProgress")->isVisible());
        }
        QCoreApplication::processEvents(); // the layout of what was just shown
        const QSize needed = window.minimumSizeHint();
        QVERIFY2(needed.width() <= 602 && needed.height() <= 384,
                 qPrintable(QStringLiteral("%1 x %2").arg(needed.width()).arg(needed.height())));
        QCOMPARE(window.size(), QSize(602, 384));
        if (consumer) {
            const QRect picture = window.pictureView().pictureRect();
            qInfo("the picture is drawn %d x %d", picture.width(), picture.height());
            QVERIFY(picture.height() >= 120);
        }
        auto* names = child<QListView>(window, "namesList");
        QStyleOptionViewItem option;
        option.font = names->font();
        const int row = names->itemDelegate()->sizeHint(option, QModelIndex()).height();
        QVERIFY2(
            names->viewport()->height() >= 4 * row,
            qPrintable(
                QStringLiteral("%1 px for rows of %2").arg(names->viewport()->height()).arg(row)));
        window.disconnectFromServer();
    }
};

QTEST_MAIN(tst_ClientWindowPictureFlow)
#include "tst_client_window_picture_flow.moc"
