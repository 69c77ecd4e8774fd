#include "pbm_file.h"

#include "line_sequence.h"
#include "name_rules.h"
#include "pbm_header_parser.h"
#include "pbm_stream_decoder.h"

#include <QFile>
#include <QLocale>
#include <algorithm>

namespace prodcons::client {

namespace {

constexpr qint64 kReadChunk = qint64{1} << 20;

QString headerError(PbmHeaderParser::Problem problem)
{
    using P = PbmHeaderParser::Problem;
    switch (problem) {
    case P::None:
    case P::NotNetpbm:
        return PbmFile::tr("not a PBM picture (it does not start with P1 or P4)");
    case P::NotBlackAndWhite:
        return PbmFile::tr("a grey or colour picture; only black-and-white PBM pictures (P1, P4) "
                           "can be sent");
    case P::BadNumber:
        return PbmFile::tr("the picture's header has no valid width and height");
    case P::TooLarge:
        return PbmFile::tr(
                   "the picture is too large: at most %1 pixels a side and %2 pixels in all")
            .arg(QLocale().toString(pbm::kMaxSide), QLocale().toString(pbm::kMaxPixels));
    case P::NoPixels:
        return PbmFile::tr("the picture has no pixels (a width or height of 0)");
    }
    return {};
}

/// The file's lines without their LF, and without a CR before it; a last line without an LF
/// counts, an empty piece after the last LF does not.
QList<QByteArray> splitLines(QByteArrayView bytes)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QByteArrayView line = bytes.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line.toByteArray());
        start = end + 1;
    }
    return lines;
}

bool isBlank(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), pbm::isWhitespace);
}

} // namespace

PbmFile PbmFile::failed(QString error)
{
    PbmFile file;
    file.m_error = std::move(error);
    return file;
}

PbmFile PbmFile::load(const QString& path, qsizetype maxLineBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(tr("cannot read %1: %2").arg(path, file.errorString()));
    const QString tooLarge = tr("%1 is larger than %2 MiB, more than any picture prodcons sends")
                                 .arg(path, QLocale().toString(pbm::kMaxFileBytes >> 20));
    if (!file.isSequential() && file.size() > pbm::kMaxFileBytes)
        return failed(tooLarge);
    // In chunks, never past the cap: a pipe or a device has no size to check first.
    QByteArray bytes;
    while (bytes.size() <= pbm::kMaxFileBytes) {
        const QByteArray chunk = file.read(kReadChunk);
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (file.error() != QFileDevice::NoError)
        return failed(tr("cannot read %1: %2").arg(path, file.errorString()));
    if (bytes.size() > pbm::kMaxFileBytes)
        return failed(tooLarge);
    return fromBytes(bytes, maxLineBytes);
}

PbmFile PbmFile::fromBytes(QByteArrayView bytes, qsizetype maxLineBytes)
{
    if (bytes.isEmpty())
        return failed(tr("the file is empty"));
    PbmHeaderParser header;
    const qsizetype headerBytes = header.feed(bytes);
    switch (header.status()) {
    case PbmHeaderParser::Status::Failed:
        return failed(headerError(header.problem()));
    case PbmHeaderParser::Status::NeedMore:
        return failed(tr("the file ends inside the picture's header"));
    case PbmHeaderParser::Status::Done:
        break;
    }
    PbmFile file;
    file.m_width = header.width();
    file.m_height = header.height();
    if (header.format() == '1') {
        file.m_format = Format::Plain;
        file.readPlain(bytes, maxLineBytes);
    } else {
        file.m_format = Format::Raw;
        file.readRaw(bytes.sliced(headerBytes), maxLineBytes);
    }
    if (!file.m_error.isEmpty())
        file.m_lines.clear();
    return file;
}

void PbmFile::readPlain(QByteArrayView bytes, qsizetype maxLineBytes)
{
    m_lines = splitLines(bytes);
    // The protocol first: a line the server refuses would be lost on the way, whatever it holds.
    m_error = checkLines(maxLineBytes);
    if (!m_error.isEmpty())
        return;
    // Then the picture, read by the decoder a consumer uses: a file it reads cleanly, line by
    // line, is a file a consumer draws.
    PbmStreamDecoder decoder;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        decoder.feed(m_lines[i]);
        const qsizetype lineNumber = i + 1;
        if (decoder.state() == PbmStreamDecoder::State::NotAPicture) {
            m_error = tr("line %1 does not continue the picture's header").arg(lineNumber);
            return;
        }
        if (decoder.picturesStarted() > 1) {
            m_error = tr("line %1 starts a second picture; a file holds one").arg(lineNumber);
            return;
        }
        if (decoder.skippedLines() > 0) {
            m_error = tr("line %1 is not part of the picture: only 0, 1, spaces and comments "
                         "may follow the header")
                          .arg(lineNumber);
            return;
        }
        if (decoder.state() == PbmStreamDecoder::State::Overflow) {
            m_error = tr("line %1 holds more pixels than the %2 x %3 that the header announces")
                          .arg(lineNumber)
                          .arg(m_width)
                          .arg(m_height);
            return;
        }
    }
    if (decoder.state() != PbmStreamDecoder::State::Complete)
        m_error = tr("the file is truncated: it ends after %1 of %2 pixels")
                      .arg(QLocale().toString(decoder.pixelsReceived()),
                           QLocale().toString(decoder.pixelCount()));
}

