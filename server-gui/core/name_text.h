// A name as a line of text for people: the report of --status, the buffer's tooltips. Names may
// be lines of up to 8 KiB (--slot-size); shown whole they would bury everything around them.
#pragma once

#include <QString>
#include <string_view>

namespace prodcons::server {

/// `name` as it is when it is at most about `shown` characters long; otherwise its first `shown`
/// characters, "...", and its length in bytes ("0 1 1 0 ... (2047 bytes)").
QString shortenedName(std::string_view name, qsizetype shown = 72);

} // namespace prodcons::server
