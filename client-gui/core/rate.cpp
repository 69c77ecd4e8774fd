#include "rate.h"

#include <algorithm>

namespace prodcons::client {

Rate Rate::perMinute(qint64 namesPerMinute)
{
    return Rate(std::clamp(namesPerMinute, kMinPerMinute, kMaxPerMinute));
}

std::optional<Rate> Rate::parse(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.compare(u"max", Qt::CaseInsensitive) == 0)
        return unthrottled();
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (!ok || value < kMinPerMinute || value > kMaxPerMinute)
        return std::nullopt;
    return Rate(value);
}

QString Rate::toString() const
{
    return isUnthrottled() ? QStringLiteral("max") : QStringLiteral("%1/min").arg(m_perMinute);
}

} // namespace prodcons::client
