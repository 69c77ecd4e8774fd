// Colours that stay readable on the desktop's palette, light or dark: the windows pick their
// state colours for a light background, and a dark theme would put dark green text on black.
#pragma once

#include <QColor>

namespace prodcons::common {

/// The WCAG contrast ratio of two colours: 1 (the same luminance) to 21 (black on white).
double contrastRatio(const QColor& a, const QColor& b);

/// `wanted`, with its hue and saturation, made lighter or darker until it has at least
/// `minimum` contrast against `background` (4.5 is WCAG's level AA for text); as it is when it
/// already has.
QColor readableOn(const QColor& wanted, const QColor& background, double minimum = 4.5);

/// readableOn() against the application palette's Base colour, where lists and tables draw
/// their text.
QColor readableText(const QColor& wanted);

} // namespace prodcons::common
