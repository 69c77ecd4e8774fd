#include "objects_inspection.h"

#include "ipc/object_names.h"

namespace prodcons::server {

ObjectsInspection inspectObjects(const QString& prefix)
{
    using Outcome = ObjectsInspection::Outcome;
    const auto names = ipc::ObjectNames::from_prefix(prefix.toStdString());
    if (!names)
        return {Outcome::InvalidPrefix, std::nullopt, {}};
    auto snapshot = ipc::inspect(names.value());
    if (!snapshot)
        return {Outcome::Unreadable, std::nullopt,
                QString::fromStdString(ipc::describe(snapshot.error()))};
    return {Outcome::Read, std::move(snapshot).value(), {}};
}

} // namespace prodcons::server
