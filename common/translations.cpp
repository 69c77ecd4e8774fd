#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// Q_INIT_RESOURCE declares a function of the global namespace: expanded outside any namespace.
// The resource lives in a static library, so it is registered here, by whoever installs.
static void registerTranslations()
{
    Q_INIT_RESOURCE(prodcons_translations);
}

namespace prodcons::common {

namespace {

// Texts of QCommandLineParser (Qt 6.4) that Qt's own Czech catalogue lacks, so that --help is
// Czech all through: listed here, lupdate puts them into translations/, and ours is asked first.
[[maybe_unused]] constexpr const char* kQtTextsMissingFromQtsCatalogue[] = {
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays help on commandline options."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays help including Qt specific options."),
};

// Loads `name`_<language>.qm from `folder` for `locale`; installs it in `app` when found.
bool install(QCoreApplication& app, const QLocale& locale, const QString& name,
             const QString& folder)
{
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, name, QStringLiteral("_"), folder) &&
        QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

QString translationsResourcePath()
{
    static const bool registered = (registerTranslations(), true);
    Q_UNUSED(registered);
    return QStringLiteral(":/prodcons/translations");
}

bool installTranslations(QCoreApplication& app, const QLocale& locale)
{
    install(app, locale, QStringLiteral("qtbase"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return install(app, locale, QStringLiteral("prodcons"), translationsResourcePath());
}

} // namespace prodcons::common
