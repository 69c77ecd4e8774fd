// Corruption fuzz: two real servers serve a producer and a consumer while another process maps
// the control object and writes random values into each field of the control block in turn
// (header, then slots), and random bytes over the whole block. No server may crash or hang:
// each stays alive and greets a new connection with "Task?" in time, or ends with an error of
// its own (never by a signal); the tools (--status) end too; and `socket_srv --cleanup` removes
// the set every time. Seeded: the seed is printed, PRODCONS_CORRUPTION_SEED replays a run.
#include "client_process.h"
#include "event_wait.h"
#include "ipc/layout.h"
#include "ipc_test_prefix.h"
#include "mapped_control.h"
#include "raw_client.h"
#include "server_process.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <random>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::waitUntil;

Q_DECLARE_METATYPE(prodcons::ipc::Mode)

namespace {

using Rng = std::mt19937_64;

/// A value of the kind that breaks things: huge, all ones, zero, just past a limit, random.
std::uint64_t wild(Rng& rng)
{
    switch (rng() % 8) {
    case 0:
        return 0;
    case 1:
        return UINT32_MAX;
    case 2:
        return UINT64_MAX;
    case 3:
        return rng() % 16;
    case 4:
        return 1ull << (32 + rng() % 31);
    case 5:
        return rng() & 0xFFFFFFFFu;
    default:
        return rng();
    }
}

/// Random bytes over the whole control object.
void scribble(const test::MappedControl& control, Rng& rng)
{
    for (unsigned char& byte : control.bytes())
        byte = static_cast<unsigned char>(rng());
}

struct Field
{
    const char* name;
    std::function<void(const ipc::layout::ControlView&, std::uint32_t slot, Rng&)> write;
};

template <typename T> void put(std::atomic<T>& field, Rng& rng)
{
    field.store(static_cast<T>(wild(rng)));
}
template <typename T> void put(T& field, Rng& rng)
{
    field = static_cast<T>(wild(rng));
}

// clang-format off
const std::vector<Field> kHeaderFields = {
    {"ring_head", [](auto& v, auto, Rng& r) { put(v.header().ring_head, r); }},
    {"ring_tail", [](auto& v, auto, Rng& r) { put(v.header().ring_tail, r); }},
    {"orphans[SHM]", [](auto& v, auto, Rng& r) { put(v.header().orphans[0], r); }},
    {"orphans[MQ]", [](auto& v, auto, Rng& r) { put(v.header().orphans[1], r); }},
    {"reconcile", [](auto& v, auto, Rng& r) { put(v.header().reconcile[0], r); }},
    {"mutex_owner", [](auto& v, auto, Rng& r) { put(v.header().mutex_owner, r); }},
    {"mutex_epoch", [](auto& v, auto, Rng& r) { put(v.header().mutex_epoch, r); }},
    {"slots_high_water", [](auto& v, auto, Rng& r) { put(v.header().slots_high_water, r); }},
    {"participants_reaped", [](auto& v, auto, Rng& r) { put(v.header().participants_reaped, r); }},
};
const std::vector<Field> kSlotFields = {
    {"state", [](auto& v, auto s, Rng& r) { put(v.slot(s).state, r); }},
    {"kind", [](auto& v, auto s, Rng& r) { put(v.slot(s).kind, r); }},
    {"mode", [](auto& v, auto s, Rng& r) { put(v.slot(s).mode, r); }},
    {"pid", [](auto& v, auto s, Rng& r) { put(v.slot(s).pid, r); }},
    {"mutex_claim", [](auto& v, auto s, Rng& r) { put(v.slot(s).mutex_claim, r); }},
    {"held_head", [](auto& v, auto s, Rng& r) { put(v.slot(s).held_head, r); }},
    {"held_tail", [](auto& v, auto s, Rng& r) { put(v.slot(s).held_tail, r); }},
    {"reserved", [](auto& v, auto s, Rng& r) { put(v.slot(s).reserved, r); }},
    {"transfer_count", [](auto& v, auto s, Rng& r) { put(v.slot(s).transfer_count, r); }},
    {"transfer_source_slot", [](auto& v, auto s, Rng& r) { put(v.slot(s).transfer_source_slot, r); }},
    {"transfer_source_before", [](auto& v, auto s, Rng& r) { put(v.slot(s).transfer_source_before, r); }},
    {"transfer_tail_before", [](auto& v, auto s, Rng& r) { put(v.slot(s).transfer_tail_before, r); }},
    {"transfer", [](auto& v, auto s, Rng& r) { put(v.slot(s).transfer, r); }},
};
// clang-format on

// How long the servers are watched after each write.
constexpr qint64 kWatchMs = 300;

const QByteArrayList kCrashes = {"Segmentation fault", "Bus error", "Aborted",
                                 "Illegal instruction", "Floating point exception"};

std::uint64_t seed()
{
    bool ok = false;
    const qulonglong given = qEnvironmentVariable("PRODCONS_CORRUPTION_SEED").toULongLong(&ok);
    return ok ? given : std::random_device{}();
}

struct Run
{
    int exitCode = -1; ///< -1: did not end in time, or ended by a signal
    QByteArray output;
};

Run socketSrv(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(test::binaryPath(QStringLiteral("socket_srv")), arguments);
    Run run;
    if (process.waitForFinished(15000) && process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    else
        process.kill();
    process.waitForFinished(5000);
    run.output = process.readAll();
    return run;
}

} // namespace

class tst_AcceptanceCorruption : public QObject
{
    Q_OBJECT

private:
    std::uint64_t m_seed = 0;

