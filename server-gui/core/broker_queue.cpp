#include "broker_queue.h"

#include "amqp/queue.h"

#include <QCoreApplication>

namespace prodcons::server {

namespace {

/// The context of this file's texts in the translations.
struct BrokerQueueText
{
    Q_DECLARE_TR_FUNCTIONS(BrokerQueue)
};

struct Target
{
    std::optional<amqp::BrokerSettings> settings;
    std::string queue;
    QString error;
};

Target targetOf(const ServerConfig& config)
{
    const BrokerChoice choice = config.broker.value_or(BrokerChoice{});
    const amqp::ResolvedBroker broker =
        amqp::resolve_broker(choice.url.toStdString(), choice.credentialsFile.toStdString());
    return {broker.settings, amqp::queue_name(config.ipc.prefix),
            QString::fromStdString(broker.error)};
}

} // namespace

BrokerQueueReport brokerQueueStatus(const ServerConfig& config)
{
    const Target target = targetOf(config);
    if (!target.settings)
        return {false, target.error};
    const QString queue = QString::fromStdString(target.queue);
    const QString broker = QString::fromStdString(target.settings->address());
    const auto counts = amqp::query_queue(*target.settings, target.queue);
    if (!counts) {
        if (counts.error().code == ipc::Errc::Broker && counts.error().err == 404)
            return {true, BrokerQueueText::tr(
                              "no queue %1 on %2: no server of this prefix has used it, or it "
                              "was cleaned up")
                              .arg(queue, broker)};
        return {false, QString::fromStdString(ipc::describe(counts.error()))};
    }
    return {true, BrokerQueueText::tr("queue %1 on %2: %3 name(s) ready, %4 consumer(s)")
                      .arg(queue, broker)
                      .arg(counts->ready)
                      .arg(counts->consumers)};
}

BrokerQueueReport removeBrokerQueue(const ServerConfig& config)
{
    const Target target = targetOf(config);
    if (!target.settings)
        return {false, target.error};
    const auto removed = amqp::delete_queue(*target.settings, target.queue);
    if (!removed)
        return {false, QString::fromStdString(ipc::describe(removed.error()))};
    return {true, BrokerQueueText::tr("removed queue %1 from %2, with the %n name(s) in it",
                                      nullptr, static_cast<int>(removed.value()))
                      .arg(QString::fromStdString(target.queue),
                           QString::fromStdString(target.settings->address()))};
}

} // namespace prodcons::server
