#include "picture_to_send.h"

#include "pbm_file.h"

#include <QFileInfo>
#include <algorithm>

namespace prodcons::client {

std::optional<PictureToSend> PictureToSend::load(const QString& path, QString* error)
{
    const PbmFile file = PbmFile::load(path);
    if (!file.isValid()) {
        if (error)
            *error =
                tr("%1 cannot be sent: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return std::nullopt;
    }
    LineSequence::Problem problem;
    std::optional<LineSequence> lines = LineSequence::fromLines(file.lines(), &problem);
    if (!lines) { // PbmFile checks the lines as the server does; this is a second opinion
        if (error)
            *error =
                tr("%1 cannot be sent: %2").arg(QFileInfo(path).fileName(), problem.describe());
        return std::nullopt;
    }
    PictureToSend picture;
    picture.m_path = path;
    picture.m_width = file.width();
    picture.m_height = file.height();
    for (const QByteArray& line : file.lines())
        picture.m_longestLine = std::max(picture.m_longestLine, line.size());
    picture.m_lines = std::move(*lines);
    return picture;
}

QString PictureToSend::fileName() const
{
    return QFileInfo(m_path).fileName();
}

LineSequence PictureToSend::lines() const
{
    LineSequence copy = m_lines; // shares the text: QByteArray is implicitly shared
    copy.rewind();
    return copy;
}

} // namespace prodcons::client
