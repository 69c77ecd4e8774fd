#include "keyboard_reach.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>

namespace prodcons::test {

namespace {

bool isControl(const QWidget* widget)
{
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QLineEdit*>(widget) ||
           qobject_cast<const QAbstractSpinBox*>(widget) ||
           qobject_cast<const QComboBox*>(widget) || qobject_cast<const QAbstractSlider*>(widget) ||
           qobject_cast<const QAbstractItemView*>(widget);
}

/// The text of the label whose buddy `widget` is, if any.
QString buddyText(const QWidget* window, const QWidget* widget)
{
    for (const QLabel* label : window->findChildren<QLabel*>())
        if (label->buddy() == widget)
            return label->text();
    return {};
}

/// Whether a shortcut reaches `widget`: a label's mnemonic for it, or, inside a composite
/// control (a slider with its spin box), a labelled sibling that Tab leads on from.
bool labelledShortcut(const QWidget* window, const QWidget* widget)
{
    if (buddyText(window, widget).contains(QLatin1Char('&')))
        return true;
    const QWidget* group = widget->parentWidget();
    if (!group || group == window || group->focusProxy() == nullptr)
        return false;
    return buddyText(window, group).contains(QLatin1Char('&')) ||
           buddyText(window, group->focusProxy()).contains(QLatin1Char('&'));
}

bool isScrollAreaBar(const QWidget* widget)
{
    if (!qobject_cast<const QScrollBar*>(widget))
        return false;
    for (const QWidget* w = widget->parentWidget(); w; w = w->parentWidget())
        if (const auto* area = qobject_cast<const QAbstractScrollArea*>(w))
            return (area->focusPolicy() & Qt::TabFocus) != 0;
    return false;
}

QString describe(const QWidget* widget)
{
    return QStringLiteral("%1 '%2'").arg(QLatin1String(widget->metaObject()->className()),
                                         widget->objectName());
}

} // namespace

QStringList keyboardProblems(const QWidget* window)
{
    QStringList problems;
    QList<const QWidget*> chain;
    for (const QWidget* w = window->nextInFocusChain(); w && w != window; w = w->nextInFocusChain())
        chain << w;
    for (const QWidget* widget : window->findChildren<QWidget*>()) {
        // A spin box's or combo box's own line edit is reached through its owner, and a scroll
        // area's scroll bars through the area (its arrow and page keys).
        if (!isControl(widget) || !widget->isVisibleTo(window) || !widget->isEnabled() ||
            isControl(widget->parentWidget()) || isScrollAreaBar(widget))
            continue;
        if (!(widget->focusPolicy() & Qt::TabFocus) || !chain.contains(widget))
            problems << describe(widget) + QStringLiteral(": not reached with Tab");
        if (widget->accessibleName().isEmpty()) {
            const auto* button = qobject_cast<const QAbstractButton*>(widget);
            if (!(button && !button->text().isEmpty()) && buddyText(window, widget).isEmpty())
                problems << describe(widget) + QStringLiteral(": no accessible name");
        }
        if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
            const bool mnemonic = button->text().contains(QLatin1Char('&'));
            if (!mnemonic && button->shortcut().isEmpty())
                problems << describe(widget) + QStringLiteral(": no shortcut");
        } else if (!qobject_cast<const QAbstractItemView*>(widget) &&
                   !labelledShortcut(window, widget)) {
            problems << describe(widget) + QStringLiteral(": no label with a shortcut");
        }
    }
    return problems;
}

} // namespace prodcons::test
