// MutexPeek: reads, from the control object's header, which participant is recorded as holding
// the mutex right now, so that a chaos run can aim a SIGKILL at a holder rather than wait for
// chance to put one there. Read-only: it never changes the objects.
#pragma once

#include "ipc/layout.h"
#include "ipc/object_names.h"
#include "ipc/shared_memory.h"

#include <QString>
#include <sys/types.h>

namespace prodcons::acceptance {

class MutexPeek
{
public:
    /// Maps the control object of `names`; valid() is false if it does not exist.
    explicit MutexPeek(const ipc::ObjectNames& names);

    bool valid() const { return m_view.valid(); }
    /// The pid of the participant recorded as holding the mutex now, or 0.
    pid_t holder() const;
    /// The mutex's bookkeeping and every slot in use, one line each: for a wedge's report.
    QString describe() const;

private:
    ipc::SharedMemory m_control;
    ipc::layout::ControlView m_view;
};

} // namespace prodcons::acceptance
