#include "event_log_model.h"

#include "readable_color.h"
#include "status_dot.h"

#include <QFont>

namespace prodcons::server {

EventLogModel::EventLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventLogModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
    trim();
}

void EventLogModel::append(const ServerEvent& event, const QDateTime& when)
{
    add({when, event.severity, event.text, event});
}

void EventLogModel::append(Severity severity, const QString& text, const QDateTime& when)
{
    add({when, severity, text, std::nullopt});
}

void EventLogModel::add(Entry entry)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_entries.push_back(std::move(entry));
    endInsertRows();
    trim();
}

std::vector<ServerEvent> EventLogModel::serverEvents() const
{
    std::vector<ServerEvent> events;
    for (const Entry& entry : m_entries)
        if (entry.event)
            events.push_back(*entry.event);
    return events;
}

void EventLogModel::trim()
{
    const int excess = rowCount() - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
    endRemoveRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

QStringList EventLogModel::messages() const
{
    QStringList list;
    list.reserve(rowCount());
    for (const Entry& e : m_entries)
        list << e.text;
    return list;
}

int EventLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Entry& e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == TimeColumn)
            return e.when.toString(QStringLiteral("HH:mm:ss.zzz"));
        return e.text;
    case Qt::ToolTipRole:
        return e.when.toString(Qt::ISODateWithMs) + QLatin1Char('\n') + e.text;
    case Qt::DecorationRole:
        if (index.column() != MessageColumn)
            return {};
        switch (e.severity) {
        case Severity::Info:
            return statusDot(StatusColor::Info);
        case Severity::Warning:
            return statusDot(StatusColor::Waiting);
        case Severity::Error:
            return statusDot(StatusColor::Bad);
        }
        return {};
    case Qt::ForegroundRole:
        if (e.severity == Severity::Error)
            return common::readableText(statusColor(StatusColor::Bad).darker(120));
        if (e.severity == Severity::Warning)
            return common::readableText(QColor(0x8a, 0x5a, 0x00));
        return {};
    case Qt::FontRole:
        if (e.severity == Severity::Error) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case SeverityRole:
        return static_cast<int>(e.severity);
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TimeColumn ? tr("Time") : tr("Event");
}

} // namespace prodcons::server
