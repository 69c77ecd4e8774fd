// A producer's set rate: names per minute, or unthrottled.
#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace prodcons::client {

/// Names per minute in [kMinPerMinute, kMaxPerMinute], or "as fast as possible".
class Rate
{
public:
    static constexpr qint64 kMinPerMinute = 1;
    static constexpr qint64 kMaxPerMinute = 1'000'000;

    /// Clamped into [kMinPerMinute, kMaxPerMinute].
    static Rate perMinute(qint64 namesPerMinute);
    static Rate unthrottled() { return Rate(0); }
    /// "max" (any case) or a whole number of names per minute in range; nullopt otherwise.
    static std::optional<Rate> parse(QStringView text);

    bool isUnthrottled() const { return m_perMinute == 0; }
    /// 0 when unthrottled.
    qint64 namesPerMinute() const { return m_perMinute; }
    /// "600/min" or "max".
    QString toString() const;

    friend bool operator==(Rate, Rate) = default;

private:
    explicit Rate(qint64 perMinute) : m_perMinute(perMinute) {}
    qint64 m_perMinute;
};

} // namespace prodcons::client
