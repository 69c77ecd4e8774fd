// The first steps of a window program's command line, the same for prodcons-server and
// prodcons-client: parse, answer --help and --version, refuse stray arguments. Each program then
// reads its own options from the parser.
#pragma once

#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QCommandLineOption;
class QCommandLineParser;
QT_END_NAMESPACE

namespace prodcons::common {

enum class CommandLineOutcome
{
    Run,       ///< go on: read the options, open the window
    ExitOk,    ///< --help or --version: `message` is what to print on stdout
    UsageError ///< `message` says what is wrong
};

/// Parses `arguments` (the program first) with `parser`, whose options are all added. A parse
/// error, `help`, `version` or any positional argument (the windows take none) ends it here,
/// with `message` set; otherwise Run. Does not print and does not exit.
CommandLineOutcome parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                    const QCommandLineOption& help,
                                    const QCommandLineOption& version, QString& message);

} // namespace prodcons::common
