#include "command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace prodcons::common {

CommandLineOutcome parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                    const QCommandLineOption& help,
                                    const QCommandLineOption& version, QString& message)
{
    if (!parser.parse(arguments)) {
        message = parser.errorText();
        return CommandLineOutcome::UsageError;
    }
    if (parser.isSet(help)) {
        message = parser.helpText();
        return CommandLineOutcome::ExitOk;
    }
    if (parser.isSet(version)) {
        message = QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                QCoreApplication::applicationVersion());
        return CommandLineOutcome::ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        message =
            QCoreApplication::translate("CommandLine", "unexpected argument '%1' (see --help)")
                .arg(parser.positionalArguments().constFirst());
        return CommandLineOutcome::UsageError;
    }
    return CommandLineOutcome::Run;
}

} // namespace prodcons::common
