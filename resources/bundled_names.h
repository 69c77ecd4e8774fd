// Where the bundled first-names lists live inside the program (Qt resource system).
#pragma once

#include <QString>

namespace prodcons::resources {

/// The resource path of the bundled international names list (":/prodcons/names.txt"): UTF-8,
/// one name a line, lines starting with '#' are comments. Registers the resource on first call.
QString bundledNamesPath();
/// The same for the bundled Czech first names (":/prodcons/names_cs.txt").
QString czechNamesPath();

} // namespace prodcons::resources
