// The server's session against a model: the bytes a client sends go to run_session over a
// socketpair, on a real buffer under a prefix of the harness's own, and what comes back must be
// what the protocol says: "Task?", then for a producer one reply per line in order (OK, or the
// ERROR for that line) with exactly the accepted names stored; for a consumer the waiting
// names in order, an ERROR per line that is not an OK, and no name lost or doubled, whatever
// was acknowledged. Used by the fuzz target and by the replay test.
#pragma once

#include "ipc/attachment.h"
#include "session.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace prodcons::fuzz {

/// What a producer session must answer and store, from the lines of its input.
struct ProducerModel
{
    std::string replies; ///< for the lines that end with an LF (up to quit or close)
    std::string stored;
    std::size_t replyLines = 0;
    std::string finalReply;  ///< the refusal of a last line without LF, if refused
    bool finalName = false;  ///< a last line without LF is a name: stored or let go, by timing
    std::string finalStored; ///< that name
};

class SessionCheck
{
public:
    /// Attaches to a buffer of `prefix` in both modes; ok() says whether that worked.
    explicit SessionCheck(const std::string& prefix);
    ~SessionCheck();
    SessionCheck(const SessionCheck&) = delete;
    SessionCheck& operator=(const SessionCheck&) = delete;

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    /// The first byte chooses the mode (bit 0); the rest is what the client sends, after which
    /// it closes its side. Returns what went wrong, or an empty string.
    std::string check(const std::uint8_t* data, std::size_t size);

    /// Detaches (the last user removes the objects).
    void close();

private:
    std::string checkProducer(const ProducerModel& model, const std::string& replies,
                              const std::string& stored, server::EndReason reason);
    std::string checkConsumer(const std::string& input, const std::string& replies,
                              const std::string& left, std::uint64_t acknowledged, int fed);

    std::unique_ptr<ipc::Attachment> m_shm;
    std::unique_ptr<ipc::Attachment> m_mq;
    std::string m_error;
    std::string m_end; ///< why the last session ended, for a report
};

} // namespace prodcons::fuzz
