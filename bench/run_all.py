#!/usr/bin/env python3
"""Runs every benchmark in bench/ and writes docs/BENCHMARKS.md and the README's performance table.

Figures on a shared 2-core machine drift from run to run, so every figure is measured next to
a baseline in the same run and reported as min / median / max over repetitions, with the ratio
of medians. Nothing here asserts anything: the numbers are for people.

Both documents are written from one record of the run's figures, saved next to the report
(docs/BENCHMARKS.json); the README's table goes between its `<!-- bench:begin` and
`<!-- bench:end -->` lines. `--from-results` writes both again from a saved record, measuring
nothing (after a change to the layout here or to bench/NOTES.md).

    bench/run_all.py BUILD_DIR [--quick] [--only ipc,e2e,...] [--output docs/BENCHMARKS.md]
    bench/run_all.py --from-results docs/BENCHMARKS.json
"""
import argparse
import collections
import datetime
import json
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
        self.broker = None  # the AMQP mode's broker URL, while Broker runs one

    def mode_args(self, mode):
        """socket_srv's arguments for a mode beyond its -shm / -mq / -amqp option."""
        return ["--broker", self.broker] if mode == "amqp" else []

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


def triple(summary, fmt=fmt_rate):
    lo, med, hi = summary
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


class Broker:
    """A private RabbitMQ (scripts/broker.sh) for the AMQP mode's figures, stopped on exit."""

    def __init__(self, run: Run, port):
        self.run = run
        self.root = tempfile.mkdtemp(prefix="pcbench-broker-")
        os.rmdir(self.root)  # broker.sh makes it, its own way
        self.script = ROOT / "scripts" / "broker.sh"
        subprocess.run([str(self.script), "start", "--port", str(port), "--root", self.root],
                       check=True, stdout=subprocess.DEVNULL, timeout=180)
        run.broker = f"amqp://127.0.0.1:{port}/"

    def stop(self):
        self.run.broker = None
        subprocess.run([str(self.script), "stop", "--root", self.root], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)


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
    extra = run.mode_args(mode)
    servers = [Server(run, kind, mode, port, prefix, extra),
               Server(run, kind, mode, port + 1, prefix, extra)]
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
    # Exactly once across consumers: each producer's names, as every consumer counted them, add
    # up to what that producer was acknowledged, none twice (totals alone miss a name received
    # by two consumers while another waits in the buffer).
    received_from = collections.Counter()
    for t in (t for tallies_of in consumed for t in tallies_of if "distinct" in t):
        if t["duplicates"] != "0":
            raise RuntimeError(f"names received twice by one consumer: {t}")
        received_from[t["source"]] += int(t["distinct"])
    acknowledged_to = collections.Counter({t[0]["source"]: int(t[0]["acknowledged"]) for t in produced})
    if received_from != acknowledged_to:
        raise RuntimeError(f"names per producer: received {dict(received_from)}, "
                           f"acknowledged {dict(acknowledged_to)}")
    if leftovers(prefix) and kind == "ours":
        raise RuntimeError(f"objects left behind: {leftovers(prefix)}")
    return names / elapsed


