// The AMQP mode's command-line options, with the same names, meaning and words in socket_srv
// and in the server window, so that one command line serves both programs.
#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>

namespace prodcons::server {

struct BrokerOptions
{
    Q_DECLARE_TR_FUNCTIONS(BrokerOptions)

public:
    BrokerOptions();

    QCommandLineOption amqp;        ///< -amqp: serve through a RabbitMQ queue
    QCommandLineOption broker;      ///< --broker URL, never with a password
    QCommandLineOption credentials; ///< --broker-credentials FILE

    QList<QCommandLineOption> all() const { return {amqp, broker, credentials}; }
    /// The usage error for --broker or --broker-credentials without the AMQP mode.
    static QString withoutAmqpMode();
};

} // namespace prodcons::server
