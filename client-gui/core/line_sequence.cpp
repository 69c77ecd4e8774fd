#include "line_sequence.h"

#include <QCoreApplication>
#include <QFile>

namespace prodcons::client {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::client::LineSequence", text);
}

} // namespace

QString LineSequence::Problem::describe() const
{
    // Spelled out: lupdate would give a bare tr() here the context "...LineSequence::Problem".
    return QCoreApplication::translate("prodcons::client::LineSequence", "line %1: %2")
        .arg(lineNumber)
        .arg(check.describe());
}

LineSequence::LineEnd LineSequence::lineEndFrom(qsizetype start) const
{
    qsizetype newline = m_text.indexOf('\n', start);
    if (newline < 0)
        newline = m_text.size();
    qsizetype length = newline - start;
    // A CR just before the LF is the CR LF line end; a CR without an LF after it is data.
    if (newline < m_text.size() && length > 0 && m_text[newline - 1] == '\r')
        --length;
    return {newline, length};
}

std::optional<LineSequence> LineSequence::fromText(QByteArray text, Problem* problem)
{
    LineSequence lines;
    lines.m_text = std::move(text);
    for (qsizetype start = 0; start < lines.m_text.size();) {
        const LineEnd end = lines.lineEndFrom(start);
        const NameCheck check =
            NameCheck::of(QByteArrayView(lines.m_text).sliced(start, end.length));
        ++lines.m_count;
        if (!check.isOk()) {
            if (problem)
                *problem = {lines.m_count, check};
            return std::nullopt;
        }
        start = end.newline + 1;
    }
    return lines;
}

std::optional<LineSequence> LineSequence::fromLines(const QList<QByteArray>& lines,
                                                    Problem* problem)
{
    // Each line on its own first: a CR or LF given inside a line is data the protocol cannot
    // carry, not a line end (joined, "a\r" would turn into "a" and "a\nb" into two lines).
    qsizetype size = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const NameCheck check = NameCheck::of(lines[i]);
        if (!check.isOk()) {
            if (problem)
                *problem = {i + 1, check};
            return std::nullopt;
        }
        size += lines[i].size() + 1;
    }
    QByteArray text;
    text.reserve(size);
    for (const QByteArray& line : lines) {
        text.append(line);
        text.append('\n');
    }
    return fromText(std::move(text), problem);
}

std::optional<LineSequence> LineSequence::fromFile(const QString& path, QString* errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray text = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        if (errorMessage)
            *errorMessage = tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    Problem problem;
    std::optional<LineSequence> lines = fromText(std::move(text), &problem);
    if (!lines && errorMessage)
        *errorMessage = tr("%1, %2").arg(path, problem.describe());
    return lines;
}

QByteArrayView LineSequence::next()
{
    const LineEnd end = lineEndFrom(m_offset);
    const QByteArrayView line = QByteArrayView(m_text).sliced(m_offset, end.length);
    m_offset = end.newline + 1;
    ++m_taken;
    return line;
}

qsizetype LineSequence::linesFitting(qsizetype bytes, qsizetype maxLines) const
{
    qsizetype fitting = 0;
    qsizetype used = 0;
    for (qsizetype start = m_offset; fitting < maxLines && m_taken + fitting < m_count;) {
        const LineEnd end = lineEndFrom(start);
        used += end.length + 1;
        if (used > bytes && fitting > 0)
            break;
        ++fitting;
        start = end.newline + 1;
    }
    return fitting;
}

void LineSequence::rewind()
{
    m_taken = 0;
    m_offset = 0;
}

} // namespace prodcons::client
