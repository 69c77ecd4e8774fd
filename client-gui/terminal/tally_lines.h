// The machine-readable lines socket_cl prints at exit; acceptance tests parse them.
#pragma once

#include "session_figures.h"
#include "tag_tracker.h"

#include <QByteArray>
#include <QList>

namespace prodcons::client {

/// "tally source=S sent=N acknowledged=N" (" source=S" only when tagging; " errors=N" only when
/// the server rejected names).
QByteArray producerTally(const QByteArray& tagSource, const SessionFigures& figures);

/// One "tally source=S distinct=N max=N gaps=N duplicates=N" per source seen (when tracking),
/// then "tally received=N" (plus " untagged=N" when tracking found names without a tag).
QList<QByteArray> consumerTallies(const TagTracker& tracker, const SessionFigures& figures,
                                  bool tracking);

} // namespace prodcons::client
