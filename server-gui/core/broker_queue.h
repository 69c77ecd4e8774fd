// The AMQP mode's buffer seen from a tool: how many names wait in the queue and who consumes
// them (socket_srv --status, its 'status' command, the server window's broker view), and its
// removal (--cleanup, the window's Cleanup). The broker is asked each time: it knows, no
// process of this machine does. Every call here blocks until the broker answers or the
// connection is given up (BrokerSettings::connect_timeout): call them off a GUI thread.
#pragma once

#include "broker_management.h"
#include "server_config.h"

#include <QString>
#include <chrono>

namespace prodcons::server {

struct BrokerQueueReport
{
    bool ok = false; ///< false: the broker could not be asked; `text` says why
    QString text;
};

/// What the broker says about the queue of a prefix, as figures (the window's broker view).
struct BrokerQueueState
{
    enum class Answer
    {
        Counted,   ///< the queue exists: `ready` and `consumers` are the broker's
        NoQueue,   ///< the broker answered that there is no such queue
        Unanswered ///< the broker could not be asked, or refused: `error` says why
    };
    Answer answer = Answer::Unanswered;
    QString queue;  ///< "prodcons_buffer"
    QString broker; ///< "amqp://127.0.0.1:5690/": never a user or a password
    quint32 ready = 0;
    quint32 consumers = 0;
    QString error;
    /// What only the management API knows (unacknowledged names, leader, nodes): asked when
    /// the broker has answered over AMQP.
    BrokerManagementFacts management;
};

/// The queue and the broker of `config` without asking the broker (no network: the URL,
/// $PRODCONS_BROKER_URL and the credentials file are read): answer Unanswered, with `error` set
/// only when they cannot be used.
BrokerQueueState brokerQueueTarget(const ServerConfig& config);

/// Asks the broker of `config` about the queue of its prefix. `connectTimeout` (when not zero)
/// replaces the connection's usual limit: a view asked once a second gives up sooner.
BrokerQueueState brokerQueueState(const ServerConfig& config,
                                  std::chrono::milliseconds connectTimeout = {});

/// "queue prodcons_buffer on amqp://127.0.0.1:5690/: 3 name(s) ready, 2 consumer(s)", then
/// what the management API adds (or why it could not be asked), on lines of their own.
BrokerQueueReport brokerQueueStatus(const ServerConfig& config);
/// What the management API said, in lines for a terminal: the cluster's nodes, then (when the
/// queue exists) its unacknowledged names and its leader and replicas; or why it is unknown.
QString brokerManagementSummary(const BrokerManagementFacts& facts);
/// Deletes the queue of the prefix, and the names in it.
BrokerQueueReport removeBrokerQueue(const ServerConfig& config);

/// What deleting the queue would hurt, in words, or an empty string if nothing: consumers
/// attached (the children of live servers, which then fail) and names ready (discarded); when
/// the broker could not be asked, that it could not.
QString brokerCleanupRisk(const BrokerQueueState& state);

} // namespace prodcons::server
