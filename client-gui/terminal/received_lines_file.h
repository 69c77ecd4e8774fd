// Where socket_cl --out writes the names a consumer receives.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

namespace prodcons::client {

/// A file of received names: each written exactly as received, followed by LF. Writes are
/// gathered into a buffer and go to the file in large pieces (flush() empties the buffer), so a
/// fast consumer makes few system calls. The first failure (disk full, ...) is kept; after it
/// nothing more is written, and errorString() says what went wrong.
class ReceivedLinesFile
{
public:
    /// Gathered bytes are written once there are this many.
    static constexpr qsizetype kWriteSize = 64 * 1024;

    /// Creates or empties `path`; false (and errorString()) if it cannot.
    bool open(const QString& path);
    bool isOpen() const { return m_file.isOpen(); }
    void write(QByteArrayView line);
    /// Hands every gathered byte to the file; false once anything failed.
    bool flush();
    /// Flushes and closes; false once anything failed. Closing a closed file does nothing.
    bool close();
    bool failed() const { return !m_error.isEmpty(); }
    /// "cannot write FILE: reason", once something failed.
    QString errorString() const { return m_error; }

private:
    void fail(const QString& reason);

    QFile m_file;
    QByteArray m_buffer;
    QString m_error;
};

} // namespace prodcons::client
