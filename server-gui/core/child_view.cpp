#include "child_view.h"

#include "child_main.h"

#include <QCoreApplication>
#include <cstring>
#include <sys/wait.h>

namespace prodcons::server {

QString roleText(ChildRole role)
{
    switch (role) {
    case ChildRole::Producer:
        return QCoreApplication::translate("ChildView", "producer");
    case ChildRole::Consumer:
        return QCoreApplication::translate("ChildView", "consumer");
    case ChildRole::None:
        break;
    }
    return QStringLiteral("-");
}

QString stateText(ChildState state, ChildRole role)
{
    switch (state) {
    case ChildState::Handshake:
        return QCoreApplication::translate("ChildView", "asked for its task");
    case ChildState::Running:
        return QCoreApplication::translate("ChildView", "running");
    case ChildState::Blocked:
        return role == ChildRole::Producer
                   ? QCoreApplication::translate("ChildView", "waiting: buffer full")
                   : QCoreApplication::translate("ChildView", "waiting: buffer empty");
    case ChildState::Ended:
        return QCoreApplication::translate("ChildView", "ended");
    }
    return {};
}

QString describeEnd(int waitStatus, EndReason reported, const QString& detail, bool* normal)
{
    QString text;
    bool ok = false;
    if (WIFSIGNALED(waitStatus)) {
        const int sig = WTERMSIG(waitStatus);
        text = QCoreApplication::translate("ChildView", "killed by signal %1 (%2)")
                   .arg(sig)
                   .arg(QString::fromLocal8Bit(::strsignal(sig)));
    } else if (WIFEXITED(waitStatus)) {
        const int code = WEXITSTATUS(waitStatus);
        ok = code == 0;
        text = QString::fromLatin1(end_reason_text(reported));
        if (code != exit_status_for(reported))
            text = QCoreApplication::translate("ChildView", "exited with status %1").arg(code);
        if (!detail.isEmpty())
            text += QStringLiteral(": ") + detail;
    }
    if (normal)
        *normal = ok;
    return text;
}

} // namespace prodcons::server
