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

BrokerQueueState brokerQueueTarget(const ServerConfig& config)
{
    const Target target = targetOf(config);
    BrokerQueueState state;
    state.queue = QString::fromStdString(target.queue);
    if (target.settings)
        state.broker = QString::fromStdString(target.settings->address());
    else
        state.error = target.error;
    return state;
}

BrokerQueueState brokerQueueState(const ServerConfig& config,
                                  std::chrono::milliseconds connectTimeout)
{
    Target target = targetOf(config);
    BrokerQueueState state;
    state.queue = QString::fromStdString(target.queue);
    if (!target.settings) {
        state.error = target.error;
        return state;
    }
    if (connectTimeout.count() > 0)
        target.settings->connect_timeout = connectTimeout;
    state.broker = QString::fromStdString(target.settings->address());
    const auto counts = amqp::query_queue(*target.settings, target.queue);
    if (counts) {
        state.answer = BrokerQueueState::Answer::Counted;
        state.ready = counts->ready;
        state.consumers = counts->consumers;
    } else if (counts.error().code == ipc::Errc::Broker && counts.error().err == 404) {
        state.answer = BrokerQueueState::Answer::NoQueue;
    } else {
        state.error = QString::fromStdString(ipc::describe(counts.error()));
        return state;
    }
    state.management =
        askBrokerManagement(*target.settings, state.queue, target.settings->connect_timeout);
    return state;
}

QString brokerManagementSummary(const BrokerManagementFacts& facts)
{
    using Answer = BrokerManagementFacts::Answer;
    if (facts.answer == Answer::Unanswered)
        return BrokerQueueText::tr("unacknowledged names, queue leader and cluster nodes "
                                   "unknown: %1")
            .arg(facts.error);
    QStringList nodes;
    for (const ClusterNode& node : facts.nodes)
        nodes << (node.running ? BrokerQueueText::tr("%1 (running)")
                               : BrokerQueueText::tr("%1 (not running)"))
                     .arg(node.name);
    QString summary =
        BrokerQueueText::tr("cluster nodes: %1").arg(nodes.join(QStringLiteral(", ")));
    if (facts.answer == Answer::NoQueue)
        return summary;
    summary += QLatin1Char('\n');
    summary += facts.unacknowledged < 0
                   ? BrokerQueueText::tr("unacknowledged: not counted yet")
                   : BrokerQueueText::tr("%n name(s) unacknowledged (the broker's statistics, "
                                         "a few seconds behind)",
                                         nullptr, static_cast<int>(facts.unacknowledged));
    summary += QLatin1Char('\n');
    summary += facts.leader.isEmpty() ? BrokerQueueText::tr("no node leads the queue now")
                                      : BrokerQueueText::tr("queue leader: %1").arg(facts.leader);
    if (!facts.members.isEmpty())
        summary += QLatin1String("; ") + BrokerQueueText::tr("replicas on %1 (%2 online)")
                                             .arg(facts.members.join(QStringLiteral(", ")))
                                             .arg(facts.online.size());
    return summary;
}

BrokerQueueReport brokerQueueStatus(const ServerConfig& config)
{
    const BrokerQueueState state = brokerQueueState(config);
    switch (state.answer) {
    case BrokerQueueState::Answer::Unanswered:
        return {false, state.error};
    case BrokerQueueState::Answer::NoQueue:
        return {true, BrokerQueueText::tr(
                          "no queue %1 on %2: no server of this prefix has used it, or it "
                          "was cleaned up")
                              .arg(state.queue, state.broker) +
                          QLatin1Char('\n') + brokerManagementSummary(state.management)};
    case BrokerQueueState::Answer::Counted:
        break;
    }
    return {true, BrokerQueueText::tr("queue %1 on %2: %3 name(s) ready, %4 consumer(s)")
                          .arg(state.queue, state.broker)
                          .arg(state.ready)
                          .arg(state.consumers) +
                      QLatin1Char('\n') + brokerManagementSummary(state.management)};
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

QString brokerCleanupRisk(const BrokerQueueState& state)
{
    QStringList risks;
    switch (state.answer) {
    case BrokerQueueState::Answer::Unanswered:
        return BrokerQueueText::tr("The queue could not be looked at: %1").arg(state.error);
    case BrokerQueueState::Answer::NoQueue:
        return {};
    case BrokerQueueState::Answer::Counted:
        break;
    }
    if (state.consumers > 0)
        risks << BrokerQueueText::tr(
            "%n consumer(s) use this queue: children of live servers, on this machine "
            "or another. The broker cancels them when the queue is deleted.",
            nullptr, static_cast<int>(state.consumers));
    if (state.ready > 0)
        risks << BrokerQueueText::tr("%n queued name(s) will be discarded.", nullptr,
                                     static_cast<int>(state.ready));
    if (state.management.unacknowledged > 0)
        risks << BrokerQueueText::tr(
            "%n name(s) delivered to consumers and not yet acknowledged: those no client has "
            "received yet will be lost.",
            nullptr, static_cast<int>(state.management.unacknowledged));
    return risks.join(QLatin1Char('\n'));
}

} // namespace prodcons::server
