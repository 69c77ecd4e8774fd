#include "buffer_panel.h"

#include "buffer_model.h"
#include "buffer_view.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QScrollArea>
#include <QVBoxLayout>
#include <unistd.h>

namespace prodcons::server {

namespace {

QString semaphoreText(int value)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value);
}

void setText(QLabel* label, const QString& text)
{
    if (label->text() != text)
        label->setText(text);
}

/// The figures, scrolled only when even their smallest room is not enough: the drawing has the
/// priority. Asks for the height its text needs at the width it is given.
class FiguresArea : public QScrollArea
{
public:
    FiguresArea()
    {
        setFrameShape(QFrame::NoFrame);
        setWidgetResizable(true);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // whole at first: see setWhole()
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        viewport()->setAutoFillBackground(false);
    }

    QSize sizeHint() const override
    {
        const QWidget* content = widget();
        if (!content)
            return QScrollArea::sizeHint();
        const int width =
            viewport()->width() > 0 ? viewport()->width() : content->sizeHint().width();
        const int height = content->hasHeightForWidth() ? content->heightForWidth(width)
                                                        : content->sizeHint().height();
        return {content->sizeHint().width(), height};
    }

    QSize minimumSizeHint() const override
    {
        // Under the drawing (a tall panel) every figure is shown; beside it, they may scroll.
        const int least = 3 * fontMetrics().lineSpacing();
        return {fontMetrics().averageCharWidth() * 24,
                m_whole ? std::max(least, sizeHint().height()) : least};
    }

    /// Whether the whole text is the least it needs.
    void setWhole(bool whole)
    {
        m_whole = whole;
        // Whole, it has all the height its text needs: a scroll bar would only narrow it.
        setVerticalScrollBarPolicy(whole ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
        updateGeometry();
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QScrollArea::resizeEvent(event);
        if (event->size().width() != event->oldSize().width())
            updateGeometry(); // the height it needs follows the width
    }

private:
    bool m_whole = true;
};

} // namespace

void BufferPanel::FigureRow::set(const QString& captionText, const QString& valueText,
                                 const QString& meaningText) const
{
    setText(caption, captionText);
    setText(value, valueText);
    setText(meaning, meaningText);
}

void BufferPanel::FigureRow::setVisible(bool visible) const
{
    caption->setVisible(visible);
    value->setVisible(visible);
    meaning->setVisible(visible);
}

BufferPanel::BufferPanel(BufferModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new BufferView(model)), m_grid(new QGridLayout),
      m_title(new QLabel), m_totals(new QLabel)
{
    m_view->setObjectName(QStringLiteral("bufferView"));
    m_title->setObjectName(QStringLiteral("bufferTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_totals->setObjectName(QStringLiteral("bufferTotals"));
    m_totals->setWordWrap(true);
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setForegroundRole(QPalette::PlaceholderText);

    m_grid->setHorizontalSpacing(10);
    m_grid->setVerticalSpacing(3);
    m_grid->setColumnStretch(2, 1);
    m_mutex = addRow(QStringLiteral("semMutexValue"), tr("mutex semaphore value"));
    m_empty = addRow(QStringLiteral("semEmptyValue"), tr("empty semaphore value"));
    m_full = addRow(QStringLiteral("semFullValue"), tr("full semaphore value"));
    m_queue = addRow(QStringLiteral("queueDepthValue"), tr("message queue depth"));
    m_attached = addRow(QStringLiteral("attachedValue"), tr("servers attached"));
    m_orphans = addRow(QStringLiteral("orphansValue"), tr("names handed back by consumers"));

    // The title says what the figures under it are: it goes with them, beside the drawing or
    // under it.
    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("bufferFigures"));
    auto* figures = new QVBoxLayout(content);
    figures->setContentsMargins(0, 0, 0, 0);
    figures->addWidget(m_title);
    figures->addLayout(m_grid);
    figures->addWidget(m_totals);
    figures->addStretch(1);
    m_body = new QBoxLayout(QBoxLayout::TopToBottom, this);
    m_body->setContentsMargins(0, 0, 0, 0);
    m_body->addWidget(m_view, 1);
    m_figures = new FiguresArea;
    auto* area = static_cast<FiguresArea*>(m_figures);
    area->setObjectName(QStringLiteral("bufferFiguresArea"));
    area->setWidget(content);
    content->setAutoFillBackground(false); // setWidget() turned it on: the panel's own colour
    m_body->addWidget(area, 0);

    connect(m_model, &BufferModel::changed, this, &BufferPanel::onModelChanged);
    onModelChanged();
}

void BufferPanel::setSideBySide(bool sideBySide)
{
    if (sideBySide == isSideBySide())
        return;
    m_body->setDirection(sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // Beside the drawing the figures take what the drawing leaves; under it, only their height.
    // Beside it, the drawing about as wide as it is tall, and the text less wrapped.
    m_body->setStretch(0, sideBySide ? 2 : 1);
    m_body->setStretch(1, sideBySide ? 3 : 0);
    m_body->setSpacing(sideBySide ? 12 : -1);
    static_cast<FiguresArea*>(m_figures)->setWhole(!sideBySide);
}

bool BufferPanel::isSideBySide() const
{
    return m_body->direction() == QBoxLayout::LeftToRight;
}

BufferPanel::FigureRow BufferPanel::addRow(const QString& valueObjectName,
                                           const QString& accessibleName)
{
    FigureRow row{new QLabel, new QLabel, new QLabel};
    // "semMutexValue": "semMutexCaption" and "semMutexMeaning" beside it.
    QString base = valueObjectName;
    base.chop(int(qstrlen("Value")));
    row.caption->setObjectName(base + QStringLiteral("Caption"));
    row.meaning->setObjectName(base + QStringLiteral("Meaning"));
    row.caption->setTextFormat(Qt::PlainText);
    row.value->setObjectName(valueObjectName);
    row.value->setAccessibleName(accessibleName);
    row.value->setTextFormat(Qt::PlainText);
    row.value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row.value->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("000")));
    QFont bold = row.value->font();
    bold.setBold(true);
    row.value->setFont(bold);
    row.meaning->setTextFormat(Qt::PlainText);
    row.meaning->setWordWrap(true);
    row.meaning->setForegroundRole(QPalette::PlaceholderText);
    const int line = m_grid->count() / 3;
    m_grid->addWidget(row.caption, line, 0);
    m_grid->addWidget(row.value, line, 1);
    m_grid->addWidget(row.meaning, line, 2);
    return row;
}

