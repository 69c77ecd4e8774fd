#include "ipc_test_helpers.h"

#include "child_process.h"
#include "ipc/error.h"
#include "ipc/fault_point.h"
#include "ipc/wait_options.h"

#include <QDeadlineTimer>
#include <QTest>
#include <QtGlobal>
#include <csignal>
#include <cstring>

namespace prodcons::test {

namespace {

// The fault point a process should stop or die at, and the signal it raises there (set before
// fork: a child reads its own copy).
const char* g_fault_point = nullptr;
int g_fault_signal = SIGKILL;

void raise_at_fault_point(const char* where) noexcept
{
    if (g_fault_point && std::strcmp(where, g_fault_point) == 0)
        ::raise(g_fault_signal);
}

void signal_at_fault_point(const char* point, int signal)
{
    g_fault_point = point;
    g_fault_signal = signal;
    ipc::testing::fault_point = point ? raise_at_fault_point : nullptr;
}

} // namespace

ipc::Attachment attach_or_die(const ipc::Config& config, ipc::Mode mode, ipc::AttachReport* report)
{
    auto attached = ipc::Attachment::attach(config, mode, report);
    if (!attached)
        qFatal("attach: %s", ipc::describe(attached.error()).c_str());
    return std::move(attached).value();
}

QStringList detach_and_list_leftovers(std::optional<ipc::Attachment>& attachment,
                                      const IpcTestPrefix& prefix)
{
    QStringList left;
    if (attachment && attachment->attached()) {
        if (auto detached = attachment->detach(); !detached)
            left << QStringLiteral("detach failed: %1")
                        .arg(QString::fromStdString(ipc::describe(detached.error())));
    }
    attachment.reset();
    left << prefix.leftovers();
    return left;
}

ipc::Endpoint join_or_die(const ipc::Attachment& attachment, ipc::Endpoint::Role role)
{
    auto endpoint = ipc::Endpoint::join(attachment, role);
    if (!endpoint)
        qFatal("join: %s", ipc::describe(endpoint.error()).c_str());
    return std::move(endpoint).value();
}

std::string take_one(ipc::Endpoint& consumer, std::chrono::milliseconds timeout)
{
    char buffer[ipc::kMaxSlotSize];
    ipc::WaitOptions wait;
    wait.deadline = ipc::Deadline::after(timeout);
    auto got = consumer.take(buffer, sizeof buffer, wait);
    return got ? std::string(buffer, got.value()) : "<" + ipc::describe(got.error()) + ">";
}

bool hold_exactly(ipc::Endpoint& consumer, std::uint32_t count)
{
    std::uint32_t held = 0;
    while (held < count) {
        auto got = consumer.hold(count - held);
        if (!got)
            return false;
        held += got.value();
    }
    return true;
}

void kill_at_fault_point(const char* point)
{
    signal_at_fault_point(point, SIGKILL);
}

void stop_at_fault_point(const char* point)
{
    signal_at_fault_point(point, SIGSTOP);
}

bool wait_for_state(pid_t pid, ipc::ProcessState state, std::chrono::milliseconds timeout)
{
    QDeadlineTimer deadline(timeout);
    for (;;) {
        const ipc::ProcessState now = ipc::process_state(pid);
        if (now == state)
            return true;
        if (now == ipc::ProcessState::Gone || deadline.hasExpired())
            return false; // it ended instead, or never got there
        QTest::qWait(5);
    }
}

bool leave_stale_objects(const ipc::Config& config, ipc::Mode mode)
{
    const pid_t pid = fork_child([config, mode] {
        auto attached = ipc::Attachment::attach(config, mode);
        return attached ? 0 : 1; // the destructor only closes: the objects stay
    });
    return exit_code(wait_child(pid)) == 0;
}

std::string numbered(int i)
{
    return "name-" + std::to_string(i);
}

QByteArray numbered_bytes(int i)
{
    return QByteArray::fromStdString(numbered(i));
}

} // namespace prodcons::test
