// The client window's choice of bundled names list: a small combo box with a name for assistive
// tools, remembered in the settings, and what a producer sends after Connect.
#include "client_controller.h"
#include "client_window.h"
#include "event_wait.h"
#include "fake_name_server.h"
#include "name_list.h"

#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons;
using namespace prodcons::client;
using prodcons::client::test::FakeNameServer;

class tst_ClientWindowNames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void comboOffersBothListsAndIsNamed()
    {
        ClientWindow window;
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("namesCombo"));
        QVERIFY(combo);
        QVERIFY(!combo->accessibleName().isEmpty());
        QCOMPARE(combo->count(), 3); // and "Picture file…", which asks for a .pbm file
        QCOMPARE(combo->itemText(2), QStringLiteral("Picture file…"));
        QCOMPARE(window.settings().names, NameList::Bundled::International);
        combo->setCurrentIndex(combo->findData(int(NameList::Bundled::Czech)));
        QCOMPARE(window.settings().names, NameList::Bundled::Czech);
    }

    void choiceIsRemembered()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings file(dir.filePath(QStringLiteral("client.ini")), QSettings::IniFormat);
        ClientWindowSettings saved;
        saved.names = NameList::Bundled::Czech;
        saved.save(file);
        QCOMPARE(ClientWindowSettings::load(file).names, NameList::Bundled::Czech);
        ClientWindow window(ClientWindowSettings::load(file));
        QCOMPARE(window.findChild<QComboBox*>(QStringLiteral("namesCombo"))->currentText(),
                 ClientWindow::tr("Czech"));
        file.setValue(QStringLiteral("names/list"), QStringLiteral("klingon"));
        QCOMPARE(ClientWindowSettings::load(file).names, NameList::Bundled::International);
    }

    void producerSendsTheChosenList_data()
    {
        QTest::addColumn<int>("list");
        QTest::newRow("international") << int(NameList::Bundled::International);
        QTest::newRow("cs") << int(NameList::Bundled::Czech);
    }

    void producerSendsTheChosenList()
    {
        QFETCH(int, list);
        const auto which = NameList::Bundled(list);
        FakeNameServer server({});
        QVERIFY(server.listen());
        ClientWindowSettings settings;
        settings.port = server.port();
        settings.rate = Rate::unthrottled();
        settings.names = which;
        ClientWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("connectButton")),
                          Qt::LeftButton);
        QVERIFY(prodcons::test::waitUntil([&] { return server.observed().stored.size() >= 5; },
                                          std::chrono::seconds(30)));
        window.disconnectFromServer();
        QCOMPARE(server.observed().stored.mid(0, 5), NameList::bundled(which).names().mid(0, 5));
    }
};

QTEST_MAIN(tst_ClientWindowNames)
#include "tst_client_window_names.moc"
