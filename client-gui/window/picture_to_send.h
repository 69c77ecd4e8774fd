// A picture a producer window sends instead of names: a .pbm file read and checked once, its
// lines ready for the session.
#pragma once

#include "line_sequence.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace prodcons::client {

/// The file is read when chosen, not when Connect is pressed: a file that cannot be sent is
/// refused at once, with the reason, and each Connect sends the same lines again.
class PictureToSend
{
    Q_DECLARE_TR_FUNCTIONS(PictureToSend)

public:
    /// Reads `path` (PbmFile: plain P1 as it is, raw P4 rendered as P1). nullopt and a sentence
    /// for the user in `error` when it cannot be sent.
    static std::optional<PictureToSend> load(const QString& path, QString* error = nullptr);

    QString path() const { return m_path; }
    /// The file's name without its folder, for captions.
    QString fileName() const;
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// All the lines, header included.
    qsizetype lineCount() const { return m_lines.count(); }
    /// The longest line in bytes: what a server's slots must hold (plus the NUL).
    qsizetype longestLine() const { return m_longestLine; }
    /// The lines from the first, for NameSession::setLines().
    LineSequence lines() const;

private:
    QString m_path;
    int m_width = 0;
    int m_height = 0;
    qsizetype m_longestLine = 0;
    LineSequence m_lines;
};

} // namespace prodcons::client
