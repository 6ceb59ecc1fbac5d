#!/usr/bin/env python3
"""Times a command as fresh processes and prints "MEDIAN_SECONDS PEAK_RSS_KB".

    measure.py [--runs N] [--warmup N] [--rss] [--fresh SRC DST] [--clean PATH] [--per-run]
               -- COMMAND ARGS... [--then COMMAND ARGS...]

Each run starts the command (and every --then step after it, one after the other) with
posix_spawn, stdout to /dev/null, and takes the wall time around all of its steps with
time.perf_counter, so no shell start-up is counted.

With --rss each step runs under /usr/bin/time -f %M and the peak RSS printed is the highest of
any step in any run, in kilobytes (0 without --rss). Python's own wait4 figure cannot be used:
a process spawned from Python starts with Python's ~15 MB counted as its high-water mark.
The wrapper adds about a millisecond to each step, so --rss is for commands taking seconds.

Before every run, untimed:
  --fresh SRC DST  copies the database SRC to DST (a -wal or -shm beside DST is removed) and
                   fsyncs it, so a writing command starts from the same file each run and no
                   dirty page of the copy is flushed by the command's own fsync;
  --clean PATH     removes PATH (a file or a folder), e.g. the output of the previous run.
--per-run formats every argument with {run} (1, 2, ...), e.g. P-{run:06d}.
A step that exits non-zero stops the measurement with its stderr: a failed command is never
timed as a fast one.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time


def fresh_copy(source, target):
    for leftover in (target, target + "-wal", target + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    shutil.copyfile(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def run_step(argv, stderr_path, rss_path=None):
    """Runs one process to its end; returns its peak RSS in kilobytes (0 without rss_path)."""
    if rss_path:
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss_path, *argv]
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    executable = shutil.which(argv[0]) or argv[0]
    pid = os.posix_spawn(executable, argv, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        with open(stderr_path, encoding="utf-8", errors="replace") as err:
            message = err.read()[-2000:]
        sys.exit(f"measure.py: {' '.join(argv)} exited with {code}:\n{message}")
    if not rss_path:
        return 0
    with open(rss_path, encoding="utf-8") as rss:
        return int(rss.read().split()[-1])


def split_steps(command):
    steps, step = [], []
    for word in command:
        if word == "--then":
            steps.append(step)
            step = []
        else:
            step.append(word)
    steps.append(step)
    if any(not s for s in steps):
        sys.exit("measure.py: empty command")
    return steps


def main():
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--fresh", nargs=2, action="append", default=[], metavar=("SRC", "DST"))
    parser.add_argument("--clean", action="append", default=[], metavar="PATH")
    parser.add_argument("--rss", action="store_true", help="measure the peak RSS too")
    parser.add_argument("--per-run", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    steps = split_steps(command)

    seconds, peak_kb = [], 0
    with tempfile.TemporaryDirectory() as scratch:
        stderr_path = os.path.join(scratch, "stderr")
        rss_path = os.path.join(scratch, "rss") if options.rss else None
        for run in range(1 - options.warmup, options.runs + 1):
            number = max(run, 1)  # warm-up runs use the first run's arguments
            for source, target in options.fresh:
                fresh_copy(source, target)
            for path in options.clean:
                clean(path)
            argvs = [[w.format(run=number) if options.per_run else w for w in s] for s in steps]
            start = time.perf_counter()
            rss = [run_step(argv, stderr_path, rss_path) for argv in argvs]
            elapsed = time.perf_counter() - start
            if run >= 1:
                seconds.append(elapsed)
                peak_kb = max([peak_kb, *rss])
    print(f"{statistics.median(seconds):.6f} {peak_kb}")


if __name__ == "__main__":
    main()
