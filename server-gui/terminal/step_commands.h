// StepCommands: socket_srv's teaching commands typed on stdin: `tempo [MS]`, `pause`,
// `resume`, `step [PID]`, and the lines `status` adds about them: the tempo and the pause,
// and each child's latest step ("1234 producer SHM: WaitMutex (waiting for the mutex)").
// The settings hold for every producer and consumer of the prefix, whichever server forked it
// (ipc/teaching.h), and end when this server stops.
//
// A child's step is known only while some server watches (participants record their steps
// then, at a small cost each): the first of these commands, or `status`, starts the watcher
// if it is not running yet (socket_srv starts it at once with --trace or --tempo).
#pragma once

#include "forking_server.h"
#include "server_event.h"
#include "step_watcher.h"

#include <QObject>
#include <QString>
#include <QStringList>

namespace prodcons::server {

class StepCommands : public QObject
{
    Q_OBJECT

public:
    StepCommands(ForkingServer& server, StepWatcher& watcher, QObject* parent = nullptr);

    /// Carries out `line` if it is one of the commands above (trimmed, lower case words) and
    /// returns true; false for any other line.
    bool handle(const QString& line);
    /// true if `line` names one of the commands above (whether or not its argument is right).
    static bool isCommand(const QString& line);
    /// What `status` adds: the tempo and pause, and one line per child of this server.
    QStringList statusLines();
    /// One line per command, for `help`.
    static QStringList helpLines();
    /// Starts the watcher unless it runs, polling every `interval`, saying once what that
    /// means.
    void watch(std::chrono::milliseconds interval = StepWatcher::kDefaultInterval);
    /// `tempo MS` (clamped to 0..ipc::kMaxTempoMs), for --tempo.
    void setTempo(std::chrono::milliseconds tempo);

signals:
    /// A line to show (the terminal prints it with its time).
    void said(prodcons::server::Severity severity, const QString& text);

private:
    void tempo(const QString& argument);
    void pause();
    void resume();
    void step(const QString& argument);
    /// The present producer or consumer with `pid` among the watcher's lanes, if any.
    const StepLane* laneOf(pid_t pid) const;
    /// "WaitMutex (waiting for the mutex)", "Write (writing Alice into slot 3)".
    static QString describe(const ipc::StepEvent& step);
    void say(const QString& text) { emit said(Severity::Info, text); }

    ForkingServer& m_server;
    StepWatcher& m_watcher;
};

} // namespace prodcons::server
