#include "ipc/object_names.h"

#include <cstdio>
#include <cstdlib>

namespace prodcons::ipc {

namespace {

bool valid_prefix(std::string_view prefix) noexcept
{
    if (prefix.size() < 2 || prefix.size() > kMaxPrefixLength || prefix.front() != '/')
        return false;
    for (char c : prefix.substr(1)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

void join(char (&dest)[64], std::string_view prefix, const char* suffix) noexcept
{
    std::snprintf(dest, sizeof dest, "%.*s%s", static_cast<int>(prefix.size()), prefix.data(),
                  suffix);
}

} // namespace

Result<ObjectNames> ObjectNames::from_prefix(std::string_view prefix) noexcept
{
    if (!valid_prefix(prefix))
        return Error::make(Errc::BadPrefix, "ObjectNames", prefix,
                           "use '/' and then letters, digits, '_', '.', '-' (at most 48 in all)");
    ObjectNames names;
    std::snprintf(names.prefix, sizeof names.prefix, "%.*s", static_cast<int>(prefix.size()),
                  prefix.data());
    join(names.control, prefix, "_shm");
    join(names.mutex, prefix, "_mutex");
    join(names.empty, prefix, "_empty");
    join(names.full, prefix, "_full");
    join(names.queue, prefix, "_mq");
    return names;
}

ObjectNames ObjectNames::defaults() noexcept
{
    return from_prefix(kDefaultPrefix).value();
}

std::string prefix_from_environment()
{
    const char* value = std::getenv(kPrefixEnvironmentVariable);
    return value && *value ? std::string(value) : std::string(kDefaultPrefix);
}

} // namespace prodcons::ipc
