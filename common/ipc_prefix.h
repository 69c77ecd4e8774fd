// The rule for an IPC name prefix, said once for every program: ipc::ObjectNames decides what
// is valid, this says it to a person (translated).
#pragma once

#include <QString>

namespace prodcons::common {

/// "'/' followed by 1 to 47 letters, digits, '_', '.' or '-'"
QString ipcPrefixRule();

/// Whether `prefix` can name the IPC objects (ipc::ObjectNames::from_prefix accepts it).
bool isValidIpcPrefix(const QString& prefix);

} // namespace prodcons::common
