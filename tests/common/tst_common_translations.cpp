// The Czech translation: every source text has one (lupdate over today's sources adds nothing,
// leaves nothing unfinished and drops nothing), each keeps the placeholders and the keyboard
// accelerator of its source, it is compiled in and loaded from the locale, and the four programs
// answer --help and usage errors in Czech under LANG=cs_CZ.UTF-8.
#include "test_support.h"
#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString kSourceDir = QStringLiteral(PRODCONS_SOURCE_DIR);
const QString kTsFile = kSourceDir + QStringLiteral("/translations/prodcons_cs.ts");
constexpr int kCzechPluralForms = 3; // 1; 2 to 4; 0 and 5 or more

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    QString type; // "unfinished", "vanished", "obsolete" or empty
    QStringList translations;

    QString key() const { return context + QLatin1Char('\x1f') + source; }
};

QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message =
                Message{context,
                        {},
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                        {},
                        {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus) {
                message.translations << xml.readElementText();
                messages << message;
            }
        } else if (name == QLatin1String("numerusform")) {
            message.translations << xml.readElementText();
        }
        if (message.numerus && name == QLatin1String("numerusform") &&
            message.translations.size() == kCzechPluralForms)
            messages << message;
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QString describe(const Message& message)
{
    return QStringLiteral("[%1] \"%2\"").arg(message.context, message.source);
}

// The placeholders of a text, sorted: %1..%99 and %n.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral("%(\\d{1,2}|n)"));
    QStringList found;
    for (const auto& match : placeholder.globalMatch(text))
        found << match.captured();
    found.sort();
    return found;
}

// The keyboard accelerators of a text: '&' before a letter ("&&" is a literal '&'); HTML
// entities such as "&lt;" are not accelerators.
int accelerators(const QString& text)
{
    static const QRegularExpression entity(QStringLiteral("&[a-z]+;"));
    QString plain = text;
    plain.remove(entity).remove(QStringLiteral("&&"));
    int count = 0;
    for (qsizetype i = plain.indexOf(u'&'); i >= 0 && i + 1 < plain.size();
         i = plain.indexOf(u'&', i + 1))
        count += plain[i + 1].isLetterOrNumber() ? 1 : 0;
    return count;
}

// Runs a program of this project with a Czech locale; returns stdout and stderr together.
QString runCzech(const QString& program, const QStringList& arguments, int* exitCode)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "DISPLAY", "WAYLAND_DISPLAY"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("cs_CZ.UTF-8"));
    process.setProcessEnvironment(environment);
    process.start(prodcons::test::binaryPath(program), arguments);
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
    }
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

} // namespace

