#include "name_list.h"

#include "bundled_names.h"
#include "name_rules.h"

#include <QCoreApplication>
#include <QFile>

namespace prodcons::client {

bool NameList::isValidName(QByteArrayView name)
{
    return NameCheck::of(name).isOk();
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
