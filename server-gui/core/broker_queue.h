// The AMQP mode's buffer seen from a tool: how many names wait in the queue and who consumes
// them (socket_srv --status, its 'status' command), and its removal (--cleanup). The broker
// is asked each time: it knows, no process of this machine does.
#pragma once

#include "server_config.h"

#include <QString>

namespace prodcons::server {

struct BrokerQueueReport
{
    bool ok = false; ///< false: the broker could not be asked; `text` says why
    QString text;
};

/// "queue prodcons_buffer on amqp://127.0.0.1:5690/: 3 name(s) ready, 2 consumer(s)".
BrokerQueueReport brokerQueueStatus(const ServerConfig& config);
/// Deletes the queue of the prefix, and the names in it.
BrokerQueueReport removeBrokerQueue(const ServerConfig& config);

} // namespace prodcons::server
