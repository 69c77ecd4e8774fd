#include "chrome_trace.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSaveFile>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>

namespace prodcons::server {

namespace {

std::uint64_t monotonicNowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now); // the clock the participants stamp steps with
    return std::uint64_t(now.tv_sec) * 1'000'000'000u + std::uint64_t(now.tv_nsec);
}

/// steady_clock is CLOCK_MONOTONIC on Linux: the lanes' absentSince on the steps' clock.
std::uint64_t nanosecondsOf(std::chrono::steady_clock::time_point time)
{
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
    return ns > 0 ? std::uint64_t(ns) : 0;
}

const char* categoryOf(ipc::Step step)
{
    switch (ipc::state_of(step)) {
    case ipc::StepState::Idle:
        return "idle";
    case ipc::StepState::WaitingForBuffer:
        return "waiting for buffer";
    case ipc::StepState::WaitingForMutex:
        return "waiting for mutex";
    case ipc::StepState::InCriticalSection:
        return "critical section";
    case ipc::StepState::Signalling:
        return "signalling";
    case ipc::StepState::OnSocket:
        return "socket";
    }
    return "idle";
}

/// The key of the args entry that carries a step's detail, or none when it has none.
const char* detailKeyOf(ipc::Step step)
{
    switch (step) {
    case ipc::Step::Write:
    case ipc::Step::Read:
        return "slot";
    case ipc::Step::AdvanceIn:
        return "in";
    case ipc::Step::AdvanceOut:
        return "out";
    default:
        return nullptr;
    }
}

QByteArray processLabel(ipc::layout::Kind kind, pid_t pid, ipc::Mode mode)
{
    const char* role = kind == ipc::layout::Kind::Consumer ? "consumer" : "producer";
    return QByteArray(role) + ' ' + QByteArray::number(pid) + " (" + ipc::mode_name(mode) + ')';
}

/// Builds the document in memory and hands it to the device in large pieces: a million events
/// make a quarter of a gigabyte that need not exist twice.
class JsonWriter
{
public:
    explicit JsonWriter(QIODevice& out) : m_out(out) { m_buffer.reserve(kFlushAt + 4096); }
    ~JsonWriter() { flush(); }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& raw(const char* text)
    {
        m_buffer += text;
        return *this;
    }
    JsonWriter& raw(const QByteArray& text)
    {
        m_buffer += text;
        flushIfFull();
        return *this;
    }
    JsonWriter& number(std::uint64_t value)
    {
        m_buffer += QByteArray::number(static_cast<qulonglong>(value));
        return *this;
    }
    /// Nanoseconds as microseconds with three decimals: exact, and locale-free.
    JsonWriter& microseconds(std::uint64_t ns)
    {
        char text[32];
        std::snprintf(text, sizeof text, "%llu.%03llu", static_cast<unsigned long long>(ns / 1000),
                      static_cast<unsigned long long>(ns % 1000));
        m_buffer += text;
        return *this;
    }
    /// A JSON string. Bytes that are not UTF-8 (a name cut inside a character by the ring)
    /// become U+FFFD, so that every parser accepts the document.
    JsonWriter& string(const QByteArray& bytes)
    {
        const QByteArray utf8 = QString::fromUtf8(bytes).toUtf8();
        m_buffer += '"';
        for (const char c : utf8) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_buffer += '\\';
                m_buffer += c;
            } else if (byte < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
                m_buffer += escaped;
            } else {
                m_buffer += c;
            }
        }
        m_buffer += '"';
        flushIfFull();
        return *this;
    }
    /// A failed write shows in the device's error (QSaveFile then refuses to commit).
    void flush()
    {
        if (!m_buffer.isEmpty())
            m_out.write(m_buffer);
        m_buffer.clear();
    }

private:
    static constexpr qsizetype kFlushAt = 1 << 20;
    void flushIfFull()
    {
        if (m_buffer.size() >= kFlushAt)
            flush();
    }

    QIODevice& m_out;
    QByteArray m_buffer;
};

} // namespace

ChromeTrace::ChromeTrace(std::size_t maxEvents) : m_maxEvents(maxEvents) {}

void ChromeTrace::add(const std::vector<StepLane>& lanes)
{
    add(lanes, monotonicNowNs());
}

ChromeTrace::Track& ChromeTrace::trackOf(const StepLane& lane)
{
    auto it = std::find_if(m_tracks.begin(), m_tracks.end(), [&](const Track& track) {
        return track.slot == lane.slot && track.pid == lane.pid;
    });
    if (it != m_tracks.end())
        return *it;
    Track track;
    track.slot = lane.slot;
    track.pid = lane.pid;
    track.kind = lane.kind;
    track.mode = lane.mode;
    m_tracks.push_back(std::move(track));
    return m_tracks.back();
}

