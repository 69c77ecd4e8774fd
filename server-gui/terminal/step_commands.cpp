#include "step_commands.h"

#include "command_line.h"

#include <algorithm>
#include <limits>

namespace prodcons::server {

namespace {

/// The command's word and the rest of the line ("step 1234" -> "step", "1234").
std::pair<QString, QString> split(const QString& line)
{
    const qsizetype space = line.indexOf(QLatin1Char(' '));
    if (space < 0)
        return {line, QString()};
    return {line.left(space), line.mid(space + 1).trimmed()};
}

QString roleOf(ipc::layout::Kind kind)
{
    return kind == ipc::layout::Kind::Consumer ? QStringLiteral("consumer")
                                               : QStringLiteral("producer");
}

} // namespace

StepCommands::StepCommands(ForkingServer& server, StepWatcher& watcher, QObject* parent)
    : QObject(parent), m_server(server), m_watcher(watcher)
{}

QStringList StepCommands::helpLines()
{
    return {
        tr("quit                 stop: end the children, leave the buffer and exit"),
        tr("status               the buffer, the servers, and each child's latest step"),
        tr("tempo [MS]           every producer and consumer of the prefix waits MS "
           "milliseconds (0 to %1) before each step; 0 is full speed; no MS: show it")
            .arg(ipc::kMaxTempoMs),
        tr("pause                every producer and consumer stops before its next step"),
        tr("resume               go on after a pause"),
        tr("step [PID]           while paused: one step for child PID, or for the next in line"),
    };
}

bool StepCommands::handle(const QString& line)
{
    const auto [word, argument] = split(line);
    if (word == QLatin1String("tempo"))
        tempo(argument);
    else if (word == QLatin1String("pause") && argument.isEmpty())
        pause();
    else if (word == QLatin1String("resume") && argument.isEmpty())
        resume();
    else if (word == QLatin1String("step"))
        step(argument);
    else
        return false;
    return true;
}

bool StepCommands::isCommand(const QString& line)
{
    const QString word = split(line).first;
    return word == QLatin1String("tempo") || word == QLatin1String("pause") ||
           word == QLatin1String("resume") || word == QLatin1String("step");
}

void StepCommands::watch(std::chrono::milliseconds interval)
{
    if (m_watcher.isWatching())
        return;
    m_watcher.start(interval);
    say(tr("watching the children's steps from now on (each step they take is recorded, a "
           "little work for them); a child shows its step in 'status' once it takes one"));
}

void StepCommands::tempo(const QString& argument)
{
    watch();
    if (argument.isEmpty()) {
        const std::uint32_t ms = m_server.teachingState().tempo_ms;
        say(ms == 0 ? tr("tempo: full speed") : tr("tempo: %1 ms before each step").arg(ms));
        return;
    }
    const auto ms = common::wholeNumber(argument, 0, ipc::kMaxTempoMs);
    if (!ms) {
        emit said(Severity::Warning,
                  tr("tempo takes 0 to %1 milliseconds, not '%2': e.g. 'tempo 500'; 'tempo 0' "
                     "is full speed")
                      .arg(ipc::kMaxTempoMs)
                      .arg(argument));
        return;
    }
    setTempo(std::chrono::milliseconds(*ms));
}

void StepCommands::setTempo(std::chrono::milliseconds tempo)
{
    watch();
    const auto ms = std::clamp<qint64>(tempo.count(), 0, ipc::kMaxTempoMs);
    m_server.setTempo(std::chrono::milliseconds(ms));
    say(ms == 0 ? tr("tempo 0: every producer and consumer of the prefix runs at full speed")
                : tr("tempo %1: every producer and consumer of the prefix waits %1 ms before "
                     "each step")
                      .arg(ms));
}

void StepCommands::pause()
{
    watch();
    if (m_server.teachingState().paused) {
        say(tr("already paused; 'step' or 'step PID' lets one step through, 'resume' goes on"));
        return;
    }
    m_server.setPaused(true);
    say(tr("paused: every producer and consumer of the prefix stops before its next step; "
           "'step' or 'step PID' lets one step through, 'resume' goes on"));
}

void StepCommands::resume()
{
    watch();
    if (!m_server.teachingState().paused) {
        say(tr("not paused"));
        return;
    }
    m_server.setPaused(false);
    say(tr("resumed"));
}

void StepCommands::step(const QString& argument)
{
    watch();
    std::optional<qint64> pid;
    if (!argument.isEmpty()) {
        pid = common::wholeNumber(argument, 1, std::numeric_limits<pid_t>::max());
        if (!pid) {
            emit said(Severity::Warning,
                      tr("step takes the pid of a producer or consumer, or nothing for the next "
                         "in line; not '%1'")
                          .arg(argument));
            return;
        }
    }
    if (!m_server.teachingState().paused) {
        emit said(Severity::Warning,
                  tr("step: not paused, so every step is taken anyway; type 'pause' first"));
        return;
    }
    if (!pid) {
        m_server.grantStep(0);
        say(tr("step: one step for whichever producer or consumer comes first"));
        return;
    }
    m_watcher.poll(); // the participants as they are now
    const StepLane* lane = laneOf(static_cast<pid_t>(*pid));
    if (!lane) {
        emit said(
            Severity::Warning,
            tr("step: no producer or consumer of this prefix has pid %1 (see 'status')").arg(*pid));
        return;
    }
    m_server.grantStep(lane->pid);
    say(tr("step: one step for %1 (%2 %3)")
            .arg(lane->pid)
            .arg(roleOf(lane->kind), QLatin1String(ipc::mode_name(lane->mode))));
}

const StepLane* StepCommands::laneOf(pid_t pid) const
{
    const auto& lanes = m_watcher.lanes();
    const auto it = std::find_if(lanes.begin(), lanes.end(), [pid](const StepLane& lane) {
        return lane.pid == pid && lane.present;
    });
    return it == lanes.end() ? nullptr : &*it;
}

QStringList StepCommands::statusLines()
{
    watch();
    m_watcher.poll();
    QStringList lines;
    const ipc::TeachingState state = m_server.teachingState();
    QString teaching = state.tempo_ms == 0 ? tr("full speed")
                                           : tr("tempo %1 ms before each step").arg(state.tempo_ms);
    if (state.paused)
        teaching += tr(", paused (%1 single step(s) granted so far)").arg(state.steps_granted);
    if (state.race)
        teaching += tr(", RACE MODE (the SHM children skip the mutex)");
    lines << tr("teaching: %1; steps watched by %2 server(s)").arg(teaching).arg(state.watchers);

    const std::vector<ChildView> children = m_server.children();
    if (children.empty()) {
        lines << tr("children of this server: none");
        return lines;
    }
    lines << tr("children of this server, at their latest step:");
    for (const ChildView& child : children) {
        const StepLane* lane = laneOf(child.pid);
        QString line;
        if (!lane) // no producer or consumer yet
            line = QStringLiteral("%1 (%2)").arg(child.pid).arg(stateText(child.state, child.role));
        else if (!lane->current)
            line = tr("%1 %2 %3: no step seen yet")
                       .arg(child.pid)
                       .arg(roleOf(lane->kind), QLatin1String(ipc::mode_name(lane->mode)));
        else if (lane->restingBefore != ipc::Step::None)
            // Its latest step is over: it rests, slowed down or paused, before the next one.
            line = tr("%1 %2 %3: %4 done, next %5")
                       .arg(child.pid)
                       .arg(roleOf(lane->kind), QLatin1String(ipc::mode_name(lane->mode)),
                            QLatin1String(ipc::step_name(lane->current->step)),
                            QLatin1String(ipc::step_name(lane->restingBefore)));
        else
            line = QStringLiteral("%1 %2 %3: %4")
                       .arg(child.pid)
                       .arg(roleOf(lane->kind), QLatin1String(ipc::mode_name(lane->mode)),
                            describe(*lane->current));
        lines << QStringLiteral("  ") + line;
    }
    return lines;
}

QString StepCommands::describe(const ipc::StepEvent& step)
{
    const QString name = QString::fromUtf8(step.name.data(), qsizetype(step.name.size()));
    QString what;
    switch (step.step) {
    case ipc::Step::None:
        what = tr("nothing yet");
        break;
    case ipc::Step::WaitEmpty:
        what = tr("waiting for a free slot");
        break;
    case ipc::Step::WaitFull:
        what = tr("waiting for a name");
        break;
    case ipc::Step::WaitMutex:
        what = tr("waiting for the mutex");
        break;
    case ipc::Step::Write:
        what = tr("writing %1 into slot %2").arg(name).arg(step.detail);
        break;
    case ipc::Step::Read:
        what = tr("reading %1 from slot %2").arg(name).arg(step.detail);
        break;
    case ipc::Step::AdvanceIn:
        what = tr("moving in to %1").arg(step.detail);
        break;
    case ipc::Step::AdvanceOut:
        what = tr("moving out to %1").arg(step.detail);
        break;
    case ipc::Step::PostMutex:
        what = tr("releasing the mutex");
        break;
    case ipc::Step::PostFull:
        what = tr("signalling a stored name");
        break;
    case ipc::Step::PostEmpty:
        what = tr("signalling a free slot");
        break;
    case ipc::Step::Send:
        what = tr("sending %1 to the queue (waits while it is full)").arg(name);
        break;
    case ipc::Step::Receive:
        what = tr("receiving from the queue (waits while it is empty)");
        break;
    case ipc::Step::ReadClient:
        what = tr("reading from its client");
        break;
    case ipc::Step::WriteClient:
        what = tr("writing to its client");
        break;
    }
    return QStringLiteral("%1 (%2)").arg(QLatin1String(ipc::step_name(step.step)), what);
}

} // namespace prodcons::server
