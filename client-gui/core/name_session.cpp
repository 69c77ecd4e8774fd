#include "name_session.h"

#include "name_tag.h"

#include <QNetworkProxy>
#include <QTcpSocket>
#include <algorithm>
#include <sys/ioctl.h>

namespace prodcons::client {

using std::chrono::milliseconds;

namespace {

/// Bytes the kernel holds for `socket` that QTcpSocket has not read yet.
int unreadBytes(const QTcpSocket& socket)
{
    int bytes = 0;
    if (socket.socketDescriptor() < 0 ||
        ::ioctl(static_cast<int>(socket.socketDescriptor()), FIONREAD, &bytes) != 0)
        return 0;
    return bytes;
}

} // namespace

NameSession::NameSession(QObject* parent) : NameSession(SteadyClock::instance(), parent) {}

NameSession::NameSession(const Clock& clock, QObject* parent)
    : QObject(parent), m_clock(clock), m_producer(m_reporter), m_consumer(m_reporter)
{
    for (QTimer* timer :
         {&m_paceTimer, &m_heldBackTimer, &m_deadlineTimer, &m_reconnectTimer, &m_figuresTimer})
        timer->setSingleShot(true);
    // The pacer keeps the schedule; the timer only has to wake us close to the next slot.
    m_paceTimer.setTimerType(Qt::PreciseTimer);
    m_figuresTimer.setInterval(kFiguresInterval);
    connect(&m_paceTimer, &QTimer::timeout, this, &NameSession::pump);
    connect(&m_heldBackTimer, &QTimer::timeout, this, &NameSession::onHeldBackTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &NameSession::openConnection);
    connect(&m_figuresTimer, &QTimer::timeout, this, &NameSession::figuresChanged);
    connect(&m_deadlineTimer, &QTimer::timeout, this, [this] {
        if (m_state == SessionState::Connecting)
            fail(SessionState::Failed, tr("no connection to %1:%2 within %3 ms")
                                           .arg(m_host)
                                           .arg(m_port)
                                           .arg(m_timeouts.connect.count()));
        else if (m_state == SessionState::AwaitingTask)
            fail(SessionState::Failed, tr("the server did not ask for a task within %1 ms")
                                           .arg(m_timeouts.handshake.count()));
    });
}

NameSession::~NameSession()
{
    // The socket is our child and dies after this body; it must not call back into us then.
    if (m_socket)
        m_socket->disconnect(this);
}

void NameSession::setRate(Rate rate)
{
    m_producer.setRate(rate, m_clock.now());
    if (m_state == SessionState::Producing || m_state == SessionState::HeldBack)
        pump(); // at once: a faster rate may have names due now, a slower one a later wake-up
    figuresTouched();
}

void NameSession::setLimit(qint64 names)
{
    m_producer.setLimit(names);
    m_consumer.setLimit(names);
}

void NameSession::setTagging(bool enabled, QByteArray source)
{
    m_tagging = enabled;
    if (enabled && !NameTag::isValidSource(source))
        source = NameTag::randomSource();
    m_producer.setTagSource(enabled ? source : QByteArray());
    m_consumer.setTracking(enabled);
}

void NameSession::connectToServer(const QString& host, quint16 port, std::optional<Role> role)
{
    m_host = host;
    m_port = port;
    m_role = role;
    m_producer.resume();
    m_reconnectTimer.stop();
    m_backoff = m_timeouts.reconnectFirst;
    openConnection();
}

void NameSession::answerTask(Role role)
{
    m_role = role;
    if (m_state == SessionState::ChoosingRole) {
        beginRole();
        handleLines(); // a consumer's first names may already be here
    }
}

void NameSession::stopProducing()
{
    m_producer.stop();
    if (m_state == SessionState::Producing || m_state == SessionState::HeldBack)
        pump(); // finishes at once if nothing is pending
    else
        disconnectFromServer();
}

void NameSession::disconnectFromServer()
{
    m_reconnectTimer.stop();
    // Before the role is sent nothing can be lost, and the server, waiting for a role, would
    // not close first: the connection closes at once.
    const bool saysQuit = m_socket && ((m_role == Role::Producer && isActive(m_state)) ||
                                       m_state == SessionState::Consuming);
    if (saysQuit)
        write("quit\n");
    dropSocket(saysQuit ? Close::AfterServer : Close::Now);
    m_reason.clear();
    setState(SessionState::Disconnected);
}

void NameSession::resetFigures()
{
    if (isActive(m_state))
        return;
    m_producer.reset();
    m_consumer.clear();
    m_reporter.log().clear();
    m_reporter.resetRates();
    m_connections = 0;
    figuresTouched();
}

SessionFigures NameSession::figures() const
{
    const Nanos now = m_clock.now();
    SessionFigures figures;
    figures.sent = m_producer.sent();
    figures.acknowledged = m_producer.acknowledged();
    figures.errors = m_producer.errors();
    figures.resent = m_producer.resent();
    figures.pending = m_producer.pending();
    figures.received = m_consumer.received();
    figures.gaps = m_consumer.tracker().totalGaps();
    figures.duplicates = m_consumer.tracker().totalDuplicates();
    figures.rate = m_reporter.perSecond(
        m_role == Role::Consumer ? NameEvent::Received : NameEvent::Acknowledged, now);
    figures.connections = m_connections;
    return figures;
}

void NameSession::openConnection()
{
    dropSocket();
    m_in.clear();
    m_socket = new QTcpSocket(this);
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, &NameSession::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &NameSession::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &NameSession::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &NameSession::onSocketError);
    m_reason.clear();
    setState(SessionState::Connecting);
    m_deadlineTimer.start(m_timeouts.connect);
    m_socket->connectToHost(m_host, m_port);
}

