// Helpers shared by the tests: where the built programs are, and an IPC name prefix of the
// test's own so that no test touches the objects of a demo running on the same machine.
#pragma once

#include <QString>
#include <string>

namespace prodcons::test {

/// Absolute path of a program built by this project (CTest sets PRODCONS_BIN_DIR).
QString binaryPath(const QString& programName);

/// A fresh IPC name prefix such as "/pct1234_7": the test's pid plus a sequence number.
std::string uniqueIpcPrefix();

} // namespace prodcons::test
