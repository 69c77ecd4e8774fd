#include "picture_send_status.h"

#include <QLocale>
#include <cmath>

namespace prodcons::client {

namespace {

QString number(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

QString PictureSendStatus::ready(const QString& fileName, int width, int height, qsizetype lines)
{
    return tr("Connect sends the picture %1 (%2 x %3 pixels) line by line instead of names: "
              "%4 lines, each once.")
        .arg(fileName)
        .arg(width)
        .arg(height)
        .arg(number(lines));
}

QString PictureSendStatus::durationText(qint64 seconds)
{
    if (seconds < 120)
        return tr("%n s", nullptr, int(seconds));
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 120)
        return tr("%n min", nullptr, int(minutes));
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

SessionStatus PictureSendStatus::of(SessionState state, const SessionStatus& session,
                                    const PictureSendFacts& facts)
{
    SessionStatus status = session;
    const QString stored =
        tr("%1 of %2 lines stored").arg(number(facts.acknowledged), number(facts.lines));
    if (facts.firstRejection) {
        // The session stops sending at the first ERROR and finishes once the lines in flight
        // are answered: from here on the picture cannot arrive whole, whatever the state.
        const ProducerFlow::Rejection& rejection = *facts.firstRejection;
        status.headline = tr("Picture refused");
        status.tone = StatusTone::Error;
        status.detail = tr("The server refused line %1 of %2 with \"ERROR: %3\"; %4.")
                            .arg(number(rejection.index + 1), number(facts.lines),
                                 QString::fromUtf8(rejection.reason).trimmed(), stored);
        // The server's words are English (its children speak plain POSIX C); "too long" is what
        // a server whose slots are smaller than the picture's lines says.
        if (rejection.reason.contains("too long"))
            status.detail += QLatin1Char(' ') +
                             tr("The picture's lines are up to %1 bytes: start the servers with "
                                "--slot-size 8192 (server window: Slots, 8192 bytes), then "
                                "Connect again.")
                                 .arg(number(facts.longestLine));
        return status;
    }

    switch (state) {
    case SessionState::Producing: {
        status.headline = tr("Sending picture");
        status.detail = tr("%1: %2 of %3 lines sent, %4 stored.")
                            .arg(facts.fileName, number(facts.sent), number(facts.lines),
                                 number(facts.acknowledged));
        if (!facts.rate.isUnthrottled() && facts.sent < facts.lines) {
            const qint64 left = facts.lines - facts.sent;
            const auto seconds =
                qint64(std::ceil(60.0 * double(left) / double(facts.rate.namesPerMinute())));
            status.detail += QLatin1Char(' ') + tr("About %1 to go at this rate; Max sends as "
                                                   "fast as the server takes them.")
                                                    .arg(durationText(seconds));
        }
        break;
    }
    case SessionState::HeldBack:
        status.detail = tr("%1: %2. The buffer is full: the picture goes on when a consumer "
                           "takes lines.")
                            .arg(facts.fileName, stored);
        break;
    case SessionState::Finished:
        if (facts.acknowledged == facts.lines) {
            status.headline = tr("Picture sent");
            status.tone = StatusTone::Good;
            status.detail = tr("All %1 lines of %2 are stored in the buffer.")
                                .arg(number(facts.lines), facts.fileName);
        } else {
            status.detail = tr("%1: %2.").arg(facts.fileName, stored);
        }
        break;
    case SessionState::Disconnected:
        if (facts.sent > 0 && facts.acknowledged < facts.lines)
            status.detail = tr("%1: %2 when you disconnected. Connect sends the picture again "
                               "from its first line.")
                                .arg(facts.fileName, stored);
        break;
    case SessionState::ServerGone:
    case SessionState::Refused:
    case SessionState::ServerError:
    case SessionState::Failed:
        if (facts.sent > 0)
            status.detail += QLatin1Char(' ') + tr("Picture %1: %2.").arg(facts.fileName, stored);
        break;
    case SessionState::Connecting:
    case SessionState::AwaitingTask:
    case SessionState::ChoosingRole:
    case SessionState::Consuming:
        break;
    }
    return status;
}

} // namespace prodcons::client