def line_transfer(run: Run, mode, slot_size, line_length, lines, port):
    """Lines per second of `line_length` bytes from `socket_cl --file` through server A and
    server B (both `--slot-size slot_size`) to a consumer, every `OK` included; the consumer's
    tally must count every line."""
    prefix = run.prefix()
    extra = ("--slot-size", str(slot_size))
    servers = [Server(run, "ours", mode, port, prefix, extra),
               Server(run, "ours", mode, port + 1, prefix, extra)]
    with tempfile.NamedTemporaryFile(prefix="pcbench-lines-", suffix=".txt") as source:
        filler = bytes(range(33, 127))  # printable ASCII
        for i in range(lines):
            head = b"%d:" % i
            body = (filler * (line_length // len(filler) + 1))[: line_length - len(head)]
            source.write(head + body + b"\n")
        source.flush()
        try:
            taker = client(run, prefix, port + 1, "--role", "consumer", "--count", lines, "--quiet")
            time.sleep(0.3)  # the consumer connected and waiting: only the transfer is timed
            start = time.monotonic()
            giver = client(run, prefix, port, "--file", source.name, "--quiet")
            tallies(giver)
            consumed = tallies(taker)
            elapsed = time.monotonic() - start
        finally:
            for s in servers:
                s.stop()
    received = int(consumed[-1]["received"])
    if received != lines:
        raise RuntimeError(f"line transfer: {received} of {lines} lines received")
    if leftovers(prefix):
        raise RuntimeError(f"objects left behind: {leftovers(prefix)}")
    return lines / elapsed


def latency(run: Run, rate, seconds, port, mode="shm"):
    prefix = run.prefix()
    extra = run.mode_args(mode)
    servers = [Server(run, "ours", mode, port, prefix, extra),
               Server(run, "ours", mode, port + 1, prefix, extra)]
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


# --- The machine ---------------------------------------------------------------------------

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


# --- Measuring: every figure goes into one results record --------------------------------

SECTIONS = ("ipc", "e2e", "teaching", "lines", "latency", "pacing", "scale", "window")


def measure(run: Run, quick: bool, only):
    """Runs the benchmarks and returns their figures; the documents are written from these
    alone (render_benchmarks, render_readme), so they can be written again from a saved copy."""
    wanted = lambda name: not only or name in only
    reps = 3 if quick else 5
    started = time.monotonic()
    results = {"date": datetime.date.today().isoformat(), "machine": machine(),
               "vcpus": os.cpu_count(), "quick": quick}

    # The AMQP mode's figures need a broker: a private one for the whole run.
    broker = None
    if wanted("e2e") or wanted("latency"):
        try:
            broker = Broker(run, 5780)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            print(f"bench: no AMQP figures: the private broker did not start ({error})", flush=True)
    try:
        measure_sections(run, quick, wanted, reps, results)
    finally:
        if broker is not None:
            broker.stop()
    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    return results


def measure_sections(run: Run, quick: bool, wanted, reps, results):
    if wanted("ipc"):
        names = 200_000 if quick else 500_000
        msg_max = int(Path("/proc/sys/fs/mqueue/msg_max").read_text())
        rows = []
        for capacity in (10, 100):
            for p, c in ((1, 1), (2, 2)):
                kinds = ["textbook-shm", "lib-shm"]
                if capacity <= msg_max:
                    kinds += ["raw-mq", "lib-mq"]
                # Interleaved, so that a slow spell of the machine hits a library run and its baseline alike.
                measured = {kind: [] for kind in kinds}
                for _ in range(reps):
                    for kind in kinds:
                        measured[kind].append(ipc_throughput(run, kind, p, c, names, capacity))
                for kind in kinds:
                    print(f"ipc {kind} {p}x{c} cap {capacity}: {triple(stats(measured[kind]))}", flush=True)
                for kind, base in (("lib-shm", "textbook-shm"), ("lib-mq", "raw-mq")):
                    if kind in measured:
                        rows.append({"library": kind, "baseline": base, "producers": p, "consumers": c,
                                     "slots": capacity, "library_rate": stats(measured[kind]),
                                     "baseline_rate": stats(measured[base]),
                                     "ratio": statistics.median(measured[kind])
                                     / statistics.median(measured[base])})
        results["ipc"] = {"names": names, "reps": reps, "msg_max": msg_max, "rows": rows}

    if wanted("e2e"):
        n11 = 300_000 if quick else 1_000_000
        n44 = 400_000 if quick else 1_000_000
        e2e_reps = 3
        classic = [end_to_end(run, "classic", "shm", 1, 1, 20_000, PORT + 10) for _ in range(e2e_reps)]
        print(f"e2e classic: {triple(stats(classic))}", flush=True)
        ipc_rows = {(r["library"], r["producers"], r["consumers"], r["slots"]): r["library_rate"]
                    for r in results.get("ipc", {}).get("rows", [])}
        rows = []
        for mode in ("shm", "mq", "amqp"):
            for p, c, n in ((1, 1, n11), (4, 4, n44)):
                if mode == "amqp":
                    # A broker round trip per batch, with a confirm on disk: far fewer names.
                    n = 10_000 if quick else 30_000
                    if run.broker is None:
                        continue
                measured = [end_to_end(run, "ours", mode, p, c, n, PORT + 20) for _ in range(e2e_reps)]
                print(f"e2e {mode} {p}x{c}: {triple(stats(measured))}", flush=True)
                ipc_key = ("lib-shm" if mode == "shm" else "lib-mq", 1, 1, 10)
                median = statistics.median(measured)
                rows.append({"mode": mode, "producers": p, "consumers": c, "names": n,
                             "rate": stats(measured), "vs_classic": median / statistics.median(classic),
                             "of_ipc": median / ipc_rows[ipc_key][1]
                             if ipc_key in ipc_rows and p == 1 and mode != "amqp" else None})
        results["e2e"] = {"reps": e2e_reps, "classic": stats(classic), "rows": rows}

    if wanted("teaching"):
        # The teaching view's recording: the same library runs with nobody watching (one relaxed
        # load per step) and while a server watches (a clock read and a few stores per step).
        names = 200_000 if quick else 500_000
        rows = []
        for mode in ("shm", "mq"):
            measured = {"off": [], "traced": []}
            for _ in range(reps):
                measured["off"].append(ipc_throughput(run, f"lib-{mode}", 1, 1, names, 10))
                measured["traced"].append(ipc_throughput(run, f"lib-{mode}-traced", 1, 1, names, 10))
            print(f"teaching {mode}: off {triple(stats(measured['off']))}, traced "
                  f"{triple(stats(measured['traced']))}", flush=True)
            rows.append({"mode": mode, "off": stats(measured["off"]), "traced": stats(measured["traced"]),
                         "ratio": statistics.median(measured["traced"]) / statistics.median(measured["off"])})
        results["teaching"] = {"names": names, "reps": reps, "rows": rows}

    if wanted("lines"):
        rows = []
        for mode in ("shm", "mq"):
            for slot_size, lines in ((256, 200_000), (2048, 50_000), (8192, 20_000)):
                lines = lines // 2 if quick else lines
                measured = [line_transfer(run, mode, slot_size, slot_size - 1, lines, PORT + 70)
                            for _ in range(3)]
                print(f"lines {mode} slot {slot_size}: {triple(stats(measured))}", flush=True)
                rows.append({"mode": mode, "slot_size": slot_size, "line_bytes": slot_size - 1,
                             "lines": lines, "rate": stats(measured)})
        results["lines"] = {"reps": 3, "rows": rows}

    if wanted("latency"):
        seconds = 5 if quick else 10
        samples = [latency(run, 1000, seconds, PORT + 30) for _ in range(5)]
        for s in samples:
            print(f"latency {s}", flush=True)
        results["latency"] = {"rate": 1000, "seconds": seconds, "runs": samples}
        if run.broker is not None:
            samples = [latency(run, 1000, seconds, PORT + 30, "amqp") for _ in range(3)]
            for s in samples:
                print(f"latency amqp {s}", flush=True)
            results["latency"]["amqp_runs"] = samples

    if wanted("pacing"):
        seconds = 10 if quick else 30
        rows = []
        for per_minute in (60, 6_000, 60_000, 600_000):
            achieved = pacing(run, per_minute, seconds, PORT + 40)
            print(f"pacing {per_minute}: {achieved:.3f}", flush=True)
            rows.append({"set": per_minute, "achieved": achieved})
        results["pacing"] = {"seconds": seconds, "rows": rows}

    if wanted("scale"):
        s = server_scale(run, PORT + 50)
        print(f"scale {s}", flush=True)
        results["scale"] = s

    if wanted("window"):
        names = 250_000 if quick else 1_000_000
        rate = 1_000_000
        prefix = run.prefix()
        server = Server(run, "ours", "shm", PORT + 60, prefix)
        try:
            window = subprocess.Popen([str(run.bin / "window_stall"), str(PORT + 60), str(names)],
                                      env=run.env(prefix), stdout=subprocess.PIPE, text=True)
            time.sleep(1.0)  # the window is up and connected as a consumer
            producer = client(run, prefix, PORT + 60, "--role", "producer", "--rate", str(rate),
                              "--quiet")
            table, _ = window.communicate(timeout=600)
            producer.send_signal(signal.SIGTERM)
            producer.communicate(timeout=30)
        finally:
            server.stop()
        print(table, flush=True)
        # window_stall writes its results as a table; it is kept as written.
        results["window"] = {"names": names, "rate": rate, "table": table.strip()}


# --- Writing: docs/BENCHMARKS.md and the README's table, from the results alone --------------

def window_figures(window):
    """The figures of window_stall's table: longest stall (ms) and VmRSS (KiB) first and last."""
    stall = re.search(r"longest event-loop stall \| ([0-9.]+) ms", window["table"])
    memory = re.search(r"resident memory \(VmRSS\) \| (\d+) KiB at the first name.*?(\d+) at the end",
                       window["table"])
    return (float(stall.group(1)) if stall else None,
            (int(memory.group(1)), int(memory.group(2))) if memory else None)


def targets(results):
    """(what, target, measured, met), in the order of the sections."""
    found = []
    for r in results.get("ipc", {}).get("rows", []):
        if r["slots"] == 10 and r["producers"] == 1:
            want = 2.0 if r["library"] == "lib-shm" else 0.95
            found.append((f"`ipc` {r['library'][4:].upper()} 1 x 1 vs {r['baseline']}", f">= {want} x",
                          f"{r['ratio']:.2f} x", r["ratio"] >= want))
    for r in results.get("e2e", {}).get("rows", []):
        if r["mode"] == "shm" and r["producers"] == 1:
            median = r["rate"][1]
            found.append(("end to end, SHM 1 x 1", ">= 300,000 names/s", f"{median:,.0f} names/s",
                          median >= 300_000))
            if r["of_ipc"] is not None:
                # Issue 17: a million names a second, or at least 40% of the ring alone.
                found.append(("end to end, SHM 1 x 1: 1,000,000 names/s, or of the `ipc`-only figure",
                              "1 M/s or >= 40%", f"{median:,.0f} names/s, {r['of_ipc'] * 100:.0f}%",
                              median >= 1_000_000 or r["of_ipc"] >= 0.4))
    rates = {(r["mode"], r["producers"]): r["rate"][1] for r in results.get("e2e", {}).get("rows", [])}
    for mode in ("shm", "mq"):
        if (mode, 1) in rates and (mode, 4) in rates:
            ratio = rates[(mode, 4)] / rates[(mode, 1)]
            found.append((f"end to end, {mode.upper()} 4 x 4 of 1 x 1", ">= 0.90 x", f"{ratio:.2f} x",
                          ratio >= 0.9))
    if "latency" in results:
        runs = results["latency"]["runs"]
        under = sum(s["p99_us"] < 1000 for s in runs)
        found.append((f"latency at {results['latency']['rate']:,} names/s: runs with p99 < 1 ms",
                      f">= 4 of 5", f"{under} of {len(runs)} (worst {max(s['p99_us'] for s in runs):,.0f} µs)",
                      under >= 4 and len(runs) >= 5))
    if "pacing" in results:
        worst_error = max(abs(r["achieved"] / r["set"] - 1) for r in results["pacing"]["rows"])
        sets = [r["set"] for r in results["pacing"]["rows"]]
        found.append((f"pacing, {min(sets):,} to {max(sets):,} names/min (worst)", "within 1%",
                       f"{worst_error * 100:.3f}%", worst_error <= 0.01))
    if "scale" in results:
        held = results["scale"]["held"]
        found.append(("idle clients held at once", "500", str(held), held >= 500))
    if "window" in results:
        stall, _ = window_figures(results["window"])
        if stall is not None:
            found.append((f"client window at {results['window']['rate']:,} names/min: longest stall",
                          "< 50 ms", f"{stall:.1f} ms", stall < 50))
    return found


def render_benchmarks(results):
    sections = []
    if "ipc" in results:
        ipc = results["ipc"]
        rows = [f"| {r['library']} | {r['baseline']} | {r['producers']} x {r['consumers']} | {r['slots']} "
                f"| {triple(r['library_rate'])} | {triple(r['baseline_rate'])} | **{r['ratio']:.2f}** |"
                for r in ipc["rows"]]
        skipped = ""
        if any(r["slots"] > ipc["msg_max"] for r in ipc["rows"]):
            skipped = (f"\n\nMQ with {min(r['slots'] for r in ipc['rows'] if r['slots'] > ipc['msg_max'])} "
                       f"messages is not measured: this system's `/proc/sys/fs/mqueue/msg_max` is "
                       f"{ipc['msg_max']} (and the benchmark does not change system settings).")
        sections.append(("1. `ipc` throughput, process to process",
            f"{ipc['names']:,} names of 16 bytes per repetition, {ipc['reps']} repetitions; names/s as min / **median** / max. "
            "The baselines run in the same program, interleaved with the library runs: `textbook-shm` is the plain bounded buffer (three named "
            "semaphores, one name per mutex hold), `raw-mq` plain `mq_send`/`mq_receive`. The library uses its batch "
            "calls, as a server child does (`put` of a span, `hold` + `acknowledge`). Targets: SHM at the default "
            "geometry >= 2 x textbook; MQ >= 0.95 x raw.\n\n"
            "| library | baseline | processes (P x C) | slots | library names/s | baseline names/s | ratio |\n"
            "| --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + skipped))

    if "e2e" in results:
        e2e = results["e2e"]
        share = lambda value: "-" if value is None else f"{value * 100:.0f}%"
        rows = [f"| {r['mode'].upper()} | {r['producers']} x {r['consumers']} | {r['names']:,} | {triple(r['rate'])} | "
                f"**{r['vs_classic']:.{0 if r['vs_classic'] >= 10 else 2}f} x** | {share(r['of_ipc'])} |"
                for r in e2e["rows"]]
        sections.append(("2. End to end, unthrottled",
            "Producer clients (`socket_cl --rate max --tag`) -> server A -> shared buffer -> server B -> consumer "
            f"clients, every `OK` included, {e2e['reps']} repetitions, names/s as min / **median** / max; every run is "
            "checked from the clients' tallies (all names acknowledged and received; every producer's tagged names "
            "received exactly once across the consumers; for 1 x 1 no gap either). Baseline in the same run: the classic line-by-line server "
            f"(`bench/classic_server.cpp`: one read per byte, one `OK` per name, one name per mutex hold), 1 x 1, "
            f"{triple(e2e['classic'])} names/s. Targets: >= 300,000 names/s for 1 x 1 SHM, and >= 40% of the `ipc`-only "
            "figure of the same run.\n\n"
            "| mode | clients (P x C) | names | names/s | vs classic | of `ipc` 1 x 1 |\n"
            "| --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows)))

    if "latency" in results:
        latency_runs = [("SHM", results["latency"]["runs"])]
        if "amqp_runs" in results["latency"]:
            latency_runs.append(("AMQP", results["latency"]["amqp_runs"]))
        def latency_rows(mode, samples):
            row = lambda key: " / ".join(f"{s[key]:.0f}" for s in samples)
            return (f"| {mode}: names | {' / '.join(str(int(s['count'])) for s in samples)} |\n"
                    f"| {mode}: p50 (µs) | {row('p50_us')} |\n| {mode}: p99 (µs) | {row('p99_us')} |\n"
                    f"| {mode}: p99.9 (µs) | {row('p999_us')} |\n| {mode}: max (µs) | {row('max_us')} |")
        sections.append((f"3. Latency at {results['latency']['rate']:,} names/s",
            f"From a producer's send to the consumer's receipt through two servers (`bench/latency_probe.cpp`: "
            f"names carry their send time on CLOCK_MONOTONIC), {results['latency']['seconds']} s per run, "
            f"{len(results['latency']['runs'])} runs in SHM mode and "
            f"{len(results['latency'].get('amqp_runs', []))} in AMQP mode, through the benchmark's private "
            "RabbitMQ (`scripts/broker.sh`, one node). Target: p99 under 1 ms in at least four of five runs (SHM); "
            "where the late names' time went: `bench/latency_trace.py` and bench/NOTES.md.\n\n"
            f"| | runs, in order |\n| --- | --- |\n"
            + "\n".join(latency_rows(mode, samples) for mode, samples in latency_runs)))

    if "pacing" in results:
        rows = [f"| {r['set']:,} | {r['achieved']:,.2f} | {r['achieved'] / r['set']:.5f} | "
                f"{(r['achieved'] / r['set'] - 1) * 100:+.3f}% |" for r in results["pacing"]["rows"]]
        sections.append(("4. Pacing accuracy",
            f"`socket_cl --rate R` against `bench/pacing_sink.cpp`, which notes when each name arrives; the achieved "
            f"rate is (names - 1) / (last - first arrival) over {results['pacing']['seconds']} s. Target: within 1%.\n\n"
            "| set (names/min) | achieved (names/min) | achieved / set | error |\n| --- | --- | --- | --- |\n"
            + "\n".join(rows)))

    if "scale" in results:
        s = results["scale"]
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

    if "window" in results:
        w = results["window"]
        sections.append((f"6. The client window at {w['rate']:,} names/min",
            "`bench/window_stall.cpp` shows a real client window (offscreen platform) as a consumer of one "
            f"server while `socket_cl --rate {w['rate']}` produces, until {w['names']:,} names have arrived; a 1 ms timer "
            "measures the longest event-loop stall, `/proc/self/status` the memory. Target: stall under 50 ms, "
            "memory bounded.\n\n" + w["table"]))

    if "teaching" in results:
        t = results["teaching"]
        rows = [f"| {r['mode'].upper()} | {triple(r['off'])} | {triple(r['traced'])} | **{r['ratio']:.2f}** |"
                for r in t["rows"]]
        sections.append(("7. The teaching view's recording",
            f"`ipc_throughput lib-shm` / `lib-mq`, 1 x 1, {t['names']:,} names, {t['reps']} interleaved repetitions, "
            "with nobody watching (each step costs one relaxed load) and while a server watches the steps "
            "(`-traced`: each step also reads the clock and writes an event into the participant's ring). "
            "How the untraced figure compares with the library before the teaching view: bench/NOTES.md.\n\n"
            "| mode | names/s, nobody watching | names/s, watched | ratio |\n| --- | --- | --- | --- |\n"
            + "\n".join(rows)))

    if "lines" in results:
        lines = results["lines"]
        megabytes = lambda r, i: r["rate"][i] * (r["line_bytes"] + 1) / 1e6
        rows = [f"| {r['mode'].upper()} | {r['slot_size']:,} | {r['line_bytes']:,} | {r['lines']:,} | "
                f"{triple(r['rate'])} | {megabytes(r, 0):.0f} / **{megabytes(r, 1):.0f}** / {megabytes(r, 2):.0f} |"
                for r in lines["rows"]]
        sections.append(("8. Long lines (`--slot-size`)",
            "`socket_cl --file` (lines of the slot size minus one byte, pipelined) -> server A -> shared buffer -> "
            "server B -> `socket_cl --role consumer --quiet`, both servers started with `--slot-size`, every `OK` "
            f"included, {lines['reps']} repetitions; min / **median** / max. Bytes count the line and its LF. "
            "With larger slots a consumer's child holds fewer lines unacknowledged (128 at 256 bytes, 16 at 2,048, "
            "4 at 8,192: docs/IPC.md), so at 8 KiB a consumer's child has four lines on their way at most.\n\n"
            "| mode | slot size | line bytes | lines | lines/s | MB/s |\n| --- | --- | --- | --- | --- | --- |\n"
            + "\n".join(rows)))

    text = ["# Benchmarks", "",
            f"Measured {results['date']} on {results['machine']}, with `./run bench` "
            f"(`bench/run_all.py{' --quick' if results['quick'] else ''}`), in {results['minutes']:.1f} minutes. "
            "The machine is shared and noisy: read ratios measured in the same run rather than absolute "
            "figures.", ""]
    found = targets(results)
    if found:
        text += ["## Targets", "", "| what | target | this run | met |", "| --- | --- | --- | --- |"]
        text += [f"| {what} | {want} | {got} | {'yes' if met else '**no**'} |"
                 for what, want, got, met in found]
        text += ["", "Why a target is missed, and what limits the figures: [Reading the figures]"
                 "(#reading-the-figures).", ""]
    for title, body in sections:
        text += [f"## {title}", "", body, ""]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():  # hand-written, kept with the benchmarks
        text += ["## Reading the figures", "", notes.read_text().strip(), ""]
    return "\n".join(text)


README_BEGIN = "<!-- bench:begin"
README_END = "<!-- bench:end -->"


def two_digits(value):
    """A figure to about two significant digits, as the README gives them: 0.43, 1.9, 14."""
    return f"{value:.2f}" if value < 1 else f"{value:.1f}" if value < 10 else f"{value:.0f}"


def render_readme(results):
    """The README's performance table, from the same figures as docs/BENCHMARKS.md; None when
    the results lack a section the table needs (a run with --only)."""
    if any(section not in results for section in SECTIONS if section not in ("lines", "teaching")):
        return None
    ipc = {(r["library"], r["producers"], r["consumers"], r["slots"]): r for r in results["ipc"]["rows"]}
    shm, mq = ipc[("lib-shm", 1, 1, 10)], ipc[("lib-mq", 1, 1, 10)]
    e2e = {(r["mode"], r["producers"]): r for r in results["e2e"]["rows"]}
    lat = results["latency"]
    p50 = sorted(two_digits(s["p50_us"] / 1000) for s in lat["runs"])
    p99 = [f"{two_digits(s['p99_us'] / 1000)} ms" for s in sorted(lat["runs"], key=lambda s: s["p99_us"])]
    count = {2: "two", 3: "three", 4: "four", 5: "five"}.get(len(p99), str(len(p99)))
    pace = results["pacing"]
    worst_error = max(abs(r["achieved"] / r["set"] - 1) for r in pace["rows"])
    sets = [r["set"] for r in pace["rows"]]
    window = results["window"]
    stall, memory = window_figures(window)
    scale = results["scale"]
    rows = [
        ("shared buffer, process to process (10 slots, 1 producer, 1 consumer)",
         f"{fmt_rate(shm['library_rate'][1])} names/s",
         f"textbook bounded buffer: {fmt_rate(shm['baseline_rate'][1])} ({two_digits(shm['ratio'])} x)"),
        ("message queue, process to process", f"{fmt_rate(mq['library_rate'][1])} names/s",
         f"plain `mq_send`/`mq_receive`: {fmt_rate(mq['baseline_rate'][1])} ({two_digits(mq['ratio'])} x)"),
        ("end to end: producer client -> server A -> buffer -> server B -> consumer client, every `OK`",
         f"{fmt_rate(e2e[('shm', 1)]['rate'][1])} names/s (SHM), {fmt_rate(e2e[('mq', 1)]['rate'][1])} (MQ)"
         + (f", {fmt_rate(e2e[('amqp', 1)]['rate'][1])} (AMQP, through a RabbitMQ queue)"
            if ('amqp', 1) in e2e else ""),
         f"classic line-by-line server: {fmt_rate(results['e2e']['classic'][1])}"),
    ]
    long_lines = {(r["mode"], r["slot_size"]): r for r in results.get("lines", {}).get("rows", [])}
    if ("shm", 8192) in long_lines and ("mq", 8192) in long_lines:
        mb = lambda r: r["rate"][1] * (r["line_bytes"] + 1) / 1e6
        rows.append(("lines of 8,191 bytes end to end (`--slot-size 8192`, `socket_cl --file`)",
                     f"{mb(long_lines[('shm', 8192)]):.0f} MB/s (SHM), {mb(long_lines[('mq', 8192)]):.0f} MB/s (MQ)",
                     ""))
    rows += [
        (f"latency from send to receipt at {lat['rate']:,} names/s",
         f"p50 {p50[0] if p50[0] == p50[-1] else p50[0] + '-' + p50[-1]} ms; p99 "
         f"{', '.join(p99[:-1])} and {p99[-1]} in {count} runs", ""),
        (f"pacing, {min(sets):,} to {max(sets):,} names/min over {pace['seconds']} s",
         f"within {worst_error * 100:.3f}% of the set rate", ""),
        (f"client window consuming {window['rate']:,} names/min",
         (f"longest stall {stall:.0f} ms" if stall is not None else "")
         + (f"; {memory[0] / 1024:.1f} MiB resident, {(memory[1] - memory[0]) / 1024:.1f} MiB more after "
            f"{window['names']:,} names" if memory else ""), ""),
        ("connections accepted and forked",
         f"{scale['connections_per_s']:,.0f} per second, {scale['held']} idle clients held",
         f"classic server: {scale['classic_connections_per_s']:,.0f} per second"),
    ]
    missed = [f"{what}: {got} (target {want})" for what, want, got, met in targets(results) if not met]
    lines = [f"Measured {results['date']} on {results['machine']}, in {results['minutes']:.1f} minutes"
             + (" (a `--quick` run: fewer repetitions, shorter runs)" if results["quick"] else "") + ":", "",
             "| what | prodcons | baseline in the same run |", "| --- | --- | --- |"]
    lines += [f"| {what} | {ours} | {base} |".replace("|  |", "| |") for what, ours, base in rows]
    lines += ["", "Missed in this run: " + "; ".join(missed) + "." if missed
              else "Every target in docs/BENCHMARKS.md was met in this run."]
    return "\n".join(lines)


def write_readme(readme: Path, table):
    text = readme.read_text()
    begin = text.find(README_BEGIN)
    end = text.find(README_END)
    if begin < 0 or end < begin:
        raise SystemExit(f"{readme}: no '{README_BEGIN} ... -->' and '{README_END}' lines to write the table between")
    begin = text.index("\n", begin) + 1  # the begin marker's line stays as it is
    readme.write_text(text[:begin] + table + "\n" + text[end:])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", type=Path, nargs="?", help="the build directory (with bin/); not needed "
                        "with --from-results")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, shorter runs")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--results", type=Path, help="where a run saves its figures (default: --output with "
                        ".json, i.e. docs/BENCHMARKS.json)")
    parser.add_argument("--from-results", type=Path, metavar="FILE",
                        help="measure nothing: write the documents again from the figures saved in FILE")
    parser.add_argument("--readme", type=Path, help="the README whose table to rewrite (default: README.md "
                        "when --output is the default)")
    parser.add_argument("--no-readme", action="store_true", help="leave the README alone")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(SECTIONS))
    args = parser.parse_args()

    if args.from_results:
        results = json.loads(args.from_results.read_text())
    else:
        if args.build is None:
            parser.error("a build directory is needed to measure (or --from-results FILE)")
        results = measure(Run(args.build, args.quick), args.quick, set(filter(None, args.only.split(","))))
        saved = args.results or args.output.with_suffix(".json")
        saved.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {saved}")

    args.output.write_text(render_benchmarks(results))
    print(f"wrote {args.output}")

    readme = args.readme
    if readme is None and args.output.resolve() == (ROOT / "docs" / "BENCHMARKS.md").resolve():
        readme = ROOT / "README.md"
    if readme is not None and not args.no_readme:
        table = render_readme(results)
        if table is None:
            missing = [s for s in SECTIONS if s not in results]
            print(f"{readme}: table not rewritten, the results have no {', '.join(missing)} figures")
        else:
            write_readme(readme, table)
            print(f"wrote the table in {readme}")


if __name__ == "__main__":
    sys.exit(main())