void BufferPanel::onModelChanged()
{
    const BufferModel& m = *m_model;
    const ipc::Snapshot& s = m.snapshot();
    const bool shm = m.mode() == ipc::Mode::Shm;
    const bool present = m.present();
    QLocale locale;

    if (!present)
        setText(m_title, m.source() == BufferModel::Source::None && !m.problem().isEmpty()
                             ? m.problem()
                             : tr("Shared buffer of prefix %1 (%2 mode): not created yet")
                                   .arg(m.prefix(), shm ? tr("SHM") : tr("MQ")));
    else if (shm)
        setText(m_title, tr("Shared memory %1: a ring of %2 slots of %3 bytes, guarded by three "
                            "named semaphores")
                             .arg(m.objectName("shm"))
                             .arg(s.geometry.capacity)
                             .arg(s.geometry.slot_size));
    else
        setText(m_title, tr("POSIX message queue %1: up to %2 messages of %3 bytes")
                             .arg(m.objectName("mq"))
                             .arg(s.mq_capacity)
                             .arg(s.mq_message_size));

    m_mutex.set(m.objectName("mutex"), semaphoreText(s.sem_mutex),
                shm ? tr("0 while a process puts or takes a name")
                    : tr("guards the table of participants"));
    m_empty.setVisible(shm);
    m_full.setVisible(shm);
    m_queue.setVisible(!shm);
    if (shm) {
        m_empty.set(m.objectName("empty"), semaphoreText(s.sem_empty),
                    tr("free slots; producers wait at 0"));
        m_full.set(m.objectName("full"), semaphoreText(s.sem_full),
                   tr("names stored; consumers wait at 0"));
    } else {
        m_queue.set(m.objectName("mq"),
                    present ? tr("%1 / %2").arg(s.mq_current).arg(s.mq_capacity)
                            : QStringLiteral("-"),
                    tr("messages queued; senders wait when full"));
    }

    // Servers attached to the same objects: each window or socket_srv with this prefix and mode.
    const std::vector<pid_t> pids = m.liveUserPids();
    QStringList who;
    for (pid_t pid : pids)
        who << (pid == ::getpid() ? tr("%1 (this window)").arg(pid) : QString::number(pid));
    const QString attachedMeaning =
        pids.empty()       ? tr("no server uses these objects now")
        : pids.size() == 1 ? tr("pid %1").arg(who.join(QStringLiteral(", ")))
                           : tr("sharing one buffer: pids %1").arg(who.join(QStringLiteral(", ")));
    m_attached.set(tr("Servers attached"), QString::number(m.liveUsers()), attachedMeaning);

    m_orphans.set(tr("Handed back"), QString::number(m.orphans()),
                  tr("taken, never acknowledged; given out again first"));

    if (present) {
        const auto mode = static_cast<std::uint32_t>(m.mode());
        setText(m_totals,
                tr("Since the buffer was created: %1 names put, %2 taken. Live clients of all "
                   "servers: %3 producer(s), %4 consumer(s).")
                    .arg(locale.toString(s.names_put[mode]), locale.toString(s.names_taken[mode]))
                    .arg(m.participants(true))
                    .arg(m.participants(false)));
    } else {
        setText(m_totals, QString());
    }
}

} // namespace prodcons::server
