// BrokerCheck: the AMQP mode's look at the broker before a server serves (the broker answers,
// takes the credentials, has the vhost, and the queue is there: amqp::BrokerAccess::check()),
// for a caller that must not wait for it. A broker that never answers (a host that drops the
// packets, a port where a program of another protocol listens) holds the check for the whole
// connection time limit, 5 s: on the GUI thread, a frozen window.
// The check runs on Qt's global thread pool with copies of what it needs, and its answer comes
// back as a signal in the owner's thread. A check given up (cancel(), another begin(), this
// object destroyed) runs out its time limit on its own and its answer is dropped; the pool is
// joined by QCoreApplication's destructor, so no check outlives the application.
#pragma once

#include "amqp/broker_settings.h"
#include "amqp/queue.h"
#include "ipc/error.h"

#include <QObject>
#include <optional>

template <class T> class QFutureWatcher;

namespace prodcons::server {

class BrokerCheck : public QObject
{
    Q_OBJECT

public:
    explicit BrokerCheck(QObject* parent = nullptr);
    /// Does not wait for a check in flight: it is given up.
    ~BrokerCheck() override;

    /// Checks the broker of `settings` for `queue`; gives up the check in flight, if any.
    void begin(const amqp::BrokerSettings& settings, const amqp::QueueSettings& queue);
    /// Gives up the check in flight: neither passed() nor failed() comes for it.
    void cancel();
    bool isChecking() const { return m_watcher != nullptr; }

signals:
    /// The broker can be used for the queue.
    void passed();
    /// It cannot: `error` says which call failed on which broker, and why.
    void failed(const prodcons::ipc::Error& error);

private:
    void onFinished();

    /// Watches the check in flight; none between checks.
    QFutureWatcher<std::optional<ipc::Error>>* m_watcher = nullptr;
};

} // namespace prodcons::server
