#include "step_code_view.h"

#include "readable_color.h"
#include "step_code_model.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <map>

namespace prodcons::server {

namespace {

using ipc::layout::Kind;

constexpr int kMargin = 8;
constexpr int kChipGap = 4;
constexpr int kChipPadding = 6;
// The colours of the ring's in and out markers: a producer's chip is the colour of `in`.
const QColor kProducerColor(0x2e, 0x9d, 0x4f);
const QColor kConsumerColor(0xd9, 0x6c, 0x1f);
const QColor kGoneColor(0x75, 0x75, 0x75);
// Chips carry white text: their fill is darkened until white reads on it (on a projector too),
// whatever the palette around them.
const QColor kChipText(Qt::white);

QColor roleColor(Kind kind)
{
    return kind == Kind::Consumer ? kConsumerColor : kProducerColor;
}

QColor chipFill(const CodeMarker& marker)
{
    return common::readableOn(marker.present ? roleColor(marker.kind) : kGoneColor, kChipText);
}

/// A chip's name: enough to recognise it without pushing the others off the line.
constexpr int kChipNameChars = 10;

} // namespace

StepCodeView::StepCodeView(StepCodeModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("stepCodeView"));
    setAccessibleName(tr("Code view"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    updateFont();
    connect(m_model, &StepCodeModel::changed, this, &StepCodeView::onModelChanged);
    onModelChanged();
}

void StepCodeView::updateFont()
{
    // The size of the text around it: two loops side by side must fit a quarter of a
    // projector's screen, 766 pixels wide.
    m_codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_codeFont.setPointSizeF(font().pointSizeF());
}

void StepCodeView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        updateFont();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void StepCodeView::onModelChanged()
{
    QStringList lines;
    for (const CodeMarker& marker : m_model->markers())
        lines << StepCodeModel::describe(marker);
    setAccessibleDescription(lines.join(QLatin1Char('\n')));
    updateGeometry(); // the legend has a line per child
    update();
}

int StepCodeView::lineHeight() const
{
    return std::max(QFontMetrics(m_codeFont).height(), fontMetrics().height()) + 6;
}

int StepCodeView::codeWidth() const
{
    const QFontMetrics metrics(m_codeFont);
    int widest = 0;
    for (const CodeListing* listing : {&m_model->producer(), &m_model->consumer()})
        for (const CodeLine& line : listing->lines)
            widest = std::max(widest, metrics.horizontalAdvance(line.text));
    return widest;
}

QString StepCodeView::chipText(const CodeMarker& marker) const
{
    QString name = marker.name;
    if (name.size() > kChipNameChars)
        name = name.left(kChipNameChars - 1) + QChar(0x2026);
    return name.isEmpty() ? QString::number(marker.pid)
                          : QStringLiteral("%1 %2").arg(marker.pid).arg(name);
}

int StepCodeView::leastChipWidth() const
{
    // A pid and the start of a name: enough to tell the children apart on a line.
    QFont bold = font();
    bold.setBold(true);
    return QFontMetrics(bold).horizontalAdvance(QStringLiteral("000000 Abc") + QChar(0x2026)) +
           2 * kChipPadding;
}

int StepCodeView::columnWidth() const
{
    // At least the code and one chip beside it.
    const int least = kMargin + codeWidth() + 2 * kMargin + leastChipWidth();
    return std::max(least, (width() - 3 * kMargin) / 2);
}

int StepCodeView::rowsOfCode() const
{
    return 1 + static_cast<int>(
                   std::max(m_model->producer().lines.size(), m_model->consumer().lines.size()));
}

QRect StepCodeView::columnRect(int listing) const
{
    const int w = columnWidth();
    return QRect(kMargin + listing * (w + kMargin), kMargin, w, rowsOfCode() * lineHeight());
}

QRect StepCodeView::lineRect(int listing, int line) const
{
    const QRect column = columnRect(listing);
    return QRect(column.left(), column.top() + (1 + line) * lineHeight(), column.width(),
                 lineHeight());
}

QSize StepCodeView::minimumSizeHint() const
{
    const int column = kMargin + codeWidth() + 2 * kMargin + leastChipWidth();
    const int legendRows = std::max<int>(1, static_cast<int>(m_model->markers().size()));
    return {3 * kMargin + 2 * column,
            kMargin + (rowsOfCode() + legendRows) * lineHeight() + 2 * kMargin};
}

QSize StepCodeView::sizeHint() const
{
    const QSize least = minimumSizeHint();
    return {least.width() + 2 * 120, least.height()};
}

std::vector<StepCodeView::Chip> StepCodeView::layoutChips() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    std::vector<Chip> chips;
    // Where the next chip of each line goes; a chip that does not fit is left to the legend.
    std::map<std::pair<int, int>, int> nextX;
    for (const CodeMarker& marker : m_model->markers()) {
        const int listing = marker.kind == Kind::Consumer ? 1 : 0;
        const QRect line = lineRect(listing, marker.line);
        int& x = nextX
                     .try_emplace({listing, marker.line},
                                  line.left() + kMargin + codeWidth() + 2 * kMargin)
                     .first->second;
        Chip chip;
        chip.marker = &marker;
        chip.text = chipText(marker);
        const int room = line.right() - x - 2 * kChipPadding;
        if (metrics.horizontalAdvance(chip.text) > room) {
            // Short of room (a small window): the pid always, as much of the name as fits.
            const QString pid = QString::number(marker.pid);
            const int forName = room - metrics.horizontalAdvance(pid + QLatin1Char(' '));
            const QString name = metrics.elidedText(marker.name, Qt::ElideRight, forName);
            chip.text = name.isEmpty() || marker.name.isEmpty()
                            ? pid
                            : QStringLiteral("%1 %2").arg(pid, name);
        }
        const int w = metrics.horizontalAdvance(chip.text) + 2 * kChipPadding;
        if (x + w > line.right())
            continue; // the legend still names it
        chip.rect = QRect(x, line.top() + 3, w, line.height() - 6);
        x += w + kChipGap;
        chips.push_back(chip);
    }
    return chips;
}

QRect StepCodeView::markerRect(pid_t pid) const
{
    for (const Chip& chip : layoutChips())
        if (chip.marker->pid == pid)
            return chip.rect;
    return {};
}

QString StepCodeView::markerText(pid_t pid) const
{
    const CodeMarker* marker = m_model->markerOf(pid);
    return marker ? chipText(*marker) : QString();
}

void StepCodeView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing);
    paintListing(painter, 0, m_model->producer());
    paintListing(painter, 1, m_model->consumer());
    for (const Chip& chip : layoutChips())
        paintChip(painter, chip);
    paintLegend(painter);
}

