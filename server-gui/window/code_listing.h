// CodeListing: the classic producer and consumer loops as pseudo-code, one line per step the
// children record (ipc/teaching.h), for the teaching part's code view. SHM mode: the bounded
// buffer with its three semaphores; MQ mode: mq_send and mq_receive, where the kernel does the
// waiting and the locking. Both with the lines where the child talks to its client.
// The code is C and stays as it is in every language; only the headings are translated.
#pragma once

#include "ipc/config.h"
#include "ipc/layout.h"
#include "ipc/teaching.h"

#include <QString>
#include <vector>

namespace prodcons::server {

struct CodeLine
{
    QString text;                     ///< the code, indented with spaces
    ipc::Step step = ipc::Step::None; ///< the step this line stands for; None: a plain line
};

struct CodeListing
{
    ipc::layout::Kind kind = ipc::layout::Kind::Producer;
    QString heading; ///< "Producer (a child serving a producer client)"
    std::vector<CodeLine> lines;

    /// The line of `step`, or -1 when this loop has no such step.
    int lineOf(ipc::Step step) const;
    /// The line that stands for the whole loop ("while (true) {"): where a child that has not
    /// taken a step yet is shown.
    static constexpr int kLoopLine = 0;
};

/// The producer's loop in `mode`.
CodeListing producerListing(ipc::Mode mode);
/// The consumer's loop in `mode`.
CodeListing consumerListing(ipc::Mode mode);

} // namespace prodcons::server
