// Order across sessions: one producer and one consumer, session after session, through two
// servers of one mode. The child serving the consumer of a session that has just ended may
// still be waiting in the buffer when the next session's names arrive; it must take none of
// them (it used to take one, find its client gone and hand the name back behind later ones).
#include "buffer_fixture.h"
#include "forking_server.h"
#include "ipc_test_prefix.h"
#include "server_fixture.h"

#include <QTest>
#include <memory>

using namespace prodcons;
using namespace std::chrono_literals;

class tst_ServerOrder : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<test::ServerFixture> m_servers;

    static ipc::Mode mode() { return test::rowMode(); }

private slots:
    void initTestCase_data() { test::addModeRows(); }

    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_servers = std::make_unique<test::ServerFixture>(*m_prefix);
    }

    void cleanup()
    {
        m_servers.reset(); // stops the servers: children ended and reaped, objects removed
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void orderHoldsOverAHundredBackToBackSessions()
    {
        constexpr int kSessions = 100;
        constexpr int kNames = 40;
        const quint16 from = m_servers->start(mode()).serverPort();
        const quint16 to = m_servers->start(mode()).serverPort();
        for (int session = 0; session < kSessions; ++session) {
            auto consumer = test::connectAs(to, "consumer");
            auto producer = test::connectAs(from, "producer");
            QVERIFY(consumer && producer);
            QByteArray lines;
            QList<QByteArray> names;
            for (int i = 0; i < kNames; ++i) {
                names << "s" + QByteArray::number(session) + "-" + QByteArray::number(i);
                lines += names.back() + "\n";
            }
            producer->send(lines); // pipelined, as a fast producer sends
            const QList<QByteArray> received = test::consume(*consumer, kNames);
            if (received != names) {
                qWarning("session %d: sent %s, received %s", session, names.join(' ').constData(),
                         received.join(' ').constData());
                QFAIL("names out of order, lost or doubled");
            }
            for (int i = 0; i < kNames; ++i)
                QCOMPARE(producer->readLine(), QByteArray("OK"));
            // Both leave at once, as a person closing two terminals does; the next session
            // starts while their children are still winding down.
        }
    }
};

QTEST_MAIN(tst_ServerOrder)
#include "tst_server_order.moc"
