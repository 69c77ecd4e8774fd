#!/usr/bin/env python3
"""Where the time of the late names went, from the scheduler's own record.

Runs bench/latency_probe (1,000 names/s through two `socket_srv -shm` servers, as in
docs/BENCHMARKS.md section 3) while `perf record` notes every context switch and wake-up on
every CPU, on CLOCK_MONOTONIC: the clock the names carry their send time on. For every burst of
names later than the threshold it then says what each CPU ran while those names were on their
way:

- pipeline: the probe's threads and the servers (socket_srv and its children);
- idle: nothing runnable in the guest (the idle task);
- other: anything else, named;

It also samples every CPU every half millisecond (`cpu-clock`), whatever it runs, the idle
task included. A CPU with no sample for longer was not run by the host: the guest cannot see
the host take a virtual CPU away (this kernel reports no steal time), but it can see the
samples missing. The samples also show a CPU that did run spinning in the kernel for a lock,
as a rule one that the stopped CPU holds (a socket's: loopback TCP delivers on the sender's
CPU, under the receiving socket's lock). The sampling wakes idle CPUs, so runs traced this way
have fewer late names than untraced ones.

For the pipeline's tasks it gives the longest wait between a wake-up and getting a CPU, the
longest stretch one of them (or the idle task) ran without a switch, and the longest stretch
with no event and no sample on any CPU. Those tell apart the causes: the whole guest standing
still (nothing anywhere although the sender's 1 ms timer was due), one virtual CPU not run
(no samples on it), other work (other tasks hold the CPUs: `kdamond.0`, the kernel's DAMON
thread, which this machine runs every half second to page out cold memory, is one), and a
queue for the CPU (our own tasks runnable, not running). The first two are the host's. (Before the samples, a task that
works microseconds per name, or the idle task, "running" for milliseconds was read as the
host's; the samples showed that the idle task, at least, did run then.)

It also notes every `sendto` (the one system call a server's child writes its socket with), so
that it can tell a fifth cause, the code's own: a server's child that gets the CPU again and
again yet sends nothing is holding names back. (That is how round four of issue 17 found a
consumer's child gathering names for 50 ms, bench/NOTES.md.)

    bench/latency_trace.py BUILD_DIR [--runs 5] [--seconds 10] [--threshold-us 1000]

Needs perf (Debian's linux-perf) and the right to trace the scheduler (root here). Prints a
report; measures nothing for docs/BENCHMARKS.md (bench/NOTES.md quotes its findings).
"""
import argparse
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_all  # noqa: E402  (the servers and the run's prefix, as the benchmarks start them)

PIPELINE = {"latency_probe", "socket_srv"}
SWITCH = re.compile(r"prev_comm=(.*?) prev_pid=(\d+) .*?==> next_comm=(.*?) next_pid=(\d+)")
WAKEUP = re.compile(r"comm=(.*?) pid=(\d+) ")
LINE = re.compile(r"^\s*(.+?)\s+(\d+)/(\d+)\s+\[(\d+)\]\s+(\d+)\.(\d+):\s+"
                  r"(?:sched:|syscalls:)?(\w+|cpu-clock):\s*(.*)$")
# Every CPU is sampled at this period whatever it runs, the idle task included: a CPU with no
# sample for longer was not run by the host (or ran with interrupts off that long).
TICK_NS = 500_000
SPIN = re.compile(r"\bnative_queued_spin_lock_slowpath\b|\b__pv_queued_spin_lock_slowpath\b")


