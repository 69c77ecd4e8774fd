// A PBM picture file as the lines a producer sends: plain (P1) files as they are, raw (P4) files
// rendered as plain ones, so that a consumer can draw the picture as its lines arrive.
#pragma once

#include "pbm_limits.h"
#include "protocol_limits.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace prodcons::client {

/// Reads and checks a .pbm file once; the lines then go to the server one by one.
///
/// - A plain (P1) file is sent line for line, byte for byte, so that what a consumer writes out
///   compares equal to the file (a CR before an LF is dropped: the protocol's line end is LF and
///   a server drops that CR too). It must be a whole, well-formed picture, and every line one
///   that a server stores as a name (NameCheck: not empty, no tab or other control byte, valid
///   UTF-8), at most maxLineBytes (kMaxNameBytes, 8191, unless told less).
/// - A raw (P4) file becomes the lines "P1", "W H", then the pixels as '0' and '1' separated by
///   single spaces. One row is one line when its 2W - 1 bytes fit in maxLineBytes (so the classic
///   1024-pixel-wide picture gives lines of 2,047 bytes, one per row, and a lost or doubled line
///   is a whole row); wider rows are cut into lines of (maxLineBytes + 1) / 2 pixels, 4,096 for
///   8,191 bytes, the last line of each row shorter. A plain PBM reader ignores where lines end,
///   so the text is a valid P1 picture either way.
///
/// Sizes are capped (pbm::kMaxSide pixels a side, pbm::kMaxPixels in all, pbm::kMaxFileBytes
/// of file) before anything is allocated for them.
class PbmFile
{
    Q_DECLARE_TR_FUNCTIONS(PbmFile)

public:
    enum class Format
    {
        Plain, ///< P1
        Raw    ///< P4
    };

    /// Reads `path`; see isValid() and errorString().
    static PbmFile load(const QString& path, qsizetype maxLineBytes = kMaxNameBytes);
    /// The same for a file's contents.
    static PbmFile fromBytes(QByteArrayView bytes, qsizetype maxLineBytes = kMaxNameBytes);

    bool isValid() const { return m_error.isEmpty(); }
    /// Why the file cannot be sent, in a sentence for the user ("line 7 is empty; ..."); empty
    /// when it can.
    QString errorString() const { return m_error; }

    Format format() const { return m_format; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// The lines to send, in order, without line ends. Empty when not valid.
    const QList<QByteArray>& lines() const { return m_lines; }

private:
    PbmFile() = default;
    static PbmFile failed(QString error);
    void readPlain(QByteArrayView bytes, qsizetype maxLineBytes);
    void readRaw(QByteArrayView raster, qsizetype maxLineBytes);
    QString checkLines(qsizetype maxLineBytes) const;

    Format m_format = Format::Plain;
    int m_width = 0;
    int m_height = 0;
    QList<QByteArray> m_lines;
    QString m_error;
};

} // namespace prodcons::client
