// BufferModel: the shared buffer as the window shows it, from ipc snapshots: one row per ring
// slot (SHM mode: the name it holds, and whether the in or out position points at it) plus the
// figures around it (semaphore values, queue depth, servers attached, names handed back).
// While the window's server runs, the snapshots come from its attachment; while it is stopped
// they come from ipc::inspect(), so a person sees what other servers do with the same objects.
#pragma once

#include "ipc/config.h"
#include "ipc/snapshot.h"

#include <QAbstractListModel>
#include <optional>
#include <vector>

namespace prodcons::server {

class BufferModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        OccupiedRole = Qt::UserRole + 1, ///< bool: the slot holds a name
        InRole,                          ///< bool: the next name a producer puts goes here
        OutRole,                         ///< bool: the next name a consumer takes comes from here
    };
    enum class Source
    {
        None,     ///< nothing to show (an invalid prefix)
        Attached, ///< this window's server is attached
        Inspected ///< looked at from outside: this window's server is stopped
    };

    explicit BufferModel(QObject* parent = nullptr);

    /// Shows a new snapshot (nullopt: the objects could not be read; `problem` says why).
    void show(ipc::Mode mode, const QString& prefix, Source source,
              std::optional<ipc::Snapshot> snapshot, const QString& problem = {});

    ipc::Mode mode() const { return m_mode; }
    QString prefix() const { return m_prefix; }
    Source source() const { return m_source; }
    QString problem() const { return m_problem; }
    const ipc::Snapshot& snapshot() const { return m_snapshot; }

    /// The objects of the mode exist (control block plus semaphores, or the queue).
    bool present() const;
    /// Ring slots (SHM) or queue messages (MQ) the buffer holds at most.
    quint32 capacity() const;
    /// Names in the ring (SHM) or messages in the queue (MQ).
    quint64 stored() const;
    /// Names consumers took and handed back unacknowledged; the next consumers get them first.
    quint32 orphans() const;
    /// Servers (and tools) attached to the objects in this mode.
    quint32 liveUsers() const;
    std::vector<pid_t> liveUserPids() const;
    /// Live producers and consumers (children of any server) in this mode.
    int participants(bool producers) const;

    /// The object names of the prefix, for captions: "/prodcons_shm".
    QString objectName(const char* suffix) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

signals:
    /// Emitted after every show(): the figures may have changed.
    void changed();

private:
    ipc::Mode m_mode = ipc::Mode::Shm;
    QString m_prefix;
    Source m_source = Source::None;
    QString m_problem;
    ipc::Snapshot m_snapshot;
    int m_rows = 0;
};

} // namespace prodcons::server
