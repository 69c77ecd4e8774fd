// Whether a window can be used from the keyboard alone: every visible, enabled control (button,
// field, spin box, combo box, slider, list or table) is in the Tab chain, has an accessible
// name (its own, its text, or its label's), and a shortcut (a button's mnemonic or shortcut,
// a field's label mnemonic, or for a part of a composite control such as the rate's slider and
// spin box, the mnemonic that reaches the composite). Lists and tables need no shortcut; the
// scroll bars of a scroll area that takes Tab are reached through it.
#pragma once

#include <QStringList>
#include <QWidget>

namespace prodcons::test {

/// One line per control that falls short, naming it and what it lacks; empty when none does.
QStringList keyboardProblems(const QWidget* window);

} // namespace prodcons::test
