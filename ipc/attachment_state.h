// The inside of an Attachment, shared by the files that implement it. Internal to ipc/.
#pragma once

#include "ipc/attachment.h"
#include "ipc/channel.h"
#include "ipc/control.h"
#include "ipc/file_lock.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/shared_memory.h"

#include <memory>

namespace prodcons::ipc {

// Held through a unique_ptr so that its address never changes: the Control and the Channel
// point at the semaphores and the queue inside it, and so do Endpoints in forked children.
struct Attachment::State
{
    Mode mode = Mode::Shm;
    ObjectNames names;

    SharedMemory control;
    ino_t control_inode = 0; // what Endpoint::join checks the name still leads to
    NamedSemaphore mutex;
    NamedSemaphore empty; // SHM mode
    NamedSemaphore full;  // SHM mode
    MessageQueue queue;   // MQ mode
    std::unique_ptr<Channel> channel;
    Control ctl; // this attachment's own (User) slot

    const layout::ControlView& view() const { return ctl.view(); }
    ByteLocks locks() const { return ByteLocks(control.fd(), names.control); }
};

} // namespace prodcons::ipc
