// QuitSignals: turns SIGTERM, SIGINT and SIGHUP into a Qt signal, so that a server window
// killed from a script or a terminal stops its server cleanly (children ended and reaped,
// objects detached or removed) instead of dying with them. Install one, in main().
#pragma once

#include <QObject>

class QSocketNotifier;

namespace prodcons::server {

class QuitSignals : public QObject
{
    Q_OBJECT

public:
    explicit QuitSignals(QObject* parent = nullptr);
    ~QuitSignals() override;

signals:
    void received(int signalNumber);

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace prodcons::server
