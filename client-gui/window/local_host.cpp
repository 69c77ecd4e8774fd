#include "local_host.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkInterface>
#include <algorithm>

namespace prodcons::client {

bool isLocalHost(const QString& host)
{
    const QString trimmed = host.trimmed();
    if (trimmed.isEmpty() ||
        trimmed.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
        trimmed.compare(QHostInfo::localHostName(), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(trimmed);
    if (address.isNull())
        return false; // another machine's name: no lookup from here
    if (address.isLoopback())
        return true;
    const QList<QHostAddress> own = QNetworkInterface::allAddresses();
    return std::any_of(own.begin(), own.end(),
                       [&](const QHostAddress& a) { return a.isEqual(address); });
}

} // namespace prodcons::client
