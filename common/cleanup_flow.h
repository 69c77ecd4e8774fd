// CleanupFlow: what a window's Cleanup button does, for the server window and the client window
// alike. It looks at the prefix's objects first (ipc::inspect); if live servers are attached or
// names are queued it says so and asks (a window-modal box that does not block the event loop);
// then it removes the objects (ipc::cleanup, on a worker thread: it may wait a moment for a
// server that is attaching) and reports CleanupReport::summary(). It acts on this machine only;
// a window whose server is on another machine names that server, and the question and the
// report then say that machine is not affected.
#pragma once

#include "ipc/cleanup.h"
#include "ipc/object_names.h"
#include "ipc/snapshot.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>
#include <sys/types.h>

QT_BEGIN_NAMESPACE
class QThread;
class QWidget;
QT_END_NAMESPACE

namespace prodcons::common {

/// What a cleanup of these objects would hurt, in words, or an empty string if nothing: live
/// servers attached (their clients stop sharing with servers started later) and queued names
/// (discarded). `self` is this process, named as "this window".
QString cleanupRisk(const ipc::Snapshot& snapshot, pid_t self);

/// Something other than a prefix's IPC objects for Cleanup to remove, e.g. a broker's queue.
/// `risk` and `remove` block (they may wait for a network): they run on a worker thread.
struct CleanupTarget
{
    QString question; ///< the question's title, e.g. "Delete the queue?"
    QString what;     ///< the question's text: what Cleanup removes
    /// What removing it would hurt, in words, or an empty string if nothing (no question then).
    std::function<QString()> risk;
    struct Removal
    {
        bool removed = false;
        QString report; ///< what was removed, or why nothing was
    };
    std::function<Removal()> remove;
};

class CleanupFlow : public QObject
{
    Q_OBJECT

public:
    /// How a cleanup ended.
    enum class Outcome
    {
        Removed,      ///< every object is gone (or was not there)
        PartlyFailed, ///< some object could not be removed: the report says which and why
        NotRun        ///< the prefix is not valid: nothing was tried
    };
    Q_ENUM(Outcome)

    /// `dialogParent` carries the confirmation (window-modal, not blocking the event loop).
    explicit CleanupFlow(QWidget* dialogParent);
    ~CleanupFlow() override;

    /// Starts the cleanup of `prefix`. `remoteServer`, when not empty, is the window's server
    /// on another machine: the question and the report then say that Cleanup acts on this
    /// machine only. Ignored while busy().
    void begin(const QString& prefix, const QString& remoteServer = {});
    /// The same steps for `target`: look (on the worker), ask if that would hurt, remove (on
    /// the worker), report in finished() (Removed, or PartlyFailed with why). Ignored while
    /// busy().
    void begin(const CleanupTarget& target);
    bool busy() const { return m_busy; }

    /// What the last cleanup that ran removed and discarded (none before the first).
    const std::optional<ipc::CleanupReport>& lastReport() const { return m_lastReport; }

signals:
    void busyChanged(bool busy);
    /// The cleanup ran, or could not: `report` says what it removed, or why not.
    void finished(prodcons::common::CleanupFlow::Outcome outcome, const QString& report);
    /// The person said no; nothing was removed.
    void cancelled();

private:
    void ask(const QString& prefix, const QString& risk, const ipc::ObjectNames& names,
             const QString& remoteServer);
    void run(const ipc::ObjectNames& names, const QString& remoteServer);
    /// The window-modal question with Remove anyway / Cancel: `onRemove` on yes; cancelled()
    /// on no or when the box is closed.
    void confirm(const QString& title, const QString& text, const QString& details,
                 std::function<void()> onRemove);
    /// `job` on a worker thread, then `then` in this object's thread.
    void work(std::function<void()> job, std::function<void()> then);
    void removeTarget(const CleanupTarget& target);
    void setBusy(bool busy);

    QWidget* m_dialogParent = nullptr;
    /// The question now open, until it is answered or closed (compared, never dereferenced).
    const QObject* m_question = nullptr;
    QPointer<QThread> m_thread;
    bool m_busy = false;
    std::optional<ipc::CleanupReport> m_lastReport;
};

} // namespace prodcons::common
