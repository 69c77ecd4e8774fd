// prodcons-client's start: command line, saved settings, the window, signals.
#pragma once

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QApplication;
QT_END_NAMESPACE

namespace prodcons::client {

/// Parses the command line, loads the saved settings (unless --no-settings), shows the window,
/// connects if asked, and runs the event loop. SIGINT and SIGTERM close the window as the user
/// would (a producer says quit, the settings are saved). Returns the exit code.
int runClientApp(QApplication& app);

} // namespace prodcons::client
