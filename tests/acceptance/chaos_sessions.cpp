#include "chaos_sessions.h"

#include "client_process.h"
#include "delivery_ledger.h"

#include <QElapsedTimer>
#include <QSet>
#include <algorithm>
#include <memory>
#include <optional>

namespace prodcons::acceptance {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

// After this many failed sessions the rest would only repeat the first failure.
constexpr int kMostFailures = 3;
constexpr auto kSessionTimeout = 60s;

} // namespace

QString SessionOrder::describe() const
{
    QString text = QStringLiteral("%1 of %2 names, %3 foreign, %4 duplicates, %5 out of order, "
                                  "%6 missing")
                       .arg(received)
                       .arg(expected)
                       .arg(foreign)
                       .arg(duplicates)
                       .arg(outOfOrder)
                       .arg(missing);
    if (!firstWrong.isEmpty())
        text += QStringLiteral(" (first out of place: %1)").arg(QString::fromUtf8(firstWrong));
    return text;
}

SessionOrder checkSessionOrder(const QByteArray& source, qint64 expected,
                               const QList<QByteArray>& names)
{
    SessionOrder order;
    order.expected = expected;
    order.received = names.size();
    QSet<quint64> seen;
    std::optional<quint64> highest;
    auto wrong = [&order](const QByteArray& name) {
        if (order.firstWrong.isEmpty())
            order.firstWrong = name;
    };
    for (const QByteArray& name : names) {
        const auto tag = DeliveryLedger::parseTag(name);
        if (!tag || tag->source != source) {
            ++order.foreign;
            wrong(name);
            continue;
        }
        if (seen.contains(tag->seq)) {
            ++order.duplicates;
            wrong(name);
            continue;
        }
        seen.insert(tag->seq);
        if (highest && tag->seq < *highest) {
            ++order.outOfOrder;
            wrong(name);
        }
        highest = std::max(highest.value_or(0), tag->seq);
    }
    for (qint64 seq = 0; seq < expected; ++seq)
        order.missing += seen.contains(static_cast<quint64>(seq)) ? 0 : 1;
    return order;
}

SessionsResult runBackToBackSessions(const SessionsOptions& options)
{
    SessionsResult result;
    int failed = 0;
    for (int session = 0; session < options.sessions && failed < kMostFailures; ++session) {
        QElapsedTimer took;
        took.start();
        const QByteArray source = "s" + QByteArray::number(session);
        // The consumer first, as a person starting a session does; the next session starts
        // as soon as both clients have exited, while their server children may still be
        // winding down.
        auto consumer = std::make_unique<ClientProcess>(
            ClientProcess::consumer(options.consumerPort, options.names));
        auto producer = std::make_unique<ClientProcess>(
            ClientProcess::producer(options.producerPort, source, options.names));
        if (!consumer->start() || !producer->start()) {
            result.problems << QStringLiteral("session %1: socket_cl did not start").arg(session);
            ++failed;
            continue;
        }
        const bool ended =
            producer->waitForExit(kSessionTimeout) && consumer->waitForExit(kSessionTimeout);
        result.longest = std::max(result.longest, milliseconds(took.elapsed()));
        if (!ended || producer->exitCode() != 0 || consumer->exitCode() != 0) {
            result.problems << QStringLiteral("session %1: a client did not end well: %2; %3")
                                   .arg(session)
                                   .arg(producer->describe(), consumer->describe());
            ++failed;
            continue;
        }
        ++result.run;
        QList<QByteArray> names;
        for (const QByteArray& line : consumer->lines()) {
            if (line.startsWith("received "))
                names << line.mid(9);
        }
        const SessionOrder order = checkSessionOrder(source, options.names, names);
        if (!order.inOrder()) {
            ++result.orderViolations;
            ++failed;
            result.problems << QStringLiteral("session %1 (%2) out of order: %3")
                                   .arg(session)
                                   .arg(QString::fromLatin1(source), order.describe());
        }
        if (options.progress && (session + 1) % 10 == 0)
            options.progress(QStringLiteral("%1 sessions, %2 out of order")
                                 .arg(session + 1)
                                 .arg(result.orderViolations));
    }
    if (failed >= kMostFailures && result.run + failed < options.sessions)
        result.problems << QStringLiteral("sessions stopped after %1 failed ones").arg(failed);
    return result;
}

} // namespace prodcons::acceptance
