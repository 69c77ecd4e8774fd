#include "client_settings.h"

#include "ipc/object_names.h"

#include <QSettings>

namespace prodcons::client {

namespace {

const QString kHost = QStringLiteral("connection/host");
const QString kPort = QStringLiteral("connection/port");
const QString kRole = QStringLiteral("connection/role");
const QString kRate = QStringLiteral("rate/perMinute"); // "max" or a number
const QString kTag = QStringLiteral("names/tag");
const QString kPrefix = QStringLiteral("cleanup/prefix");
const QString kGeometry = QStringLiteral("window/geometry");

} // namespace

ClientOptions ClientSettings::load(ClientOptions base) const
{
    if (const QString host = m_settings.value(kHost).toString().trimmed(); !host.isEmpty())
        base.host = host;
    bool ok = false;
    if (const uint port = m_settings.value(kPort).toUInt(&ok); ok && port >= 1 && port <= 65535)
        base.port = quint16(port);
    if (const auto role = parseRole(m_settings.value(kRole).toString()))
        base.role = *role;
    if (const auto rate = Rate::parse(m_settings.value(kRate).toString()))
        base.rate = *rate;
    if (m_settings.contains(kTag))
        base.tag = m_settings.value(kTag).toBool();
    // An explicit PRODCONS_IPC_PREFIX wins over the saved prefix: it is meant for this run.
    const QString prefix = m_settings.value(kPrefix).toString();
    if (qEnvironmentVariableIsEmpty(ipc::kPrefixEnvironmentVariable) &&
        ipc::ObjectNames::from_prefix(prefix.toStdString()))
        base.prefix = prefix;
    return base;
}

void ClientSettings::save(const ClientOptions& options)
{
    m_settings.setValue(kHost, options.host);
    m_settings.setValue(kPort, options.port);
    m_settings.setValue(kRole, QString::fromLatin1(roleName(options.role)));
    m_settings.setValue(kRate, options.rate.isUnthrottled()
                                   ? QStringLiteral("max")
                                   : QString::number(options.rate.namesPerMinute()));
    m_settings.setValue(kTag, options.tag);
    m_settings.setValue(kPrefix, options.prefix);
}

QByteArray ClientSettings::geometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void ClientSettings::saveGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

} // namespace prodcons::client
