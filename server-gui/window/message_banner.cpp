#include "message_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

namespace prodcons::server {

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel), m_text(new QLabel), m_close(new QToolButton)
{
    setObjectName(QStringLiteral("messageBanner"));
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_close->setObjectName(QStringLiteral("messageDismiss"));
    m_close->setText(tr("Dismiss"));
    m_close->setToolTip(tr("Hide these messages (Esc)"));
    m_close->setAccessibleName(tr("Dismiss the messages"));
    m_close->setShortcut(QKeySequence(Qt::Key_Escape));
    m_close->setAutoRaise(true);
    connect(m_close, &QToolButton::clicked, this, qOverload<>(&MessageBanner::dismiss));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(Severity severity, const QString& title, const QString& text)
{
    const bool repeated = !m_messages.empty() && m_messages.back().severity == severity &&
                          m_messages.back().title == title && m_messages.back().text == text;
    if (!repeated) // a second click on Start with the same problem says nothing new
        m_messages.push_back({severity, title, text});
    while (m_messages.size() > kMaxMessages)
        m_messages.pop_front();
    render();
    show();
}

void MessageBanner::dismiss()
{
    m_messages.clear();
    hide();
}

void MessageBanner::dismiss(Severity severity)
{
    std::erase_if(m_messages, [severity](const Message& m) { return m.severity == severity; });
    if (m_messages.empty())
        hide();
    else
        render();
}

void MessageBanner::dismiss(const QString& title)
{
    std::erase_if(m_messages, [&title](const Message& m) { return m.title == title; });
    if (m_messages.empty())
        hide();
    else
        render();
}

Severity MessageBanner::severity() const
{
    Severity worst = Severity::Info;
    for (const Message& m : m_messages)
        worst = std::max(worst, m.severity);
    return worst;
}

QString MessageBanner::text() const
{
    QStringList parts;
    for (const Message& m : m_messages)
        parts << (m.title.isEmpty() ? m.text : m.title + QLatin1Char('\n') + m.text);
    return parts.join(QStringLiteral("\n\n"));
}

void MessageBanner::render()
{
    const Severity worst = severity();
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QColor background(0xe8, 0xf1, 0xfb);
    QColor border(0x8d, 0xb4, 0xe2);
    if (worst == Severity::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        background = QColor(0xfd, 0xec, 0xea);
        border = QColor(0xe0, 0x8a, 0x80);
    } else if (worst == Severity::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        background = QColor(0xfd, 0xf4, 0xe0);
        border = QColor(0xe0, 0xb8, 0x5c);
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize) * 2;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    setStyleSheet(QStringLiteral("#messageBanner { border: 1px solid %1; border-radius: 4px; "
                                 "background: %2; } #messageBanner QLabel { color: #202020; }")
                      .arg(border.name(), background.name()));
    QStringList html;
    for (const Message& m : m_messages) {
        QString escaped = m.text.toHtmlEscaped();
        escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        html << (m.title.isEmpty()
                     ? escaped
                     : QStringLiteral("<b>%1</b><br>%2").arg(m.title.toHtmlEscaped(), escaped));
    }
    m_text->setText(html.join(QStringLiteral("<br><br>")));
    setAccessibleName(m_messages.empty() ? tr("Messages") : m_messages.back().title);
    setAccessibleDescription(text());
}

} // namespace prodcons::server
