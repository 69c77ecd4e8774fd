// SIGINT and SIGTERM as a Qt signal, through a self-pipe.
#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace prodcons::client {

/// Catches SIGINT and SIGTERM while it lives and emits `signalled(signo)` from the event loop.
/// The handler only write()s the signal number into a non-blocking pipe (async-signal-safe);
/// a QSocketNotifier on the read end does the rest. One instance at a time; the destructor
/// restores the previous handlers.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    bool isWatching() const { return m_notifier != nullptr; }

signals:
    void signalled(int signalNumber);

private:
    void drain();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace prodcons::client
