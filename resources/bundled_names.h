// Where the bundled first-names list lives inside the program (Qt resource system).
#pragma once

#include <QString>

namespace prodcons::resources {

/// The resource path of the bundled names list (":/prodcons/names.txt"): UTF-8, one name a
/// line, lines starting with '#' are comments. Registers the resource on first call.
QString bundledNamesPath();

} // namespace prodcons::resources
