// IpcTestPrefix: an IPC name prefix of the test's own ("/pct<pid>_<n>"), so that tests never
// touch the objects of a demo running on the same machine, plus the checks that a test left
// nothing behind. The destructor removes whatever is left, so one failing test does not leak
// objects into the next.
#pragma once

#include "ipc/config.h"
#include "ipc/object_names.h"

#include <QStringList>
#include <string>

namespace prodcons::test {

class IpcTestPrefix
{
public:
    IpcTestPrefix();
    ~IpcTestPrefix();
    IpcTestPrefix(const IpcTestPrefix&) = delete;
    IpcTestPrefix& operator=(const IpcTestPrefix&) = delete;

    const std::string& prefix() const { return m_prefix; }
    const ipc::ObjectNames& names() const { return m_names; }
    ipc::Config config(const ipc::Geometry& geometry = {}) const;

    /// The objects of this prefix that exist, probed by name (works without /dev/mqueue
    /// mounted) and by listing /dev/shm and, when mounted, /dev/mqueue.
    QStringList leftovers() const;
    /// Removes every object of the prefix (what a failed test may have left).
    void remove_all() const;

private:
    std::string m_prefix;
    ipc::ObjectNames m_names;
};

} // namespace prodcons::test
