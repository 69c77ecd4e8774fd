#include "session_check.h"

#include "child_stats.h"
#include "ipc/endpoint.h"
#include "ipc/snapshot.h"
#include "name_check.h"
#include "session.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace prodcons::fuzz {

using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMaxName = 255;
const std::string kTask = "Task?\n";
const std::string kInvalidTask = "ERROR: invalid task; use 'producer' or 'consumer'\n";
const std::string kExpectedOk = "ERROR: expected 'OK'\n";

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t begin = 0;
    for (;;) {
        const std::size_t lf = text.find('\n', begin);
        if (lf == std::string::npos)
            break;
        lines.push_back(text.substr(begin, lf - begin));
        begin = lf + 1;
    }
    if (begin < text.size())
        lines.push_back(text.substr(begin));
    return lines;
}

/// One item of the session's line reader: a line without its LF and one CR, or a line over
/// the limit (which has no text).
struct Item
{
    bool tooLong = false;
    std::string text;

    bool is(std::string_view word) const { return !tooLong && server::is_word(text, word); }
};

/// What the session makes of the input.
std::vector<Item> items(const std::string& input)
{
    std::vector<Item> out;
    for (std::string line : splitLines(input)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        out.push_back(line.size() > kMaxName ? Item{true, {}} : Item{false, line});
    }
    return out;
}

ProducerModel expectProducer(const std::vector<Item>& lines, bool lastUnterminated)
{
    ProducerModel model;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const Item& line = lines[i];
        if (line.is("quit") || line.is("close"))
            break;
        const server::NameVerdict verdict =
            line.tooLong ? server::NameVerdict::TooLong : server::check_name(line.text, kMaxName);
        const bool last = lastUnterminated && i + 1 == lines.size();
        if (verdict == server::NameVerdict::Ok && last) {
            model.finalName = true;
            model.finalStored = line.text + "\n";
        } else if (verdict == server::NameVerdict::Ok) {
            model.replies += "OK\n";
            model.stored += line.text + "\n";
            ++model.replyLines;
        } else if (last) {
            model.finalReply = std::string(server::refusal_line(verdict, kMaxName).view());
        } else {
            model.replies += std::string(server::refusal_line(verdict, kMaxName).view());
            ++model.replyLines;
        }
    }
    return model;
}

std::string fedName(int i)
{
    return "pre-" + std::to_string(i);
}

/// Takes every name there is now, in order.
std::string drain(ipc::Endpoint& consumer)
{
    std::string names;
    ipc::WaitOptions now;
    now.deadline = ipc::Deadline::now();
    char buffer[256];
    for (;;) {
        auto got = consumer.take(buffer, sizeof buffer, now);
        if (!got)
            return names;
        names.append(buffer, got.value());
        names += '\n';
    }
}

/// Sends `input` on `fd`, half-closes once `linesBeforeClose` reply lines have come, and reads
/// until the peer closes; both at once, so that neither side waits for the other.
std::string converse(int fd, const std::string& input, std::size_t linesBeforeClose,
                     std::string& trace)
{
    std::string received;
    std::size_t sent = 0;
    bool shut = false;
    char chunk[65536];
    for (;;) {
        if (sent == input.size() && !shut &&
            static_cast<std::size_t>(std::count(received.begin(), received.end(), '\n')) >=
                linesBeforeClose) {
            ::shutdown(fd, SHUT_WR);
            shut = true;
        }
        pollfd pfd{fd, static_cast<short>(POLLIN | (shut ? 0 : POLLOUT)), 0};
        const int ready = ::poll(&pfd, 1, 10000);
        if (ready < 0 && errno == EINTR)
            continue; // libFuzzer's timer (SIGALRM)
        if (ready <= 0)
            return received + "<no answer for 10 s>";
        if (pfd.revents & POLLOUT) {
            const ssize_t n =
                ::send(fd, input.data() + sent, input.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            trace += " sent " + std::to_string(n) +
                     (n < 0 ? std::string(" errno ") + std::to_string(errno) : "");
            if (n > 0)
                sent += static_cast<std::size_t>(n);
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                sent = input.size(); // the session is gone: read what it said
        }
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
            trace += " got " + std::to_string(n) + " (" + std::to_string(pfd.revents) + ")";
            if (n > 0)
                received.append(chunk, static_cast<std::size_t>(n));
            else if (n == 0 || (errno != EAGAIN && errno != EINTR))
                return received;
        }
    }
}

} // namespace

