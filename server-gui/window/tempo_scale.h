// TempoScale: the positions of the teaching tempo's slider and what each says in words. The
// shared tempo (ipc/teaching.h) is a wait before each step, 0 to kMaxTempoMs; a slider of a few
// fixed positions is easier to hit on a projector than one of 2001 milliseconds, and every
// position says the same words in every server window of the prefix.
#pragma once

#include <QString>
#include <chrono>

namespace prodcons::server::tempo_scale {

/// How many slider positions there are (0: full speed ... last: about 2 s per step).
int positionCount();
/// The wait before each step at slider `position` (clamped to the scale).
std::chrono::milliseconds tempoAt(int position);
/// The position whose tempo is nearest to `tempo`: a tempo set elsewhere (socket_srv, an older
/// window) still moves the slider to the closest mark.
int positionOf(std::chrono::milliseconds tempo);
/// "full speed", "0.5 s per step", "2 s per step", in the user's language and number format.
QString describe(std::chrono::milliseconds tempo);

} // namespace prodcons::server::tempo_scale
