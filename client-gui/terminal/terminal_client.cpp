#include "terminal_client.h"

#include "tally_lines.h"

#include <QCoreApplication>
#include <csignal>
#include <cstdio>

namespace prodcons::client {

namespace {

void writeOut(QByteArrayView bytes)
{
    std::fwrite(bytes.data(), 1, static_cast<size_t>(bytes.size()), stdout);
}

} // namespace

TerminalClient::TerminalClient(const TerminalClientConfig& config, NameList names, QObject* parent)
    : QObject(parent), m_config(config), m_signals({SIGINT, SIGTERM})
{
    m_session.setNames(NameSource(std::move(names), config.shuffle ? NameSource::Order::Shuffle
                                                                   : NameSource::Order::Cycle));
    m_session.setRate(config.rate);
    m_session.setWindow(config.window);
    m_session.setLimit(config.count);
    m_session.setTagging(config.tag, config.tagSource);
    m_session.setAutoReconnect(config.reconnect);
    // With --file or --out the names are in a file already: a line per name on stdout would
    // only repeat it, slowly, unless asked for.
    m_printsNames = config.printNames ||
                    (!config.quiet && config.linesFile.isEmpty() && config.outFile.isEmpty());
    if (m_printsNames || !config.outFile.isEmpty()) {
        m_session.setNameObserver(
            [this](NameEvent event, QByteArrayView name) { onName(event, name); });
    }
    connect(&m_session, &NameSession::stateChanged, this, &TerminalClient::onStateChanged);
    connect(&m_session, &NameSession::taskRequested, this, &TerminalClient::onTaskRequested);
    connect(&m_session, &NameSession::finished, this, &TerminalClient::onFinished);
    connect(&m_stdin, &common::StdinReader::lineRead, this, &TerminalClient::onInputLine);
    connect(&m_stdin, &common::StdinReader::endOfInput, this, &TerminalClient::onEndOfInput);
    connect(&m_signals, &common::SignalWatcher::signalled, this, &TerminalClient::stop);

    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        complain(tr("no answer for %n name(s); giving up", nullptr,
                    static_cast<int>(m_session.figures().pending)));
        m_session.disconnectFromServer();
        finish(target() > 0 ? 1 : 0);
    });
    // Piped output is block-buffered by stdio; flush a few times a second so it is seen live.
    // The --out file too, so that a reader of it sees the names soon.
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        std::fflush(stdout);
        if (!m_out.flush())
            onOutputFailed();
    });
    m_flushTimer.start(200);
}

bool TerminalClient::prepare()
{
    if (!m_config.linesFile.isEmpty()) {
        QString error;
        m_lines = LineSequence::fromFile(m_config.linesFile, &error);
        if (!m_lines) {
            complain(tr("%1; nothing sent").arg(error));
            return false;
        }
        m_session.setLines(*m_lines); // shares the text (implicit sharing): no second copy
        m_session.setStopOnRejection(true);
    }
    if (!m_config.outFile.isEmpty() && !m_out.open(m_config.outFile)) {
        complain(m_out.errorString());
        return false;
    }
    return true;
}

void TerminalClient::start()
{
    m_session.connectToServer(m_config.host, m_config.port, m_config.role);
}

void TerminalClient::onName(NameEvent event, QByteArrayView name)
{
    if (event == NameEvent::Received && m_out.isOpen()) {
        m_out.write(name); // gathered before the session sends the OK for it
        if (m_out.failed() && !m_outputFailureNoted) {
            m_outputFailureNoted = true;
            // Not from inside the session's read: it goes on handling this batch.
            QTimer::singleShot(0, this, &TerminalClient::onOutputFailed);
        }
    }
    if (m_printsNames)
        printName(event, name);
}

void TerminalClient::onOutputFailed()
{
    if (m_done)
        return;
    complain(tr("%1; stopping").arg(m_out.errorString()));
    m_session.disconnectFromServer();
    finish(1);
}

void TerminalClient::printName(NameEvent event, QByteArrayView name)
{
    // The session calls this per name: no allocation once m_lineOut has grown.
    m_lineOut.resize(0); // keeps the capacity (clear() would free it)
    switch (event) {
    case NameEvent::Sent:
        return; // printed once answered
    case NameEvent::Acknowledged:
        m_lineOut.append("acknowledged ");
        break;
    case NameEvent::Rejected:
        m_lineOut.append("rejected ");
        break;
    case NameEvent::Received:
        m_lineOut.append("received ");
        break;
    }
    m_lineOut.append(name);
    m_lineOut.append('\n');
    writeOut(m_lineOut);
}

void TerminalClient::onStateChanged(SessionState state)
{
    switch (state) {
    case SessionState::Producing:
    case SessionState::Consuming:
        if (m_config.role && !m_prompted && !m_config.quiet)
            writeOut("Task? " + roleName(*m_config.role) + '\n');
        if (state == SessionState::Producing && !m_config.quiet)
            inform(tr("producing at %1; type a new rate (names per minute, or max) to change it")
                       .arg(m_session.rate().toString()));
        break;
    case SessionState::HeldBack:
        if (!m_config.quiet)
            inform(tr("held back: the server is not taking names (buffer full?)"));
        break;
    case SessionState::ServerGone:
    case SessionState::Refused:
    case SessionState::ServerError:
    case SessionState::Failed:
        if (m_stopping)
            return finish(target() > 0 ? 1 : 0);
        if (m_config.reconnect) {
            const QString message = describe(state) + QStringLiteral(": ") + m_session.reason();
            if (message != m_lastComplaint)
                complain(message + tr("; reconnecting"));
            m_lastComplaint = message;
            return;
        }
        complain(describe(state) + QStringLiteral(": ") + m_session.reason());
        return finish(1);
    default:
        break;
    }
    if (isActive(state))
        m_lastComplaint.clear();
    std::fflush(stdout);
}

