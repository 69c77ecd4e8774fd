// ClientProcess: one socket_cl, started with real arguments; its output is split into lines
// as it comes, tally lines parsed, the rest kept or handed to a line handler (a consumer that
// prints every name would otherwise fill a long run's memory).
#pragma once

#include "tally.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <chrono>
#include <functional>

namespace prodcons::acceptance {

class ClientProcess : public QObject
{
    Q_OBJECT

public:
    using LineHandler = std::function<void(QByteArrayView line)>;

    explicit ClientProcess(QStringList arguments, QObject* parent = nullptr);
    ~ClientProcess() override;

    /// Receives every stdout line but the tally lines, instead of lines() keeping them.
    void setLineHandler(LineHandler handler) { m_handler = std::move(handler); }

    bool start();
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    pid_t pid() const { return m_pid; }
    /// SIGTERM: a producer drains and prints its tally, a consumer prints its tally.
    void terminate();
    void kill();
    bool waitForExit(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// The exit code of a normal exit, or -1.
    int exitCode() const;

    const QList<Tally>& tallies() const { return m_tallies; }
    const QList<QByteArray>& lines() const { return m_lines; }
    qint64 lineCount() const { return m_lineCount; }
    const QByteArray& errors() const { return m_errors; }
    /// What went wrong, for a failure message: the exit and stderr.
    QString describe() const;

    /// socket_cl arguments for a tagged producer or consumer on 127.0.0.1:port.
    static QStringList producer(quint16 port, const QByteArray& source, qint64 count,
                                const QString& rate = QStringLiteral("max"));
    static QStringList consumer(quint16 port, qint64 count);

private:
    void readOutput();
    void readErrors();

    QStringList m_arguments;
    QProcess m_process;
    pid_t m_pid = 0;
    LineHandler m_handler;
    QByteArray m_partial;
    QList<QByteArray> m_lines;
    QList<Tally> m_tallies;
    QByteArray m_errors;
    qint64 m_lineCount = 0;
};

} // namespace prodcons::acceptance
