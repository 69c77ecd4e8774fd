#include "holder_text.h"

#include <QCoreApplication>

namespace prodcons::server {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::server", text);
}

QString roleText(ipc::layout::Kind kind)
{
    switch (kind) {
    case ipc::layout::Kind::User:
        return tr("a server");
    case ipc::layout::Kind::Producer:
        return tr("a producer");
    case ipc::layout::Kind::Consumer:
        return tr("a consumer");
    }
    return tr("a participant");
}

} // namespace

QString holderText(const ipc::MutexHolder& holder, pid_t self)
{
    QString what = roleText(holder.kind);
    if (holder.kind != ipc::layout::Kind::User) {
        if (holder.parent_server_slot)
            what = holder.parent == self && self != 0
                       ? tr("%1 child of this server").arg(what)
                       : tr("%1 child of server %2").arg(what).arg(holder.parent);
        else if (holder.parent > 0) // forked by a tool or a test, or its server is gone
            what = tr("%1 whose parent, process %2, is no server").arg(what).arg(holder.parent);
    }
    return tr("process %1 (%2, %3 mode)")
        .arg(holder.pid)
        .arg(what, QLatin1String(ipc::mode_name(holder.mode)));
}

QString stallText(const ipc::MutexHolder& holder, std::chrono::seconds quiet, pid_t self)
{
    return tr("Nothing has moved for %1 s: %2 is stopped (SIGSTOP or Ctrl-Z) while it holds the "
              "mutex, and every producer and consumer of the prefix waits for it. "
              "`kill -CONT %3` lets it go on.")
        .arg(quiet.count())
        .arg(holderText(holder, self))
        .arg(holder.pid);
}

QString holderStatusLine(const ipc::MutexHolder& holder, std::uint32_t waiters)
{
    const QString who = holderText(holder);
    const QString waiting =
        waiters > 0 ? tr(" (%1 other process(es) waiting for it now)").arg(waiters) : QString();
    if (holder.stopped())
        return tr("STALLED: mutex held by %1, which is stopped (SIGSTOP or Ctrl-Z); every "
                  "producer and consumer of the prefix waits for it%2. `kill -CONT %3` lets "
                  "it go on.")
            .arg(who, waiting)
            .arg(holder.pid);
    if (!holder.alive)
        return tr("mutex held by %1, which is dead: the next process to wait for it releases "
                  "it%2")
            .arg(who, waiting);
    return tr("mutex held by %1, %2%3")
        .arg(who, QLatin1String(ipc::process_state_name(holder.state)), waiting);
}

} // namespace prodcons::server
