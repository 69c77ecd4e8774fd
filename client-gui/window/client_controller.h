// What the client window drives: one NameSession, the names list, the rate history.
#pragma once

#include "name_log_model.h"
#include "name_session.h"
#include "rate_history.h"
#include "session_status.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace prodcons::client {

/// The client window's logic, without widgets: connects the session with the chosen role,
/// passes rate changes on at once, and pulls figures and names from the session in batches
/// (about ten times a second while connected, whatever the rate), so that the window never does
/// work per name. The window reads model(), history(), figures() and status().
class ClientController : public QObject
{
    Q_OBJECT

public:
    /// How often the window is refreshed while connected.
    static constexpr std::chrono::milliseconds kRefreshInterval{100};
    /// How many of the last names the session logs between two pulls (more are skipped).
    static constexpr qsizetype kLogCapacity = 2000;

    explicit ClientController(QObject* parent = nullptr);

    /// Connects to host:port as `role`; figures, names and history start afresh.
    void connectToServer(const QString& host, quint16 port, Role role, bool tagging);
    void disconnectFromServer();
    /// Applies at once, connected or not.
    void setRate(Rate rate);

    NameSession& session() { return m_session; }
    const NameSession& session() const { return m_session; }
    NameLogModel* model() { return &m_model; }
    const RateHistory& history() const { return m_history; }
    /// The figures as of the last refresh.
    const SessionFigures& figures() const { return m_figures; }
    SessionStatus status() const { return SessionStatus::of(m_session); }
    /// Active, or on its way (connecting, waiting for Task?).
    bool isBusy() const;

signals:
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
};

} // namespace prodcons::client
