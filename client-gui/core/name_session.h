// One client connection to a server: connects, answers Task?, then produces or consumes names.
#pragma once

#include "clock.h"
#include "consumer_flow.h"
#include "name_reporter.h"
#include "producer_flow.h"
#include "protocol_limits.h"
#include "rate.h"
#include "role.h"
#include "session_figures.h"
#include "session_state.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace prodcons::client {

/// How long the session waits before it calls something a failure or a hold-up.
struct SessionTimeouts
{
    std::chrono::milliseconds connect{5000};    // TCP connect
    std::chrono::milliseconds handshake{10000}; // connected, no "Task?" yet
    // Producer: no OK for this long = held back. Long enough that a busy machine's hiccup while
    // names flow is not called a full buffer.
    std::chrono::milliseconds heldBackAfter{1000};
    std::chrono::milliseconds reconnectFirst{100}; // auto-reconnect backoff: first wait ...
    std::chrono::milliseconds reconnectMost{1000}; // ... doubling up to this
    // A connection given up waits this long at most for the server to close its end ...
    std::chrono::milliseconds closing{2000};
    // ... and closes sooner once nothing has come for this long: nothing is unread then, and
    // what it sent has long arrived. The textbook server never closes after a consumer's quit.
    std::chrono::milliseconds quiet{200};
};

/// A client of the classic protocol (`Task?` / `producer`|`consumer` / names and `OK`s) over one
/// QTcpSocket, for any host:port. It speaks to line-by-line servers and to servers that send
/// names ahead, pipelines a producer's names within a bounded window, and paces them on a
/// schedule. It never emits a signal per name: a window pulls figures(), log() and tracker()
/// when figuresChanged() says there is news (at most ~20 times a second).
///
/// Reconnecting is the user's call (connectToServer() again), unless setAutoReconnect(true):
/// then a lost or refused connection is retried with a short backoff, and a producer first
/// re-sends every name still unanswered, with the same tag, before going on.
class NameSession : public QObject
{
    Q_OBJECT

public:
    /// figuresChanged() comes at most this often.
    static constexpr std::chrono::milliseconds kFiguresInterval{50};

    explicit NameSession(QObject* parent = nullptr);
    /// `clock` must outlive the session; tests pass their own.
    explicit NameSession(const Clock& clock, QObject* parent = nullptr);
    ~NameSession() override;

    // Settings: before connecting, except the rate, which applies at once.
    void setNames(NameSource names) { m_producer.setNames(std::move(names)); }
    /// Producer: send these lines instead of names, once each, in order, as they are; once all
    /// are answered the session says "quit", finishes and emits finished(). See LineSequence.
    void setLines(LineSequence lines) { m_producer.setLines(std::move(lines)); }
    /// Producer: send nothing more after the first name the server refuses (the names already
    /// sent are still answered, then the session finishes). firstRejection() says which.
    void setStopOnRejection(bool enabled) { m_producer.setStopOnRejection(enabled); }
    void setRate(Rate rate);
    Rate rate() const { return m_producer.rate(); }
    /// Producer: names sent and not yet answered, at most (1 = strictly one at a time).
    void setWindow(qsizetype names) { m_producer.setWindow(names); }
    /// Stop after this many names sent and answered (producer) or received (consumer); 0: never.
    void setLimit(qint64 names);
    /// Producer: tag names with `source` (random if empty or invalid). Consumer: parse tags and
    /// track gaps and duplicates.
    void setTagging(bool enabled, QByteArray source = {});
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    void setTimeouts(const SessionTimeouts& timeouts) { m_timeouts = timeouts; }
    /// Called once per name moved (see NameObserver); empty to stop.
    void setNameObserver(NameObserver observer) { m_reporter.setObserver(std::move(observer)); }
    /// How many of the last names log() keeps (default 200). Before connecting: it empties the
    /// log and restarts its serials.
    void setLogCapacity(qsizetype names) { m_reporter.log() = NameLog(names); }