void TerminalClient::onTaskRequested()
{
    m_prompted = true;
    writeOut("Task? ");
    std::fflush(stdout);
}

void TerminalClient::onInputLine(const QString& line)
{
    const QString text = line.trimmed();
    if (text.isEmpty())
        return;
    if (text.compare(QLatin1String("quit"), Qt::CaseInsensitive) == 0)
        return stop();
    if (!m_config.role) {
        if (const std::optional<Role> role = parseRole(text)) {
            m_config.role = role;
            m_session.answerTask(*role);
        } else {
            complain(tr("please type producer or consumer"));
        }
        return;
    }
    if (*m_config.role != Role::Producer)
        return complain(tr("a consumer takes no input but \"quit\""));
    if (const std::optional<Rate> rate = Rate::parse(text)) {
        m_session.setRate(*rate);
        if (!m_config.quiet)
            inform(tr("rate: %1").arg(rate->toString()));
    } else {
        complain(tr("not a rate: \"%1\" (1 to 1000000 names per minute, or max)").arg(text));
    }
}

void TerminalClient::onEndOfInput()
{
    if (!m_config.role) {
        complain(tr("no role: give --role, or type producer or consumer"));
        m_session.disconnectFromServer();
        finish(2);
    }
}

void TerminalClient::stop()
{
    if (m_stopping) {
        // Asked twice: no more waiting, for the server to close either.
        m_session.disconnectFromServer();
        finish(1);
        return exitNow(1);
    }
    m_stopping = true;
    const SessionState state = m_session.state();
    if (m_session.role() == Role::Producer &&
        (state == SessionState::Producing || state == SessionState::HeldBack)) {
        m_drainTimer.start(kDrainTimeout);
        m_session.stopProducing(); // finished() follows once every name is answered
        return;
    }
    m_session.disconnectFromServer();
    if (target() > 0)
        complain(tr("interrupted before %1 names").arg(target()));
    finish(target() > 0 ? 1 : 0);
}

void TerminalClient::onFinished()
{
    const SessionFigures figures = m_session.figures();
    const auto& firstRejection = m_session.firstRejection();
    if (m_lines && firstRejection) {
        complain(tr("line %1 of %2 refused by the server: %3; stopped after sending %4 of %5 "
                    "lines")
                     // One arg() for all: a '%4' in the file name or the reason stays as it is.
                     .arg(QString::number(firstRejection->index + 1), m_config.linesFile,
                          QString::fromUtf8(firstRejection->reason), QString::number(figures.sent),
                          QString::number(m_lines->count())));
    }
    if (figures.errors > 0 && (!m_lines || figures.errors > 1)) {
        complain(tr("the server rejected %n name(s); the last reason: %1", nullptr,
                    static_cast<int>(figures.errors))
                     .arg(QString::fromUtf8(m_session.lastRejection())));
    }
    const qint64 moved = m_config.role == Role::Producer ? figures.acknowledged : figures.received;
    const bool complete = target() == 0 || moved >= target();
    if (!complete && !(m_lines && firstRejection))
        complain(tr("stopped after %1 of %2 names").arg(moved).arg(target()));
    finish(complete && figures.errors == 0 ? 0 : 1);
}

void TerminalClient::printTally()
{
    const SessionFigures figures = m_session.figures();
    if (m_session.role() == Role::Consumer) {
        for (const QByteArray& line :
             consumerTallies(m_session.tracker(), figures, m_session.isTagging()))
            writeOut(line + '\n');
    } else if (m_session.role() == Role::Producer) {
        writeOut(producerTally(m_session.tagSource(), figures) + '\n');
    }
}

void TerminalClient::complain(const QString& message)
{
    std::fflush(stdout);
    std::fprintf(stderr, "socket_cl: %s\n", qPrintable(message));
}

void TerminalClient::inform(const QString& message)
{
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", qPrintable(message));
}

void TerminalClient::finish(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_drainTimer.stop();
    // Complete on disk before the program exits, or the exit status says it is not.
    if (!m_out.close()) {
        if (!m_outputFailureNoted)
            complain(m_out.errorString());
        m_outputFailureNoted = true;
        exitCode = 1;
    }
    printTally();
    std::fflush(stdout);
    // Exiting closes the socket at once, which is what the session's closing avoids (a reset
    // that can overtake the last OKs): the program ends once the server has closed.
    if (m_session.isClosing())
        connect(
            &m_session, &NameSession::closed, this, [this, exitCode] { exitNow(exitCode); },
            Qt::SingleShotConnection);
    else
        exitNow(exitCode);
}

void TerminalClient::exitNow(int exitCode)
{
    if (m_exited)
        return;
    m_exited = true;
    emit done(exitCode);
}

} // namespace prodcons::client
