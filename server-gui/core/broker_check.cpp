#include "broker_check.h"

#include "amqp/broker_access.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace prodcons::server {

namespace {

using Answer = std::optional<ipc::Error>;

} // namespace

BrokerCheck::BrokerCheck(QObject* parent) : QObject(parent) {}

BrokerCheck::~BrokerCheck()
{
    cancel();
}

void BrokerCheck::begin(const amqp::BrokerSettings& settings, const amqp::QueueSettings& queue)
{
    cancel();
    m_watcher = new QFutureWatcher<Answer>(this);
    connect(m_watcher, &QFutureWatcher<Answer>::finished, this, &BrokerCheck::onFinished);
    // Copies only: the check may outlive this object (it is never interrupted, only dropped).
    m_watcher->setFuture(QtConcurrent::run([settings, queue]() -> Answer {
        amqp::BrokerAccess access(settings, queue);
        if (const ipc::Status checked = access.check(); !checked)
            return checked.error();
        return std::nullopt;
    }));
}

void BrokerCheck::cancel()
{
    if (!m_watcher)
        return;
    // Its finished() may already be on its way: disconnected, and deleted with it.
    m_watcher->disconnect(this);
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void BrokerCheck::onFinished()
{
    const Answer answer = m_watcher->result();
    m_watcher->deleteLater();
    m_watcher = nullptr;
    if (answer)
        emit failed(*answer);
    else
        emit passed();
}

} // namespace prodcons::server
