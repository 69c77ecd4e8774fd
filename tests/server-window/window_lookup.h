// Looking into a server window from its tests, by the object names the window gives its parts:
// a child widget or object, a label's text, a click on a button, and what the event log says.
#pragma once

#include "event_log_model.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>

namespace prodcons::test {

/// The child of `parent` named `name`; a missing one ends the test run (a renamed widget).
template <class T> T* find(const QObject& parent, const char* name)
{
    T* found = parent.findChild<T*>(QLatin1String(name));
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return found;
}

inline QString text(const QObject& window, const char* label)
{
    return find<QLabel>(window, label)->text();
}

/// Clicks the button as a person would; a disabled button fails the test.
inline void click(const QObject& window, const char* button)
{
    QPushButton* b = find<QPushButton>(window, button);
    QVERIFY2(b->isEnabled(), button);
    QTest::mouseClick(b, Qt::LeftButton);
}

/// Whether a line of the window's event log contains `part`.
inline bool logContains(const QObject& window, const QString& part)
{
    for (const QString& line : find<server::EventLogModel>(window, "logModel")->messages())
        if (line.contains(part))
            return true;
    return false;
}

} // namespace prodcons::test
