// Lines typed on standard input, delivered from the event loop.
#pragma once

#include <QByteArray>
#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace prodcons::common {

/// Watches file descriptor 0 with a QSocketNotifier and emits one lineRead() per complete line
/// (without the line end), then endOfInput() once at end of file (or if there is no stdin).
/// It does not change stdin to non-blocking mode: that flag would be shared with the shell.
class StdinReader : public QObject
{
    Q_OBJECT

public:
    explicit StdinReader(QObject* parent = nullptr);

signals:
    void lineRead(const QString& line);
    void endOfInput();

private:
    void readAvailable();

    QSocketNotifier* m_notifier = nullptr;
    QByteArray m_partial;
};

} // namespace prodcons::common
