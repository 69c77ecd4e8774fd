#include "server_window_settings.h"

#include "amqp/broker_settings.h"
#include "ipc_prefix.h"

#include <QCoreApplication>
#include <QSettings>

namespace prodcons::server {

namespace {

const QString kPort = QStringLiteral("server/port");
const QString kMode = QStringLiteral("server/mode");
const QString kBind = QStringLiteral("server/bind");
const QString kPrefix = QStringLiteral("server/prefix");
const QString kSlotSize = QStringLiteral("server/slotSize");
const QString kBrokerUrl = QStringLiteral("server/brokerUrl");
const QString kBrokerCredentials = QStringLiteral("server/brokerCredentials");
const QString kAmqp = QStringLiteral("amqp");

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::server::ServerWindowSettings", text);
}

} // namespace

ServerWindowSettings ServerWindowSettings::load(const QSettings& settings)
{
    ServerWindowSettings s;
    bool ok = false;
    const int port = settings.value(kPort).toInt(&ok);
    if (ok && port >= 0 && port <= 65535)
        s.port = static_cast<quint16>(port);
    const QString mode = settings.value(kMode).toString();
    if (mode == QLatin1String("mq"))
        s.mode = ipc::Mode::Mq;
    s.amqp = mode == kAmqp;
    s.brokerUrl = settings.value(kBrokerUrl).toString();
    s.brokerCredentials = settings.value(kBrokerCredentials).toString();
    const QString bind = settings.value(kBind).toString();
    if (!bindAddressFrom(bind).isNull())
        s.bind = bind;
    const QString prefix = settings.value(kPrefix).toString();
    if (!prefix.isEmpty() && qEnvironmentVariableIsEmpty(ipc::kPrefixEnvironmentVariable))
        s.prefix = prefix;
    const uint slotSize = settings.value(kSlotSize).toUInt(&ok);
    if (ok && slotSize >= ipc::kMinSlotSize && slotSize <= ipc::kMaxSlotSize)
        s.slotSize = slotSize;
    return s;
}

void ServerWindowSettings::save(QSettings& settings) const
{
    settings.setValue(kPort, port);
    settings.setValue(kMode, amqp                    ? kAmqp
                             : mode == ipc::Mode::Mq ? QStringLiteral("mq")
                                                     : QStringLiteral("shm"));
    // A settings file is no place for a password (and the server refuses one in the URL).
    const QString url = brokerUrl.trimmed();
    const amqp::ParsedUrl parsed = amqp::parse_broker_url(url.toStdString());
    if (parsed.has_password || (!parsed.error.empty() && url.contains(QLatin1Char('@'))))
        settings.remove(kBrokerUrl);
    else
        settings.setValue(kBrokerUrl, url);
    settings.setValue(kBrokerCredentials, brokerCredentials.trimmed());
    settings.setValue(kBind, bind);
    settings.setValue(kPrefix, prefix);
    settings.setValue(kSlotSize, slotSize);
}

std::optional<ServerConfig> ServerWindowSettings::toConfig(QString* error) const
{
    ServerConfig config;
    config.port = port;
    config.mode = mode;
    config.address = bindAddressFrom(bind);
    if (config.address.isNull()) {
        if (error)
            *error = tr("'%1' is not an address to listen on; use 127.0.0.1, 'any' or an "
                        "address of this computer")
                         .arg(bind);
        return std::nullopt;
    }
    if (!common::isValidIpcPrefix(prefix)) {
        if (error)
            *error = tr("the IPC prefix '%1' cannot be used: it must be %2 (for example "
                        "/prodcons)")
                         .arg(prefix, common::ipcPrefixRule());
        return std::nullopt;
    }
    config.ipc.prefix = prefix.toStdString();
    if (slotSize < ipc::kMinSlotSize || slotSize > ipc::kMaxSlotSize) {
        if (error)
            *error = tr("a slot size of %1 bytes cannot be used: it must be %2 to %3")
                         .arg(slotSize)
                         .arg(ipc::kMinSlotSize)
                         .arg(ipc::kMaxSlotSize);
        return std::nullopt;
    }
    config.ipc.geometry = ipc::Geometry::with_slot_size(slotSize);
    // The URL and the file are checked when the server starts (resolve_broker), where the
    // environment's part is known too.
    if (amqp)
        config.broker = BrokerChoice{.url = brokerUrl.trimmed(),
                                     .credentialsFile = brokerCredentials.trimmed()};
    return config;
}

} // namespace prodcons::server
