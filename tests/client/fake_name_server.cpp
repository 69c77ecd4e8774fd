#include "fake_name_server.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace prodcons::client::test {

FakeNameServer::FakeNameServer(Script script, QObject* parent)
    : QObject(parent), m_script(std::move(script))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeNameServer::onNewConnection);
}

FakeNameServer::~FakeNameServer()
{
    for (auto& [socket, connection] : m_connections)
        socket->disconnect(this);
}

bool FakeNameServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FakeNameServer::shutDown()
{
    m_server.close();
    for (auto& [socket, connection] : m_connections) {
        connection.phase = Phase::Closed;
        socket->abort();
    }
}

void FakeNameServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        Connection& connection = m_connections[socket];
        connection.index = ++m_observed.connections;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            // disconnectFromHost() can emit this synchronously, from inside processLines(),
            // which still holds the Connection: forget it on the next event-loop turn, and only
            // then let the socket go (so its address cannot be reused while the entry exists).
            QTimer::singleShot(0, this, [this, socket] {
                m_connections.erase(socket);
                socket->deleteLater();
            });
        });
        socket->write(line(m_script.greeting));
        if (m_script.closeAfterGreeting)
            close(socket, connection);
    }
}

void FakeNameServer::onReadyRead(QTcpSocket* socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end() || found->second.scheduled)
        return;
    processLines(socket);
}

void FakeNameServer::processLines(QTcpSocket* socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    Connection& connection = found->second;
    connection.scheduled = false;
    while (connection.phase != Phase::Closed && socket->canReadLine()) {
        if (connection.phase == Phase::Producer && !m_script.bulk) {
            // How many names wait in our buffer right now: more than one means the client did
            // not wait for each OK before sending the next name.
            const QByteArray buffered = socket->peek(socket->bytesAvailable());
            m_observed.maxLinesWaiting =
                std::max(m_observed.maxLinesWaiting, static_cast<int>(buffered.count('\n')));
        }
        QByteArray text = socket->readLine();
        if (connection.phase == Phase::Producer && text != "quit\n")
            m_observed.nameBytes += text;
        text.chop(text.endsWith("\r\n") ? 2 : 1);
        const bool oneAtATime = processLine(socket, connection, text);
        if (oneAtATime && socket->canReadLine()) {
            // A classic server handles one name, answers, and only then reads the next.
            connection.scheduled = true;
            QTimer::singleShot(0, this, [this, guarded = QPointer<QTcpSocket>(socket)] {
                if (guarded)
                    processLines(guarded);
            });
            return;
        }
    }
}

// Returns true when this line was a name handled line by line (so the caller yields).
bool FakeNameServer::processLine(QTcpSocket* socket, Connection& connection, QByteArray text)
{
    switch (connection.phase) {
    case Phase::Role:
        m_observed.roles.append(text);
        if (!m_script.roleReply.isEmpty()) {
            socket->write(line(m_script.roleReply));
            close(socket, connection);
        } else if (text == "producer") {
            connection.phase = Phase::Producer;
        } else if (text == "consumer") {
            connection.phase = Phase::Consumer;
            sendNames(socket, connection);
        } else {
            socket->write(line("ERROR: invalid task; use 'producer' or 'consumer'"));
            close(socket, connection);
        }
        return false;
    case Phase::Producer: {
        if (text == "quit") {
            m_observed.quitReceived = true;
            close(socket, connection);
            return false;
        }
        ++m_observed.namesReceived;
        QByteArray out;
        if (m_script.holdReplies)
            connection.held.append(text);
        else
            answerName(socket, connection, text, out);
        socket->write(out);
        return !m_script.bulk;
    }
    case Phase::Consumer:
        if (text == "quit") { // as the real server: the client then closes after it
            m_observed.quitReceived = true;
            close(socket, connection);
            return false;
        }
        if (text == "OK") {
            ++m_observed.oksReceived;
            ++connection.oks;
            sendNames(socket, connection);
        }
        return false;
    case Phase::Closed:
        return false;
    }
    return false;
}

void FakeNameServer::answerName(QTcpSocket* socket, Connection& connection, const QByteArray& name,
                                QByteArray& out)
{
    if (connection.phase == Phase::Closed)
        return;
    if (!m_script.replyInsteadOfOk.isEmpty()) {
        out += line(m_script.replyInsteadOfOk);
    } else if (!m_script.rejectPrefix.isEmpty() && name.startsWith(m_script.rejectPrefix)) {
        out += line("ERROR: name rejected");
    } else {
        m_observed.stored.append(name);
        out += line("OK");
        ++connection.oks;
    }
    if (connection.index == 1 && connection.oks == m_script.dropFirstConnectionAfterOks) {
        socket->write(out);
        out.clear();
        close(socket, connection);
    }
}

void FakeNameServer::releaseReplies()
{
    m_script.holdReplies = false;
    for (auto& [socket, connection] : m_connections) {
        QByteArray out;
        for (const QByteArray& name : std::exchange(connection.held, {}))
            answerName(socket, connection, name, out);
        socket->write(out);
    }
}

void FakeNameServer::sendNames(QTcpSocket* socket, Connection& connection)
{
    const qint64 total = m_script.namesToSend.size();
    QByteArray out;
    while (connection.next < total && connection.sent - connection.oks < m_script.sendAhead &&
           (m_script.closeAfterSending < 0 || connection.sent < m_script.closeAfterSending)) {
        out += line(m_script.namesToSend[static_cast<qsizetype>(connection.next++)]);
        ++connection.sent;
        ++m_observed.namesSent;
    }
    socket->write(out);
    if (connection.sent == m_script.closeAfterSending)
        close(socket, connection);
}

void FakeNameServer::close(QTcpSocket* socket, Connection& connection)
{
    connection.phase = Phase::Closed;
    socket->disconnectFromHost(); // writes what is buffered first
}

} // namespace prodcons::client::test
