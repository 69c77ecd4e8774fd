// Errors at the POSIX boundary: which call failed, on which object, and why.
//
// Child-safe: Error and Result never allocate and never throw, because the same code runs in a
// server child after fork() in a multi-threaded Qt process, where malloc and stdio are off
// limits. Text is made only by describe(), which the parent or a tool calls.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace prodcons::ipc {

enum class Errc
{
    Posix,          ///< a system call failed; see Error::err
    Timeout,        ///< the deadline passed before the operation could complete
    Stopped,        ///< the caller's stop flag was raised
    Cancelled,      ///< the caller's still_wanted() callback said no (e.g. the client left)
    LayoutMismatch, ///< an object exists with a layout or geometry other than expected
    NameEmpty,      ///< an empty name cannot be stored
    NameTooLong,    ///< the name does not fit in a slot
    NameInvalid,    ///< the name contains a NUL byte
    ObjectsRemoved, ///< the objects were unlinked (by a cleanup) while this process used them
    TableFull,      ///< no free participant slot (too many processes attached)
    BadPrefix,      ///< the IPC name prefix is not a valid POSIX object name prefix
    NotOwned,       ///< an object belongs to another user, or is more open than configured
    Corrupted,      ///< a value in the control block is outside what the layout can hold
    Broker,         ///< the message broker (AMQP mode) refused or failed; Error::err has its
                    ///< AMQP reply code (403, 404, ...) or rabbitmq-c's status
};

struct Error
{
    Errc code = Errc::Posix;
    int err = 0;           ///< errno value when code == Errc::Posix
    const char* call = ""; ///< the failing call, a string literal: "sem_open"
    char object[80] = {};  ///< the object's name: "/prodcons_full"
    char detail[112] = {}; ///< extra facts, e.g. "capacity 20, expected 10"

    /// An error from a system call; takes errno at the failure site.
    static Error posix(const char* call, std::string_view object, int err) noexcept;
    static Error make(Errc code, const char* call, std::string_view object,
                      std::string_view detail = {}) noexcept;
};

/// "sem_open("/prodcons_full"): EACCES (Permission denied)". Parent only (allocates).
std::string describe(const Error& error);

/// The symbolic name of an errno value ("EACCES"), or "E?" for an unknown one. Child-safe.
const char* errno_name(int err) noexcept;

struct Ok
{};

/// A Result's value read when it holds an error, or its error when it holds a value: a bug in
/// the caller. Writes what happened to stderr and aborts (child-safe: write(2) and abort()).
[[noreturn]] void result_misused(const char* what) noexcept;

/// A value or an Error, never both. [[nodiscard]]: a failure must be looked at.
template <class T> class [[nodiscard]] Result
{
public:
    Result(T value) noexcept(std::is_nothrow_move_constructible_v<T>) : m_v(std::move(value)) {}
    Result(const Error& error) noexcept : m_v(error) {}

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & noexcept { return *checked<0>(m_v, "value() of a Result holding an error"); }
    const T& value() const& noexcept
    {
        return *checked<0>(m_v, "value() of a Result holding an error");
    }
    T&& value() && noexcept
    {
        return std::move(*checked<0>(m_v, "value() of a Result holding an error"));
    }
    T* operator->() noexcept { return &value(); }
    const T* operator->() const noexcept { return &value(); }
    T& operator*() & noexcept { return value(); }
    const T& operator*() const& noexcept { return value(); }

    const Error& error() const noexcept
    {
        return *checked<1>(m_v, "error() of a Result holding a value");
    }

private:
    template <std::size_t I, class V> static auto* checked(V& v, const char* what) noexcept
    {
        auto* held = std::get_if<I>(&v);
        if (held == nullptr) [[unlikely]]
            result_misused(what);
        return held;
    }

    std::variant<T, Error> m_v;
};

using Status = Result<Ok>;

} // namespace prodcons::ipc
