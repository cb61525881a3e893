#!/usr/bin/env python3
"""Runs a command and passes its output through; when it prints nothing for --silence seconds
(a hung test), prints every thread's stack of the command's processes (gdb) and stops them.

    scripts/watchdog.py --silence 300 -- swift test --skip-build --no-parallel

Exit status: the command's own, or 124 after a hang. No test of ours is silent for minutes
(the longest prints within about a minute), so a silence that long is a hang, and the stacks
say where it is instead of a CI run that ends at its time limit with nothing to go on.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time


def group_pids(pgid):
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) == pgid:
                pids.append(int(entry))
        except (ProcessLookupError, PermissionError):
            continue
    return sorted(pids)


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def dump_stacks(pgid):
    gdb = shutil.which("gdb")
    for pid in group_pids(pgid):
        print(f"\n=== watchdog: process {pid}: {command_line(pid)}", flush=True)
        if gdb is None:
            print("(gdb is not installed: no stacks)", flush=True)
            continue
        subprocess.run([gdb, "-p", str(pid), "-batch", "-nx", "-ex", "set pagination off",
                        "-ex", "thread apply all bt 40"], stdout=sys.stdout, stderr=subprocess.STDOUT,
                       timeout=120, check=False)
        sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--silence", type=float, default=300, help="seconds without output that mean a hang")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    last_output = [time.monotonic()]

    def copy():
        # A daemon the command started may keep the pipe open after the command ends, so the
        # copy runs beside the wait instead of deciding when the command is over.
        out = sys.stdout.buffer
        for line in iter(child.stdout.readline, b""):
            last_output[0] = time.monotonic()
            out.write(line)
            out.flush()

    reader = threading.Thread(target=copy, daemon=True)
    reader.start()
    while child.poll() is None:
        if time.monotonic() - last_output[0] > args.silence:
            print(f"\n=== watchdog: no output for {args.silence:.0f} s: a hang. Stacks follow.", flush=True)
            dump_stacks(child.pid)
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            print("=== watchdog: stopped the hung command", flush=True)
            return 124
        time.sleep(1)
    reader.join(timeout=5)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