def read_trace(data):
    """Per CPU, the run segments (start, end, tid, comm), its timer samples and those taken
    while it spun for a lock in the kernel; per task, its wake-ups, switch-ins and sends; all
    times in ns on CLOCK_MONOTONIC."""
    script = subprocess.run(["perf", "script", "-i", data, "-F",
                             "comm,pid,tid,cpu,time,event,trace,ip,sym", "--ns"],
                            capture_output=True, text=True, check=True).stdout
    segments = collections.defaultdict(list)
    current = {}  # cpu -> (since, tid, comm)
    wakeups = collections.defaultdict(list)
    switch_ins = collections.defaultdict(list)
    sends = collections.defaultdict(list)
    comm_of = {}
    times = []  # every event and sample on every CPU
    ticks = collections.defaultdict(list)
    spins = collections.defaultdict(list)
    for line in script.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        tid, cpu = int(m.group(3)), int(m.group(4))
        t = int(m.group(5)) * 1_000_000_000 + int(m.group(6).ljust(9, "0")[:9])
        event, fields = m.group(7), m.group(8)
        times.append(t)
        if event == "cpu-clock":
            ticks[cpu].append(t)
            if SPIN.search(fields):
                spins[cpu].append(t)
        elif event == "sched_switch":
            s = SWITCH.search(fields)
            if not s:
                continue
            prev_tid, next_comm, next_tid = int(s.group(2)), s.group(3), int(s.group(4))
            if cpu in current:
                since, tid, comm = current[cpu]
                segments[cpu].append((since, t, tid, comm))
            else:
                segments[cpu].append((t, t, prev_tid, s.group(1)))
            current[cpu] = (t, next_tid, next_comm)
            switch_ins[next_tid].append(t)
            comm_of[next_tid] = next_comm
        elif event == "sched_wakeup":
            w = WAKEUP.search(fields)
            if w:
                wakeups[int(w.group(2))].append(t)
                comm_of[int(w.group(2))] = w.group(1)
        elif event == "sys_enter_sendto":
            sends[tid].append(t)
    times.sort()
    return segments, wakeups, switch_ins, sends, comm_of, times, ticks, spins


def unsampled(ticks, start, end):
    """Per CPU, the time within [start, end] in which it took no timer sample beyond the one
    period it may go without, and the longest such stretch: time the host did not run it."""
    found = {}
    for cpu, marks in ticks.items():
        i = max(bisect.bisect_left(marks, start) - 1, 0)
        j = bisect.bisect_right(marks, end) + 1
        total = longest = 0
        for a, b in zip(marks[i:j], marks[i + 1:j]):
            if b - a <= 2 * TICK_NS:
                continue
            lost = min(b, end) - max(a + TICK_NS, start)
            if lost > 0:
                total += lost
                longest = max(longest, lost)
        found[cpu] = (total, longest)
    return found


def spinning(spins, start, end):
    """Per CPU, about how long it spent spinning for a kernel lock within [start, end]."""
    return {cpu: TICK_NS * (bisect.bisect_right(t, end) - bisect.bisect_left(t, start))
            for cpu, t in spins.items()}


def longest_silence(times, start, end):
    """The longest stretch within [start, end] with no scheduler event on any CPU. The probe's
    sender wakes on a timer every millisecond, so in a healthy guest it is under a millisecond."""
    i = bisect.bisect_left(times, start)
    j = bisect.bisect_right(times, end)
    marks = [start] + times[i:j] + [end]
    return max(b - a for a, b in zip(marks, marks[1:]))


def task_name(tid, comm, parents):
    if comm == "socket_srv":
        return f"socket_srv {'server' if tid in parents else 'child'} {tid}"
    return f"{comm} {tid}"


def kind_of(tid, comm):
    if tid == 0 or comm.startswith("swapper"):
        return "idle"
    return "pipeline" if comm in PIPELINE else "other"


def occupancy(segments, start, end, parents):
    """CPU time by kind, and by name for the others, within [start, end]; the longest single
    segment of the pipeline and of the idle task that overlaps it."""
    by_kind = collections.Counter()
    others = collections.Counter()
    tasks = collections.Counter()
    longest = {"pipeline": (0, ""), "idle": (0, "")}
    for cpu, runs in segments.items():
        for since, until, tid, comm in runs:
            if until <= start or since >= end:
                continue
            overlap = min(until, end) - max(since, start)
            kind = kind_of(tid, comm)
            by_kind[kind] += overlap
            if kind == "other":
                others[comm] += overlap
            elif kind == "pipeline":
                tasks[task_name(tid, comm, parents)] += overlap
            if kind in longest and until - since > longest[kind][0]:
                longest[kind] = (until - since, f"{task_name(tid, comm, parents)} on CPU {cpu}")
    return by_kind, others, tasks, longest


