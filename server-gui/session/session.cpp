#include "session.h"

#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "line_reader.h"
#include "name_check.h"

#include <algorithm>
#include <cerrno>
#include <optional>
#include <poll.h>
#include <sys/socket.h>

namespace prodcons::server {

using namespace std::chrono_literals;
using ipc::Deadline;
using ipc::Errc;

const char* end_reason_text(EndReason reason) noexcept
{
    switch (reason) {
    case EndReason::ClientClosed:
        return "client closed the connection";
    case EndReason::ClientQuit:
        return "client said quit";
    case EndReason::InvalidTask:
        return "invalid task";
    case EndReason::NoTask:
        return "no task given in time";
    case EndReason::AckTimeout:
        return "consumer stopped acknowledging";
    case EndReason::WriteStalled:
        return "client stopped reading";
    case EndReason::Stopped:
        return "server stopping";
    case EndReason::BufferUnavailable:
        return "shared buffer unavailable";
    case EndReason::ConnectionError:
        return "connection error";
    case EndReason::IdleTimeout:
        return "producer sent nothing for too long";
    }
    return "ended";
}

namespace {

constexpr std::string_view kTaskQuestion = "Task?\n";
constexpr std::string_view kInvalidTask = "ERROR: invalid task; use 'producer' or 'consumer'\n";
constexpr std::string_view kExpectedOk = "ERROR: expected 'OK'\n";
constexpr std::size_t kMaxBatch = 256;
constexpr auto kSlice = 50ms;
// Gathering a backlog: a gap this long between names means the producers are no longer
// ahead; and names gathered are never held back longer than kBacklogAtMost in all, whatever
// the pace. A steady producer, each name within the gap, is not a backlog: without the bound
// a consumer held its names until its window was full, 128 ms at 1,000 names/s. (A gap of
// 250 us instead of 1 ms, or a bound of 1 ms instead of 2, cost SHM 4 x 4 12 to 20%.)
constexpr auto kBacklogGap = 1ms;
constexpr auto kBacklogAtMost = 2ms;

enum class Io
{
    Ok,
    Closed,
    Timeout,
    Stopped,
    Error
};

/// "30 s", or "300 ms" below a second.
template <std::size_t N>
void append_duration(FixedText<N>& text, std::chrono::milliseconds duration) noexcept
{
    const auto ms = static_cast<std::uint64_t>(duration.count());
    if (ms % 1000 == 0)
        text << ms / 1000 << " s";
    else
        text << ms << " ms";
}

/// One connection: its buffers, its line framing and its replies.
class Session
{
public:
    Session(int fd, ipc::BufferAccess& buffer, const SessionLimits& limits, ChildStats& stats,
            const std::atomic<bool>& stop) noexcept
        : m_fd(fd), m_buffer(buffer), m_limits(limits), m_stats(stats), m_stop(stop),
          m_reader(std::span<char>(m_in, sizeof m_in), buffer.max_name_length())
    {}

    EndReason run() noexcept;

private:
    EndReason run_producer() noexcept;
    EndReason run_consumer() noexcept;
    /// Stores the batch, queueing an OK per name; a reason to end the session on failure.
    std::optional<EndReason> store(ipc::Participant& producer) noexcept;
    EndReason buffer_failed(const ipc::Error& error) noexcept;
    EndReason ack_timed_out() noexcept;
    /// After a full buffer, holds a little more before writing, for fewer and larger writes.
    void gather_backlog(ipc::Participant& consumer, std::uint32_t window) noexcept;
    /// Handles what a consumer's client said: OKs, quit, or anything else (answered with an
    /// ERROR line); a reason to end when it is time to.
    std::optional<EndReason> take_acknowledgements(ipc::Participant& consumer,
                                                   Deadline& ack_deadline) noexcept;
    /// Ends a consumer's session whose write failed: counts the OKs the client sent before
    /// it left, still in the socket, and answers nothing.
    EndReason end_after_failed_write(ipc::Participant& consumer, Io io) noexcept;
    struct ClientSaid
    {
        std::uint32_t oks = 0; ///< at most as many as names await one
        bool quit = false;
        Io answered = Io::Ok; ///< how answering anything else went
    };
    /// The client's lines received so far, up to a quit; anything but OK and quit is refused,
    /// with an ERROR line if `answer`.
    ClientSaid read_client_lines(bool answer) noexcept;
    void count_acknowledged(ipc::Participant& consumer, std::uint32_t oks) noexcept;
    EndReason io_end(Io io, EndReason on_timeout) const noexcept;

