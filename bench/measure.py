#!/usr/bin/env python3
"""Times commands side by side: wall time, CPU time and peak memory, medians
of RUNS.

    measure.py RUNS RESULTS.tsv NAME 'COMMAND' [NAME 'COMMAND' ...]

The commands run round-robin (A B A B ...) so that a slow spell of the
shared machine falls on all of them alike.  Each command is split like a
shell word list (no shell runs it); its standard output goes to /dev/null.
Wall time is measured around posix_spawn and wait, peak memory is the
child's ru_maxrss from wait4 (Linux counts the spawning Python's own
resident size into it, about 10 MiB: smaller peaks read as that).  One line per command is appended to RESULTS.tsv:

    NAME  median_seconds  median_peak_kib  min_seconds  max_seconds  runs
          median_cpu_seconds

CPU time is the child's user and system time from wait4: on a shared,
busy machine it is the steadier of the two.

A command that exits non-zero stops the benchmark with its status.
"""
import os
import shlex
import statistics
import sys
import time


def run_once(argv):
    """Runs argv once; returns (seconds, peak KiB, CPU seconds)."""
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("measure.py: %s: exit status %d" % (shlex.join(argv), code))
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) < 5 or len(sys.argv) % 2 == 0:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    out = sys.argv[2]
    pairs = sys.argv[3:]
    jobs = [(pairs[i], shlex.split(pairs[i + 1]))
            for i in range(0, len(pairs), 2)]
    walls = {name: [] for name, _ in jobs}
    peaks = {name: [] for name, _ in jobs}
    cpus = {name: [] for name, _ in jobs}
    for _ in range(runs):
        for name, argv in jobs:
            seconds, kib, cpu = run_once(argv)
            walls[name].append(seconds)
            peaks[name].append(kib)
            cpus[name].append(cpu)
    with open(out, "a") as f:
        for name, _ in jobs:
            w = walls[name]
            line = "%s\t%.6f\t%d\t%.6f\t%.6f\t%d\t%.6f" % (
                name, statistics.median(w), statistics.median(peaks[name]),
                min(w), max(w), runs, statistics.median(cpus[name]))
            f.write(line + "\n")
            print("  " + line, file=sys.stderr)


if __name__ == "__main__":
    main()
