// BrokerQueueWatch: the AMQP mode's queue, asked about once a second (brokerQueueState), for a
// window that must never wait for the broker: each question runs on a thread of the watch's
// own, one at a time (a broker that answers slowly is asked less often, never twice at once),
// and the answer comes back as a signal in the owner's thread. An answer to a question asked
// before the last watch() or stop() is dropped.
#pragma once

#include "broker_queue.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <chrono>

namespace prodcons::server {

class BrokerQueueWatch : public QObject
{
    Q_OBJECT

public:
    explicit BrokerQueueWatch(QObject* parent = nullptr);
    /// Waits for the question in flight, if any (at most the connection's time limit).
    ~BrokerQueueWatch() override;

    /// Asks about the queue of `config` now, then about once a second; replaces what was
    /// watched before.
    void watch(const ServerConfig& config);
    /// No more questions; the answer to one in flight is dropped.
    void stop();
    bool isWatching() const { return m_timer.isActive(); }

    /// The latest answer for what is watched now (before the first: the queue and the broker,
    /// answer Unanswered, and no error unless the broker's settings cannot be used).
    const BrokerQueueState& state() const { return m_state; }
    /// How long a question may wait for the broker's connection before it is given up.
    static constexpr std::chrono::milliseconds kConnectTimeout{2000};

signals:
    void updated(const prodcons::server::BrokerQueueState& state);

private:
    void ask();
    void onAnswer(const BrokerQueueState& state, quint64 generation);

    QThread m_thread;
    QObject* m_asker = nullptr; ///< lives in m_thread: questions are run in its event loop
    QTimer m_timer;
    ServerConfig m_config;
    quint64 m_generation = 0; ///< counts watch() and stop(): answers of older ones are dropped
    bool m_inFlight = false;
    BrokerQueueState m_state;
};

} // namespace prodcons::server
