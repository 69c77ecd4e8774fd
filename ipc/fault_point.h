// Fault points: named places inside critical sections where a test's forked child stops or
// kills itself, to prove that a crash or a stop there loses nothing and wedges nothing.
// Child-safe; a null hook (production) costs one load and one branch.
#pragma once

namespace prodcons::ipc {

namespace testing {
/// Fault injection for tests: when set, called at named points inside critical sections, where
/// a test's forked child kills itself to prove that a crash there loses nothing and wedges
/// nothing. Null in production. Points: "lock:acquired" (before the holder is recorded),
/// "put:stored" (names written, not committed), "hold:copied" (names copied, not committed),
/// "hold:committed" (committed, held window not yet advanced), "queue:received",
/// "orphan:marked" (a slot marked Orphaned, its names not yet counted), "adopt:committed"
/// (orphans moved, the count not yet lowered), "attach:created" (the control object's name
/// made, its life-cycle lock not yet taken).
extern void (*fault_point)(const char* where) noexcept;
} // namespace testing

inline void fault_point(const char* where) noexcept
{
    if (testing::fault_point)
        testing::fault_point(where);
}

} // namespace prodcons::ipc
