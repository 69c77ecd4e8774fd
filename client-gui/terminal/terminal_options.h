// socket_cl's command line.
#pragma once

#include "producer_flow.h"
#include "rate.h"
#include "role.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace prodcons::client {

struct TerminalOptions
{
    QString host;
    quint16 port = 0;
    std::optional<Role> role; // none: asked for on stdin, as the classic client does
    Rate rate = Rate::perMinute(60);
    qint64 count = 0;  // 0: run until stopped
    QString namesFile; // empty: the bundled list
    bool shuffle = false;
    bool tag = false;
    QByteArray tagSource; // empty: random
    bool quiet = false;
    bool reconnect = false;
    qsizetype window = ProducerFlow::kDefaultWindow;
};

/// What parsing asks main() to do.
enum class OptionsOutcome
{
    Run,
    ExitOk,
    UsageError
};

/// Parses `arguments` (argv as a list). --help and --version print to stdout and give ExitOk;
/// a usage error leaves its text in `message` (the caller prints it) and gives UsageError.
OptionsOutcome parseTerminalOptions(const QStringList& arguments, TerminalOptions& options,
                                    QString& message);

} // namespace prodcons::client
