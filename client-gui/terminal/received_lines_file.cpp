#include "received_lines_file.h"

#include <QCoreApplication>

namespace prodcons::client {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::client::ReceivedLinesFile", text);
}

} // namespace

bool ReceivedLinesFile::open(const QString& path)
{
    m_file.setFileName(path);
    m_error.clear();
    // Unbuffered: this class gathers the bytes itself, and a failed write then shows at once.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        fail(m_file.errorString());
        return false;
    }
    m_buffer.reserve(kWriteSize + 1024);
    return true;
}

void ReceivedLinesFile::write(QByteArrayView line)
{
    if (failed() || !m_file.isOpen())
        return;
    m_buffer.append(line);
    m_buffer.append('\n');
    if (m_buffer.size() >= kWriteSize)
        flush();
}

bool ReceivedLinesFile::flush()
{
    if (failed())
        return false;
    if (m_buffer.isEmpty() || !m_file.isOpen())
        return true;
    // QFile::write() writes everything or fails: on a full disk it returns -1 or fewer bytes.
    if (m_file.write(m_buffer) != m_buffer.size()) {
        fail(m_file.errorString());
        return false;
    }
    m_buffer.resize(0); // keeps the capacity
    return true;
}

bool ReceivedLinesFile::close()
{
    if (!m_file.isOpen())
        return !failed();
    const bool flushed = flush();
    m_file.close();
    // Some file systems report a failed write only when the file is closed.
    if (flushed && m_file.error() != QFileDevice::NoError)
        fail(m_file.errorString());
    return !failed();
}

void ReceivedLinesFile::fail(const QString& reason)
{
    if (m_error.isEmpty())
        m_error = tr("cannot write %1: %2").arg(m_file.fileName(), reason);
}

} // namespace prodcons::client
