#include "command_line.h"

#include "ipc/config.h"
#include "ipc_prefix.h"
#include "translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <cstring>

namespace prodcons::common {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::common", text);
}

} // namespace

int CommandLineOutcome::finish() const
{
    switch (action) {
    case Action::Answer:
        std::fputs(qPrintable(message), stdout);
        return kExitSuccess;
    case Action::UsageError:
        std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()),
                     qPrintable(message));
        return kExitUsage;
    case Action::Run:
        break;
    }
    return kExitSuccess;
}

void beginCommandLine(QCommandLineParser& parser, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
}

CommandLineOutcome parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                    qsizetype maxPositional)
{
    if (!parser.parse(arguments))
        return CommandLineOutcome::usageError(parser.errorText());
    // --help-all is Qt's (it would list Qt's own options): the same answer as --help here.
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")))
        return CommandLineOutcome::answer(parser.helpText());
    if (parser.isSet(QStringLiteral("version")))
        return CommandLineOutcome::answer(QStringLiteral("%1 %2\n").arg(
            QCoreApplication::applicationName(), QCoreApplication::applicationVersion()));
    if (const QStringList positional = parser.positionalArguments();
        positional.size() > maxPositional)
        return CommandLineOutcome::usageError(
            tr("unexpected argument '%1' (see --help)").arg(positional[maxPositional]));
    return CommandLineOutcome::run();
}

std::optional<qint64> wholeNumber(const QString& text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

std::optional<QString> ipcPrefixOption(const QString& text, QString& error)
{
    if (isValidIpcPrefix(text))
        return text;
    error = tr("--prefix takes %1 (for example /prodcons), not '%2'").arg(ipcPrefixRule(), text);
    return std::nullopt;
}

QString slotSizeHelp()
{
    return tr("Bytes per buffer slot, %1 to %2 (default %3): lines up to one byte less are "
              "accepted. Every server of a prefix must use the same size.")
        .arg(ipc::kMinSlotSize)
        .arg(ipc::kMaxSlotSize)
        .arg(ipc::kDefaultSlotSize);
}

std::optional<quint32> slotSizeOption(const QString& text, QString& error)
{
    if (const auto bytes = wholeNumber(text, ipc::kMinSlotSize, ipc::kMaxSlotSize))
        return static_cast<quint32>(*bytes);
    error = tr("--slot-size takes %1 to %2 bytes (the longest line is one byte less), not '%3'")
                .arg(ipc::kMinSlotSize)
                .arg(ipc::kMaxSlotSize)
                .arg(text);
    return std::nullopt;
}

std::optional<int>
answerHelpOrVersionFirst(int argc, char* argv[],
                         const std::function<CommandLineOutcome(const QStringList&)>& parse)
{
    bool asked = false;
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "-?", "-v", "--version"})
            asked = asked || std::strcmp(argv[i], flag) == 0;
    if (!asked)
        return std::nullopt;
    QCoreApplication app(argc, argv); // no display needed for this
    installTranslations(app);         // --help in the user's language
    const CommandLineOutcome outcome = parse(QCoreApplication::arguments());
    if (outcome.runs())
        return std::nullopt;
    return outcome.finish();
}

} // namespace prodcons::common
