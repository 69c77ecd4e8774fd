#include "broker_queue_watch.h"

namespace prodcons::server {

namespace {

using namespace std::chrono_literals;

constexpr auto kInterval = 1s;

} // namespace

BrokerQueueWatch::BrokerQueueWatch(QObject* parent) : QObject(parent), m_asker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("brokerQueueWatch"));
    m_asker->moveToThread(&m_thread);
    m_thread.start();
    m_timer.setInterval(kInterval);
    connect(&m_timer, &QTimer::timeout, this, &BrokerQueueWatch::ask);
}

BrokerQueueWatch::~BrokerQueueWatch()
{
    m_thread.quit();
    m_thread.wait();
    delete m_asker; // its thread has ended: safe from here
}

void BrokerQueueWatch::watch(const ServerConfig& config)
{
    ++m_generation;
    m_config = config;
    m_state = brokerQueueTarget(config); // the queue and the broker, until the broker answers
    m_timer.start();
    ask();
}

void BrokerQueueWatch::stop()
{
    ++m_generation;
    m_timer.stop();
}

void BrokerQueueWatch::ask()
{
    if (m_inFlight)
        return; // the next tick after the answer asks again
    m_inFlight = true;
    // Runs in m_thread; the answer is queued back to this object, and dropped with it if the
    // watch is destroyed first (the destructor waits for this call to end).
    QMetaObject::invokeMethod(m_asker, [this, config = m_config, generation = m_generation] {
        const BrokerQueueState state = brokerQueueState(config, kConnectTimeout);
        QMetaObject::invokeMethod(
            this, [this, state, generation] { onAnswer(state, generation); }, Qt::QueuedConnection);
    });
}

void BrokerQueueWatch::onAnswer(const BrokerQueueState& state, quint64 generation)
{
    m_inFlight = false;
    if (generation != m_generation) { // asked about what was watched before
        if (isWatching())
            ask(); // about what is watched now, without waiting for the next tick
        return;
    }
    m_state = state;
    emit updated(m_state);
}

} // namespace prodcons::server
