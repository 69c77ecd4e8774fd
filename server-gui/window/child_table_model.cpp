#include "child_table_model.h"

#include "readable_color.h"
#include "status_dot.h"

#include <QColor>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace prodcons::server {

namespace {

QString rateText(double perMinute)
{
    if (perMinute <= 0.0)
        return QStringLiteral("0");
    return QLocale().toString(std::llround(perMinute));
}

/// "3 s", "2 min 5 s", "1 h 4 min"
QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return ChildTableModel::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return ChildTableModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return ChildTableModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

bool sameFigures(const ChildView& a, const ChildView& b)
{
    return a.role == b.role && a.state == b.state && a.names == b.names && a.sent == b.sent &&
           a.refused == b.refused && a.lastName == b.lastName;
}

} // namespace

ChildTableModel::ChildTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChildTableModel::refresh(const std::vector<ChildView>& live, Clock::time_point now)
{
    for (const ChildView& child : live) {
        int row = rowOf(child.pid);
        if (row < 0) {
            addChild(child, now);
            row = rowOf(child.pid);
        }
        Row& r = m_rows[static_cast<std::size_t>(row)];
        if (r.endedAt)
            continue; // a reused pid is added again by childStarted; keep the ended record
        r.rate.add(now, child.names);
        const double perMinute = r.rate.perMinute();
        const bool changed =
            !sameFigures(r.view, child) || std::llround(perMinute) != std::llround(r.perMinute);
        r.view = child;
        r.perMinute = perMinute;
        if (changed)
            rowChanged(row);
    }
    // Ended rows fall off once they have been visible for a while.
    for (int row = rowCount() - 1; row >= 0; --row) {
        const Row& r = m_rows[static_cast<std::size_t>(row)];
        if (r.endedAt && now - *r.endedAt >= m_linger) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
        }
    }
}

void ChildTableModel::addChild(const ChildView& child, Clock::time_point now)
{
    const int existing = rowOf(child.pid);
    if (existing >= 0 && !m_rows[static_cast<std::size_t>(existing)].endedAt)
        return;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    Row r;
    r.view = child;
    r.rate.add(now, child.names);
    m_rows.push_back(std::move(r));
    endInsertRows();
}

void ChildTableModel::markEnded(const ChildView& child, Clock::time_point now)
{
    int row = -1;
    for (int i = rowCount() - 1; i >= 0; --i) {
        const Row& r = m_rows[static_cast<std::size_t>(i)];
        if (r.view.pid == child.pid && !r.endedAt) {
            row = i;
            break;
        }
    }
    if (row < 0) { // it started and ended between two refreshes: show it all the same
        addChild(child, now);
        row = rowCount() - 1;
    }
    Row& r = m_rows[static_cast<std::size_t>(row)];
    r.view = child;
    r.perMinute = 0.0;
    r.endedAt = now;
    rowChanged(row);
}

int ChildTableModel::rowOf(pid_t pid) const
{
    // The newest row wins: a pid may come back after an ended child with the same pid.
    for (int i = rowCount() - 1; i >= 0; --i)
        if (m_rows[static_cast<std::size_t>(i)].view.pid == pid)
            return i;
    return -1;
}

int ChildTableModel::liveCount() const
{
    return static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [](const Row& r) { return !r.endedAt; }));
}

int ChildTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ChildTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChildTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row);
    case Qt::ForegroundRole:
        return foreground(row);
    case Qt::DecorationRole:
        return index.column() == StateColumn ? decoration(row) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == NamesColumn ||
            index.column() == RateColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case PidRole:
        return static_cast<int>(row.view.pid);
    case EndedRole:
        return row.endedAt.has_value();
    case NormalEndRole:
        return row.view.normalEnd;
    case RatePerMinuteRole:
        return row.perMinute;
    case NamesRole:
        return QVariant::fromValue(row.view.names);
    default:
        return {};
    }
}

