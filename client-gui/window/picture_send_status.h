// What the window says while a producer sends a picture, and once it is sent or refused.
#pragma once

#include "producer_flow.h"
#include "rate.h"
#include "session_state.h"
#include "session_status.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace prodcons::client {

/// The facts about one picture being sent, gathered from the session and the picture.
struct PictureSendFacts
{
    QString fileName;
    qsizetype lines = 0;       ///< all the picture's lines, header included
    qsizetype longestLine = 0; ///< bytes
    qint64 sent = 0;
    qint64 acknowledged = 0;
    std::optional<ProducerFlow::Rejection> firstRejection;
    Rate rate = Rate::unthrottled();
};

/// The picture's progress in words, in place of the session's own detail line: lines sent and
/// stored of all, the time to go at the set rate, and at the end whether the picture is whole
/// on the server. A server that refuses a line too long for its slots gets what to do about it.
/// Built from facts alone, so it can be checked without a window.
struct PictureSendStatus
{
    Q_DECLARE_TR_FUNCTIONS(PictureSendStatus)

public:
    /// `session` is SessionStatus::of() the same session; kept where the picture adds nothing.
    static SessionStatus of(SessionState state, const SessionStatus& session,
                            const PictureSendFacts& facts);
    /// What Connect will do, before the picture is sent.
    static QString ready(const QString& fileName, int width, int height, qsizetype lines);
    /// "90 s", "4 min", "1 h 5 min": a rough time to go.
    static QString durationText(qint64 seconds);
};

} // namespace prodcons::client
