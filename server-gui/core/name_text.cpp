#include "name_text.h"

#include <QCoreApplication>

namespace prodcons::server {

QString shortenedName(std::string_view name, qsizetype shown)
{
    const QString text = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    // A little slack: cutting three characters to add "..." and a length would say nothing.
    if (text.size() <= shown + 8)
        return text;
    return QCoreApplication::translate("prodcons::server::NameText", "%1... (%2 bytes)")
        .arg(text.left(shown))
        .arg(name.size());
}

} // namespace prodcons::server