QVariant ChildTableModel::display(const Row& row, int column) const
{
    const ChildView& v = row.view;
    switch (column) {
    case PidColumn:
        return static_cast<int>(v.pid);
    case PeerColumn:
        return v.peer;
    case RoleColumn:
        return roleText(v.role);
    case NamesColumn:
        return QLocale().toString(v.names);
    case RateColumn:
        return row.endedAt ? QStringLiteral("-") : rateText(row.perMinute);
    case SinceColumn:
        return v.started.toString(QStringLiteral("HH:mm:ss"));
    case StateColumn:
        if (row.endedAt)
            return v.normalEnd ? tr("ended: %1").arg(v.endText)
                               : tr("ended abnormally: %1").arg(v.endText);
        return stateText(v.state, v.role);
    case LastNameColumn:
        return v.lastName;
    default:
        return {};
    }
}

QVariant ChildTableModel::toolTip(const Row& row) const
{
    const ChildView& v = row.view;
    QStringList lines;
    lines << tr("Child process %1 serves the client at %2.").arg(v.pid).arg(v.peer);
    const qint64 age = v.started.secsTo(row.endedAt ? v.endedAt : QDateTime::currentDateTime());
    lines << tr("Connected at %1, for %2.")
                 .arg(v.started.toString(QStringLiteral("HH:mm:ss")), durationText(age));
    switch (v.role) {
    case ChildRole::Producer:
        lines << tr("Producer: %1 name(s) stored in the shared buffer.")
                     .arg(QLocale().toString(v.names));
        break;
    case ChildRole::Consumer:
        lines << tr("Consumer: %1 name(s) sent, %2 acknowledged by the client.")
                     .arg(QLocale().toString(v.sent), QLocale().toString(v.names));
        break;
    case ChildRole::None:
        lines << tr("The client has not said yet whether it is a producer or a consumer.");
        break;
    }
    if (v.refused > 0)
        lines << tr("%1 line(s) refused with ERROR.").arg(v.refused);
    if (row.endedAt)
        lines << tr("Ended at %1: %2.")
                     .arg(v.endedAt.toString(QStringLiteral("HH:mm:ss")), v.endText);
    return lines.join(QLatin1Char('\n'));
}

QVariant ChildTableModel::foreground(const Row& row) const
{
    if (!row.endedAt)
        return {};
    return common::readableText(row.view.normalEnd ? QColor(0x80, 0x80, 0x80)
                                                   : QColor(0xb0, 0x1c, 0x1c));
}

QVariant ChildTableModel::decoration(const Row& row) const
{
    if (row.endedAt)
        return statusDot(row.view.normalEnd ? StatusColor::Idle : StatusColor::Bad);
    switch (row.view.state) {
    case ChildState::Running:
        return statusDot(StatusColor::Good);
    case ChildState::Blocked:
        return statusDot(StatusColor::Waiting);
    case ChildState::Handshake:
    case ChildState::Ended:
        break;
    }
    return statusDot(StatusColor::Idle);
}

QVariant ChildTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PidColumn:
            return tr("PID");
        case PeerColumn:
            return tr("Client");
        case RoleColumn:
            return tr("Role");
        case NamesColumn:
            return tr("Names");
        case RateColumn:
            return tr("Rate /min");
        case SinceColumn:
            return tr("Since");
        case StateColumn:
            return tr("State");
        case LastNameColumn:
            return tr("Last name");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PidColumn:
            return tr("Process id of the child forked for this client");
        case PeerColumn:
            return tr("Address and port of the client");
        case RoleColumn:
            return tr("What the client answered to Task?");
        case NamesColumn:
            return tr("Names stored (producer) or acknowledged (consumer)");
        case RateColumn:
            return tr("Names per minute over the last two seconds");
        case SinceColumn:
            return tr("When the client connected");
        case StateColumn:
            return tr("What the child is doing, or how it ended");
        case LastNameColumn:
            return tr("The last name this child moved");
        default:
            return {};
        }
    }
    return {};
}

void ChildTableModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace prodcons::server
