// prodcons_chaos: the chaos run of tst_acceptance_chaos, as long as asked, for scripts/chaos.sh.
//   prodcons_chaos SECONDS [shm|mq] [--phases kill,stop,pause-reset,sessions,teach] [--rate N|max]
//                  [--kill-every MS] [--stop-every MS] [--pause-reset-every MS] [--sessions N]
//                  [--session-names N] [--seed N] [--prefix P]
#include "chaos_run.h"
#include "ipc/cleanup.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::acceptance;

namespace {

int usage(const QString& message)
{
    std::fprintf(stderr, "prodcons_chaos: %s (see --help)\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Four producers and four consumers on two servers under chaos, in phases: server "
        "children killed at random and one whole server once (kill); children stopped and "
        "continued (stop); consumers that reset holding names while producers run or are "
        "stopped (pause-reset); then back-to-back 1-to-1 sessions checked for order "
        "(sessions). Checks that no acknowledged name was lost."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SECONDS"), QStringLiteral("Time under chaos."));
    parser.addPositionalArgument(QStringLiteral("MODE"), QStringLiteral("shm (default) or mq."));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Producers' rate (names per minute) or max."),
                                  QStringLiteral("N"), QStringLiteral("max"));
    const QCommandLineOption killEvery(QStringLiteral("kill-every"),
                                       QStringLiteral("Mean milliseconds between kills."),
                                       QStringLiteral("MS"), QStringLiteral("250"));
    const QCommandLineOption phases(
        QStringLiteral("phases"),
        QStringLiteral("The phases, comma-separated: kill, stop, pause-reset, sessions, teach, or "
                       "all."),
        QStringLiteral("LIST"), QStringLiteral("all"));
    const QCommandLineOption stopEvery(
        QStringLiteral("stop-every"),
        QStringLiteral("Mean milliseconds from one SIGCONT to the next SIGSTOP."),
        QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption pauseResetEvery(
        QStringLiteral("pause-reset-every"),
        QStringLiteral("Mean milliseconds between two rounds of resetting consumers."),
        QStringLiteral("MS"), QStringLiteral("2000"));
    const QCommandLineOption sessions(QStringLiteral("sessions"),
                                      QStringLiteral("Back-to-back 1-to-1 sessions at the end."),
                                      QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption sessionNames(QStringLiteral("session-names"),
                                          QStringLiteral("Names per session."), QStringLiteral("N"),
                                          QStringLiteral("2000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption prefix(QStringLiteral("prefix"),
                                    QStringLiteral("IPC prefix (default: /pcchaos<pid>)."),
                                    QStringLiteral("P"));
    parser.addOptions({phases, rate, killEvery, stopEvery, pauseResetEvery, sessions, sessionNames,
                       seed, prefix});
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    bool ok = false;
    const int seconds = positional.value(0).toInt(&ok);
    if (positional.isEmpty() || positional.size() > 2 || !ok || seconds < 1)
        return usage(QStringLiteral("give the duration in seconds, then shm or mq"));
    const QString mode = positional.value(1, QStringLiteral("shm"));
    if (mode != QLatin1String("shm") && mode != QLatin1String("mq"))
        return usage(QStringLiteral("the mode is shm or mq"));

    ChaosOptions options;
    options.mode = mode == QLatin1String("mq") ? ipc::Mode::Mq : ipc::Mode::Shm;
    options.duration = std::chrono::seconds(seconds);
    options.rate = parser.value(rate);
    options.killEvery = std::chrono::milliseconds(parser.value(killEvery).toInt(&ok));
    if (!ok || options.killEvery.count() < 10)
        return usage(QStringLiteral("--kill-every takes at least 10 ms"));
    const auto chosen = ChaosPhases::parse(parser.value(phases));
    if (!chosen)
        return usage(
            QStringLiteral("--phases takes kill, stop, pause-reset, sessions, teach or all"));
    options.phases = *chosen;
    options.stopEvery = std::chrono::milliseconds(parser.value(stopEvery).toInt(&ok));
    if (!ok || options.stopEvery.count() < 10)
        return usage(QStringLiteral("--stop-every takes at least 10 ms"));
    options.pauseResetEvery = std::chrono::milliseconds(parser.value(pauseResetEvery).toInt(&ok));
    if (!ok || options.pauseResetEvery.count() < 10)
        return usage(QStringLiteral("--pause-reset-every takes at least 10 ms"));
    options.sessions = parser.value(sessions).toInt(&ok);
    if (!ok || options.sessions < 1)
        return usage(QStringLiteral("--sessions takes a positive number"));
    options.sessionNames = parser.value(sessionNames).toLongLong(&ok);
    if (!ok || options.sessionNames < 1)
        return usage(QStringLiteral("--session-names takes a positive number"));
    options.seed = parser.value(seed).toUInt();
    options.prefix = parser.isSet(prefix) ? parser.value(prefix).toStdString()
                                          : "/pcchaos" + std::to_string(::getpid());
    options.progress = [](const QString& line) {
        std::fprintf(stderr, "chaos: %s\n", qPrintable(line));
    };

    ChaosRun chaos(options);
    const ChaosResult result = chaos.run();
    std::printf("mode: %s\n%s\n", qPrintable(mode.toUpper()), qPrintable(result.summary()));
    // A failed run may have left its servers' objects (killed at the end): not on this machine.
    if (auto names = ipc::ObjectNames::from_prefix(options.prefix)) {
        const ipc::CleanupReport left = ipc::cleanup(names.value());
        if (left.removed_count() > 0)
            std::fprintf(stderr, "chaos: %s\n", left.summary().c_str());
    }
    return result.passed() ? 0 : 1;
}
