#include "client_controller.h"

namespace prodcons::client {

namespace {

// The plot gets a sample every half second: smooth enough, and cheap.
constexpr qint64 kSampleEveryMsecs = 500;

} // namespace

ClientController::ClientController(QObject* parent) : QObject(parent)
{
    m_session.setLogCapacity(kLogCapacity);
    m_refreshTimer.setInterval(kRefreshInterval);
    m_clock.start();
    connect(&m_session, &NameSession::stateChanged, this, &ClientController::onStateChanged);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ClientController::refresh);
}

void ClientController::connectToServer(const QString& host, quint16 port, Role role, bool tagging)
{
    m_session.disconnectFromServer();
    m_session.resetFigures();
    m_session.setTagging(tagging);
    m_model.clear();
    m_history.clear();
    m_lastSampleMsecs = -1;
    m_session.connectToServer(host, port, role);
    m_refreshTimer.start();
    refresh();
}

void ClientController::disconnectFromServer()
{
    m_session.disconnectFromServer();
}

void ClientController::setRate(Rate rate)
{
    m_session.setRate(rate);
}

bool ClientController::isBusy() const
{
    const SessionState state = m_session.state();
    return isActive(state) || state == SessionState::Connecting ||
           state == SessionState::AwaitingTask || state == SessionState::ChoosingRole;
}

void ClientController::onStateChanged(SessionState)
{
    // The last names and figures of a connection that ended are still shown.
    refresh();
    if (!isBusy())
        m_refreshTimer.stop();
    else if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
    emit statusChanged();
}

void ClientController::refresh()
{
    m_figures = m_session.figures();
    m_model.append(m_session.log().since(m_model.lastSerial()));
    const qint64 now = m_clock.elapsed();
    if (isBusy() && (m_lastSampleMsecs < 0 || now - m_lastSampleMsecs >= kSampleEveryMsecs)) {
        m_history.add(now, m_figures.rate * 60.0);
        m_lastSampleMsecs = now;
    }
    emit refreshed();
}

} // namespace prodcons::client
