// ServerFixture: real ForkingServers inside the test process, each on a free port (port 0) and
// on the test's own IPC prefix, stopped (children ended and reaped) when the test is done; and
// the QtLineClient steps tests take with them: connect as a role, put names, consume names.
#pragma once

#include "forking_server.h"
#include "ipc_test_prefix.h"
#include "qt_line_client.h"

#include <QList>
#include <memory>
#include <vector>

namespace prodcons::test {

class ServerFixture
{
public:
    /// Servers on the objects of `prefix`, which must outlive the fixture.
    explicit ServerFixture(const IpcTestPrefix& prefix) : m_prefix(prefix) {}
    ~ServerFixture() { stopAll(); }
    ServerFixture(const ServerFixture&) = delete;
    ServerFixture& operator=(const ServerFixture&) = delete;

    /// Starts a server in `mode` with `config` (its port, mode and IPC prefix replaced; its
    /// geometry kept), or
    /// stops the test program (qFatal) saying why: a set-up step, not what the test checks.
    server::ForkingServer& start(ipc::Mode mode = ipc::Mode::Shm, server::ServerConfig config = {});
    /// Stops every server now (stopNow: children ended and reaped) and forgets them.
    void stopAll();

private:
    const IpcTestPrefix& m_prefix;
    std::vector<std::unique_ptr<server::ForkingServer>> m_servers;
};

/// A client on `port` that has read the server's "Task?" and answered `role`, or nullptr.
std::unique_ptr<QtLineClient> connectAs(quint16 port, const QByteArray& role);

/// Puts `names` through a producer client and waits for an OK for each; false otherwise.
bool put(QtLineClient& producer, const QList<QByteArray>& names);

/// Reads up to `count` names as a consumer, answering OK to each as it arrives; fewer if the
/// server goes quiet (a read times out) or closes.
QList<QByteArray> consume(QtLineClient& consumer, int count);

} // namespace prodcons::test
