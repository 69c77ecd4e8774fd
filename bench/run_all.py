#!/usr/bin/env python3
"""Runs every benchmark in bench/ and writes docs/BENCHMARKS.md.

Figures on a shared 2-core machine drift from run to run, so every figure is measured next to
a baseline in the same run and reported as min / median / max over repetitions, with the ratio
of medians. Nothing here asserts anything: the numbers are for people.

    bench/run_all.py BUILD_DIR [--quick] [--output docs/BENCHMARKS.md]
"""
import argparse
import datetime
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 25100  # the benchmarks' own port range: PORT .. PORT + 99


class Run:
    def __init__(self, build: Path, quick: bool):
        self.bin = build / "bin"
        self.quick = quick
        self.sequence = 0
        self.notes = []

    def prefix(self):
        self.sequence += 1
        return f"/pcbench{os.getpid()}_{self.sequence}"

    def env(self, prefix):
        env = dict(os.environ)
        env["PRODCONS_IPC_PREFIX"] = prefix
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env


def stats(values):
    return min(values), statistics.median(values), max(values)


def fmt_rate(value):
    return f"{value / 1e6:.2f} M" if value >= 1e6 else f"{value / 1e3:.0f} k"


def triple(values, fmt=fmt_rate):
    lo, med, hi = stats(values)
    return f"{fmt(lo)} / **{fmt(med)}** / {fmt(hi)}"


# --- Processes -----------------------------------------------------------------------------

class Server:
    """socket_srv (ours) or classic_server (the textbook baseline), stopped on exit."""

    def __init__(self, run: Run, kind, mode, port, prefix, extra=()):
        self.run = run
        self.prefix = prefix
        if kind == "ours":
            args = [run.bin / "socket_srv", f"-{mode}", str(port), "--no-stdin", *extra]
        else:
            args = [run.bin / "classic_server", str(port), prefix]
        # The log goes to a file: a pipe nobody reads would fill and stall the server.
        self.log = tempfile.NamedTemporaryFile(mode="w+", prefix="pcbench-", suffix=".log")
        self.process = subprocess.Popen([str(a) for a in args], env=run.env(prefix),
                                        stdout=self.log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            self.log.seek(0)
            if "listening" in self.log.read():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"{args[0]} exited before listening")
            time.sleep(0.02)
        raise RuntimeError(f"{args[0]} did not start")

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def client(run: Run, prefix, port, *args):
    return subprocess.Popen([str(run.bin / "socket_cl"), "127.0.0.1", str(port), *map(str, args)],
                            env=run.env(prefix), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def tallies(process):
    out, err = process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"socket_cl failed ({process.returncode}): {err.strip()}")
    found = []
    for line in out.splitlines():
        if line.startswith("tally "):
            found.append(dict(kv.split("=", 1) for kv in line.split()[1:]))
    return found


def leftovers(prefix):
    stem = prefix[1:] + "_"
    return [e for e in os.listdir("/dev/shm") if e.startswith(stem) or e.startswith("sem." + stem)]


# --- Benchmarks ----------------------------------------------------------------------------