    Io fill(Deadline deadline) noexcept;
    Io flush() noexcept;
    Io reply(std::string_view line) noexcept;
    void set_state(ChildState state) noexcept
    {
        m_stats.state.store(static_cast<std::uint32_t>(state), std::memory_order_relaxed);
    }

    /// WaitOptions' callbacks: is the client gone (producer), or has it something to say
    /// or gone (consumer)? Both mark the child as waiting on the buffer, since they are only
    /// asked once a whole slice has passed without progress.
    static bool producer_still_wanted(void* context) noexcept;
    static bool consumer_still_wanted(void* context) noexcept;
    /// WaitOptions::gone for a consumer: has the client hung up (or half-closed)?
    static bool consumer_gone(void* context) noexcept;
    /// Looks at the names just held (from index `from`) as the producer's child looks at what
    /// it stores: another process may have written anything into the buffer. Bad ones are
    /// dropped, never sent; returns how many of the new ones are to be sent.
    std::uint32_t screen_held(ipc::Participant& consumer, std::uint32_t from) noexcept;
    /// Acknowledges, oldest first, `oks` names the client confirmed and every dropped name
    /// before, between and right after them.
    void acknowledge_sent(ipc::Participant& consumer, std::uint32_t oks) noexcept;
    ipc::WaitOptions wait_options(bool (*still_wanted)(void*) noexcept) noexcept;

    int m_fd;
    ipc::BufferAccess& m_buffer;
    const SessionLimits& m_limits;
    ChildStats& m_stats;
    const std::atomic<bool>& m_stop;
    bool m_eof = false;

    char m_in[64 * 1024];
    LineReader m_reader;
    char m_out[32 * 1024];
    // A whole line of the largest slot, with its CR LF, fits in either buffer.
    static_assert(sizeof m_in >= 2 * (ipc::kMaxSlotSize + 1));
    static_assert(sizeof m_out >= ipc::kMaxSlotSize + 1);
    std::size_t m_out_size = 0;
    std::string_view m_batch[kMaxBatch];
    std::size_t m_batch_size = 0;

