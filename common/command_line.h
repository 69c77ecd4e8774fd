// How the four programs read their command lines. Each has one parse function,
// `XCommandLine::parse(arguments, out)`, built on the steps here, and they share one outcome type
// and one exit status convention:
//   0  did what was asked (including --help and --version)
//   1  could not do it (a port in use, objects another user owns, a server that went away)
//   2  the command line is wrong; stderr says how
#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE

namespace prodcons::common {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// What reading a command line asks main() to do.
struct CommandLineOutcome
{
    enum class Action
    {
        Run,       ///< go on with what the options say
        Answer,    ///< --help or --version: print `message` on stdout, exit 0
        UsageError ///< print `message` on stderr, exit 2
    };
    Action action = Action::Run;
    QString message;

    static CommandLineOutcome run() { return {}; }
    static CommandLineOutcome answer(QString text) { return {Action::Answer, std::move(text)}; }
    static CommandLineOutcome usageError(QString text)
    {
        return {Action::UsageError, std::move(text)};
    }

    bool runs() const { return action == Action::Run; }
    /// For main() when !runs(): prints the message where it belongs (a usage error after the
    /// program's name) and returns the exit status.
    int finish() const;
};

/// The first step of every parse function: `description` for --help, and the --help and
/// --version options (added first, so that --help lists them first).
void beginCommandLine(QCommandLineParser& parser, const QString& description);

/// The second step, once the program's own options are added: parses `arguments` (the program
/// first), answers --help and --version, and refuses more than `maxPositional` positional
/// arguments. Run means: read the options from `parser`.
CommandLineOutcome parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                    qsizetype maxPositional);

/// A whole number from `min` to `max` written in `text`, or nullopt.
std::optional<qint64> wholeNumber(const QString& text, qint64 min, qint64 max);

/// `text` when it can name the IPC objects; otherwise nullopt with `error` saying the rule (for
/// --prefix in every program).
std::optional<QString> ipcPrefixOption(const QString& text, QString& error);

/// --slot-size in socket_srv and the server window: its --help text, and the size given (16 to
/// 8192 bytes), or nullopt with `error` saying so.
QString slotSizeHelp();
std::optional<quint32> slotSizeOption(const QString& text, QString& error);

/// For the windows' main(), before their QApplication (which needs a display): when the command
/// line asks for --help or --version, answers it through `parse` in a QCoreApplication of its
/// own and returns the exit status; otherwise nullopt.
std::optional<int>
answerHelpOrVersionFirst(int argc, char* argv[],
                         const std::function<CommandLineOutcome(const QStringList&)>& parse);

} // namespace prodcons::common
