// ChildTableModel: the children of a server window, one row per forked child: pid, peer,
// role, names moved, current rate, since, the last name it moved, and its state. Rows come from
// ForkingServer::children() (refreshed about ten times a second) and its childStarted and
// childEnded signals; an ended child stays, marked with how it ended, for the linger time and then
// falls off the table.
#pragma once

#include "child_view.h"
#include "name_rate.h"

#include <QAbstractTableModel>
#include <chrono>
#include <optional>
#include <vector>

namespace prodcons::server {

class ChildTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;

    enum Column
    {
        PidColumn,
        PeerColumn,
        RoleColumn,
        NamesColumn,
        RateColumn,
        SinceColumn,
        LastNameColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        PidRole = Qt::UserRole + 1, ///< pid_t as int
        EndedRole,                  ///< bool
        NormalEndRole,              ///< bool: ended normally (only meaningful when ended)
        RatePerMinuteRole,          ///< double
        NamesRole,                  ///< quint64
    };

    explicit ChildTableModel(QObject* parent = nullptr);

    /// How long an ended child stays in the table.
    void setLinger(std::chrono::milliseconds linger) { m_linger = linger; }

    /// Takes the live children's latest figures; drops ended rows older than the linger time.
    void refresh(const std::vector<ChildView>& live, Clock::time_point now);
    /// A child appeared (before the next refresh shows it).
    void addChild(const ChildView& child, Clock::time_point now);
    /// A child ended: its row stays, marked with how it ended, until the linger time has passed.
    void markEnded(const ChildView& child, Clock::time_point now);

    /// The row of a pid, or -1.
    int rowOf(pid_t pid) const;
    int liveCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        ChildView view;
        NameRate rate;
        double perMinute = 0.0;
        std::optional<Clock::time_point> endedAt;
    };

    QVariant display(const Row& row, int column) const;
    QVariant toolTip(const Row& row) const;
    QVariant foreground(const Row& row) const;
    QVariant decoration(const Row& row) const;
    void rowChanged(int row);

    std::vector<Row> m_rows;
    std::chrono::milliseconds m_linger{15000};
};

} // namespace prodcons::server