    /// Is `server` still well: alive and greeting a new connection, or ended by itself with
    /// an error; and no child of it crashed. Empty when so, else why not.
    static QString unwell(ServerProcess& server, const char* what)
    {
        for (const QByteArray& crash : kCrashes)
            if (server.log().contains(crash))
                return QStringLiteral("after %1: a child of server %2 crashed:\n%3")
                    .arg(QLatin1String(what))
                    .arg(server.pid())
                    .arg(QString::fromLocal8Bit(server.log()));
        if (!server.running()) {
            if (server.crashed() || server.exitCode() == 0)
                return QStringLiteral("after %1: server %2 ended %3:\n%4")
                    .arg(QLatin1String(what))
                    .arg(server.pid())
                    .arg(server.crashed() ? QStringLiteral("by a signal")
                                          : QStringLiteral("with status 0, saying nothing"))
                    .arg(QString::fromLocal8Bit(server.log()));
            return {}; // ended with an error of its own
        }
        RawClient client;
        if (!client.open(server.port()) || !client.waitConnected(5s))
            return QStringLiteral("after %1: server %2 accepts no connection")
                .arg(QLatin1String(what))
                .arg(server.pid());
        const QByteArray greeting = client.readLine(5s);
        if (greeting != "Task?" && server.running())
            return QStringLiteral("after %1: server %2 answered '%3', not Task?")
                .arg(QLatin1String(what))
                .arg(server.pid())
                .arg(QString::fromLatin1(greeting));
        return {};
    }

    /// One round: two servers of `mode` and two clients, the corruption `corrupt`, then the
    /// checks after each step, --status, and --cleanup.
    void round(ipc::Mode mode, const char* label,
               const std::function<void(const test::MappedControl&,
                                        const std::function<void(const char*)>&)>& corrupt)
    {
        test::IpcTestPrefix prefix;
        ServerProcess a(mode, prefix.prefix());
        ServerProcess b(mode, prefix.prefix());
        QVERIFY2(a.start(), a.log().constData());
        QVERIFY2(b.start(), b.log().constData());
        ClientProcess producer(ClientProcess::producer(a.port(), "fuzz", 100000000));
        ClientProcess consumer(ClientProcess::consumer(b.port(), 100000000));
        qint64 seen = 0;
        consumer.setLineHandler([&seen](QByteArrayView) { ++seen; });
        QVERIFY(producer.start() && consumer.start());
        QVERIFY2(waitUntil([&] { return seen > 20; }, 15s), qPrintable(consumer.describe()));

        {
            test::MappedControl control(prefix.names().control);
            QVERIFY(control.ok());
            QString failure;
            // After each write, probe both servers again and again for a while: a bad value
            // used to crash a server parent within 250 ms, or wedge it for good.
            corrupt(control, [&](const char* what) {
                QElapsedTimer watched;
                watched.start();
                while (failure.isEmpty() && watched.elapsed() < kWatchMs) {
                    failure = unwell(a, what);
                    if (failure.isEmpty())
                        failure = unwell(b, what);
                }
            });
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }

        // The tools: --status ends (a report, or an error), --cleanup removes everything.
        const QString p = QString::fromStdString(prefix.prefix());
        const Run status = socketSrv({QStringLiteral("--status"), QStringLiteral("--prefix"), p});
        QVERIFY2(status.exitCode == 0 || status.exitCode == 1, status.output.constData());
        const Run cleanup = socketSrv({QStringLiteral("--cleanup"), QStringLiteral("--prefix"), p});
        QVERIFY2(cleanup.exitCode == 0, cleanup.output.constData());
        QCOMPARE(prefix.leftovers(), QStringList());
        qInfo("%s %s: servers well; --status exit %d; --cleanup: %s", ipc::mode_name(mode), label,
              status.exitCode, cleanup.output.trimmed().constData());

        producer.kill();
        consumer.kill();
        a.killHard();
        b.killHard();
        QCOMPARE(prefix.leftovers(), QStringList());
    }

private slots:
    void initTestCase()
    {
        m_seed = seed();
        qInfo("seed %llu (PRODCONS_CORRUPTION_SEED=%llu replays this run)",
              static_cast<unsigned long long>(m_seed), static_cast<unsigned long long>(m_seed));
    }

    void corruptionCrashesNothingAndCleanupRemovesIt_data()
    {
        QTest::addColumn<ipc::Mode>("mode");
        QTest::addColumn<QByteArray>("target");
        for (ipc::Mode mode : {ipc::Mode::Shm, ipc::Mode::Mq})
            for (const char* target : {"header fields", "slot fields", "random bytes"})
                QTest::addRow("%s %s", ipc::mode_name(mode), target) << mode << QByteArray(target);
    }

    void corruptionCrashesNothingAndCleanupRemovesIt()
    {
        QFETCH(ipc::Mode, mode);
        QFETCH(QByteArray, target);
        // One generator per row, from the seed and the row: a row replays on its own.
        Rng rng(m_seed ^ qHash(QByteArray(ipc::mode_name(mode)) + target));
        round(mode, target.constData(), [&](const test::MappedControl& control, const auto& check) {
            const auto view = control.view();
            if (target == "header fields") {
                for (const Field& field : kHeaderFields) {
                    field.write(view, 0, rng);
                    check(field.name);
                }
            } else if (target == "slot fields") {
                // The slots in use now: the servers', the producer's and the consumer's.
                const std::uint32_t used =
                    std::max<std::uint32_t>(1, std::min(view.header().slots_high_water.load(), 8u));
                for (const Field& field : kSlotFields) {
                    field.write(view, static_cast<std::uint32_t>(rng() % used), rng);
                    check(field.name);
                }
            } else {
                scribble(control, rng);
                check("random bytes over the whole block");
            }
        });
    }
};

QTEST_GUILESS_MAIN(tst_AcceptanceCorruption)
#include "tst_acceptance_corruption.moc"