void NameSession::dropSocket(Close close)
{
    m_paceTimer.stop();
    m_heldBackTimer.stop();
    m_deadlineTimer.stop();
    if (!m_socket)
        return;
    QTcpSocket* socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    if (close == Close::Now || socket->state() != QAbstractSocket::ConnectedState) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Closing a socket with data still unread makes the kernel reset the connection, and a
    // reset can overtake what was written just before it (on loopback each CPU delivers its
    // own packets): a consumer's last OKs, "quit". The server would then hand back names this
    // client has counted, and another consumer would receive them again. So the socket stays
    // open, dropping what still comes, until the server closes its end (it does after "quit"),
    // and closes then, with nothing unread: a FIN, which stays behind the data. A server that
    // stays open but sends nothing more (the textbook one) is not waited for long: once the
    // connection has been quiet a while, nothing is unread and nothing sent is still in flight.
    ++m_closing;
    const auto closeNow = [socket] {
        socket->abort();
        socket->deleteLater();
    };
    auto* quiet = new QTimer(socket);
    quiet->setSingleShot(true);
    quiet->setInterval(m_timeouts.quiet);
    connect(quiet, &QTimer::timeout, socket, closeNow);
    connect(socket, &QTcpSocket::readyRead, socket, [socket, quiet] {
        socket->skip(socket->bytesAvailable());
        quiet->start();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QObject::destroyed, this, [this] {
        if (--m_closing == 0)
            emit closed();
    });
    QTimer::singleShot(m_timeouts.closing, socket, closeNow); // a server that keeps talking
    quiet->start();
    socket->flush();
}

void NameSession::onConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // line-by-line servers wait
    setState(SessionState::AwaitingTask);
    m_deadlineTimer.start(m_timeouts.handshake);
}

void NameSession::onReadyRead()
{
    // Everything available in one read, straight into the line buffer.
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0) {
        const qint64 got = m_socket->read(m_in.reserve(available), available);
        m_in.commit(std::max<qint64>(got, 0));
    }
    handleLines();
    m_in.compact();
}

void NameSession::handleLines()
{
    // "Task?" first; whatever came with it in the same read belongs to the role.
    while (m_state == SessionState::AwaitingTask && m_in.unreadBytes() > 0) {
        const qsizetype before = m_in.position();
        handleTask();
        if (m_in.position() == before)
            break; // the line is not complete yet
    }
    if (m_state == SessionState::Producing || m_state == SessionState::HeldBack)
        handleReplies();
    else if (m_state == SessionState::Consuming)
        handleNames();
}

void NameSession::handleTask()
{
    QByteArrayView line;
    const LineBuffer::Next next = m_in.next(line);
    if (next == LineBuffer::Next::NeedMore)
        return;
    if (next == LineBuffer::Next::TooLong)
        return fail(SessionState::Failed, tr("the server's greeting is too long"));
    if (line.trimmed() == "Task?") {
        m_deadlineTimer.stop();
        if (m_role) {
            beginRole();
        } else {
            setState(SessionState::ChoosingRole);
            emit taskRequested();
        }
        return;
    }
    if (const std::optional<QByteArray> error = serverErrorText(line))
        return fail(SessionState::ServerError, QString::fromUtf8(*error));
    fail(SessionState::Failed,
         tr("expected \"Task?\" from the server, got \"%1\"")
             .arg(QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 80)))));
}

void NameSession::beginRole()
{
    write(roleName(*m_role) + '\n');
    ++m_connections;
    m_backoff = m_timeouts.reconnectFirst;
    if (*m_role == Role::Consumer) {
        setState(SessionState::Consuming);
        return;
    }
    setState(SessionState::Producing);
    m_producer.start(m_clock.now());
    // Names unanswered on a lost connection go first, as they were (same tags).
    if (m_producer.pending() > 0) {
        write(m_producer.resendPending());
        m_heldBackTimer.start(m_timeouts.heldBackAfter);
    }
    pump();
}

