#include "ipc/process_state.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace prodcons::ipc {

ProcessState process_state(pid_t pid) noexcept
{
    if (pid <= 0)
        return ProcessState::Unknown;
    char path[32];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? ProcessState::Gone : ProcessState::Unknown;
    char text[512];
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (n <= 0)
        return ProcessState::Unknown;
    text[n] = '\0';
    // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, so look after the last ')'.
    const char* close_paren = std::strrchr(text, ')');
    if (!close_paren || close_paren[1] != ' ')
        return ProcessState::Unknown;
    switch (close_paren[2]) {
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
