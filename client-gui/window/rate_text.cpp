#include "rate_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace prodcons::client {

QString perMinuteText(double perMinute)
{
    const QLocale locale;
    const QString number = perMinute < 9.95 ? locale.toString(perMinute, 'f', 1)
                                            : locale.toString(qint64(std::llround(perMinute)));
    return QCoreApplication::translate("RateText", "%1/min").arg(number);
}

QString setRateText(Rate rate)
{
    return rate.isUnthrottled() ? QCoreApplication::translate("RateText", "max")
                                : perMinuteText(double(rate.namesPerMinute()));
}

} // namespace prodcons::client
