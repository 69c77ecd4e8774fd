// What the client window starts with: defaults, then the saved settings, then the command line.
#pragma once

#include "command_line.h"
#include "rate.h"
#include "role.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <optional>

namespace prodcons::client {

/// The window's settings (what QSettings keeps between runs).
struct ClientOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 12345;
    Role role = Role::Producer;
    Rate rate = Rate::perMinute(60);
    bool tag = false;
    QString prefix; // for Cleanup; empty: $PRODCONS_IPC_PREFIX or /prodcons

    /// The defaults, with the prefix from the environment.
    static ClientOptions defaults();
};

/// prodcons-client's command line: each option given overrides the saved setting.
struct ClientCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(ClientCommandLine)

public:
    std::optional<QString> host;
    std::optional<quint16> port;
    std::optional<Role> role;
    std::optional<Rate> rate;
    std::optional<QString> prefix;
    bool tag = false;
    bool connect = false;    // connect at once
    bool noSettings = false; // neither read nor write the saved settings

    void applyTo(ClientOptions& options) const;

    /// Run; ExitOk: --help or --version, `message` is the text for stdout; UsageError:
    /// `message` says what is wrong.
    using Outcome = common::CommandLineOutcome;
    /// Parses `arguments` (the application's arguments, program name first).
    static Outcome parse(const QStringList& arguments, ClientCommandLine& result, QString& message);
};

} // namespace prodcons::client
