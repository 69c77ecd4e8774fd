#include "bundled_names.h"

// Q_INIT_RESOURCE declares a function of the global namespace, so it must be expanded outside
// of any namespace. Registering twice is harmless: Qt ignores a resource it already has.
static void registerBundledNames()
{
    Q_INIT_RESOURCE(prodcons_names);
}

namespace prodcons::resources {

namespace {

void registerOnce()
{
    static const bool registered = (registerBundledNames(), true);
    Q_UNUSED(registered);
}

} // namespace

QString bundledNamesPath()
{
    registerOnce();
    return QStringLiteral(":/prodcons/names.txt");
}

QString czechNamesPath()
{
    registerOnce();
    return QStringLiteral(":/prodcons/names_cs.txt");
}

} // namespace prodcons::resources
