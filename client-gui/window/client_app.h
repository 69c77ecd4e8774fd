// prodcons-client's start: command line, remembered settings, the window, signals.
#pragma once

namespace prodcons::client {

/// Reads the command line (--help and --version work without a display), loads the remembered
/// settings unless --no-settings, puts the command line over them, shows the window, connects
/// if asked, and runs the event loop. SIGINT and SIGTERM close the window as the user would (a
/// producer says quit, the settings are saved). Returns the exit status.
int runClientApp(int& argc, char* argv[]);

} // namespace prodcons::client
