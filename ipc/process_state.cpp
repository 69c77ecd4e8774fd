#include "ipc/process_state.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace prodcons::ipc {

namespace {

/// Reads /proc/PID/stat into `text` and returns what follows "PID (COMM) ": COMM may hold
/// spaces and parentheses, so that is after the last ')'. nullptr if it cannot be read;
/// `missing` then says whether the process does not exist. Child-safe.
const char* stat_fields(pid_t pid, char (&text)[512], bool& missing) noexcept
{
    missing = false;
    if (pid <= 0)
        return nullptr;
    char path[32];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        missing = errno == ENOENT;
        return nullptr;
    }
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (n <= 0)
        return nullptr;
    text[n] = '\0';
    const char* close_paren = std::strrchr(text, ')');
    if (!close_paren || close_paren[1] != ' ')
        return nullptr;
    return close_paren + 2;
}

} // namespace

ProcessState process_state(pid_t pid) noexcept
{
    char text[512];
    bool missing = false;
    const char* fields = stat_fields(pid, text, missing);
    if (!fields)
        return missing ? ProcessState::Gone : ProcessState::Unknown;
    switch (fields[0]) {
    case 'S':
    case 'I':
        return ProcessState::Sleeping;
    case 'R':
    case 'D':
        return ProcessState::Running;
    case 'T':
    case 't':
        return ProcessState::Stopped;
    case 'Z':
    case 'X':
        return ProcessState::Gone;
    default:
        return ProcessState::Unknown;
    }
}

pid_t parent_pid(pid_t pid) noexcept
{
    char text[512];
    bool missing = false;
    const char* fields = stat_fields(pid, text, missing);
    // "STATE PPID ...": one character, a space, then the parent's pid.
    if (!fields || fields[0] == '\0' || fields[1] != ' ')
        return 0;
    long parent = 0;
    for (const char* p = fields + 2; *p >= '0' && *p <= '9'; ++p) {
        parent = parent * 10 + (*p - '0');
        if (parent > INT_MAX)
            return 0;
    }
    return static_cast<pid_t>(parent);
}

const char* process_state_name(ProcessState state) noexcept
{
    switch (state) {
    case ProcessState::Sleeping:
        return "waiting";
    case ProcessState::Running:
        return "running";
    case ProcessState::Stopped:
        return "stopped";
    case ProcessState::Gone:
        return "gone";
    case ProcessState::Unknown:
        break;
    }
    return "unknown";
}

} // namespace prodcons::ipc
