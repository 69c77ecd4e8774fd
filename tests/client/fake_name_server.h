// A server of the classic protocol inside the test process, with scripted misbehaviour.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <map>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace prodcons::client::test {

/// Listens on 127.0.0.1 (port chosen by the system), says "Task?", reads the role, then:
/// - for a producer, answers each name "OK" (or "ERROR: ..." for names it rejects), either
///   strictly one line per event-loop turn like a classic line-by-line server, or in bulk;
/// - for a consumer, sends the scripted names, `sendAhead` of them before waiting for OKs
///   (1 = the classic one-name-then-wait).
/// What it saw is kept in observed() for the test to check.
class FakeNameServer : public QObject
{
    Q_OBJECT

public:
    struct Script
    {
        QByteArray greeting = "Task?";
        bool closeAfterGreeting = false; // e.g. "ERROR: server busy", then close
        QByteArray roleReply;            // if set: sent after the role line, then close
        QByteArray lineEnd = "\n";
        // Producer side
        bool bulk = false;           // false: one name per event-loop turn, like fgets/puts
        bool holdReplies = false;    // read names but answer none until releaseReplies()
        QByteArray rejectPrefix;     // names starting with it get "ERROR: name rejected"
        QByteArray replyInsteadOfOk; // if set: the reply to every name (protocol errors)
        int dropFirstConnectionAfterOks = -1; // close the first connection after this many OKs
        // Consumer side
        QList<QByteArray> namesToSend;
        int sendAhead = 1;
        int closeAfterSending = -1; // close after sending this many names
    };

    struct Observed
    {
        QList<QByteArray> stored; // names answered OK, in order
        QByteArray nameBytes;     // every name line read, as it came (line ends included)
        QList<QByteArray> roles;  // role lines, one per connection that sent one
        qint64 namesReceived = 0; // name lines read (stored, rejected or dropped)
        qint64 namesSent = 0;     // consumer side
        qint64 oksReceived = 0;   // consumer side
        int maxLinesWaiting = 0;  // most name lines buffered at once: > 1 means pipelining
        int connections = 0;
        bool quitReceived = false;
    };

    explicit FakeNameServer(Script script, QObject* parent = nullptr);
    ~FakeNameServer() override;

    /// Listens on 127.0.0.1; false if it cannot.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    /// Answers every held name and stops holding.
    void releaseReplies();
    /// Stops listening and closes every connection at once.
    void shutDown();
    const Observed& observed() const { return m_observed; }

private:
    enum class Phase
    {
        Role,
        Producer,
        Consumer,
        Closed
    };
    struct Connection
    {
        Phase phase = Phase::Role;
        int index = 0;   // 1 for the first connection
        qint64 oks = 0;  // OKs written (producer) or read (consumer) on this connection
        qint64 sent = 0; // names written (consumer) on this connection
        qint64 next = 0; // index in namesToSend of the next name to send
        QList<QByteArray> held;
        bool scheduled = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void processLines(QTcpSocket* socket);
    bool processLine(QTcpSocket* socket, Connection& connection, QByteArray line);
    void answerName(QTcpSocket* socket, Connection& connection, const QByteArray& name,
                    QByteArray& out);
    void sendNames(QTcpSocket* socket, Connection& connection);
    void close(QTcpSocket* socket, Connection& connection);
    QByteArray line(QByteArrayView text) const { return text.toByteArray() + m_script.lineEnd; }

    Script m_script;
    QTcpServer m_server;
    std::map<QTcpSocket*, Connection> m_connections;
    Observed m_observed;
};

} // namespace prodcons::client::test
