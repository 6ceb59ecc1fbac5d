#!/usr/bin/env python3
"""Times commands as fresh processes; prints "MEDIAN_SECONDS PEAK_RSS_KB" for each.

    measure.py [--runs N] [--warmup N] [--rss] [--per-run] [PREPARE...]
               -- [PREPARE...] COMMAND ARGS... [--then COMMAND ARGS...]
               [--versus [PREPARE...] COMMAND ARGS... [--then ...]]

A run starts the command (and every --then step after it, one after the other) with
posix_spawn, stdout to /dev/null, and takes the wall time around all of its steps with
time.perf_counter, so no shell start-up is counted. The figure is the median of the runs.

--versus adds a second command (e.g. the sqlite3 shell doing the same work) timed in the same
runs: each run times both, one after the other, in turn first, so a machine that gets busier
or quieter during the measurement weighs on both alike. One output line per command.

With --rss each step runs under /usr/bin/time -f %M and the peak RSS printed is the highest of
any step in any run, in kilobytes (0 without --rss). Python's own wait4 figure cannot be used:
a process spawned from Python starts with Python's ~15 MB counted as its high-water mark.
The wrapper adds about a millisecond to each step, so --rss is for commands taking seconds.

Before every timed command, untimed, PREPARE (before -- for every command, after -- or
--versus for that command only):
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


def split(words, separator):
    parts, part = [], []
    for word in words:
        if word == separator:
            parts.append(part)
            part = []
        else:
            part.append(word)
    parts.append(part)
    if any(not p for p in parts):
        sys.exit(f"measure.py: empty command around {separator}")
    return parts


class Command:
    """One command (its --then steps included), its own preparation, what its runs measured."""

    def __init__(self, words):
        self.fresh, self.clean = [], []
        while words[:1] in (["--fresh"], ["--clean"]):
            if words[0] == "--fresh":
                self.fresh.append((words[1], words[2]))
                words = words[3:]
            else:
                self.clean.append(words[1])
                words = words[2:]
        self.steps = split(words, "--then")
        self.seconds = []
        self.peak_kb = 0

    def prepare(self, fresh, cleaned):
        for source, target in fresh + self.fresh:
            fresh_copy(source, target)
        for path in cleaned + self.clean:
            clean(path)


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
    words = options.command[1:] if options.command[:1] == ["--"] else options.command
    commands = [Command(part) for part in split(words, "--versus")]

    with tempfile.TemporaryDirectory() as scratch:
        stderr_path = os.path.join(scratch, "stderr")
        rss_path = os.path.join(scratch, "rss") if options.rss else None
        for run in range(1 - options.warmup, options.runs + 1):
            number = max(run, 1)  # warm-up runs use the first run's arguments
            order = commands if run % 2 else commands[::-1]
            for command in order:
                command.prepare(options.fresh, options.clean)
                argvs = [[w.format(run=number) if options.per_run else w for w in step]
                         for step in command.steps]
                start = time.perf_counter()
                rss = [run_step(argv, stderr_path, rss_path) for argv in argvs]
                elapsed = time.perf_counter() - start
                if run >= 1:
                    command.seconds.append(elapsed)
                    command.peak_kb = max([command.peak_kb, *rss])
    for command in commands:
        print(f"{statistics.median(command.seconds):.6f} {command.peak_kb}")


if __name__ == "__main__":
    main()
