// The control object of a prefix, mapped writable as any process of its user could map it:
// for tests that read what the processes wrote there, or write what a bug, a crash or a
// hostile user might.
#pragma once

#include "ipc/layout.h"

#include <cstddef>
#include <span>

namespace prodcons::test {

class MappedControl
{
public:
    /// Maps the shared memory object `name` (e.g. ObjectNames::control); ok() says whether
    /// it could.
    explicit MappedControl(const char* name);
    ~MappedControl();
    MappedControl(const MappedControl&) = delete;
    MappedControl& operator=(const MappedControl&) = delete;

    /// Mapped, and large enough for the default geometry.
    bool ok() const;
    /// The layout of the default geometry over the mapping.
    ipc::layout::ControlView view() const;
    std::span<unsigned char> bytes() const;

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace prodcons::test
