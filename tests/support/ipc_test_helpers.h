// Helpers for tests that use the buffer directly through ipc/: attach and join, or stop the
// test with the reason (these are set-up steps, not what the test checks); take one name with a
// deadline; and the numbered names tests put and expect back in order.
#pragma once

#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc/process_state.h"
#include "ipc_test_prefix.h"

#include <QByteArray>
#include <QStringList>
#include <chrono>
#include <optional>
#include <string>

namespace prodcons::test {

/// Attaches to the buffer of `config` in `mode`, or stops the test program (qFatal) saying why.
ipc::Attachment attach_or_die(const ipc::Config& config, ipc::Mode mode,
                              ipc::AttachReport* report = nullptr);

/// For a test's cleanup(): detaches `attachment` if it is still attached, then lists what must
/// be empty: the detach's error, if any, and the objects of `prefix` still on the machine (the
/// last user removes them all).
QStringList detach_and_list_leftovers(std::optional<ipc::Attachment>& attachment,
                                      const IpcTestPrefix& prefix);

/// Joins `attachment` as `role`, or stops the test program (qFatal) saying why. Also usable in
/// a forked child (test::fork_child), where it only makes syscalls unless it fails.
ipc::Endpoint join_or_die(const ipc::Attachment& attachment, ipc::Endpoint::Role role);

/// The next name `consumer` takes within `timeout`, or "<" + the error's description + ">"
/// (a text no test puts, so a comparison with the expected name fails and shows why).
std::string take_one(ipc::Endpoint& consumer,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// Holds exactly `count` names (as many hold() calls as it takes); false if one fails.
/// Child-safe: syscalls only.
bool hold_exactly(ipc::Endpoint& consumer, std::uint32_t count);

/// From now on, in this process and in children forked later, the fault point named `point`
/// (ipc::testing::fault_point) kills the process with SIGKILL; nullptr turns that off. `point`
/// must stay valid until it is turned off.
void kill_at_fault_point(const char* point);
/// As kill_at_fault_point, but the process stops there (SIGSTOP): alive, frozen at the worst
/// instant, as Ctrl-Z or a debugger leaves it, until it gets SIGCONT.
void stop_at_fault_point(const char* point);

/// Waits until the process `pid` is in `state` (ipc::process_state, polled); false after
/// `timeout`, or as soon as it is gone (unless Gone is what was asked for).
bool wait_for_state(pid_t pid, ipc::ProcessState state,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// Leaves the objects of `config` as a crashed server does: a child attaches in `mode` and ends
/// without detaching (its handles only close). true if it could attach.
bool leave_stale_objects(const ipc::Config& config, ipc::Mode mode = ipc::Mode::Shm);

/// "name-<i>": distinct, ordered names to put and expect back.
std::string numbered(int i);
/// numbered(i) as bytes, for tests that speak the wire protocol.
QByteArray numbered_bytes(int i);

} // namespace prodcons::test
