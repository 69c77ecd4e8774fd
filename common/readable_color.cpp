#include "readable_color.h"

#include <QGuiApplication>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace prodcons::common {

namespace {

double relativeLuminance(const QColor& colour)
{
    const auto linear = [](double channel) {
        return channel <= 0.03928 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = colour.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) +
           0.0722 * linear(rgb.blueF());
}

} // namespace

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor& wanted, const QColor& background, double minimum)
{
    if (contrastRatio(wanted, background) >= minimum)
        return wanted;
    // Away from the background: lighter on a dark one, darker on a light one, in HSL
    // lightness steps, so that green stays green. The last step (white or black) always has
    // the most contrast there is.
    const bool lighten = relativeLuminance(background) < 0.18;
    const QColor hsl = wanted.toHsl();
    const float start = hsl.lightnessF();
    QColor candidate = wanted;
    for (int step = 1; step <= 20; ++step) {
        const float toGo = static_cast<float>(step) / 20.0f;
        const float lightness = lighten ? start + (1.0f - start) * toGo : start * (1.0f - toGo);
        candidate = QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), lightness, hsl.alphaF());
        if (contrastRatio(candidate, background) >= minimum)
            break;
    }
    return candidate.toRgb();
}

QColor readableText(const QColor& wanted)
{
    return readableOn(wanted, QGuiApplication::palette().color(QPalette::Base));
}

} // namespace prodcons::common
