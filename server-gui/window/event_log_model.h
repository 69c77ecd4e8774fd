// EventLogModel: the window's log, one row per event with its time: what ForkingServer::logged()
// reports (listening, connections, roles, children that ended, objects created, attached,
// re-initialised or removed, errors) and what the window itself does (cleanup reports).
// Capped: the oldest rows go once there are more than capacity().
#pragma once

#include "server_event.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <deque>
#include <optional>
#include <vector>

namespace prodcons::server {

class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role
    {
        SeverityRole = Qt::UserRole + 1 ///< Severity as int
    };

    explicit EventLogModel(QObject* parent = nullptr);

    void setCapacity(int rows);
    int capacity() const { return m_capacity; }

    /// What the server core reported.
    void append(const ServerEvent& event, const QDateTime& when = QDateTime::currentDateTime());
    /// What the window itself did (a cleanup's report).
    void append(Severity severity, const QString& text,
                const QDateTime& when = QDateTime::currentDateTime());
    void clear();

    /// The messages, oldest first (for copying the log, and for tests).
    QStringList messages() const;
    /// The server core's events among the rows, oldest first (for tests).
    std::vector<ServerEvent> serverEvents() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        QDateTime when;
        Severity severity = Severity::Info;
        QString text;
        std::optional<ServerEvent> event; ///< none for the window's own rows
    };
    void add(Entry entry);
    void trim();

    std::deque<Entry> m_entries;
    int m_capacity = 5000;
};

} // namespace prodcons::server
