// BrokerQueuePanel: the "Shared buffer" part of the server window in the AMQP mode. There is no
// ring to draw: the names wait in a RabbitMQ queue, and only the broker knows them. It shows
// what the broker answered last (BrokerQueueWatch): the queue, the broker's address (never a
// user or a password), the names ready and the consumers, or why the broker could not be asked;
// from the broker's management API, the names unacknowledged, the queue's leader and the
// cluster's nodes, or why the API could not be asked.
// Reads a BrokerQueueState only.
#pragma once

#include "broker_queue.h"

#include <QWidget>

class QLabel;

namespace prodcons::server {

class BrokerQueuePanel : public QWidget
{
    Q_OBJECT

public:
    explicit BrokerQueuePanel(QWidget* parent = nullptr);

    /// Shows the broker's latest answer about the queue of a running server.
    void showState(const BrokerQueueState& state);
    /// Shows what a server would use, while none runs: `queue` on `broker`, not asked.
    void showNotWatched(const QString& queue, const QString& broker, const QString& why);

private:
    void showManagement(const BrokerManagementFacts& facts);

    QLabel* m_title = nullptr;
    QLabel* m_queue = nullptr;
    QLabel* m_broker = nullptr;
    QLabel* m_ready = nullptr;
    QLabel* m_consumers = nullptr;
    QLabel* m_unacknowledged = nullptr;
    QLabel* m_leader = nullptr;
    QLabel* m_nodes = nullptr;
    QLabel* m_problem = nullptr; ///< why the broker could not be asked, or what is missing
    QLabel* m_managementProblem = nullptr; ///< why the management API could not be asked
    QLabel* m_note = nullptr;
};

} // namespace prodcons::server