class tst_CommonTranslations : public QObject
{
    Q_OBJECT

private slots:
    void everySourceTextHasACzechTranslation()
    {
        // lupdate over today's sources into a copy of the committed file, as
        // `cmake --build build --target update_translations` does.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("prodcons_cs.ts"));
        QVERIFY(QFile::copy(kTsFile, copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(kSourceDir);
        lupdate.start(QStringLiteral(PRODCONS_LUPDATE),
                      {QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("-no-obsolete"), QStringLiteral("-silent"),
                       QStringLiteral("common"), QStringLiteral("client-gui"),
                       QStringLiteral("server-gui"), QStringLiteral("-ts"), copy});
        QVERIFY2(lupdate.waitForFinished(60'000), qPrintable(lupdate.errorString()));
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                 lupdate.readAllStandardError().constData());

        QString error;
        const QList<Message> committed = readTs(kTsFile, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> updated = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(updated.size() > 400);

        QStringList problems;
        QSet<QString> committedKeys;
        for (const Message& message : committed) {
            committedKeys.insert(message.key());
            if (!message.type.isEmpty())
                problems << QStringLiteral("%1 in the committed file: %2")
                                .arg(message.type, describe(message));
        }
        QSet<QString> updatedKeys;
        for (const Message& message : updated) {
            updatedKeys.insert(message.key());
            if (!message.type.isEmpty())
                problems << QStringLiteral("%1: %2").arg(message.type, describe(message));
            const qsizetype forms = message.numerus ? kCzechPluralForms : 1;
            if (message.translations.size() != forms)
                problems << QStringLiteral("%1 form(s), not %2: %3")
                                .arg(message.translations.size())
                                .arg(forms)
                                .arg(describe(message));
            for (const QString& translation : message.translations)
                if (translation.trimmed().isEmpty())
                    problems << QStringLiteral("empty: %1").arg(describe(message));
        }
        for (const QString& key : committedKeys - updatedKeys)
            problems << QStringLiteral("no longer in the sources: %1").arg(key);
        qInfo("%lld source texts, all translated", static_cast<long long>(updated.size()));
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("translations/prodcons_cs.ts is not up to date "
                                           "(cmake --build build --target update_translations, "
                                           "then translate):\n") +
                            problems.join(u'\n')));
    }

    void translationsKeepPlaceholdersAndAccelerators()
    {
        QString error;
        const QList<Message> messages = readTs(kTsFile, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList problems;
        for (const Message& message : messages) {
            const QStringList expected = placeholders(message.source);
            for (const QString& translation : message.translations) {
                const QStringList got = placeholders(translation);
                if (got != expected)
                    problems << QStringLiteral("placeholders %1, not %2: %3 -> \"%4\"")
                                    .arg(got.join(u','), expected.join(u','), describe(message),
                                         translation);
                if (accelerators(translation) != accelerators(message.source))
                    problems << QStringLiteral("accelerator: %1 -> \"%2\"")
                                    .arg(describe(message), translation);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void englishNeedsNoTranslation()
    {
        QVERIFY(!prodcons::common::installTranslations(*QCoreApplication::instance(),
                                                       QLocale(QLocale::English)));
        QCOMPARE(QCoreApplication::translate("SessionState", "connecting"),
                 QStringLiteral("connecting"));
    }

    void czechIsCompiledInAndLoadedFromTheLocale()
    {
        QVERIFY(QFile::exists(prodcons::common::translationsResourcePath() +
                              QStringLiteral("/prodcons_cs.qm")));
        QVERIFY(prodcons::common::installTranslations(*QCoreApplication::instance(),
                                                      QLocale(QLocale::Czech, QLocale::Czechia)));
        QCOMPARE(QCoreApplication::translate("SessionState", "connecting"),
                 QString::fromUtf8("připojování"));
        QCOMPARE(QCoreApplication::translate("prodcons::client::NameSession",
                                             " (%n name(s) unanswered)", nullptr, 3),
                 QString::fromUtf8(" (3 jména bez odpovědi)"));
        // Qt's own texts (dialog buttons, --help's own options) when Debian's
        // qt6-translations-l10n is there.
        if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                          QStringLiteral("/qtbase_cs.qm")))
            QCOMPARE(
                QCoreApplication::translate("QCommandLineParser", "Displays version information."),
                QString::fromUtf8("Zobrazit informace o verzi."));
    }

    void programsAnswerInCzech_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("socket_srv --help")
            << "socket_srv" << QStringList{"--help"} << 0
            << QString::fromUtf8("Obsluhovat přes sdílenou paměť a semafory.");
        QTest::newRow("socket_srv usage error")
            << "socket_srv" << QStringList{} << 2 << QString::fromUtf8("zvolte jeden režim");
        QTest::newRow("socket_cl --help")
            << "socket_cl" << QStringList{"--help"} << 0
            << QString::fromUtf8("Terminálový klient serverů producent-konzument.");
        QTest::newRow("socket_cl usage error") << "socket_cl" << QStringList{"localhost"} << 2
                                               << QString::fromUtf8("očekávány HOST a PORT");
        QTest::newRow("prodcons-server --help")
            << "prodcons-server" << QStringList{"--help"} << 0
            << QString::fromUtf8("Okno serveru producent-konzument");
        QTest::newRow("prodcons-client --help")
            << "prodcons-client" << QStringList{"--help"} << 0
            << QString::fromUtf8("Okno klienta producent-konzument");
    }

    void programsAnswerInCzech()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        int status = -1;
        const QString output = runCzech(program, arguments, &status);
        QVERIFY2(output.contains(expected), qPrintable(output));
        QCOMPARE(status, exitCode);
    }
};

QTEST_GUILESS_MAIN(tst_CommonTranslations)
#include "tst_common_translations.moc"
