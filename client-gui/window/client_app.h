// prodcons-client's start: command line, remembered settings, the window, signals.
#pragma once

namespace prodcons::client {

/// Reads the command line (--help and --version work without a display), loads the remembered
/// settings unless --no-settings, puts the command line over them, shows the window, connects
/// if asked, and runs the event loop. SIGINT and SIGTERM close the window as the user would (the
/// client says quit, the settings are saved). The program ends once the connection has closed
/// too (ClientWindow::readyToQuit): at most SessionTimeouts::closing after the window, at once
/// when the window is closed a second time. Returns the exit status.
int runClientApp(int& argc, char* argv[]);

} // namespace prodcons::client
