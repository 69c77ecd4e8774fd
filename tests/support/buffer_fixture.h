// The SHM/MQ fixture of the tests that use one buffer: the global data rows that run every test
// function once in each mode, and the buffer of a prefix of the test's own, attached anew for
// each test function and checked to be gone without a trace afterwards.
#pragma once

#include "ipc/attachment.h"
#include "ipc/config.h"
#include "ipc/endpoint.h"
#include "ipc_test_prefix.h"

#include <QStringList>
#include <memory>
#include <optional>

namespace prodcons::test {

/// For initTestCase_data(): the global rows "SHM" and "MQ" (a bool column "mq"), so that every
/// test function runs once in each mode.
void addModeRows();
/// The mode of the current global row (addModeRows()); in test functions, init() and cleanup().
ipc::Mode rowMode();

/// A base for a test class (after QObject) whose test functions each get a buffer of their own:
/// its init() calls attachFresh(), its cleanup() checks that detachAndListLeftovers() is empty.
class BufferFixture
{
protected:
    BufferFixture() = default;
    ~BufferFixture() = default;
    BufferFixture(const BufferFixture&) = delete;
    BufferFixture& operator=(const BufferFixture&) = delete;

    /// A fresh IPC prefix, its buffer attached in `mode` (or the test program stops, saying why).
    void attachFresh(ipc::Mode mode);
    /// Turns off the fault points a test may have set, detaches, removes the prefix, and lists
    /// what had to be empty: the detach's error, if any, and the objects left on the machine.
    QStringList detachAndListLeftovers();
    /// Joins the attachment as `role`, or the test program stops, saying why.
    ipc::Endpoint join(ipc::Endpoint::Role role) const;

    std::unique_ptr<IpcTestPrefix> m_prefix;
    std::optional<ipc::Attachment> m_attachment;
};

} // namespace prodcons::test
