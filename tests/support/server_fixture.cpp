#include "server_fixture.h"

namespace prodcons::test {

server::ForkingServer& ServerFixture::start(ipc::Mode mode, server::ServerConfig config)
{
    config.port = 0;
    config.mode = mode;
    config.ipc = m_prefix.config(config.ipc.geometry);
    auto server = std::make_unique<server::ForkingServer>();
    if (!server->start(config))
        qFatal("start: %s", qPrintable(server->lastError()));
    m_servers.push_back(std::move(server));
    return *m_servers.back();
}

void ServerFixture::stopAll()
{
    for (auto& server : m_servers)
        server->stopNow();
    m_servers.clear();
}

std::unique_ptr<QtLineClient> connectAs(quint16 port, const QByteArray& role)
{
    auto client = std::make_unique<QtLineClient>();
    if (!client->connectTo(port) || client->readLine() != "Task?")
        return nullptr;
    client->send(role + "\n");
    return client;
}

bool put(QtLineClient& producer, const QList<QByteArray>& names)
{
    for (const QByteArray& name : names)
        producer.send(name + "\n");
    for (qsizetype i = 0; i < names.size(); ++i)
        if (producer.readLine() != "OK")
            return false;
    return true;
}

QList<QByteArray> consume(QtLineClient& consumer, int count)
{
    QList<QByteArray> names;
    while (names.size() < count) {
        const QByteArray line = consumer.readLine();
        if (line.startsWith('<'))
            break; // <timeout> or <eof>
        names << line;
        consumer.send("OK\n");
    }
    return names;
}

} // namespace prodcons::test
