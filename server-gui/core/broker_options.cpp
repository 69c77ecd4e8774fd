#include "broker_options.h"

namespace prodcons::server {

BrokerOptions::BrokerOptions()
    : amqp(QStringLiteral("amqp"),
           tr("Serve through a queue of a RabbitMQ broker (see --broker).")),
      broker(QStringLiteral("broker"),
             tr("AMQP mode: the broker, amqp://host:port/vhost or amqps://..., or the nodes "
                "of a cluster separated by commas, tried in turn (default: "
                "$PRODCONS_BROKER_URL, else amqp://localhost:5672/). No password here: the "
                "command line is visible to every user (ps); see --broker-credentials."),
             QStringLiteral("url")),
      credentials(QStringLiteral("broker-credentials"),
                  tr("AMQP mode: a file whose first line is user:password (default: the user and "
                     "password of $PRODCONS_BROKER_URL, else guest:guest)."),
                  QStringLiteral("file"))
{}

QString BrokerOptions::withoutAmqpMode()
{
    return tr("--broker and --broker-credentials are for the AMQP mode: add -amqp");
}

} // namespace prodcons::server
