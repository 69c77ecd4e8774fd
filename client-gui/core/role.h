// Which side of the buffer a client is on.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>
#include <optional>

namespace prodcons::client {

enum class Role
{
    Producer,
    Consumer
};

/// "producer" or "consumer": the protocol's answer to Task?.
QByteArray roleName(Role role);
/// Accepts "producer"/"consumer" in any case, with white space around; nullopt otherwise.
std::optional<Role> parseRole(QStringView text);

} // namespace prodcons::client
