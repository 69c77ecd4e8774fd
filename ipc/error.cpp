#include "ipc/error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace prodcons::ipc {

namespace {

void copy_truncated(char* dest, std::size_t size, std::string_view src) noexcept
{
    const std::size_t n = src.size() < size - 1 ? src.size() : size - 1;
    std::memcpy(dest, src.data(), n);
    dest[n] = '\0';
}

const char* errc_text(Errc code) noexcept
{
    switch (code) {
    case Errc::Posix:
        return "system call failed";
    case Errc::Timeout:
        return "timed out";
    case Errc::Stopped:
        return "stopped";
    case Errc::Cancelled:
        return "cancelled";
    case Errc::LayoutMismatch:
        return "incompatible layout";
    case Errc::NameEmpty:
        return "empty name";
    case Errc::NameTooLong:
        return "name too long";
    case Errc::NameInvalid:
        return "name contains a NUL byte";
    case Errc::ObjectsRemoved:
        return "the objects were removed while in use";
    case Errc::TableFull:
        return "too many processes attached";
    case Errc::BadPrefix:
        return "invalid IPC name prefix";
    case Errc::NotOwned:
        return "not owned by this user, or too open";
    case Errc::Corrupted:
        return "corrupted control block";
    case Errc::Broker:
        return "message broker";
    }
    return "error";
}

} // namespace

Error Error::posix(const char* call, std::string_view object, int err) noexcept
{
    Error e;
    e.code = Errc::Posix;
    e.err = err;
    e.call = call;
    copy_truncated(e.object, sizeof e.object, object);
    return e;
}

Error Error::make(Errc code, const char* call, std::string_view object,
                  std::string_view detail) noexcept
{
    Error e;
    e.code = code;
    e.call = call;
    copy_truncated(e.object, sizeof e.object, object);
    copy_truncated(e.detail, sizeof e.detail, detail);
    return e;
}

const char* errno_name(int err) noexcept
{
    switch (err) {
#define PRODCONS_ERRNO(name)                                                                       \
    case name:                                                                                     \
        return #name;
        PRODCONS_ERRNO(EACCES)
        PRODCONS_ERRNO(EPERM)
        PRODCONS_ERRNO(EEXIST)
        PRODCONS_ERRNO(ENOENT)
        PRODCONS_ERRNO(EINVAL)
        PRODCONS_ERRNO(EINTR)
        PRODCONS_ERRNO(EAGAIN)
        PRODCONS_ERRNO(ETIMEDOUT)
        PRODCONS_ERRNO(EMFILE)
        PRODCONS_ERRNO(ENFILE)
        PRODCONS_ERRNO(ENOMEM)
        PRODCONS_ERRNO(ENOSPC)
        PRODCONS_ERRNO(ENAMETOOLONG)
        PRODCONS_ERRNO(EBADF)
        PRODCONS_ERRNO(EMSGSIZE)
        PRODCONS_ERRNO(EOVERFLOW)
        PRODCONS_ERRNO(EFBIG)
        PRODCONS_ERRNO(EBUSY)
        PRODCONS_ERRNO(EDEADLK)
        PRODCONS_ERRNO(ENOLCK)
        PRODCONS_ERRNO(ENOSYS)
        PRODCONS_ERRNO(EPIPE)
        PRODCONS_ERRNO(ECONNRESET)
        PRODCONS_ERRNO(ECONNREFUSED)
        PRODCONS_ERRNO(EHOSTUNREACH)
        PRODCONS_ERRNO(ENETUNREACH)
        PRODCONS_ERRNO(EADDRINUSE)
        PRODCONS_ERRNO(EROFS)
        PRODCONS_ERRNO(ESRCH)
#undef PRODCONS_ERRNO
    default:
        return "E?";
    }
}

std::string describe(const Error& error)
{
    std::string text = error.call;
    text += "(\"";
    text += error.object;
    text += "\"): ";
    if (error.code == Errc::Posix) {
        text += errno_name(error.err);
        text += " (";
        text += std::strerror(error.err);
        text += ")";
    } else {
        text += errc_text(error.code);
    }
    if (error.detail[0] != '\0') {
        text += ": ";
        text += error.detail;
    }
    return text;
}

void result_misused(const char* what) noexcept
{
    // No stdio: this may run in a server child after fork().
    const auto say = [](const char* text) {
        (void)!::write(STDERR_FILENO, text, std::strlen(text));
    };
    say("prodcons ipc: ");
    say(what);
    say("\n");
    std::abort();
}

} // namespace prodcons::ipc