void PbmFile::readRaw(QByteArrayView raster, qsizetype maxLineBytes)
{
    const qsizetype rowBytes = (m_width + 7) / 8;
    const qsizetype needed = rowBytes * m_height;
    if (raster.size() < needed) {
        m_error =
            tr("the file is truncated: it ends after %1 of %2 rows")
                .arg(QLocale().toString(raster.size() / rowBytes), QLocale().toString(m_height));
        return;
    }
    // Netpbm allows pictures one after another in a file; this sends one, and says so rather
    // than dropping the rest in silence. Trailing whitespace is harmless.
    if (!isBlank(raster.sliced(needed))) {
        m_error = tr("the file holds more after the picture (%n byte(s)); it must hold one "
                     "picture",
                     nullptr, int(std::min<qsizetype>(raster.size() - needed, 1 << 30)));
        return;
    }
    const int pixelsPerLine = int(std::clamp<qsizetype>((maxLineBytes + 1) / 2, 1, m_width));
    m_lines.reserve(2 + m_height * ((m_width + pixelsPerLine - 1) / pixelsPerLine));
    m_lines.append(QByteArrayLiteral("P1"));
    m_lines.append(QByteArray::number(m_width) + ' ' + QByteArray::number(m_height));
    for (int y = 0; y < m_height; ++y) {
        const char* row = raster.data() + y * rowBytes;
        for (int start = 0; start < m_width; start += pixelsPerLine) {
            const int count = std::min(pixelsPerLine, m_width - start);
            QByteArray line(2 * count - 1, ' ');
            for (int i = 0; i < count; ++i) {
                const int x = start + i;
                const bool black = (static_cast<unsigned char>(row[x / 8]) >> (7 - x % 8)) & 1;
                line[2 * i] = black ? '1' : '0';
            }
            m_lines.append(std::move(line));
        }
    }
    m_error = checkLines(maxLineBytes); // a narrow limit may not hold even "W H"
}

QString PbmFile::checkLines(qsizetype maxLineBytes) const
{
    // A line a server refuses gets an ERROR and never reaches a consumer: the picture would be
    // torn before it left. The server's own rules (NameCheck), and the length asked for.
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const QByteArray& line = m_lines[i];
        const qsizetype lineNumber = i + 1;
        if (!line.isEmpty() && line.size() > maxLineBytes)
            return tr("line %1 is %2 bytes long; the server takes lines of at most %3 bytes")
                .arg(lineNumber)
                .arg(QLocale().toString(line.size()), QLocale().toString(maxLineBytes));
        if (const NameCheck check = NameCheck::of(line); !check.isOk())
            return LineSequence::Problem{lineNumber, check}.describe();
    }
    return {};
}

} // namespace prodcons::client
