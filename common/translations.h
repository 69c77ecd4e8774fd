// The programs' texts in the user's language: Czech next to the English of the sources.
#pragma once

#include <QLocale>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace prodcons::common {

/// Installs into `app` the translations for `locale` (by default the system's, from LANG,
/// LC_MESSAGES, LC_ALL and LANGUAGE): the programs' own (translations/prodcons_<lang>.ts,
/// compiled into the program) and Qt's own (qtbase_<lang>.qm from Qt's translations folder, for
/// dialog buttons and QCommandLineParser's texts) when they exist. The translators are children
/// of `app`. Call it right after creating the application object and before parsing the command
/// line, which builds --help through tr(). Returns whether the programs' own texts were found
/// (false for English, the sources' language, which needs none).
bool installTranslations(QCoreApplication& app, const QLocale& locale = QLocale());

/// The resource folder holding the compiled translations (":/prodcons/translations").
QString translationsResourcePath();

} // namespace prodcons::common
