#include "stdin_reader.h"

#include <QSocketNotifier>
#include <QTimer>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace prodcons::common {

StdinReader::StdinReader(QObject* parent) : QObject(parent)
{
    if (::fcntl(STDIN_FILENO, F_GETFD) == -1) {
        // No stdin at all: say so once the caller has had a chance to connect.
        QTimer::singleShot(0, this, &StdinReader::endOfInput);
        return;
    }
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StdinReader::readAvailable);
}

void StdinReader::readAvailable()
{
    char buffer[4096];
    // The notifier said readable, so this read does not block (it may return 0: end of file).
    const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (count < 0 && (errno == EINTR || errno == EAGAIN))
        return; // the notifier fires again (EAGAIN: a stdin shared with a non-blocking user)
    if (count <= 0) {
        m_notifier->setEnabled(false);
        if (!m_partial.isEmpty())
            emit lineRead(QString::fromUtf8(std::exchange(m_partial, {})));
        emit endOfInput();
        return;
    }
    m_partial.append(buffer, count);
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        QByteArray line = m_partial.left(newline);
        m_partial.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        emit lineRead(QString::fromUtf8(line));
    }
}

} // namespace prodcons::common
