// What the client window drives: one NameSession, the names list, the rate history, and what a
// producer sends (a bundled names list or a picture).
#pragma once

#include "name_list.h"
#include "name_log_model.h"
#include "name_session.h"
#include "picture_to_send.h"
#include "rate_history.h"
#include "session_status.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>
#include <optional>

namespace prodcons::client {

/// The client window's logic, without widgets: connects the session with the chosen role,
/// passes rate changes on at once, and pulls figures and names from the session in batches
/// (about ten times a second while connected, whatever the rate), so that the window never does
/// work per name. The window reads model(), history(), figures() and status().
///
/// A producer sends the bundled names list chosen (cycled, for ever) or, when a picture is
/// chosen, the picture's lines once each, in order, stopping at the first line the server
/// refuses; status() then tells the picture's progress. A consumer's lines are passed whole to
/// the received-line handler (the window's picture view), one call per line.
class ClientController : public QObject
{
    Q_OBJECT

public:
    /// How often the window is refreshed while connected.
    static constexpr std::chrono::milliseconds kRefreshInterval{100};
    /// How many of the last names the session logs between two pulls (more are skipped).
    static constexpr qsizetype kLogCapacity = 2000;

    explicit ClientController(QObject* parent = nullptr);

    /// Connects to host:port as `role`; figures, names and history start afresh, and
    /// sessionStarted() says so. A producer sends the picture, if one is chosen, else the names
    /// list; a picture's lines are never tagged (tags would change them).
    void connectToServer(const QString& host, quint16 port, Role role, bool tagging);
    void disconnectFromServer();
    /// Applies at once, connected or not; it paces a picture's lines too.
    void setRate(Rate rate);
    /// The bundled list a producer sends when no picture is chosen; from the next connection.
    void setNameList(NameList::Bundled list) { m_nameList = list; }
    /// A producer sends this picture instead of names from the next connection; nullopt: names.
    void setPicture(std::optional<PictureToSend> picture) { m_picture = std::move(picture); }
    const std::optional<PictureToSend>& picture() const { return m_picture; }
    /// The picture the current (or last) connection sends or sent; null when it sends names or
    /// consumes.
    const PictureToSend* pictureInSession() const
    {
        return m_pictureInSession ? &*m_pictureInSession : nullptr;
    }
    /// Called with every line a consumer receives, whole (the log keeps only the start of long
    /// lines); synchronously, so keep it cheap. Empty: none.
    void setReceivedLineHandler(std::function<void(QByteArrayView line)> handler)
    {
        m_receivedLineHandler = std::move(handler);
    }

    NameSession& session() { return m_session; }
    const NameSession& session() const { return m_session; }
    NameLogModel* model() { return &m_model; }
    const RateHistory& history() const { return m_history; }
    /// The figures as of the last refresh.
    const SessionFigures& figures() const { return m_figures; }
    /// The session's status; while or after sending a picture, its progress (PictureSendStatus).
    /// Before a session, with a picture chosen and `connectingAs` a producer: what Connect sends.
    SessionStatus status(std::optional<Role> connectingAs = {}) const;
    /// Active, or on its way (connecting, waiting for Task?).
    bool isBusy() const;

signals:
    /// connectToServer() began a new session: what the last one received is history.
    void sessionStarted();
    /// The state changed: status() has news.
    void statusChanged();
    /// figures(), model() and history() were brought up to date.
    void refreshed();

private:
    void onStateChanged(SessionState state);
    void refresh();

    NameSession m_session;
    NameLogModel m_model;
    RateHistory m_history;
    SessionFigures m_figures;
    QTimer m_refreshTimer;
    QElapsedTimer m_clock; // for the history's time axis
    qint64 m_lastSampleMsecs = -1;
    NameList::Bundled m_nameList = NameList::Bundled::International;
    std::optional<PictureToSend> m_picture;
    std::optional<PictureToSend> m_pictureInSession;
    std::function<void(QByteArrayView)> m_receivedLineHandler;
};

} // namespace prodcons::client
