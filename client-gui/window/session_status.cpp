#include "session_status.h"

#include "name_session.h"

namespace prodcons::client {

SessionStatus SessionStatus::of(const NameSession& session)
{
    const QString endpoint = QStringLiteral("%1:%2").arg(session.host()).arg(session.port());
    return of(session.state(), session.reason(), session.role(), endpoint, session.rejected(),
              QString::fromUtf8(session.lastRejection()));
}

SessionStatus SessionStatus::of(SessionState state, const QString& reason, std::optional<Role> role,
                                const QString& endpoint, qint64 rejected,
                                const QString& lastRejection)
{
    SessionStatus status;
    switch (state) {
    case SessionState::Disconnected:
        status = {tr("Disconnected"), tr("Choose a server and a role, then Connect."),
                  StatusTone::Idle};
        break;
    case SessionState::Connecting:
        status = {tr("Connecting"), tr("Connecting to %1 …").arg(endpoint), StatusTone::Busy};
        break;
    case SessionState::AwaitingTask:
    case SessionState::ChoosingRole:
        status = {tr("Connected"),
                  tr("Connected to %1, waiting for the server's \"Task?\"").arg(endpoint),
                  StatusTone::Busy};
        break;
    case SessionState::Producing:
        status = {
            tr("Connected as producer"),
            tr("Sending names to %1; each is stored when the server answers OK.").arg(endpoint),
            StatusTone::Good};
        break;
    case SessionState::HeldBack:
        status = {tr("Held back: buffer full"),
                  tr("No answer from %1 for a while: its buffer is full. Names go on when a "
                     "consumer takes some.")
                      .arg(endpoint),
                  StatusTone::Warning};
        break;
    case SessionState::Consuming:
        status = {tr("Connected as consumer"),
                  tr("Taking names from %1 and answering OK for each.").arg(endpoint),
                  StatusTone::Good};
        break;
    case SessionState::Finished:
        status = {tr("Finished"), tr("Done; the connection to %1 is closed.").arg(endpoint),
                  StatusTone::Idle};
        break;
    case SessionState::ServerGone:
        status = {tr("Server gone"),
                  tr("%1 (%2). Connect again when the server is back.").arg(reason, endpoint),
                  StatusTone::Error};
        break;
    case SessionState::Refused:
        status = {
            tr("Refused"),
            tr("Nobody listens at %1. Start a server there, or check host and port.").arg(endpoint),
            StatusTone::Error};
        break;
    case SessionState::ServerError:
        status = {tr("ERROR from the server"), QStringLiteral("ERROR: %1").arg(reason),
                  StatusTone::Error};
        break;
    case SessionState::Failed:
        status = {tr("Failed"), reason, StatusTone::Error};
        break;
    }
    // A producer whose names are rejected one by one goes on; say so while it runs.
    if (role == Role::Producer && rejected > 0 && isActive(state))
        status.detail = tr("The server rejected %n name(s), the last "
                           "with \"ERROR: %1\".",
                           nullptr, int(rejected))
                            .arg(lastRejection);
    return status;
}

} // namespace prodcons::client
