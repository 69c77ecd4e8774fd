#include "session_state.h"

#include <QCoreApplication>

namespace prodcons::client {

QString describe(SessionState state)
{
    const char* text = "";
    switch (state) {
    case SessionState::Disconnected:
        text = QT_TRANSLATE_NOOP("SessionState", "disconnected");
        break;
    case SessionState::Connecting:
        text = QT_TRANSLATE_NOOP("SessionState", "connecting");
        break;
    case SessionState::AwaitingTask:
        text = QT_TRANSLATE_NOOP("SessionState", "connected, waiting for the server");
        break;
    case SessionState::ChoosingRole:
        text = QT_TRANSLATE_NOOP("SessionState", "connected, choose producer or consumer");
        break;
    case SessionState::Producing:
        text = QT_TRANSLATE_NOOP("SessionState", "connected as producer");
        break;
    case SessionState::HeldBack:
        text = QT_TRANSLATE_NOOP("SessionState", "held back: the server's buffer is full");
        break;
    case SessionState::Consuming:
        text = QT_TRANSLATE_NOOP("SessionState", "connected as consumer");
        break;
    case SessionState::Finished:
        text = QT_TRANSLATE_NOOP("SessionState", "finished");
        break;
    case SessionState::ServerGone:
        text = QT_TRANSLATE_NOOP("SessionState", "server gone");
        break;
    case SessionState::Refused:
        text = QT_TRANSLATE_NOOP("SessionState", "connection refused");
        break;
    case SessionState::ServerError:
        text = QT_TRANSLATE_NOOP("SessionState", "error from the server");
        break;
    case SessionState::Failed:
        text = QT_TRANSLATE_NOOP("SessionState", "failed");
        break;
    }
    return QCoreApplication::translate("SessionState", text);
}

bool isActive(SessionState state)
{
    return state == SessionState::Producing || state == SessionState::HeldBack ||
           state == SessionState::Consuming;
}

bool isFailure(SessionState state)
{
    return state == SessionState::ServerGone || state == SessionState::Refused ||
           state == SessionState::ServerError || state == SessionState::Failed;
}

} // namespace prodcons::client