def ipc_throughput(run: Run, kind, producers, consumers, names, capacity):
    out = subprocess.run([str(run.bin / "ipc_throughput"), kind, str(producers), str(consumers),
                          str(names), str(capacity)], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def end_to_end(run: Run, kind, mode, producers, consumers, names, port):
    """Names per second from producer clients through server A, the shared buffer and
    server B to consumer clients, with every OK; verified from the clients' tallies."""
    prefix = run.prefix()
    servers = [Server(run, kind, mode, port, prefix), Server(run, kind, mode, port + 1, prefix)]
    try:
        share = names // consumers
        takers = [client(run, prefix, port + 1, "--role", "consumer", "--count", share, "--quiet",
                         "--tag") for _ in range(consumers)]
        time.sleep(0.3)  # consumers connected and waiting: only the producers' start is timed
        start = time.monotonic()
        givers = [client(run, prefix, port, "--role", "producer", "--rate", "max", "--count",
                         names // producers, "--quiet", "--tag-source", f"p{i}") for i in range(producers)]
        produced = [tallies(p) for p in givers]
        consumed = [tallies(c) for c in takers]
        elapsed = time.monotonic() - start
    finally:
        for s in servers:
            s.stop()
    acknowledged = sum(int(t[0]["acknowledged"]) for t in produced)
    received = sum(int(t[-1]["received"]) for t in consumed)
    if acknowledged != names or received != names:
        raise RuntimeError(f"tally mismatch: {acknowledged} acknowledged, {received} received")
    if producers == 1 and consumers == 1:
        tagged = consumed[0][0]
        if tagged.get("gaps") != "0" or tagged.get("duplicates") != "0":
            raise RuntimeError(f"tagged names not intact: {tagged}")
    if leftovers(prefix) and kind == "ours":
        raise RuntimeError(f"objects left behind: {leftovers(prefix)}")
    return names / elapsed


def latency(run: Run, rate, seconds, port):
    prefix = run.prefix()
    servers = [Server(run, "ours", "shm", port, prefix), Server(run, "ours", "shm", port + 1, prefix)]
    try:
        out = subprocess.run([str(run.bin / "latency_probe"), str(port), str(port + 1), str(rate),
                              str(seconds)], capture_output=True, text=True, check=True, timeout=120)
    finally:
        for s in servers:
            s.stop()
    values = out.stdout.split()
    return {values[i]: float(values[i + 1]) for i in range(0, len(values), 2)}


def pacing(run: Run, per_minute, seconds, port):
    sink = subprocess.Popen([str(run.bin / "pacing_sink"), str(port), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    sink.stdout.readline()  # "listening"
    producer = client(run, "/pcbenchpacing", port, "--role", "producer", "--rate", per_minute,
                      "--quiet")
    out, _ = sink.communicate(timeout=seconds + 60)
    producer.send_signal(signal.SIGTERM)
    producer.communicate(timeout=30)
    values = out.split()
    return float(values[values.index("per_minute") + 1])


def server_scale(run: Run, port):
    prefix = run.prefix()
    server = Server(run, "ours", "shm", port, prefix, extra=("--max-children", "600"))
    try:
        connect = subprocess.run([str(run.bin / "scale_probe"), "connect", str(port), "1000"],
                                 capture_output=True, text=True, check=True, timeout=300)
        idle = subprocess.run([str(run.bin / "scale_probe"), "idle", str(port), "500", str(server.pid)],
                              capture_output=True, text=True, check=True, timeout=300)
    finally:
        server.stop()
    # Baseline: the same connections to the classic server, a small plain process that forks.
    prefix = run.prefix()
    classic = Server(run, "classic", "shm", port + 1, prefix)
    try:
        classic_connect = subprocess.run([str(run.bin / "scale_probe"), "connect", str(port + 1), "1000"],
                                         capture_output=True, text=True, check=True, timeout=300)
    finally:
        classic.stop()
    c = connect.stdout.split()
    i = idle.stdout.split()
    return {"connections_per_s": float(c[1]), "classic_connections_per_s": float(classic_connect.stdout.split()[1]),
            "held": int(i[1]), "children": int(i[3]), "private_kib": float(i[5])}


# --- The report ----------------------------------------------------------------------------

def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(open("/proc/meminfo").readline().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError):
        pass
    return f"{os.cpu_count()} vCPU ({cpu}){memory}, Linux {platform.release()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", type=Path)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, shorter runs")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--only", default="", help="comma-separated: ipc,e2e,latency,pacing,scale")
    args = parser.parse_args()
    run = Run(args.build, args.quick)
    only = set(filter(None, args.only.split(",")))
    wanted = lambda name: not only or name in only
    reps = 3 if args.quick else 5
    sections = []
    started = time.monotonic()

    ipc_medians = {}
    targets = []  # (what, target, measured, met)
    if wanted("ipc"):
        names = 200_000 if args.quick else 500_000
        rows = []
        skipped = []
        msg_max = int(Path("/proc/sys/fs/mqueue/msg_max").read_text())
        for capacity in (10, 100):
            for p, c in ((1, 1), (2, 2)):
                kinds = ["textbook-shm", "lib-shm"]
                if capacity <= msg_max:
                    kinds += ["raw-mq", "lib-mq"]
                elif not skipped:
                    skipped.append(f"MQ with {capacity} messages is not measured: this system's "
                                   f"`/proc/sys/fs/mqueue/msg_max` is {msg_max} (and the benchmark does not "
                                   "change system settings).")
                # Interleaved, so that a slow spell of the machine hits a library run and its baseline alike.
                results = {kind: [] for kind in kinds}
                for _ in range(reps):
                    for kind in kinds:
                        results[kind].append(ipc_throughput(run, kind, p, c, names, capacity))
                for kind in kinds:
                    print(f"ipc {kind} {p}x{c} cap {capacity}: {triple(results[kind])}", flush=True)
                for kind, base in (("lib-shm", "textbook-shm"), ("lib-mq", "raw-mq")):
                    if kind in results:
                        ratio = statistics.median(results[kind]) / statistics.median(results[base])
                        rows.append(f"| {kind} | {base} | {p} x {c} | {capacity} | {triple(results[kind])} "
                                    f"| {triple(results[base])} | **{ratio:.2f}** |")
                        ipc_medians[(kind, p, c, capacity)] = statistics.median(results[kind])
                        if capacity == 10 and p == 1:
                            want = 2.0 if kind == "lib-shm" else 0.9
                            targets.append((f"`ipc` {kind[4:].upper()} 1 x 1 vs {base}", f">= {want} x",
                                            f"{ratio:.2f} x", ratio >= want))
        sections.append(("1. `ipc` throughput, process to process",
            f"{names:,} names of 16 bytes per repetition, {reps} repetitions; names/s as min / **median** / max. "
            "The baselines run in the same program, interleaved with the library runs: `textbook-shm` is the plain bounded buffer (three named "
            "semaphores, one name per mutex hold), `raw-mq` plain `mq_send`/`mq_receive`. The library uses its batch "
            "calls, as a server child does (`put` of a span, `hold` + `acknowledge`). Targets: SHM at the default "
            "geometry >= 2 x textbook; MQ >= 0.9 x raw.\n\n"
            "| library | baseline | processes (P x C) | slots | library names/s | baseline names/s | ratio |\n"
            "| --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows)
            + "".join(f"\n\n{note}" for note in skipped)))

    if wanted("e2e"):
        n11 = 300_000 if args.quick else 1_000_000
        n44 = 400_000 if args.quick else 1_000_000
        rows = []
        e2e_reps = 3
        classic = [end_to_end(run, "classic", "shm", 1, 1, 20_000, PORT + 10) for _ in range(e2e_reps)]
        print(f"e2e classic: {triple(classic)}", flush=True)
        for mode in ("shm", "mq"):
            for p, c, n in ((1, 1, n11), (4, 4, n44)):
                results = [end_to_end(run, "ours", mode, p, c, n, PORT + 20) for _ in range(e2e_reps)]
                print(f"e2e {mode} {p}x{c}: {triple(results)}", flush=True)
                ipc_key = ("lib-shm" if mode == "shm" else "lib-mq", 1, 1, 10)
                of_ipc = (f"{statistics.median(results) / ipc_medians[ipc_key] * 100:.0f}%"
                          if ipc_key in ipc_medians and p == 1 else "-")
                if mode == "shm" and p == 1:
                    median = statistics.median(results)
                    targets.append(("end to end, SHM 1 x 1", ">= 300,000 names/s", f"{median:,.0f} names/s",
                                    median >= 300_000))
                    if ipc_key in ipc_medians:
                        share = median / ipc_medians[ipc_key]
                        targets.append(("end to end, SHM 1 x 1, of the `ipc`-only figure", ">= 40%",
                                        f"{share * 100:.0f}%", share >= 0.4))
                rows.append(f"| {mode.upper()} | {p} x {c} | {n:,} | {triple(results)} | "
                            f"**{statistics.median(results) / statistics.median(classic):.0f} x** | {of_ipc} |")
        sections.append(("2. End to end, unthrottled",
            "Producer clients (`socket_cl --rate max --tag`) -> server A -> shared buffer -> server B -> consumer "
            f"clients, every `OK` included, {e2e_reps} repetitions, names/s as min / **median** / max; every run is "
            "checked from the clients' tallies (all names acknowledged and received; for 1 x 1 the tags show no gap "
            "and no duplicate). Baseline in the same run: the classic line-by-line server "
            f"(`bench/classic_server.cpp`: one read per byte, one `OK` per name, one name per mutex hold), 1 x 1, "
            f"{triple(classic)} names/s. Targets: >= 300,000 names/s for 1 x 1 SHM, and >= 40% of the `ipc`-only "
            "figure of the same run.\n\n"
            "| mode | clients (P x C) | names | names/s | vs classic | of `ipc` 1 x 1 |\n"
            "| --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows)))

    if wanted("latency"):
        seconds = 5 if args.quick else 10
        samples = [latency(run, 1000, seconds, PORT + 30) for _ in range(3)]
        for s in samples:
            print(f"latency {s}", flush=True)
        worst_p99 = max(s["p99_us"] for s in samples)
        targets.append(("latency p99 at 1,000 names/s (worst of three runs)", "< 1,000 µs",
                        f"{worst_p99:,.0f} µs", worst_p99 < 1000))
        row = lambda key: " / ".join(f"{s[key]:.0f}" for s in samples)
        sections.append(("3. Latency at 1,000 names/s",
            f"From a producer's send to the consumer's receipt through two SHM servers (`bench/latency_probe.cpp`: "
            f"names carry their send time on CLOCK_MONOTONIC), {seconds} s per run, three runs. Target: p99 under 1 ms.\n\n"
            f"| | run 1 / run 2 / run 3 |\n| --- | --- |\n"
            f"| names | {' / '.join(str(int(s['count'])) for s in samples)} |\n"
            f"| p50 (µs) | {row('p50_us')} |\n| p99 (µs) | {row('p99_us')} |\n"
            f"| p99.9 (µs) | {row('p999_us')} |\n| max (µs) | {row('max_us')} |"))

    if wanted("pacing"):
        seconds = 10 if args.quick else 30
        rows = []
        worst_error = 0.0
        for per_minute in (60, 6_000, 60_000, 600_000):
            achieved = pacing(run, per_minute, seconds, PORT + 40)
            print(f"pacing {per_minute}: {achieved:.3f}", flush=True)
            worst_error = max(worst_error, abs(achieved / per_minute - 1))
            rows.append(f"| {per_minute:,} | {achieved:,.2f} | {achieved / per_minute:.5f} | "
                        f"{(achieved / per_minute - 1) * 100:+.3f}% |")
        targets.append(("pacing, 60 to 600,000 names/min (worst)", "within 1%",
                        f"{worst_error * 100:.3f}%", worst_error <= 0.01))
        sections.append(("4. Pacing accuracy",
            f"`socket_cl --rate R` against `bench/pacing_sink.cpp`, which notes when each name arrives; the achieved "
            f"rate is (names - 1) / (last - first arrival) over {seconds} s. Target: within 1%.\n\n"
            "| set (names/min) | achieved (names/min) | achieved / set | error |\n| --- | --- | --- | --- |\n"
            + "\n".join(rows)))

    if wanted("scale"):
        s = server_scale(run, PORT + 50)
        print(f"scale {s}", flush=True)
        targets.append(("idle clients held at once", "500", str(s["held"]), s["held"] >= 500))
        sections.append(("5. Server scale",
            "`bench/scale_probe.cpp` against one `socket_srv -shm` (`--max-children 600`).\n\n"
            "| what | result |\n| --- | --- |\n"
            f"| connections accepted and forked, one after another (connect, `Task?`, close) | "
            f"{s['connections_per_s']:,.0f} per second (the classic server in the same run: "
            f"{s['classic_connections_per_s']:,.0f}) |\n"
            f"| idle consumers held at once (each a child waiting on the empty buffer) | {s['held']} "
            f"({s['children']} children seen) |\n"
            f"| private memory per child (Private_Clean + Private_Dirty of /proc/PID/smaps_rollup) | "
            f"{s['private_kib']:.0f} KiB |"))

    if wanted("window"):
        names = 250_000 if args.quick else 1_000_000
        prefix = run.prefix()
        server = Server(run, "ours", "shm", PORT + 60, prefix)
        try:
            window = subprocess.Popen([str(run.bin / "window_stall"), str(PORT + 60), str(names)],
                                      env=run.env(prefix), stdout=subprocess.PIPE, text=True)
            time.sleep(1.0)  # the window is up and connected as a consumer
            producer = client(run, prefix, PORT + 60, "--role", "producer", "--rate", "1000000",
                              "--quiet")
            table, _ = window.communicate(timeout=600)
            producer.send_signal(signal.SIGTERM)
            producer.communicate(timeout=30)
        finally:
            server.stop()
        print(table, flush=True)
        stall = re.search(r"longest event-loop stall \| ([0-9.]+) ms", table)
        if stall:
            targets.append(("client window at 1,000,000 names/min: longest stall", "< 50 ms",
                            f"{float(stall.group(1)):.1f} ms", float(stall.group(1)) < 50))
        sections.append(("6. The client window at 1,000,000 names/min",
            "`bench/window_stall.cpp` shows a real client window (offscreen platform) as a consumer of one "
            f"server while `socket_cl --rate 1000000` produces, until {names:,} names have arrived; a 1 ms timer "
            "measures the longest event-loop stall, `/proc/self/status` the memory. Target: stall under 50 ms, "
            "memory bounded.\n\n" + table.strip()))

    elapsed = time.monotonic() - started
    text = ["# Benchmarks", "",
            f"Measured {datetime.date.today().isoformat()} on {machine()}, with `./run bench` "
            f"(`bench/run_all.py{' --quick' if args.quick else ''}`), in {elapsed / 60:.1f} minutes. "
            "The machine is shared and noisy: read ratios measured in the same run rather than absolute "
            "figures.", ""]
    if targets:
        text += ["## Targets", "", "| what | target | this run | met |", "| --- | --- | --- | --- |"]
        text += [f"| {what} | {want} | {got} | {'yes' if met else '**no**'} |"
                 for what, want, got, met in targets]
        text += ["", "Why a target is missed, and what limits the figures: [Reading the figures]"
                 "(#reading-the-figures).", ""]
    for title, body in sections:
        text += [f"## {title}", "", body, ""]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():  # hand-written, kept with the benchmarks
        text += ["## Reading the figures", "", notes.read_text().strip(), ""]
    args.output.write_text("\n".join(text))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    sys.exit(main())