SessionCheck::SessionCheck(const std::string& prefix)
{
    ipc::Config config;
    config.prefix = prefix;
    for (auto [mode, slot] : {std::pair{ipc::Mode::Shm, &m_shm}, std::pair{ipc::Mode::Mq, &m_mq}}) {
        auto attached = ipc::Attachment::attach(config, mode);
        if (!attached) {
            m_error = ipc::describe(attached.error());
            return;
        }
        *slot = std::make_unique<ipc::Attachment>(std::move(attached).value());
    }
}

SessionCheck::~SessionCheck()
{
    close();
}

void SessionCheck::close()
{
    for (auto* attachment : {&m_shm, &m_mq}) {
        if (*attachment && (*attachment)->attached())
            (void)(*attachment)->detach();
        attachment->reset();
    }
}

std::string SessionCheck::check(const std::uint8_t* data, std::size_t size)
{
    if (!ok() || size < 1)
        return m_error;
    ipc::Attachment& attachment = (data[0] & 1) ? *m_mq : *m_shm;
    const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);

    auto joined = ipc::Endpoint::join(attachment, ipc::Endpoint::Role::Producer);
    auto drained = ipc::Endpoint::join(attachment, ipc::Endpoint::Role::Consumer);
    if (!joined || !drained)
        return "join failed";
    ipc::Endpoint feeder = std::move(joined).value();
    ipc::Endpoint drainer = std::move(drained).value();
    if (const std::string left = drain(drainer); !left.empty())
        return "the buffer was not empty at the start: " + left;

    // A consumer gets names fed into the buffer as long as the session runs. A producer's client
    // closes its side only once every line it ended has its reply: a producer that closes while
    // its names wait for room is let go, and those names are not stored (docs/PROTOCOL.md).
    const std::vector<Item> role = items(input);
    const bool consumer = !role.empty() && role[0].is("consumer");
    const bool producer = !role.empty() && role[0].is("producer");
    const bool unterminated = !input.empty() && input.back() != '\n';
    const ProducerModel model = producer ? expectProducer(role, unterminated) : ProducerModel{};

    int fd[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fd) != 0)
        return "socketpair failed";
    ::fcntl(fd[0], F_SETFL, O_NONBLOCK);
    server::ChildStats stats{};
    stats.reset();
    std::atomic<bool> stop{false};
    std::atomic<bool> sessionDone{false};
    server::SessionLimits limits;
    limits.role_timeout = 5s;
    limits.ack_timeout = 5s;
    limits.write_timeout = 5s;
    server::EndReason reason = server::EndReason::ConnectionError;
    std::thread session([&] {
        reason = server::run_session(fd[0], attachment, limits, stats, stop);
        ::shutdown(fd[0], SHUT_RDWR);
        sessionDone.store(true);
    });

    // The other side of the buffer: a producer session's names are taken as they come (the
    // buffer holds ten); a consumer session's are fed as there is room, until it ends.
    std::string stored;
    int fed = 0;
    std::thread other([&] {
        ipc::WaitOptions wait;
        wait.slice = 1ms;
        wait.stop = &sessionDone;
        char buffer[256];
        while (!sessionDone.load()) {
            if (consumer) {
                // Names keep coming while the session runs, so it never waits for one.
                wait.deadline = ipc::Deadline::after(1ms);
                if (feeder.put(fedName(fed), wait))
                    ++fed;
            } else {
                wait.deadline = ipc::Deadline::after(5ms);
                if (auto got = drainer.take(buffer, sizeof buffer, wait)) {
                    stored.append(buffer, got.value());
                    stored += '\n';
                }
            }
        }
    });
    std::string trace;
    const std::string replies = converse(fd[1], input, producer ? 1 + model.replyLines : 0, trace);
    stop.store(true); // a session still running after its client closed is stuck: end it
    session.join();
    other.join();
    ::close(fd[0]);
    ::close(fd[1]);
    if (!sessionDone.load())
        return "the session did not end";
    m_end = std::string(server::end_reason_text(reason)) + " " + stats.detail.c_str() +
            ", stored " + std::to_string(stats.names.load()) + ";" + trace;
    const std::string left = drain(drainer);
    if (!consumer)
        stored += left;
    // The session's participant slot is free again: both attachments, feeder and drainer only.
    const ipc::Snapshot snap = attachment.snapshot(false);
    if (snap.participants.size() != 4)
        return "the session left its participant slot behind (" +
               std::to_string(snap.participants.size()) + " in use)";

    // The greeting, then the role.
    if (replies.compare(0, kTask.size(), kTask) != 0)
        return "no Task? first: " + replies.substr(0, 80);
    const std::string rest = replies.substr(kTask.size());
    if (role.empty()) {
        if (!rest.empty() || reason != server::EndReason::ClientClosed || !stored.empty())
            return "an empty input got more than Task?: " + rest.substr(0, 80);
        return {};
    }
    if (consumer)
        return checkConsumer(input, rest, left, stats.names.load(), fed);
    if (!role[0].is("producer")) {
        if (rest != kInvalidTask || reason != server::EndReason::InvalidTask || !stored.empty())
            return "an invalid role got: " + rest.substr(0, 120);
        return {};
    }
    return checkProducer(model, rest, stored, reason);
}