    // A consumer's held names, oldest first: which were dropped instead of sent (the held
    // window is at most Geometry's largest window).
    bool m_dropped[1024] = {};
    std::uint32_t m_unacknowledged = 0; ///< names sent and not yet acknowledged
};

EndReason Session::run() noexcept
{
    if (reply(kTaskQuestion) != Io::Ok || flush() != Io::Ok)
        return EndReason::ConnectionError;
    const Deadline deadline = Deadline::after(m_limits.role_timeout);
    for (;;) {
        auto item = m_reader.next();
        if (!item && m_eof)
            item = m_reader.finish();
        if (item) {
            if (item->kind == LineReader::Kind::Line && is_word(item->text, "producer"))
                return run_producer();
            if (item->kind == LineReader::Kind::Line && is_word(item->text, "consumer"))
                return run_consumer();
            (void)reply(kInvalidTask);
            (void)flush();
            return EndReason::InvalidTask;
        }
        if (m_eof)
            return EndReason::ClientClosed;
        const Io io = fill(deadline);
        if (io == Io::Timeout) {
            FixedText<96> line;
            line << "ERROR: no task within ";
            append_duration(line, m_limits.role_timeout);
            line << "\n";
            (void)reply(line.view());
            (void)flush();
            return EndReason::NoTask;
        }
        if (io != Io::Ok && io != Io::Closed)
            return io_end(io, EndReason::NoTask);
    }
}

EndReason Session::io_end(Io io, EndReason on_timeout) const noexcept
{
    switch (io) {
    case Io::Ok:
    case Io::Closed:
        return EndReason::ClientClosed;
    case Io::Timeout:
        return on_timeout;
    case Io::Stopped:
        return EndReason::Stopped;
    case Io::Error:
        return EndReason::ConnectionError;
    }
    return EndReason::ConnectionError;
}

EndReason Session::buffer_failed(const ipc::Error& error) noexcept
{
    if (error.code == Errc::Stopped)
        return EndReason::Stopped;
    if (error.code == Errc::Cancelled)
        return EndReason::ClientClosed;
    m_stats.detail.clear();
    m_stats.detail << error.call << "(" << error.object
                   << "): " << (error.code == Errc::Posix ? ipc::errno_name(error.err) : "failed");
    if (error.detail[0] != '\0')
        m_stats.detail << " (" << error.detail << ")";
    FixedText<224> line;
    line << "ERROR: server cannot use the shared buffer: " << m_stats.detail.view() << "\n";
    (void)reply(line.view());
    (void)flush();
    return EndReason::BufferUnavailable;
}

EndReason Session::ack_timed_out() noexcept
{
    FixedText<96> line;
    line << "ERROR: no acknowledgement within ";
    append_duration(line, m_limits.ack_timeout);
    line << "\n";
    (void)reply(line.view());
    (void)flush();
    return EndReason::AckTimeout;
}

Io Session::fill(Deadline deadline) noexcept
{
    for (;;) {
        if (m_stop.load(std::memory_order_relaxed))
            return Io::Stopped;
        const std::span<char> space = m_reader.free_space();
        if (space.empty()) // lines received are still to be taken: no room, and no news
            return Io::Ok;
        const ssize_t n = ::recv(m_fd, space.data(), space.size(), 0);
        if (n > 0) {
            m_reader.commit(static_cast<std::size_t>(n));
            return Io::Ok;
        }
        if (n == 0) {
            m_eof = true;
            return Io::Closed;
        }
        if (errno != EAGAIN && errno != EINTR)
            return Io::Error;
        if (deadline.passed())
            return Io::Timeout;
        pollfd pfd{m_fd, POLLIN, 0};
        ::poll(&pfd, 1, static_cast<int>(kSlice.count())); // a slice, to look at the stop flag
    }
}

Io Session::flush() noexcept
{
    std::size_t sent = 0;
    Deadline deadline = Deadline::after(m_limits.write_timeout);
    while (sent < m_out_size) {
        if (m_stop.load(std::memory_order_relaxed))
            return Io::Stopped;
        const ssize_t n = ::send(m_fd, m_out + sent, m_out_size - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            deadline = Deadline::after(m_limits.write_timeout); // progress
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return Io::Error;
        if (deadline.passed())
            return Io::Timeout;
        pollfd pfd{m_fd, POLLOUT, 0};
        ::poll(&pfd, 1, static_cast<int>(kSlice.count()));
    }
    m_out_size = 0;
    return Io::Ok;
}

Io Session::reply(std::string_view line) noexcept
{
    if (m_out_size + line.size() > sizeof m_out) {
        if (const Io io = flush(); io != Io::Ok)
            return io;
    }
    std::memcpy(m_out + m_out_size, line.data(), line.size());
    m_out_size += line.size();
    return Io::Ok;
}

bool Session::producer_still_wanted(void* context) noexcept
{
    auto* self = static_cast<Session*>(context);
    self->set_state(ChildState::Blocked);
    // The buffer is full and we wait for room: the client hears now about the names already
    // stored, not when the whole batch is (OKs otherwise go out once per batch received).
    if (self->m_out_size > 0 && self->flush() != Io::Ok)
        return false;
    // A client that closed its side (or the whole connection) is not waited for: the names
    // not yet stored were never acknowledged, so it does not count on them.
    pollfd pfd{self->m_fd, POLLRDHUP, 0};
    return ::poll(&pfd, 1, 0) == 0;
}

bool Session::consumer_still_wanted(void* context) noexcept
{
    auto* self = static_cast<Session*>(context);
    self->set_state(ChildState::Blocked);
    // Anything from the client (acknowledgements, quit, hang-up) wants attention first.
    pollfd pfd{self->m_fd, POLLIN | POLLRDHUP, 0};
    return ::poll(&pfd, 1, 0) == 0;
}

bool Session::consumer_gone(void* context) noexcept
{
    auto* self = static_cast<Session*>(context);
    pollfd pfd{self->m_fd, POLLRDHUP, 0};
    return ::poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

std::uint32_t Session::screen_held(ipc::Participant& consumer, std::uint32_t from) noexcept
{
    const std::uint32_t held = consumer.held_count();
    std::uint32_t to_send = 0;
    for (std::uint32_t i = from; i < held && i < std::size(m_dropped); ++i) {
        const std::string_view name = consumer.held(i);
        m_dropped[i] = check_name(name, m_reader.max_line()) != NameVerdict::Ok;
        if (m_dropped[i])
            m_stats.dropped.fetch_add(1, std::memory_order_relaxed);
        else
            ++to_send;
    }
    return to_send;
}

void Session::acknowledge_sent(ipc::Participant& consumer, std::uint32_t oks) noexcept
{
    const std::uint32_t held = std::min<std::uint32_t>(consumer.held_count(), std::size(m_dropped));
    std::uint32_t release = 0;
    while (release < held && (m_dropped[release] || oks > 0)) {
        if (!m_dropped[release]) {
            --oks;
            --m_unacknowledged;
        }
        ++release;
    }
    if (release == 0)
        return;
    consumer.acknowledge(release);
    std::memmove(m_dropped, m_dropped + release, (held - release) * sizeof m_dropped[0]);
}

ipc::WaitOptions Session::wait_options(bool (*still_wanted)(void*) noexcept) noexcept
{
    ipc::WaitOptions wait;
    wait.stop = &m_stop;
    wait.still_wanted = still_wanted;
    wait.context = this;
    wait.slice = kSlice;
    return wait;
}

std::optional<EndReason> Session::store(ipc::Participant& producer) noexcept
{
    std::size_t done = 0;
    while (done < m_batch_size) {
        auto stored = producer.put(std::span(m_batch + done, m_batch_size - done),
                                   wait_options(producer_still_wanted));
        set_state(ChildState::Running);
        if (!stored)
            return buffer_failed(stored.error());
        for (std::size_t i = 0; i < stored.value(); ++i)
            if (const Io io = reply("OK\n"); io != Io::Ok)
                return io_end(io, EndReason::WriteStalled);
        done += stored.value();
        const std::string_view last = m_batch[done - 1];
        m_stats.set_last_name(last.data(), last.size());
        m_stats.names.fetch_add(stored.value(), std::memory_order_relaxed);
    }
    m_batch_size = 0;
    return std::nullopt;
}

EndReason Session::run_producer() noexcept
{
    auto joined = m_buffer.join(ipc::ParticipantRole::Producer);
    if (!joined)
        return buffer_failed(joined.error());
    ipc::Participant& producer = *joined.value();
    m_stats.role.store(static_cast<std::uint32_t>(ChildRole::Producer));
    set_state(ChildState::Running);

    for (;;) {
        // Every complete line received: names are stored in batches, and every line gets its
        // reply in order (an ERROR line in place of an OK).
        for (;;) {
            auto item = m_reader.next();
            if (!item && m_eof)
                item = m_reader.finish();
            if (!item)
                break;
            NameVerdict verdict = NameVerdict::TooLong;
            if (item->kind == LineReader::Kind::Line) {
                if (is_word(item->text, "quit") || is_word(item->text, "close")) {
                    if (const auto failed = store(producer))
                        return *failed;
                    (void)flush();
                    return EndReason::ClientQuit;
                }
                verdict = check_name(item->text, m_reader.max_line());
            }
            if (verdict == NameVerdict::Ok) {
                m_batch[m_batch_size++] = item->text;
                if (m_batch_size < kMaxBatch)
                    continue;
            }
            if (const auto failed = store(producer))
                return *failed;
            if (verdict != NameVerdict::Ok) {
                m_stats.refused.fetch_add(1, std::memory_order_relaxed);
                if (const Io io = reply(refusal_line(verdict, m_reader.max_line()).view());
                    io != Io::Ok)
                    return io_end(io, EndReason::WriteStalled);
            }
        }
        if (const auto failed = store(producer))
            return *failed;
        if (m_out_size > 0)
            producer.note(ipc::Step::WriteClient, &m_stop);
        if (const Io io = flush(); io != Io::Ok)
            return io_end(io, EndReason::WriteStalled);
        if (m_eof)
            return EndReason::ClientClosed;
        producer.note(ipc::Step::ReadClient, &m_stop);
        if (const Io io = fill(Deadline::after(m_limits.idle_timeout));
            io != Io::Ok && io != Io::Closed) {
            if (io != Io::Timeout)
                return io_end(io, EndReason::ClientClosed);
            FixedText<96> line;
            line << "ERROR: no name within ";
            append_duration(line, m_limits.idle_timeout);
            line << "; closing\n";
            (void)reply(line.view());
            (void)flush();
            return EndReason::IdleTimeout;
        }
    }
}

std::optional<EndReason> Session::take_acknowledgements(ipc::Participant& consumer,
                                                        Deadline& ack_deadline) noexcept
{
    const ClientSaid said = read_client_lines(true);
    if (said.oks > 0) {
        count_acknowledged(consumer, said.oks);
        ack_deadline =
            m_unacknowledged > 0 ? Deadline::after(m_limits.ack_timeout) : Deadline::never();
    }
    const Io io = said.answered == Io::Ok ? flush() : said.answered;
    if (said.quit)
        return EndReason::ClientQuit;
    if (io != Io::Ok)
        return end_after_failed_write(consumer, io);
    if (m_eof)
        return EndReason::ClientClosed;
    return std::nullopt;
}

EndReason Session::end_after_failed_write(ipc::Participant& consumer, Io io) noexcept
{
    // A client that leaves with names still unread resets the connection (TCP does so for
    // unread data), and our writes fail from then on; but what it sent before, its last OKs
    // included, can still be read. Those names are the client's: not counting the OKs would
    // hand the names back, and another consumer would receive them a second time.
    for (;;) {
        const ClientSaid said = read_client_lines(false);
        count_acknowledged(consumer, said.oks);
        if (said.quit || m_eof)
            break;
        // At the end of the stream once more, for a last line without its newline.
        if (const Io more = fill(Deadline::now()); more != Io::Ok && more != Io::Closed)
            break;
    }
    return io_end(io, EndReason::WriteStalled);
}

Session::ClientSaid Session::read_client_lines(bool answer) noexcept
{
    ClientSaid said;
    while (!said.quit && said.answered == Io::Ok) {
        auto item = m_reader.next();
        if (!item && m_eof)
            item = m_reader.finish();
        if (!item)
            break;
        const bool line = item->kind == LineReader::Kind::Line;
        if (line && is_word(item->text, "ok")) {
            if (said.oks < m_unacknowledged)
                ++said.oks;
        } else if (line && (is_word(item->text, "quit") || is_word(item->text, "close"))) {
            said.quit = true;
        } else {
            m_stats.refused.fetch_add(1, std::memory_order_relaxed);
            if (answer)
                said.answered = reply(kExpectedOk);
        }
    }
    return said;
}

void Session::count_acknowledged(ipc::Participant& consumer, std::uint32_t oks) noexcept
{
    if (oks == 0)
        return;
    acknowledge_sent(consumer, oks);
    m_stats.names.fetch_add(oks, std::memory_order_relaxed);
}

void Session::gather_backlog(ipc::Participant& consumer, std::uint32_t window) noexcept
{
    // The buffer was full: producers are ahead and it refills within microseconds. Taking
    // a little more before writing turns many small writes (and as many reads and OK writes on
    // the client's side) into a few large ones. With no backlog nothing waits here, so a name
    // alone still goes out at once.
    const auto until = ipc::Clock::now() + kBacklogAtMost;
    ipc::WaitOptions brief;
    brief.stop = &m_stop;
    while (consumer.held_count() < window) {
        const auto left = until - ipc::Clock::now();
        if (left <= ipc::Clock::duration::zero())
            return;
        brief.deadline = Deadline::after(std::min<ipc::Clock::duration>(left, kBacklogGap));
        auto more = consumer.hold(window - consumer.held_count(), brief);
        if (!more)
            return;
    }
}

EndReason Session::run_consumer() noexcept
{
    auto joined = m_buffer.join(ipc::ParticipantRole::Consumer);
    if (!joined)
        return buffer_failed(joined.error());
    ipc::Participant& consumer = *joined.value();
    m_stats.role.store(static_cast<std::uint32_t>(ChildRole::Consumer));
    set_state(ChildState::Running);
    const std::uint32_t window = std::max(1u, std::min(m_limits.window, consumer.window()));
    Deadline ack_deadline = Deadline::never();

    // Names held by the endpoint are exactly the names sent and not yet acknowledged: on any
    // way out, leaving the endpoint hands them back to the buffer.
    for (;;) {
        // Acknowledgements that have arrived are taken now, without waiting: while this child
        // waits on the buffer it looks at the socket only once a slice, and at a steady rate
        // the window would otherwise fill up with names already acknowledged.
        if (consumer.held_count() > 0 && !m_eof) {
            if (const Io io = fill(Deadline::now());
                io != Io::Ok && io != Io::Closed && io != Io::Timeout)
                return io_end(io, EndReason::AckTimeout);
        }
        // What the client said comes first (it may have sent "quit" with its role).
        if (const auto end = take_acknowledgements(consumer, ack_deadline))
            return *end;

        const std::uint32_t outstanding = consumer.held_count();
        if (outstanding < window) {
            ipc::WaitOptions wait = wait_options(consumer_still_wanted);
            wait.deadline = ack_deadline;
            wait.gone = consumer_gone;
            auto got = consumer.hold(window - outstanding, wait);
            set_state(ChildState::Running);
            if (got && got.value() >= consumer.capacity())
                gather_backlog(consumer, window);
            if (got) {
                const std::uint32_t held = consumer.held_count();
                const std::uint32_t to_send = screen_held(consumer, outstanding);
                const bool none_outstanding = m_unacknowledged == 0;
                std::string_view last;
                for (std::uint32_t i = outstanding; i < held; ++i) {
                    if (m_dropped[i])
                        continue;
                    last = consumer.held(i);
                    Io io = reply(last);
                    if (io == Io::Ok)
                        io = reply("\n");
                    if (io != Io::Ok)
                        return end_after_failed_write(consumer, io);
                }
                if (!last.empty())
                    m_stats.set_last_name(last.data(), last.size());
                m_unacknowledged += to_send;
                acknowledge_sent(consumer, 0); // dropped names nobody will confirm
                m_stats.sent.fetch_add(to_send, std::memory_order_relaxed);
                if (none_outstanding && m_unacknowledged > 0)
                    ack_deadline = Deadline::after(m_limits.ack_timeout);
                consumer.note(ipc::Step::WriteClient, &m_stop, last);
                if (const Io io = flush(); io != Io::Ok)
                    return end_after_failed_write(consumer, io);
                continue;
            }
            const Errc code = got.error().code;
            if (code == Errc::Timeout)
                return ack_timed_out();
            if (code != Errc::Cancelled)
                return buffer_failed(got.error());
        }

        // The client has something to say, or the window is full: read.
        consumer.note(ipc::Step::ReadClient, &m_stop);
        const Io io = fill(outstanding > 0 ? ack_deadline : Deadline::never());
        if (io == Io::Timeout)
            return ack_timed_out();
        if (io != Io::Ok && io != Io::Closed)
            return io_end(io, EndReason::AckTimeout);
    }
}

} // namespace

EndReason run_session(int socket_fd, const ipc::Attachment& attachment, const SessionLimits& limits,
                      ChildStats& stats, const std::atomic<bool>& stop) noexcept
{
    ipc::AttachmentAccess buffer(attachment);
    return run_session(socket_fd, buffer, limits, stats, stop);
}

EndReason run_session(int socket_fd, ipc::BufferAccess& buffer, const SessionLimits& limits,
                      ChildStats& stats, const std::atomic<bool>& stop) noexcept
{
    Session session(socket_fd, buffer, limits, stats, stop);
    const EndReason reason = session.run();
    stats.end_reason.store(static_cast<std::uint32_t>(reason));
    stats.state.store(static_cast<std::uint32_t>(ChildState::Ended));
    return reason;
}

} // namespace prodcons::server
