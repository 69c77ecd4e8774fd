#include "name_log_model.h"

#include <QDateTime>
#include <algorithm>

namespace prodcons::client {

namespace {

// Names sent long ago whose answer never showed up are not searched for ever.
constexpr qsizetype kMaxAwaiting = 4096;
// An answer belongs to one of the first names awaiting one (the producer's window of unanswered
// names is 1000 by default); searching further would only find a namesake.
constexpr qsizetype kMatchDepth = 1100;

} // namespace

NameLogModel::NameLogModel(qsizetype capacity, QObject* parent)
    : QAbstractListModel(parent), m_capacity(std::max<qsizetype>(capacity, 1))
{}

void NameLogModel::append(const QList<LoggedName>& entries)
{
    if (entries.isEmpty())
        return;
    if (m_lastSerial != 0 && entries.front().serial > m_lastSerial + 1)
        m_skipped += entries.front().serial - m_lastSerial - 1;
    m_lastSerial = entries.back().serial;

    // New rows first into a batch (oldest first), answers applied to rows old and new.
    std::vector<Row> fresh;
    QList<quint64> changed;
    for (const LoggedName& entry : entries) {
        switch (entry.event) {
        case NameEvent::Sent:
        case NameEvent::Received: {
            Row row;
            row.id = m_nextId++;
            row.msecs = entry.msecsSinceEpoch;
            row.status = entry.event == NameEvent::Sent ? Status::Sent : Status::Received;
            row.name = entry.name;
            if (entry.event == NameEvent::Sent) {
                m_awaiting.push_back({row.id, entry.name});
                if (qsizetype(m_awaiting.size()) > kMaxAwaiting)
                    m_awaiting.pop_front();
            }
            fresh.push_back(std::move(row));
            break;
        }
        case NameEvent::Acknowledged:
        case NameEvent::Rejected:
            answer(entry, fresh, changed);
            break;
        }
    }

    // Changed rows that were already shown: one dataChanged over their span.
    const quint64 firstFresh = fresh.empty() ? m_nextId : fresh.front().id;
    int top = -1;
    int bottom = -1;
    for (const quint64 id : std::as_const(changed)) {
        if (id >= firstFresh || m_rows.empty() || id < m_rows.back().id)
            continue; // not shown yet, or gone
        const int row = int(m_rows.front().id - id);
        top = top < 0 ? row : std::min(top, row);
        bottom = std::max(bottom, row);
    }
    if (top >= 0)
        emit dataChanged(index(top), index(bottom));

    if (fresh.empty())
        return;
    if (qsizetype(fresh.size()) >= m_capacity) {
        // The batch alone fills the list: start over with its newest rows.
        beginResetModel();
        m_rows.clear();
        for (auto it = fresh.rbegin(); it != fresh.rend() && qsizetype(m_rows.size()) < m_capacity;
             ++it)
            m_rows.push_back(std::move(*it));
        endResetModel();
        return;
    }
    const qsizetype overflow = qsizetype(m_rows.size() + fresh.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, int(qsizetype(m_rows.size()) - overflow), int(m_rows.size()) - 1);
        m_rows.erase(m_rows.end() - overflow, m_rows.end());
        endRemoveRows();
    }
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    for (Row& row : fresh)
        m_rows.push_front(std::move(row));
    endInsertRows();
}

void NameLogModel::answer(const LoggedName& entry, std::vector<Row>& fresh, QList<quint64>& changed)
{
    // Replies come in order: the answer is for the oldest name awaiting one with this name.
    // Those before it were answered too, in a part of the log this model never saw.
    const auto end =
        m_awaiting.begin() + std::min<qsizetype>(qsizetype(m_awaiting.size()), kMatchDepth);
    const auto match = std::find_if(m_awaiting.begin(), end,
                                    [&](const Awaiting& a) { return a.name == entry.name; });
    if (match == end)
        return; // sent before this model started, or its Sent entry was skipped
    auto find = [&](quint64 id) -> Row* {
        if (!fresh.empty() && id >= fresh.front().id)
            return &fresh[size_t(id - fresh.front().id)];
        changed.append(id);
        return rowById(id);
    };
    for (auto it = m_awaiting.begin(); it != match; ++it) {
        if (Row* row = find(it->id))
            row->status = Status::Answered;
    }
    if (Row* row = find(match->id)) {
        row->status =
            entry.event == NameEvent::Acknowledged ? Status::Acknowledged : Status::Rejected;
        row->answerMsecs = entry.msecsSinceEpoch;
    }
    m_awaiting.erase(m_awaiting.begin(), match + 1);
}

NameLogModel::Row* NameLogModel::rowById(quint64 id)
{
    if (m_rows.empty() || id > m_rows.front().id || id < m_rows.back().id)
        return nullptr;
    return &m_rows[size_t(m_rows.front().id - id)];
}

void NameLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_awaiting.clear();
    endResetModel();
}

int NameLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant NameLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const qint64 latency = row.answerMsecs >= 0 ? row.answerMsecs - row.msecs : -1;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1  %2  %3")
            .arg(QDateTime::fromMSecsSinceEpoch(row.msecs).toString(QStringLiteral("HH:mm:ss.zzz")),
                 QString::fromUtf8(row.name), statusText(row.status, latency));
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(QString::fromUtf8(row.name),
                                            statusText(row.status, latency));
    case NameRole:
        return QString::fromUtf8(row.name);
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(row.msecs);
    case StatusRole:
        return int(row.status);
    case LatencyRole:
        return latency;
    default:
        return {};
    }
}

QHash<int, QByteArray> NameLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(TimeRole, "time");
    names.insert(StatusRole, "status");
    names.insert(LatencyRole, "latency");
    return names;
}

QString NameLogModel::statusText(Status status, qint64 latencyMsecs)
{
    switch (status) {
    case Status::Sent:
        return tr("sent");
    case Status::Acknowledged:
        return latencyMsecs >= 0 ? tr("stored, OK after %1 ms").arg(latencyMsecs) : tr("stored");
    case Status::Rejected:
        return tr("rejected with ERROR");
    case Status::Answered:
        return tr("answered");
    case Status::Received:
        return tr("received");
    }
    return {};
}

} // namespace prodcons::client