std::string SessionCheck::checkProducer(const ProducerModel& model, const std::string& replies,
                                        const std::string& stored, server::EndReason reason)
{
    std::string expectedReplies = model.replies + model.finalReply;
    std::string expectedStored = model.stored;
    // A last name without its LF comes with the close: stored and answered if there was room
    // at once, else let go with the client.
    const bool finalLetGo = model.finalName && replies == expectedReplies &&
                            stored == expectedStored && reason == server::EndReason::ClientClosed;
    if (model.finalName && !finalLetGo) {
        expectedReplies += "OK\n";
        expectedStored += model.finalStored;
    }
    if (replies != expectedReplies)
        return "producer replies differ (the session ended: " + m_end + "):\n got " +
               replies.substr(0, 300) + "\nexpected " + expectedReplies.substr(0, 300);
    if (stored != expectedStored)
        return "stored names differ:\n got " + stored.substr(0, 300) + "\nexpected " +
               expectedStored.substr(0, 300);
    return {};
}

std::string SessionCheck::checkConsumer(const std::string& input, const std::string& replies,
                                        const std::string& left, std::uint64_t acknowledged,
                                        int fed)
{
    // ERROR lines: one per line that is neither an OK nor the end, up to the end.
    const std::vector<Item> lines = items(input);
    std::size_t expectedErrors = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const Item& line = lines[i];
        if (line.is("quit") || line.is("close"))
            break;
        if (!line.is("ok"))
            ++expectedErrors;
    }
    // Names: the fed ones, in order, each sent at most once.
    std::size_t errors = 0;
    int sent = 0;
    for (const std::string& line : splitLines(replies)) {
        if (line + "\n" == kExpectedOk)
            ++errors;
        else if (line == fedName(sent))
            ++sent;
        else
            return "a consumer got an unexpected line: " + line.substr(0, 80);
    }
    if (errors != expectedErrors)
        return "a consumer got " + std::to_string(errors) + " ERROR lines, expected " +
               std::to_string(expectedErrors);
    if (acknowledged > static_cast<std::uint64_t>(sent))
        return "more acknowledged than sent";
    // Nothing lost, nothing doubled: what was not acknowledged is back, in order, and so is what
    // was never sent (the feeder stops once the session ends).
    std::vector<std::string> back = splitLines(left);
    if (acknowledged + back.size() != static_cast<std::uint64_t>(fed))
        return "names lost or doubled: " + std::to_string(fed) + " fed, " +
               std::to_string(acknowledged) + " acknowledged, " + std::to_string(back.size()) +
               " left";
    for (std::size_t i = 0; i < back.size(); ++i) {
        if (back[i] != fedName(static_cast<int>(acknowledged + i)))
            return "names left in the buffer are not the unacknowledged ones in order: " +
                   left.substr(0, 200);
    }
    return {};
}

} // namespace prodcons::fuzz