    /// Connects (closing any connection first). With no role, Task? leads to ChoosingRole and
    /// taskRequested(); answer with answerTask(). Counters carry on across connections.
    void connectToServer(const QString& host, quint16 port, std::optional<Role> role = {});
    /// The role, when the session is in ChoosingRole (or to set it before Task? comes).
    void answerTask(Role role);
    /// Producer: no new names; once all pending names are answered, sends "quit", closes and
    /// finishes. Elsewhere: like disconnectFromServer().
    void stopProducing();
    /// Gives the connection up and stops any auto-reconnect: Disconnected. A producer, or a
    /// consumer that has its role, says "quit" first, and the connection stays open until the
    /// server closes it (closed()); before that, it closes at once.
    void disconnectFromServer();
    /// Forgets counters, pending names, the log and the tracker; only while not active.
    void resetFigures();

    SessionState state() const { return m_state; }
    /// Why the session is in a failure state: the server's ERROR text, the socket's error, ...
    QString reason() const { return m_reason; }
    std::optional<Role> role() const { return m_role; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    bool isTagging() const { return m_tagging; }
    /// A connection given up is still open, waiting for the server to close it (closed()).
    bool isClosing() const { return m_closing > 0; }
    /// The producer's tag source (empty when not tagging).
    QByteArray tagSource() const { return m_producer.tagSource(); }

    SessionFigures figures() const;
    /// The server's reason for the last name it rejected ("ERROR: <reason>"), and how many it
    /// rejected (figures().errors, without computing the rest).
    QByteArray lastRejection() const { return m_producer.lastError(); }
    qint64 rejected() const { return m_producer.errors(); }
    /// The first name the server refused (its index in the order sent, and the reason).
    const std::optional<ProducerFlow::Rejection>& firstRejection() const
    {
        return m_producer.firstRejection();
    }
    const NameLog& log() const { return m_reporter.log(); }
    const TagTracker& tracker() const { return m_consumer.tracker(); }

signals:
    void stateChanged(prodcons::client::SessionState state);
    /// "Task?" arrived and no role was given.
    void taskRequested();
    /// The figures or the log changed; batched, at most every kFiguresInterval.
    void figuresChanged();
    /// The limit was reached, or a stopped producer drained; the connection is given up
    /// (closed() follows once the server has closed it).
    void finished();
    /// No connection given up is still open (see isClosing()).
    void closed();

private:
    void openConnection();
    enum class Close
    {
        Now,        // nothing said that the server must read: abort
        AfterServer // "quit" said: stay open, dropping what comes, until the server closes
    };
    void dropSocket(Close close = Close::Now);
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void handleLines();
    void handleTask();
    void beginRole();
    void handleReplies();
    void handleNames();
    void pump();
    void finishConnection();
    void write(QByteArrayView bytes);
    void fail(SessionState state, const QString& reason);
    void setState(SessionState state);
    void figuresTouched();
    void onHeldBackTimeout();

    const Clock& m_clock;
    QTcpSocket* m_socket = nullptr;
    LineBuffer m_in{kMaxNameBytes}; // the longest line a server sends is a name
    QByteArray m_replies;           // consumer's OKs for one read
    NameReporter m_reporter;
    ProducerFlow m_producer;
    ConsumerFlow m_consumer;
    SessionTimeouts m_timeouts;
    QTimer m_paceTimer;
    QTimer m_heldBackTimer;
    QTimer m_deadlineTimer; // connect, then handshake
    QTimer m_reconnectTimer;
    QTimer m_figuresTimer;
    QString m_host;
    quint16 m_port = 0;
    std::optional<Role> m_role;
    SessionState m_state = SessionState::Disconnected;
    QString m_reason;
    std::chrono::milliseconds m_backoff{0};
    int m_connections = 0;
    int m_closing = 0; // connections given up, still open
    bool m_tagging = false;
    bool m_autoReconnect = false;
};

} // namespace prodcons::client