void NameSession::handleReplies()
{
    const ProducerFlow::Replies replies = m_producer.takeReplies(m_in, m_clock.now());
    if (!replies.sessionError.isEmpty())
        return fail(SessionState::ServerError, QString::fromUtf8(replies.sessionError));
    if (!replies.protocolError.isEmpty())
        return fail(SessionState::Failed, QString::fromUtf8(replies.protocolError));
    if (replies.answered == 0)
        return;
    // The server is taking names: not held back, and the hold-up clock starts again.
    if (m_state == SessionState::HeldBack)
        setState(SessionState::Producing);
    if (m_producer.pending() > 0)
        m_heldBackTimer.start(m_timeouts.heldBackAfter);
    else
        m_heldBackTimer.stop();
    figuresTouched();
    pump();
}

void NameSession::handleNames()
{
    m_replies.resize(0); // keeps the capacity (clear() would free it)
    const ConsumerFlow::Names names = m_consumer.takeNames(m_in, m_replies, m_clock.now());
    if (!m_replies.isEmpty())
        write(m_replies); // one write for all the names of this read
    if (names.taken > 0)
        figuresTouched();
    if (!names.serverError.isEmpty())
        return fail(SessionState::ServerError, QString::fromUtf8(names.serverError));
    if (!names.protocolError.isEmpty())
        return fail(SessionState::Failed, QString::fromUtf8(names.protocolError));
    if (m_consumer.limitReached())
        finishConnection();
}

void NameSession::pump()
{
    if (m_state != SessionState::Producing && m_state != SessionState::HeldBack)
        return;
    const Nanos now = m_clock.now();
    const QByteArrayView bytes = m_producer.produceDue(now);
    if (!bytes.isEmpty()) {
        write(bytes);
        if (!m_heldBackTimer.isActive() && m_state != SessionState::HeldBack)
            m_heldBackTimer.start(m_timeouts.heldBackAfter);
        figuresTouched();
    }
    if (m_producer.isFinished())
        return finishConnection();
    if (const std::optional<Nanos> due = m_producer.nextDueTime()) {
        const auto wait = std::chrono::ceil<milliseconds>(*due - now);
        m_paceTimer.start(std::max(wait, milliseconds{1}));
    } else {
        m_paceTimer.stop(); // a reply will call pump() again
    }
}

void NameSession::finishConnection()
{
    write("quit\n"); // a consumer too: the server then closes, and the client after it
    dropSocket(Close::AfterServer);
    setState(SessionState::Finished);
    figuresTouched();
    emit finished();
}

void NameSession::write(QByteArrayView bytes)
{
    if (!m_socket || bytes.isEmpty())
        return;
    m_socket->write(bytes.data(), bytes.size());
    m_socket->flush(); // now, in one system call, rather than on the next event-loop turn
}

void NameSession::onDisconnected()
{
    // Lines that arrived just before the close still count (the last OKs, an ERROR line).
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!m_socket)
        return; // handled already: finished or failed while reading
    QString reason = tr("the server closed the connection");
    if (m_producer.pending() > 0 && m_role == Role::Producer)
        reason += tr(" (%n name(s) unanswered)", nullptr, static_cast<int>(m_producer.pending()));
    fail(SessionState::ServerGone, reason);
}

void NameSession::onSocketError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError)
        return; // onDisconnected() follows
    if (m_state != SessionState::Connecting)
        return fail(SessionState::ServerGone, m_socket->errorString());
    if (error == QAbstractSocket::ConnectionRefusedError)
        return fail(SessionState::Refused, tr("nobody listens at %1:%2").arg(m_host).arg(m_port));
    fail(SessionState::Failed,
         tr("cannot connect to %1:%2: %3").arg(m_host).arg(m_port).arg(m_socket->errorString()));
}

void NameSession::fail(SessionState state, const QString& reason)
{
    // Dropping the socket: a failed connection has nothing worth flushing.
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    dropSocket(); // stops the timers
    m_reason = reason;
    setState(state);
    figuresTouched();
    if (m_autoReconnect) {
        m_reconnectTimer.start(m_backoff);
        m_backoff = std::min(m_backoff * 2, m_timeouts.reconnectMost);
    }
}

void NameSession::setState(SessionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void NameSession::figuresTouched()
{
    if (!m_figuresTimer.isActive())
        m_figuresTimer.start();
}

void NameSession::onHeldBackTimeout()
{
    if (m_state != SessionState::Producing || m_producer.pending() == 0)
        return;
    // A busy event loop may serve this timer before the OKs already waiting in the socket
    // (QTcpSocket has not read them yet): then the server is answering, so look again later.
    if (m_socket && (m_socket->bytesAvailable() > 0 || unreadBytes(*m_socket) > 0)) {
        m_heldBackTimer.start(m_timeouts.heldBackAfter);
        return;
    }
    setState(SessionState::HeldBack);
}

} // namespace prodcons::client
