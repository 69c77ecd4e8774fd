// MessageBanner: a strip across the top of the window for what a person should read and can
// act on (the server could not start, the objects belong to another user, a cleanup report),
// plainly, without a modal dialog in the way. Messages stay until dismissed; a newer one joins
// the older ones (the last few are kept), so that a report does not hide an error. The strip
// takes the colour of the most serious message it shows.
#pragma once

#include "forking_server.h"

#include <QFrame>
#include <deque>

class QLabel;
class QToolButton;

namespace prodcons::server {

class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    static constexpr std::size_t kMaxMessages = 3;

    explicit MessageBanner(QWidget* parent = nullptr);

    /// Adds `text` under a bold `title` and shows the banner.
    void showMessage(Severity severity, const QString& title, const QString& text);
    /// Hides the banner and forgets its messages.
    void dismiss();
    /// Hides and forgets the messages of `severity` only (e.g. errors a successful start fixed).
    void dismiss(Severity severity);
    /// Hides and forgets the messages titled `title` only (e.g. a stall that is over), leaving
    /// the others as they are.
    void dismiss(const QString& title);

    /// The messages shown, oldest first, "title\ntext" each, separated by blank lines.
    QString text() const;
    /// The most serious severity shown.
    Severity severity() const;

private:
    struct Message
    {
        Severity severity;
        QString title;
        QString text;
    };
    void render();

    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QToolButton* m_close = nullptr;
    std::deque<Message> m_messages;
};

} // namespace prodcons::server
