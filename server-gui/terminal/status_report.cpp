#include "status_report.h"

#include "holder_text.h"
#include "name_text.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>

namespace prodcons::server {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::server", text);
}

QString pids(const std::vector<pid_t>& list)
{
    QStringList parts;
    for (pid_t pid : list)
        parts << QString::number(pid);
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", "));
}

QString semaphore(int value)
{
    return value < 0 ? tr("absent") : tr("value %1").arg(value);
}

QString kindText(const ipc::ParticipantInfo& p)
{
    switch (p.kind) {
    case ipc::layout::Kind::User:
        return tr("server");
    case ipc::layout::Kind::Producer:
        return tr("producer");
    case ipc::layout::Kind::Consumer:
        return tr("consumer");
    }
    return {};
}

} // namespace

QString statusReport(const ipc::ObjectNames& names, const ipc::Snapshot& s)
{
    QStringList lines;
    auto row = [&lines](const char* object, const QString& state) {
        lines << QStringLiteral("%1  %2").arg(QString::fromLatin1(object), -22).arg(state);
    };
    lines << tr("IPC objects of prefix %1").arg(QString::fromLatin1(names.prefix));
    if (!s.control_present) {
        row(names.control, tr("absent"));
    } else {
        row(names.control, tr("control block and ring: %1 slots x %2 bytes (lines up to %3 "
                              "bytes), %4 participant slots "
                              "(live servers keep %5 of %6 for their clients)")
                               .arg(s.geometry.capacity)
                               .arg(s.geometry.slot_size)
                               .arg(s.geometry.max_name_length())
                               .arg(s.geometry.participants)
                               .arg(std::min(s.participants_reserved, s.participants_reservable))
                               .arg(s.participants_reservable));
        if (s.corrupted()) {
            lines << tr("CORRUPTED control block (figures below are bounded, not true); remove "
                        "it with socket_srv --cleanup --prefix %1:")
                         .arg(QString::fromLatin1(names.prefix));
            for (const std::string& problem : s.corruption)
                lines << QStringLiteral("  - %1").arg(QString::fromStdString(problem));
        }
    }
    row(names.mutex, semaphore(s.sem_mutex));
    // Right under the mutex: a stopped holder is why nothing below moves.
    if (s.mutex_holder)
        lines << QStringLiteral("  ") + holderStatusLine(*s.mutex_holder, s.mutex_waiters);
    row(names.empty, semaphore(s.sem_empty));
    row(names.full, semaphore(s.sem_full));
    row(names.queue, s.mq_present ? tr("%1 of %2 messages (%3 bytes each)")
                                        .arg(s.mq_current)
                                        .arg(s.mq_capacity)
                                        .arg(s.mq_message_size)
                                  : tr("absent"));
    if (s.control_present) {
        lines << QString();
        lines << tr("SHM ring: %1 of %2 names, in = %3, out = %4; %5 handed back by consumers")
                     .arg(s.count)
                     .arg(s.geometry.capacity)
                     .arg(s.in)
                     .arg(s.out)
                     .arg(s.orphans[0]);
        for (std::size_t i = 0; i < s.ring.size(); ++i) {
            if (!s.ring[i].empty())
                lines << QStringLiteral("  slot %1: %2").arg(i).arg(shortenedName(s.ring[i]));
        }
        lines << tr("MQ: %1 handed back by consumers").arg(s.orphans[1]);
        lines << tr("live servers: SHM %1 (pids %2), MQ %3 (pids %4)")
                     .arg(s.live_users[0])
                     .arg(pids(s.live_user_pids(ipc::Mode::Shm)))
                     .arg(s.live_users[1])
                     .arg(pids(s.live_user_pids(ipc::Mode::Mq)));
        lines << tr("names stored / taken: SHM %1 / %2, MQ %3 / %4")
                     .arg(s.names_put[0])
                     .arg(s.names_taken[0])
                     .arg(s.names_put[1])
                     .arg(s.names_taken[1]);
        if (s.mutex_recoveries > 0 || s.participants_reaped > 0)
            lines << tr("recovered: %1 mutex(es) from dead holders, %2 dead participant(s) freed")
                         .arg(s.mutex_recoveries)
                         .arg(s.participants_reaped);
        for (const auto& p : s.participants) {
            if (p.kind == ipc::layout::Kind::User)
                continue;
            QString line = QStringLiteral("  %1 pid %2 (%3)")
                               .arg(kindText(p))
                               .arg(p.pid)
                               .arg(QLatin1String(ipc::mode_name(p.mode)));
            if (p.orphaned)
                line += tr(", gone: %1 name(s) wait for another consumer").arg(p.held);
            else if (!p.alive)
                line += tr(", dead (not yet freed)");
            else if (p.held > 0)
                line += tr(", holds %1 unacknowledged name(s)").arg(p.held);
            lines << line;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace prodcons::server
