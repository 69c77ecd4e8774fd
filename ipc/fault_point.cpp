#include "ipc/fault_point.h"

namespace prodcons::ipc {

void (*testing::fault_point)(const char* where) noexcept = nullptr;

} // namespace prodcons::ipc