def longest_queue_wait(wakeups, switch_ins, comm_of, start, end):
    """The longest wait of a pipeline task from a wake-up within [start, end] to its next
    switch-in."""
    best = (0, "")
    for tid, times in wakeups.items():
        if comm_of.get(tid) not in PIPELINE:
            continue
        ins = switch_ins.get(tid, [])
        j = 0
        for t in times:
            if not start <= t <= end:
                continue
            while j < len(ins) and ins[j] < t:
                j += 1
            if j < len(ins) and ins[j] - t > best[0]:
                best = (ins[j] - t, f"{comm_of.get(tid)} {tid}")
    return best


def cpu_time_of(segments, tid, start, end):
    return sum(min(until, end) - max(since, start)
               for runs in segments.values() for since, until, t, _ in runs
               if t == tid and until > start and since < end)


def longest_without_sending(segments, sends, switch_ins, comm_of, parents, start, end):
    """The longest part of [start, end] between two sends of one server's child in which the
    child got a CPU at least three times but ran for less than a third of it: a child woken
    again and again that writes nothing is holding what it has. (One that "runs" for
    milliseconds without sending is rather a CPU the host did not run.) Returns (length,
    times switched in, task)."""
    best = (0, 0, "")
    for tid, times in sends.items():
        if comm_of.get(tid) != "socket_srv" or tid in parents:
            continue
        ins = switch_ins.get(tid, [])
        for a, b in zip(times, times[1:]):
            a, b = max(a, start), min(b, end)
            if b - a <= best[0]:
                continue
            switched_in = bisect.bisect_left(ins, b) - bisect.bisect_right(ins, a)
            if switched_in >= 3 and cpu_time_of(segments, tid, a, b) < (b - a) / 3:
                best = (b - a, switched_in, task_name(tid, "socket_srv", parents))
    return best


def bursts(samples, threshold_ns):
    """Late names grouped into bursts: names whose journeys overlap."""
    late = sorted((s, s + lat) for s, lat in samples if lat > threshold_ns)
    groups = []
    for start, end in late:
        if groups and start <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2] += 1
            groups[-1][3] = max(groups[-1][3], end - start)
        else:
            groups.append([start, end, 1, end - start])
    return groups


def one_run(run, args, index):
    prefix = run.prefix()
    port = run_all.PORT + 60
    servers = [run_all.Server(run, "ours", "shm", port, prefix),
               run_all.Server(run, "ours", "shm", port + 1, prefix)]
    parents = {s.pid for s in servers}
    with tempfile.TemporaryDirectory(prefix="pcbench-trace-") as scratch:
        dump = os.path.join(scratch, "latency.txt")
        data = os.path.join(scratch, "sched.data")
        env = dict(os.environ, PRODCONS_LATENCY_DUMP=dump)
        try:
            probe = subprocess.run(
                ["perf", "record", "-q", "-k", "CLOCK_MONOTONIC", "-e", "sched:sched_switch",
                 "-e", "sched:sched_wakeup", "-e", "syscalls:sys_enter_sendto",
                 "-e", "cpu-clock", "-c", str(TICK_NS), "-a",
                 "-m", "1024", "-o", data, "--",
                 str(run.bin / "latency_probe"), str(port), str(port + 1), "1000", str(args.seconds)],
                capture_output=True, text=True, env=env, timeout=300)
        finally:
            for s in servers:
                s.stop()
        if probe.returncode != 0:
            raise RuntimeError(f"perf record / latency_probe failed: {probe.stderr.strip()}")
        summary = probe.stdout.strip().splitlines()[-1]
        samples = [tuple(map(int, line.split())) for line in open(dump) if line.strip()]
        segments, wakeups, switch_ins, sends, comm_of, times, ticks, spins = read_trace(data)

    print(f"run {index}: {summary}")
    groups = bursts(samples, args.threshold_us * 1000)
    late = sum(g[2] for g in groups)
    print(f"  {late} names later than {args.threshold_us} us, in {len(groups)} burst(s)")
    first = min(s for s, _ in samples)
    totals = collections.Counter()
    for rank, (start, end, count, worst) in enumerate(sorted(groups, key=lambda g: -g[3])):
        by_kind, others, tasks, longest = occupancy(segments, start, end, parents)
        span = end - start
        cpu_time = sum(by_kind.values()) or 1
        queue_wait, queue_task = longest_queue_wait(wakeups, switch_ins, comm_of, start, end)
        named = ", ".join(f"{c} {t / 1e3:.0f} us" for c, t in others.most_common(3))
        busiest = ", ".join(f"{c} {t / 1e3:.0f} us" for c, t in tasks.most_common(3))
        silence = longest_silence(times, start, end)
        held = longest_without_sending(segments, sends, switch_ins, comm_of, parents, start, end)
        stopped = unsampled(ticks, start, end)
        spun = spinning(spins, start, end)
        cause = classify(by_kind, cpu_time, queue_wait, silence, held, stopped, spun, span)
        totals[cause] += count
        if rank >= args.show:
            continue
        print(f"  at {(start - first) / 1e9:6.2f} s: {count} name(s), worst {worst / 1e3:.0f} us; "
              f"CPU time: pipeline {100 * by_kind['pipeline'] / cpu_time:.0f}%, "
              f"idle {100 * by_kind['idle'] / cpu_time:.0f}%, other {100 * by_kind['other'] / cpu_time:.0f}%"
              + (f" ({named})" if named else ""))
        print(f"      pipeline's busiest: {busiest or '-'}")
        print(f"      longest wake-up to CPU: {queue_wait / 1e3:.0f} us ({queue_task or '-'}); "
              f"longest unbroken run: pipeline {longest['pipeline'][0] / 1e3:.0f} us "
              f"({longest['pipeline'][1] or '-'}), idle {longest['idle'][0] / 1e3:.0f} us; "
              f"longest silence on every CPU: {silence / 1e3:.0f} us")
        not_run = ", ".join(f"CPU {cpu} {total / 1e3:.0f} us (longest {most / 1e3:.0f} us)"
                            for cpu, (total, most) in sorted(stopped.items()))
        spun_text = ", ".join(f"CPU {cpu} {t / 1e3:.0f} us" for cpu, t in sorted(spun.items()) if t)
        print(f"      not run by the host (no timer sample): {not_run or '-'}; "
              f"spinning for a kernel lock: {spun_text or 'none'}")
        if held[0]:
            print(f"      longest a server's child went without sending while it ran, within it: "
                  f"{held[0] / 1e3:.0f} us, {held[1]} times on a CPU ({held[2]})")
        print(f"      => {cause}")
    for cause, count in totals.most_common():
        print(f"  late names by cause: {count} x {cause}")
    return summary, late, totals


