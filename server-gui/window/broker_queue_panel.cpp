#include "broker_queue_panel.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace prodcons::server {

namespace {

void setText(QLabel* label, const QString& text)
{
    if (label->text() != text)
        label->setText(text);
}

QLabel* figure(const QString& name, const QString& accessible, bool bold)
{
    auto* label = new QLabel(QStringLiteral("-"));
    label->setObjectName(name);
    label->setAccessibleName(accessible);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    if (bold) {
        QFont font = label->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.6);
        label->setFont(font);
    }
    return label;
}

} // namespace

BrokerQueuePanel::BrokerQueuePanel(QWidget* parent)
    : QWidget(parent), m_title(new QLabel),
      m_queue(figure(QStringLiteral("brokerQueueName"), tr("Queue"), false)),
      m_broker(figure(QStringLiteral("brokerAddress"), tr("Broker"), false)),
      m_ready(figure(QStringLiteral("brokerReadyValue"), tr("Names ready"), true)),
      m_consumers(figure(QStringLiteral("brokerConsumersValue"), tr("Consumers"), true)),
      m_unacknowledged(
          figure(QStringLiteral("brokerUnacknowledgedValue"), tr("Names unacknowledged"), true)),
      m_leader(figure(QStringLiteral("brokerLeader"), tr("Queue leader"), false)),
      m_nodes(figure(QStringLiteral("brokerNodes"), tr("Cluster nodes"), false)),
      m_problem(new QLabel), m_managementProblem(new QLabel), m_note(new QLabel)
{
    m_title->setObjectName(QStringLiteral("brokerTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_problem->setObjectName(QStringLiteral("brokerProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The palette's own colours in a frame: readable on light and dark palettes alike.
    m_problem->setFrameShape(QFrame::StyledPanel);
    m_problem->setMargin(6);
    m_problem->hide();
    m_managementProblem->setObjectName(QStringLiteral("brokerManagementProblem"));
    m_managementProblem->setWordWrap(true);
    m_managementProblem->setTextFormat(Qt::PlainText);
    m_managementProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_managementProblem->hide();
    m_note->setObjectName(QStringLiteral("brokerNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setText(
        tr("The AMQP mode has no ring to draw: the names wait in a RabbitMQ queue shared by "
           "every server of this prefix on this broker, wherever they run. Only the broker "
           "knows them; it is asked about once a second. Names ready and consumers are its "
           "live answer; names unacknowledged (delivered to a consumer, not yet confirmed), "
           "the queue's leader and the cluster's nodes come from its management API, whose "
           "statistics are a few seconds behind. The Teaching part has no view of the "
           "broker's inside."));

    auto* figures = new QFormLayout;
    figures->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    figures->setRowWrapPolicy(QFormLayout::WrapLongRows);
    figures->addRow(tr("Queue:"), m_queue);
    figures->addRow(tr("Broker:"), m_broker);
    figures->addRow(tr("Names ready:"), m_ready);
    figures->addRow(tr("Consumers:"), m_consumers);
    figures->addRow(tr("Unacknowledged:"), m_unacknowledged);
    figures->addRow(tr("Queue leader:"), m_leader);
    figures->addRow(tr("Cluster nodes:"), m_nodes);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(figures);
    layout->addWidget(m_problem);
    layout->addWidget(m_managementProblem);
    layout->addWidget(m_note);
    layout->addStretch(1);
}

void BrokerQueuePanel::showState(const BrokerQueueState& state)
{
    setText(m_queue, state.queue);
    setText(m_broker, state.broker.isEmpty() ? QStringLiteral("-") : state.broker);
    const bool counted = state.answer == BrokerQueueState::Answer::Counted;
    setText(m_ready, counted ? QString::number(state.ready) : QStringLiteral("-"));
    setText(m_consumers, counted ? QString::number(state.consumers) : QStringLiteral("-"));
    showManagement(state.management);
    switch (state.answer) {
    case BrokerQueueState::Answer::Counted:
        setText(m_title, tr("RabbitMQ queue %1: names ready wait for a consumer; each consumer "
                            "is a child of a server of this prefix")
                             .arg(state.queue));
        m_problem->hide();
        break;
    case BrokerQueueState::Answer::NoQueue:
        setText(m_title, tr("RabbitMQ queue %1").arg(state.queue));
        setText(m_problem, tr("No queue %1 on %2: it was cleaned up, or no server of this "
                              "prefix has used it yet.")
                               .arg(state.queue, state.broker));
        m_problem->show();
        break;
    case BrokerQueueState::Answer::Unanswered:
        setText(m_title, tr("RabbitMQ queue %1").arg(state.queue));
        setText(m_problem, state.error.isEmpty() ? tr("Asking the broker...") : state.error);
        m_problem->show();
        break;
    }
}

void BrokerQueuePanel::showNotWatched(const QString& queue, const QString& broker,
                                      const QString& why)
{
    setText(m_title, tr("RabbitMQ queue %1").arg(queue));
    setText(m_queue, queue);
    setText(m_broker, broker);
    setText(m_ready, QStringLiteral("-"));
    setText(m_consumers, QStringLiteral("-"));
    showManagement({});
    m_managementProblem->hide(); // not asked: nothing went wrong
    setText(m_problem, why);
    m_problem->setVisible(!why.isEmpty());
}

void BrokerQueuePanel::showManagement(const BrokerManagementFacts& facts)
{
    using Answer = BrokerManagementFacts::Answer;
    const bool known = facts.answer == Answer::Known;
    setText(m_unacknowledged, known && facts.unacknowledged >= 0
                                  ? QString::number(facts.unacknowledged)
                                  : QStringLiteral("-"));
    QString leader = QStringLiteral("-");
    if (known) {
        leader = facts.leader.isEmpty() ? tr("none now") : facts.leader;
        if (!facts.members.isEmpty())
            leader += QLatin1Char('\n') + tr("replicas on %n node(s), %1 online", nullptr,
                                             static_cast<int>(facts.members.size()))
                                              .arg(facts.online.size());
    }
    setText(m_leader, leader);
    QStringList nodes;
    for (const ClusterNode& node : facts.nodes)
        nodes << (node.running ? tr("%1: running") : tr("%1: not running")).arg(node.name);
    setText(m_nodes, nodes.isEmpty() ? QStringLiteral("-") : nodes.join(QLatin1Char('\n')));
    if (facts.answer == Answer::Unanswered && !facts.error.isEmpty()) {
        setText(m_managementProblem,
                tr("Names unacknowledged, leader and nodes unknown: %1").arg(facts.error));
        m_managementProblem->show();
    } else {
        m_managementProblem->hide();
    }
}

} // namespace prodcons::server
