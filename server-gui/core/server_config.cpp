#include "server_config.h"

namespace prodcons::server {

QString modeName(const ServerConfig& config)
{
    return config.broker ? QStringLiteral("AMQP") : QLatin1String(ipc::mode_name(config.mode));
}

QHostAddress bindAddressFrom(const QString& text)
{
    const QString t = text.trimmed();
    if (t.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::Any);
    if (t.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
        t.compare(QLatin1String("loopback"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(t);
}

} // namespace prodcons::server
