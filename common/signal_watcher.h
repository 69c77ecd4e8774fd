// SignalWatcher: Unix signals (SIGINT, SIGTERM, SIGHUP, ...) as a Qt signal, through a self-pipe,
// so that a program stops cleanly from its event loop rather than dying in a handler. Every
// prodcons program installs one in main() (or in the object that runs it): the windows close as
// their close button would, the terminal programs stop as 'quit' would.
#pragma once

#include <QObject>
#include <initializer_list>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace prodcons::common {

/// Catches the given signals while it lives and emits `signalled(signo)` from the event loop,
/// once per signal delivered. The handler only write()s the signal number into a non-blocking
/// pipe (async-signal-safe, errno kept; a full pipe already holds a wake-up); a QSocketNotifier
/// on the read end does the rest ([TLPI] altio/self_pipe.c, Qt's "Calling Qt Functions From Unix
/// Signal Handlers"). One instance at a time: a second one watches nothing (isWatching() is
/// false). The destructor puts back the handlers that were there before.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    /// At most kMaxSignals signal numbers.
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent = nullptr);
    ~SignalWatcher() override;
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    static constexpr int kMaxSignals = 8;

    bool isWatching() const { return m_notifier != nullptr; }

signals:
    void signalled(int signalNumber);

private:
    void drain();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace prodcons::common
