// What RabbitMQ's management API (the HTTP plugin rabbitmq_management) knows of the AMQP mode's
// queue that AMQP itself does not say: how many names are delivered and not yet acknowledged,
// which node leads the (quorum) queue and holds its replicas, and the nodes of the cluster.
// A passive declare gives only the names ready and the consumers (broker_queue.h).
//
// The API is asked at $PRODCONS_BROKER_MANAGEMENT, else at the broker's host on its AMQP port
// plus 10000: RabbitMQ's own defaults (5672 -> 15672, TLS 5671 -> 15671) and scripts/broker.sh's
// layout alike. An amqps:// broker is asked over https:// only: the credentials never cross the
// network in clear because the management API was found by a rule. Blocking: call it off a GUI
// thread (it runs a local event loop, so the calling thread needs none of its own).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <chrono>

namespace prodcons::amqp {
struct BrokerSettings;
}

namespace prodcons::server {

inline constexpr const char* kBrokerManagementVariable = "PRODCONS_BROKER_MANAGEMENT";

struct ClusterNode
{
    QString name; ///< "rabbit@host", as the cluster names it
    bool running = false;
    bool operator==(const ClusterNode&) const = default;
};

struct BrokerManagementFacts
{
    enum class Answer
    {
        Known,     ///< the fields below are the API's
        NoQueue,   ///< the API answered, without the queue; `nodes` is known
        Unanswered ///< the API could not be asked, or refused: `error` says why
    };
    Answer answer = Answer::Unanswered;
    QUrl api;          ///< the management API that answered, or the last one asked
    QString queueType; ///< "quorum"
    /// From the broker's statistics, which it gathers every few seconds: behind the live count
    /// of names ready by as much. Unknown (-1) until the queue's first statistics are in.
    qint64 unacknowledged = -1;
    QString leader;           ///< the node leading the queue (empty when none is known)
    QStringList members;      ///< the nodes holding a replica of the queue
    QStringList online;       ///< the members that run
    QList<ClusterNode> nodes; ///< every node of the cluster, running or not
    QString error;
};

/// Where the management API of `broker` is, by the rule above: one for each of its nodes (or
/// the one of $PRODCONS_BROKER_MANAGEMENT); none, and `whyNot`, when that variable cannot be
/// used.
QList<QUrl> brokerManagementUrls(const amqp::BrokerSettings& broker, QString* whyNot = nullptr);

/// Asks the management API of `broker` about `queue` and the cluster's nodes (two requests, side
/// by side), giving up on a node's API after `timeout` and then asking the next node's.
BrokerManagementFacts askBrokerManagement(const amqp::BrokerSettings& broker, const QString& queue,
                                          std::chrono::milliseconds timeout);

} // namespace prodcons::server
