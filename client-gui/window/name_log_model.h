// The latest names that moved, as a list model for the window: newest first, capped in length.
#pragma once

#include "name_log.h"

#include <QAbstractListModel>
#include <deque>
#include <vector>

namespace prodcons::client {

/// One row per name: sent (then acknowledged or rejected) for a producer, received for a
/// consumer. Fed in batches from NameSession::log().since(): one insert (and at most one
/// remove and one change) per batch, whatever the rate, so views stay smooth at a million names
/// a minute. The session's replies come in order, so an acknowledgement belongs to the oldest
/// name still awaiting one; matching also checks the name, so a batch that skipped entries (the
/// log holds the last N only) cannot pin an OK on the wrong name.
class NameLogModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Status
    {
        Sent,         // written to the server, no answer yet
        Acknowledged, // answered OK: stored
        Rejected,     // answered ERROR
        Answered,     // answered, but the answer fell between two pulls (very high rates)
        Received,     // consumer: taken from the server
    };
    Q_ENUM(Status)

    enum Roles
    {
        NameRole = Qt::UserRole + 1, // QString
        TimeRole,                    // QDateTime: sent or received
        StatusRole,                  // Status as int
        LatencyRole,                 // qint64 ms from sent to answer; -1 when not known
    };

    static constexpr qsizetype kDefaultCapacity = 500;

    explicit NameLogModel(qsizetype capacity = kDefaultCapacity, QObject* parent = nullptr);

    /// Adds a batch (oldest first, as NameLog::since() gives it).
    void append(const QList<LoggedName>& entries);
    void clear();

    qsizetype capacity() const { return m_capacity; }
    /// Names the model never saw because more moved between two pulls than the log keeps.
    quint64 skipped() const { return m_skipped; }
    /// The serial of the last log entry taken, for the next since().
    quint64 lastSerial() const { return m_lastSerial; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// "sent", "acknowledged after 3 ms", ... for the list and for screen readers.
    static QString statusText(Status status, qint64 latencyMsecs);

private:
    struct Row
    {
        quint64 id = 0; // rows are numbered in the order added; the newest has the highest id
        qint64 msecs = 0;
        qint64 answerMsecs = -1;
        Status status = Status::Sent;
        QByteArray name;
    };
    struct Awaiting
    {
        quint64 id = 0;
        QByteArray name;
    };

    /// Applies an OK or ERROR to its row, which may be among the batch's `fresh` rows;
    /// collects the ids of rows already shown that changed.
    void answer(const LoggedName& entry, std::vector<Row>& fresh, QList<quint64>& changed);
    Row* rowById(quint64 id);

    qsizetype m_capacity;
    std::deque<Row> m_rows;          // front: newest
    std::deque<Awaiting> m_awaiting; // oldest first
    quint64 m_nextId = 1;
    quint64 m_lastSerial = 0;
    quint64 m_skipped = 0;
};

} // namespace prodcons::client
