#include "client_controller.h"

#include "name_source.h"
#include "picture_send_status.h"

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
    // setNames() drops any lines set before it: the names first, a picture's lines after.
    m_session.setNames(NameSource(NameList::bundled(m_nameList)));
    m_pictureInSession.reset();
    if (role == Role::Producer && m_picture) {
        m_pictureInSession = m_picture;
        m_session.setLines(m_picture->lines());
        tagging = false;
    }
    // A picture with a line missing is torn for good: send no more after the first refusal.
    m_session.setStopOnRejection(m_pictureInSession.has_value());
    m_session.setTagging(tagging);
    // Only a consumer's lines are wanted whole; a producer's would cost a call per name.
    if (role == Role::Consumer && m_receivedLineHandler)
        m_session.setNameObserver([this](NameEvent event, QByteArrayView line) {
            if (event == NameEvent::Received)
                m_receivedLineHandler(line);
        });
    else
        m_session.setNameObserver({});
    emit sessionStarted();
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

SessionStatus ClientController::status(std::optional<Role> connectingAs) const
{
    SessionStatus session = SessionStatus::of(m_session);
    if (!m_pictureInSession) {
        if (m_session.state() == SessionState::Disconnected && connectingAs == Role::Producer &&
            m_picture)
            session.detail = PictureSendStatus::ready(m_picture->fileName(), m_picture->width(),
                                                      m_picture->height(), m_picture->lineCount());
        return session;
    }
    // The session's own figures, not the last refresh's: the state may have just changed.
    const SessionFigures now = m_session.figures();
    PictureSendFacts facts;
    facts.fileName = m_pictureInSession->fileName();
    facts.lines = m_pictureInSession->lineCount();
    facts.longestLine = m_pictureInSession->longestLine();
    facts.sent = now.sent;
    facts.acknowledged = now.acknowledged;
    facts.firstRejection = m_session.firstRejection();
    facts.rate = m_session.rate();
    return PictureSendStatus::of(m_session.state(), session, facts);
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
