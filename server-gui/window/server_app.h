// prodcons-server's start: command line, remembered settings, the window, signals.
#pragma once

namespace prodcons::server {

/// Reads the command line (--help and --version work without a display), loads the remembered
/// settings unless --no-settings, puts the command line over them, shows the window, starts the
/// server if asked, and runs the event loop. SIGTERM, SIGINT and SIGHUP close the window without
/// asking, the server stopping cleanly. Returns the exit status.
int runServerApp(int& argc, char* argv[]);

} // namespace prodcons::server
