#include "name_list.h"

#include "bundled_names.h"
#include "name_tag.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>

namespace prodcons::client {

bool NameList::isValidName(QByteArrayView name)
{
    // What the server stores (server-gui/session/name_check.h), so a list never feeds it a
    // name it refuses.
    return !name.isEmpty() && name.size() <= NameTag::kMaxNameBytes &&
           std::none_of(name.begin(), name.end(),
                        [](char c) {
                            const auto byte = static_cast<unsigned char>(c);
                            return byte < 0x20 || byte == 0x7F;
                        }) &&
           name.isValidUtf8() && !name.startsWith("ERROR:");
}

NameList NameList::fromText(QByteArrayView text)
{
    NameList list;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (isValidName(line))
            list.m_names.append(line.toByteArray());
        else
            ++list.m_rejected;
    }
    return list;
}

NameList NameList::fromFile(const QString& path, QString* errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = QCoreApplication::translate("NameList", "cannot read %1: %2")
                                .arg(path, file.errorString());
        return {};
    }
    NameList list = fromText(file.readAll());
    if (list.isEmpty() && errorMessage)
        *errorMessage =
            QCoreApplication::translate("NameList", "%1 holds no usable name").arg(path);
    return list;
}

NameList NameList::bundled(Bundled which)
{
    return fromFile(which == Bundled::Czech ? resources::czechNamesPath()
                                            : resources::bundledNamesPath());
}

std::optional<NameList::Bundled> NameList::bundledByName(const QString& word)
{
    for (const Bundled which : {Bundled::International, Bundled::Czech})
        if (word.compare(bundledName(which), Qt::CaseInsensitive) == 0)
            return which;
    return std::nullopt;
}

QString NameList::bundledName(Bundled which)
{
    return which == Bundled::Czech ? QStringLiteral("cs") : QStringLiteral("international");
}

} // namespace prodcons::client
