#include "role.h"

namespace prodcons::client {

QByteArray roleName(Role role)
{
    return role == Role::Producer ? QByteArrayLiteral("producer") : QByteArrayLiteral("consumer");
}

std::optional<Role> parseRole(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.compare(u"producer", Qt::CaseInsensitive) == 0)
        return Role::Producer;
    if (trimmed.compare(u"consumer", Qt::CaseInsensitive) == 0)
        return Role::Consumer;
    return std::nullopt;
}

} // namespace prodcons::client
