// CleanupFlow: the Cleanup button's work. It looks at the prefix's objects first
// (ipc::inspect); if live servers are attached or names are queued it says so and asks; then it
// removes the objects (ipc::cleanup, on a worker thread: it may wait a moment for a server
// that is attaching) and reports what it removed.
#pragma once

#include "forking_server.h"
#include "ipc/snapshot.h"

#include <QObject>
#include <QPointer>

class QThread;
class QWidget;

namespace prodcons::server {

/// What a cleanup of these objects would hurt, in words, or an empty string if nothing: live
/// servers attached (their clients stop sharing with servers started later) and queued names
/// (discarded). `self` is this process, named as "this window".
QString cleanupRisk(const ipc::Snapshot& snapshot, pid_t self);

class CleanupFlow : public QObject
{
    Q_OBJECT

public:
    /// `dialogParent` carries the confirmation (window-modal, not blocking the event loop).
    explicit CleanupFlow(QWidget* dialogParent);
    ~CleanupFlow() override;

    /// Starts the cleanup of `prefix`. Ignored while busy().
    void begin(const QString& prefix);
    bool busy() const { return m_busy; }

signals:
    void busyChanged(bool busy);
    /// The cleanup ran: `report` is CleanupReport::summary(), or why it could not run.
    void finished(prodcons::server::Severity severity, const QString& report);
    /// The person said no.
    void cancelled();

private:
    void run(const ipc::ObjectNames& names);
    void setBusy(bool busy);

    QWidget* m_dialogParent = nullptr;
    QPointer<QThread> m_thread;
    bool m_busy = false;
};

} // namespace prodcons::server
