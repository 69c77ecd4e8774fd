// The picture a consumer receives, drawn row by row as its lines arrive, with how far it has got
// and what went wrong: lost lines tear it, doubled ones overflow it.
#pragma once

#include "pbm_stream_decoder.h"
#include "picture_raster.h"

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace prodcons::client {

class PictureCanvas;

/// Owns the decoder the received lines go into, and shows its picture: the image scaled to fit
/// (PictureCanvas), a caption ("312 of 1,762 rows") and a state line ("complete", "not a
/// picture: ...", "more data than the picture holds: 3 extra lines"). Lines can come by the
/// thousand a second: feedLine() only decodes, and the image, texts and painting catch up at
/// most every kRefreshInterval, redrawing only the rows that changed.
class PictureView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kRefreshIntervalMs = 50;

    explicit PictureView(QWidget* parent = nullptr);

    /// One received line, without its line end. Cheap: the view shows it within
    /// kRefreshIntervalMs.
    void feedLine(QByteArrayView line);
    /// Forgets the picture (a new session): waiting for a picture again.
    void reset();
    /// Shows what the decoder holds now, without waiting for the next refresh.
    void refresh();

    const PbmStreamDecoder& decoder() const { return m_decoder; }
    /// A picture's header has come: there is something to draw (names alone are no picture).
    bool hasPicture() const;
    /// The texts shown under the picture.
    QString captionText() const;
    QString stateText() const;
    /// Where the picture is painted, in this widget's coordinates; empty without a picture.
    QRect pictureRect() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTexts();

    PbmStreamDecoder m_decoder;
    PictureRaster m_raster; // before m_canvas, which paints it
    QTimer m_refreshTimer;
    PictureCanvas* m_canvas = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_state = nullptr;
};

} // namespace prodcons::client