void StepCodeView::paintListing(QPainter& painter, int listing, const CodeListing& code) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor role = roleColor(code.kind);
    const QRect column = columnRect(listing);

    QFont heading = font();
    heading.setBold(true);
    painter.setFont(heading);
    painter.setPen(common::readableOn(role, base));
    painter.drawText(
        QRect(column.left() + kMargin, column.top(), column.width() - kMargin, lineHeight()),
        Qt::AlignLeft | Qt::AlignVCenter, code.heading);

    // The lines a child of this loop is on, tinted in its colour.
    QColor tint = role;
    tint.setAlpha(48);
    for (const CodeMarker& marker : m_model->markers())
        if (marker.kind == code.kind && marker.present)
            painter.fillRect(lineRect(listing, marker.line), tint);

    painter.setFont(m_codeFont);
    painter.setPen(palette().color(QPalette::Text));
    for (std::size_t i = 0; i < code.lines.size(); ++i) {
        const QRect line = lineRect(listing, static_cast<int>(i));
        painter.drawText(line.adjusted(kMargin, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         code.lines[i].text);
    }
}

void StepCodeView::paintChip(QPainter& painter, const Chip& chip) const
{
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(Qt::NoPen);
    painter.setBrush(chipFill(*chip.marker));
    const double radius = chip.rect.height() / 2.0;
    painter.drawRoundedRect(chip.rect, radius, radius);
    painter.setPen(kChipText);
    painter.drawText(chip.rect, Qt::AlignCenter, chip.text);
}

void StepCodeView::paintLegend(QPainter& painter) const
{
    const int top = kMargin + rowsOfCode() * lineHeight() + kMargin;
    const QRect area(kMargin, top, width() - 2 * kMargin, height() - top);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(area.topLeft(), area.topRight());

    painter.setFont(font());
    const QFontMetrics metrics = fontMetrics();
    const auto& markers = m_model->markers();
    if (markers.empty()) {
        painter.setPen(common::readableOn(palette().color(QPalette::PlaceholderText),
                                          palette().color(QPalette::Base)));
        painter.drawText(area.adjusted(kMargin, 0, 0, 0).translated(0, 4),
                         Qt::AlignLeft | Qt::AlignTop,
                         metrics.elidedText(tr("No producer or consumer yet: the children of "
                                               "every server of this prefix appear here."),
                                            Qt::ElideRight, area.width() - kMargin));
        return;
    }
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    int y = top + 2;
    for (const CodeMarker& marker : markers) {
        const QString pid = QString::number(marker.pid);
        const QRect chip(area.left() + kMargin, y + 3,
                         boldMetrics.horizontalAdvance(pid) + 2 * kChipPadding, lineHeight() - 6);
        paintChip(painter, Chip{&marker, chip, pid});
        const QString text = StepCodeModel::describeState(marker);
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::Text));
        const QRect textRect(chip.right() + kMargin, y, area.right() - chip.right() - kMargin,
                             lineHeight());
        painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(text, Qt::ElideRight, textRect.width()));
        y += lineHeight();
    }
}

bool StepCodeView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const QPoint at = static_cast<QHelpEvent*>(event)->pos();
        for (const Chip& chip : layoutChips())
            if (chip.rect.contains(at)) {
                QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(),
                                   StepCodeModel::describe(*chip.marker), this, chip.rect);
                return true;
            }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace prodcons::server
