#include "picture_view.h"

#include "pbm_limits.h"
#include "picture_canvas.h"
#include "readable_color.h"
#include "status_colors.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

namespace prodcons::client {

namespace {

QString problemText(PbmStreamDecoder::Problem problem)
{
    using P = PbmStreamDecoder::Problem;
    switch (problem) {
    case P::None:
    case P::NotPbm:
        return PictureView::tr("the lines are not a PBM picture");
    case P::NotBlackAndWhite:
        return PictureView::tr("a grey or colour picture; only black-and-white PBM pictures are "
                               "drawn");
    case P::RawPbm:
        return PictureView::tr("a raw PBM picture (P4), which cannot travel as lines");
    case P::BadHeader:
        return PictureView::tr("the header has no valid width and height");
    case P::TooLarge:
        return PictureView::tr("larger than %1 pixels a side or %2 pixels in all")
            .arg(QLocale().toString(pbm::kMaxSide), QLocale().toString(pbm::kMaxPixels));
    case P::NoPixels:
        return PictureView::tr("a width or height of 0");
    }
    return {};
}

} // namespace

PictureView::PictureView(QWidget* parent)
    : QWidget(parent), m_canvas(new PictureCanvas(m_raster)), m_caption(new QLabel),
      m_state(new QLabel)
{
    setAccessibleName(tr("Picture received"));
    m_canvas->setObjectName(QStringLiteral("pictureCanvas"));
    m_caption->setObjectName(QStringLiteral("pictureCaption"));
    m_state->setObjectName(QStringLiteral("pictureState"));
    m_state->setWordWrap(true);
    // Selectable: a user may want to copy why the picture is not one.
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_caption);
    layout->addWidget(m_state);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &PictureView::refresh);
    updateTexts();
}

void PictureView::feedLine(QByteArrayView line)
{
    m_decoder.feed(line);
    // Started once, not restarted per line: at full speed the view still refreshes on time.
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void PictureView::reset()
{
    m_decoder.reset();
    refresh();
}

void PictureView::refresh()
{
    m_refreshTimer.stop();
    if (m_raster.update(m_decoder))
        m_canvas->update();
    updateTexts();
}

bool PictureView::hasPicture() const
{
    switch (m_decoder.state()) {
    case PbmStreamDecoder::State::Drawing:
    case PbmStreamDecoder::State::Complete:
    case PbmStreamDecoder::State::Overflow:
        return true;
    case PbmStreamDecoder::State::WaitingForHeader:
    case PbmStreamDecoder::State::NotAPicture:
        break;
    }
    return false;
}

QString PictureView::captionText() const
{
    switch (m_decoder.state()) {
    case PbmStreamDecoder::State::WaitingForHeader:
        return tr("No picture yet");
    case PbmStreamDecoder::State::NotAPicture:
        return tr("No picture");
    default:
        break;
    }
    const QLocale locale;
    return tr("%1 of %2 rows")
        .arg(locale.toString(m_decoder.rowsComplete()), locale.toString(m_decoder.height()));
}

QString PictureView::stateText() const
{
    QString text;
    switch (m_decoder.state()) {
    case PbmStreamDecoder::State::WaitingForHeader:
        text = m_decoder.linesFed() == 0 ? tr("waiting for the lines of a PBM picture")
                                         : tr("reading the picture's header");
        break;
    case PbmStreamDecoder::State::Drawing:
        text = tr("receiving");
        break;
    case PbmStreamDecoder::State::Complete:
        text = tr("complete");
        break;
    case PbmStreamDecoder::State::Overflow:
        text = tr("more data than the picture holds: %n extra line(s)", nullptr,
                  int(std::min<qint64>(m_decoder.extraLines(), INT_MAX)));
        break;
    case PbmStreamDecoder::State::NotAPicture:
        return tr("not a picture: %1").arg(problemText(m_decoder.problem()));
    }
    if (m_decoder.skippedLines() > 0)
        text += tr("; %n line(s) that are not picture data skipped", nullptr,
                   int(std::min<qint64>(m_decoder.skippedLines(), INT_MAX)));
    return text;
}

QRect PictureView::pictureRect() const
{
    const QRect picture = m_canvas->pictureRect();
    return picture.isEmpty() ? picture : picture.translated(m_canvas->pos());
}

void PictureView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateTexts(); // the state's colour is chosen for the background
}

void PictureView::updateTexts()
{
    const QString caption = captionText();
    const QString state = stateText();
    if (m_caption->text() != caption)
        m_caption->setText(caption);
    if (m_state->text() != state)
        m_state->setText(state);
    m_canvas->setAccessibleDescription(caption + QStringLiteral("; ") + state);

    // Good news green, trouble red, the rest in the palette's own text colour; each readable on
    // this window's background, light or dark.
    QColor tone = palette().color(QPalette::WindowText);
    switch (m_decoder.state()) {
    case PbmStreamDecoder::State::Complete:
        tone = common::readableOn(statusColors::good(), palette().color(QPalette::Window));
        break;
    case PbmStreamDecoder::State::Overflow:
    case PbmStreamDecoder::State::NotAPicture:
        tone = common::readableOn(statusColors::error(), palette().color(QPalette::Window));
        break;
    default:
        break;
    }
    QPalette statePalette = m_state->palette();
    if (statePalette.color(QPalette::WindowText) != tone) {
        statePalette.setColor(QPalette::WindowText, tone);
        m_state->setPalette(statePalette);
    }
}

} // namespace prodcons::client