void ChromeTrace::add(const std::vector<StepLane>& lanes, std::uint64_t seenAtNs)
{
    m_seenUntilNs = std::max(m_seenUntilNs, seenAtNs);
    for (const StepLane& lane : lanes) {
        Track& track = trackOf(lane);
        track.lost = std::max(track.lost, lane.lost);
        for (const ipc::StepEvent& event : lane.fresh) {
            if (track.lastNumber && event.number <= *track.lastNumber)
                continue; // taken by an earlier add() of the same poll
            // Steps before the first one seen were taken before anybody watched: not lost.
            const std::uint64_t lostBefore =
                track.lastNumber ? event.number - *track.lastNumber - 1 : 0;
            track.lastNumber = event.number;
            if (m_kept >= m_maxEvents) {
                ++m_dropped;
                // The last step kept ends where the first one dropped begins.
                if (!track.endNs)
                    track.endNs = event.time_ns;
                continue;
            }
            Recorded step;
            step.timeNs = event.time_ns;
            step.number = event.number;
            step.lostBefore = lostBefore;
            step.detail = event.detail;
            step.nameSize = event.name_size;
            step.step = event.step;
            step.name = event.name;
            track.steps.push_back(std::move(step));
            ++m_kept;
        }
        if (!lane.present && !track.endNs && !track.steps.empty())
            track.endNs = std::max(nanosecondsOf(lane.absentSince), track.steps.back().timeNs);
    }
}

std::uint64_t ChromeTrace::lostInRings() const
{
    std::uint64_t lost = 0;
    for (const Track& track : m_tracks)
        lost += track.lost;
    return lost;
}

void ChromeTrace::clear()
{
    m_tracks.clear();
    m_kept = 0;
    m_dropped = 0;
    m_seenUntilNs = 0;
}

void ChromeTrace::write(QIODevice& out) const
{
    std::uint64_t originNs = std::numeric_limits<std::uint64_t>::max();
    for (const Track& track : m_tracks)
        if (!track.steps.empty())
            originNs = std::min(originNs, track.steps.front().timeNs);
    if (originNs == std::numeric_limits<std::uint64_t>::max())
        originNs = 0;
    // A clock that went backwards (it cannot) or a handmade lane must not make negative times.
    const auto since = [originNs](std::uint64_t ns) {
        return ns > originNs ? ns - originNs : 0;
    };

    JsonWriter json(out);
    json.raw("{\"traceEvents\":[");
    bool first = true;
    const auto next = [&] {
        json.raw(first ? "\n" : ",\n");
        first = false;
    };
    for (const Track& track : m_tracks) {
        const QByteArray label = processLabel(track.kind, track.pid, track.mode);
        for (const char* what : {"process_name", "thread_name"}) {
            next();
            json.raw("{\"name\":\"").raw(what).raw("\",\"ph\":\"M\",\"pid\":").number(track.pid);
            json.raw(",\"tid\":").number(track.pid).raw(",\"args\":{\"name\":").string(label);
            json.raw("}}");
        }
        // Tracks in the order of the shared table's slots, as the window lists them.
        next();
        json.raw("{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":").number(track.pid);
        json.raw(",\"tid\":").number(track.pid).raw(",\"args\":{\"sort_index\":");
        json.number(track.slot).raw("}}");

        const std::uint64_t trackEndNs = track.endNs.value_or(std::max(
            m_seenUntilNs, track.steps.empty() ? std::uint64_t(0) : track.steps.back().timeNs));
        for (std::size_t i = 0; i < track.steps.size(); ++i) {
            const Recorded& step = track.steps[i];
            const std::uint64_t endNs =
                i + 1 < track.steps.size() ? track.steps[i + 1].timeNs : trackEndNs;
            next();
            json.raw("{\"name\":\"").raw(ipc::step_name(step.step));
            json.raw("\",\"cat\":\"").raw(categoryOf(step.step)).raw("\",\"ph\":\"X\",\"ts\":");
            json.microseconds(since(step.timeNs));
            json.raw(",\"dur\":").microseconds(endNs > step.timeNs ? endNs - step.timeNs : 0);
            json.raw(",\"pid\":").number(track.pid).raw(",\"tid\":").number(track.pid);
            json.raw(",\"args\":{\"number\":").number(step.number);
            if (const char* key = detailKeyOf(step.step))
                json.raw(",\"").raw(key).raw("\":").number(step.detail);
            if (!step.name.empty()) {
                json.raw(",\"name\":").string(QByteArray::fromStdString(step.name));
                if (step.nameSize > step.name.size()) // the ring keeps only its start
                    json.raw(",\"name_bytes\":").number(step.nameSize);
            }
            if (step.lostBefore > 0)
                json.raw(",\"lost_before\":").number(step.lostBefore);
            json.raw("}}");
        }
    }
    json.raw("\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"producer\":\"prodcons\"");
    json.raw(",\"clock\":\"CLOCK_MONOTONIC; ts is microseconds since the first step\"");
    json.raw(",\"first_step_monotonic_ns\":").number(originNs);
    json.raw(",\"processes\":").number(m_tracks.size());
    json.raw(",\"steps\":").number(m_kept);
    json.raw(",\"max_steps\":").number(m_maxEvents);
    json.raw(",\"steps_dropped\":").number(m_dropped);
    json.raw(",\"steps_lost_in_rings\":").number(lostInRings());
    json.raw("}}\n");
}

QByteArray ChromeTrace::toJson() const
{
    QByteArray document;
    QBuffer buffer(&document);
    buffer.open(QIODevice::WriteOnly);
    write(buffer);
    return document;
}

bool ChromeTrace::save(const QString& path, QString* error) const
{
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly);
    if (written) {
        write(file);
        written = file.error() == QFileDevice::NoError && file.commit();
    }
    if (!written && error)
        *error = QCoreApplication::translate("prodcons::server::ChromeTrace",
                                             "cannot write the trace to %1: %2")
                     .arg(path, file.errorString());
    return written;
}

} // namespace prodcons::server
