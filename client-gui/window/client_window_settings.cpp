#include "client_window_settings.h"

#include "ipc/object_names.h"
#include "ipc_prefix.h"

#include <QSettings>

namespace prodcons::client {

namespace {

const QString kHost = QStringLiteral("connection/host");
const QString kPort = QStringLiteral("connection/port");
const QString kRole = QStringLiteral("connection/role");
const QString kRate = QStringLiteral("rate/perMinute"); // "max" or a number
const QString kTag = QStringLiteral("names/tag");
const QString kNames = QStringLiteral("names/list"); // "international" or "cs"
const QString kPrefix = QStringLiteral("cleanup/prefix");

} // namespace

QString ClientWindowSettings::defaultPrefix()
{
    return QString::fromStdString(ipc::prefix_from_environment());
}

ClientWindowSettings ClientWindowSettings::load(const QSettings& settings)
{
    ClientWindowSettings s;
    if (const QString host = settings.value(kHost).toString().trimmed(); !host.isEmpty())
        s.host = host;
    bool ok = false;
    if (const uint port = settings.value(kPort).toUInt(&ok); ok && port >= 1 && port <= 65535)
        s.port = quint16(port);
    if (const auto role = parseRole(settings.value(kRole).toString()))
        s.role = *role;
    if (const auto rate = Rate::parse(settings.value(kRate).toString()))
        s.rate = *rate;
    if (settings.contains(kTag))
        s.tag = settings.value(kTag).toBool();
    if (const auto names = NameList::bundledByName(settings.value(kNames).toString()))
        s.names = *names;
    const QString prefix = settings.value(kPrefix).toString();
    if (qEnvironmentVariableIsEmpty(ipc::kPrefixEnvironmentVariable) &&
        common::isValidIpcPrefix(prefix))
        s.prefix = prefix;
    return s;
}

void ClientWindowSettings::save(QSettings& settings) const
{
    settings.setValue(kHost, host);
    settings.setValue(kPort, port);
    settings.setValue(kRole, QString::fromLatin1(roleName(role)));
    settings.setValue(kRate, rate.isUnthrottled() ? QStringLiteral("max")
                                                  : QString::number(rate.namesPerMinute()));
    settings.setValue(kTag, tag);
    settings.setValue(kNames, NameList::bundledName(names));
    settings.setValue(kPrefix, prefix);
}

} // namespace prodcons::client
