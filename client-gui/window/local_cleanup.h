// The client window's Cleanup: removes this machine's IPC objects of a prefix through ipc, with
// the same question and report as the server window's Cleanup.
#pragma once

#include "ipc/object_names.h"
#include "ipc/snapshot.h"

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QThread;
class QWidget;
QT_END_NAMESPACE

namespace prodcons::client {

/// Looks first (ipc::inspect); if live servers are attached or names are queued, says so and
/// asks (a window-modal box that does not block the event loop); then removes the objects
/// (ipc::cleanup, on a worker thread: it may wait a moment for a server that is attaching) and
/// reports CleanupReport::summary(). It acts on this machine only; when the window's server is
/// on another machine it says so in the question and the report.
class LocalCleanup : public QObject
{
    Q_OBJECT

public:
    explicit LocalCleanup(QWidget* dialogParent);
    ~LocalCleanup() override;

    /// Starts the cleanup of `prefix`; `serverHost` is the host the window connects to.
    /// Ignored while busy().
    void begin(const QString& prefix, const QString& serverHost);
    bool busy() const { return m_busy; }

    /// What a cleanup would hurt, in words (live servers, queued names), or empty if nothing.
    static QString risk(const ipc::Snapshot& snapshot);
    /// localhost, a loopback address, this machine's host name or one of its addresses. No name
    /// lookup (it must not block the window).
    static bool isLocalHost(const QString& host);

signals:
    void busyChanged(bool busy);
    /// The cleanup ran (or could not): `report` says what it removed, or why not.
    void finished(bool failed, const QString& report);
    /// The person said no; nothing was removed.
    void cancelled();

private:
    void run(const ipc::ObjectNames& names, bool remote);
    void setBusy(bool busy);

    QWidget* m_dialogParent = nullptr;
    QPointer<QThread> m_thread;
    bool m_busy = false;
};

} // namespace prodcons::client
