// QtLineClient: a real QTcpSocket client for tests of servers that live in the test's own event
// loop: every wait runs the event loop (through QSignalSpy::wait), so the server can accept,
// fork and reap while the test waits for a line.
#pragma once

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTimer>

class QtLineClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 10000)
    {
        QSignalSpy connected(&m_socket, &QTcpSocket::connected);
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.state() == QAbstractSocket::ConnectedState || connected.wait(timeoutMs);
    }

    void send(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    /// The next line without its LF; "<timeout>" or "<eof>" when there is none.
    QByteArray readLine(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_socket.canReadLine()) {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return m_socket.bytesAvailable() > 0 ? m_socket.readAll() : QByteArray("<eof>");
            if (deadline.hasExpired())
                return "<timeout>";
            waitForSocket(int(std::max<qint64>(1, deadline.remainingTime())));
        }
        QByteArray line = m_socket.readLine();
        line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    }

    /// Reads and drops lines until the server closes; true if it did in time.
    bool waitForClose(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            const QByteArray line = readLine(int(std::max<qint64>(1, deadline.remainingTime())));
            if (line == "<eof>")
                return true;
            if (line == "<timeout>")
                return false;
        }
    }

    void close() { m_socket.close(); }

    /// Runs the event loop until the socket has news (data or hang-up) or the time is up.
    void waitForSocket(int timeoutMs)
    {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
        loop.exec();
    }
    void abort() { m_socket.abort(); }
    QTcpSocket& socket() { return m_socket; }

private:
    QTcpSocket m_socket;
};
