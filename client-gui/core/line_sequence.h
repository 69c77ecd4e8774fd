// A finite list of lines that a producer sends once each, in order, exactly as they are.
#pragma once

#include "name_rules.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

namespace prodcons::client {

/// The lines of a text (a file, a picture, ...) that a producer sends as they are: no trimming,
/// no skipped comments, no tags, each line once, in order. Unlike a NameList, it refuses the
/// whole text if any line cannot be carried, so that nothing is sent of a text that cannot be
/// sent whole.
///
/// Line ends: LF; a CR right before an LF belongs to the line end (a CR LF text), so the line is
/// the bytes before it; any other CR is a control byte and the text is refused. A last line
/// without a line end counts. An empty text has no lines.
///
/// The text is held once, in one buffer; next() hands out views into it.
class LineSequence
{
public:
    /// Why a text was refused: its first line that the protocol cannot carry.
    struct Problem
    {
        qsizetype lineNumber = 0; ///< 1 for the first line
        NameCheck check;
        /// "line 3: it is empty".
        QString describe() const;
    };

    LineSequence() = default;

    /// The lines of `text`, or nullopt and the first bad line in `problem`.
    static std::optional<LineSequence> fromText(QByteArray text, Problem* problem = nullptr);
    /// The lines given, each without its line end (joins them into one buffer).
    static std::optional<LineSequence> fromLines(const QList<QByteArray>& lines,
                                                 Problem* problem = nullptr);
    /// Reads and checks a file. On failure returns nullopt and sets `errorMessage`:
    /// "cannot read FILE: ..." or "FILE, line 3: it is empty".
    static std::optional<LineSequence> fromFile(const QString& path,
                                                QString* errorMessage = nullptr);

    /// All lines, whether sent or not.
    qsizetype count() const { return m_count; }
    /// Lines not handed out by next() yet.
    qsizetype remaining() const { return m_count - m_taken; }
    bool atEnd() const { return m_taken == m_count; }
    /// The next line, without its line end; only when !atEnd(). A view into this sequence.
    QByteArrayView next();
    /// How many of the next lines (at most `maxLines`) fit in `bytes`, a '\n' counted for each;
    /// at least one while !atEnd(), so that a long line is never held back for ever.
    qsizetype linesFitting(qsizetype bytes, qsizetype maxLines) const;
    /// Back to the first line.
    void rewind();

private:
    // The end of the line that starts at `start` (the offset of its '\n', or of the text's end)
    // and the length of the line without its line end.
    struct LineEnd
    {
        qsizetype newline = 0;
        qsizetype length = 0;
    };
    LineEnd lineEndFrom(qsizetype start) const;

    QByteArray m_text;
    qsizetype m_count = 0;
    qsizetype m_taken = 0;
    qsizetype m_offset = 0; // where the next line starts in m_text
};

} // namespace prodcons::client