def classify(by_kind, cpu_time, queue_wait, silence, held, stopped, spun, span):
    """The likeliest cause: the first that accounts for a third of the delay or more."""
    if silence >= span / 3 and silence >= 1_000_000:
        return ("the whole guest stood still (no scheduler event or timer sample on any CPU, "
                "although the sender's 1 ms timer was due): the host did not run the virtual "
                "machine")
    # A consumer's child sends every name within about a millisecond at the probe's pace, and
    # the OKs that come back wake it too: a gap of 2 ms while it keeps waking up is not that.
    if held[0] >= span / 3 and held[0] >= 2_000_000:
        return ("a server's child held names back: it got a CPU again and again and sent "
                "nothing (the code's own wait)")
    lost = max((total for total, _ in stopped.values()), default=0)
    if lost >= span / 3 and lost >= 1_000_000:
        if sum(spun.values()) >= span / 10:
            return ("the host did not run a CPU (no timer sample on it), and another CPU spun "
                    "meanwhile for a kernel lock (as a rule one the stopped CPU held)")
        return "the host did not run a CPU (no timer sample on it)"
    if by_kind["other"] >= cpu_time / 3:
        return "other work held the CPUs"
    if queue_wait >= span / 3:
        return "a pipeline task waited for a CPU"
    return "no single cause in the trace"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threshold-us", type=int, default=1000)
    parser.add_argument("--show", type=int, default=5, help="bursts shown per run, worst first")
    args = parser.parse_args()
    run = run_all.Run(args.build, False)
    met = 0
    causes = collections.Counter()
    for index in range(1, args.runs + 1):
        summary, _, totals = one_run(run, args, index)
        figures = summary.split()
        met += float(figures[figures.index("p99_us") + 1]) < args.threshold_us
        causes.update(totals)
    print(f"runs with p99 under {args.threshold_us} us: {met} of {args.runs}")
    for cause, count in causes.most_common():
        print(f"all late names: {count} x {cause}")


if __name__ == "__main__":
    main()
