#include "ipc_prefix.h"

#include "ipc/object_names.h"

#include <QCoreApplication>

namespace prodcons::common {

QString ipcPrefixRule()
{
    return QCoreApplication::translate("prodcons::common",
                                       "'/' followed by 1 to %1 letters, digits, '_', '.' or '-'")
        .arg(ipc::kMaxPrefixLength - 1);
}

bool isValidIpcPrefix(const QString& prefix)
{
    return ipc::ObjectNames::from_prefix(prefix.toStdString()).ok();
}

} // namespace prodcons::common
