#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""What `floorscan scan` shows while it runs (docs/progress.md), on three local hosts with the
ten-rule benchmark: the status line on a terminal (a pty), one line per host without one,
nothing with --quiet but the summary, and the --progress json stream.

usage: progress.py PATH/TO/floorscan PATH/TO/ten-rules-xccdf.xml
"""
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FS, BENCH = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


tmp = tempfile.mkdtemp(prefix="fs-progress.")
inv = f"{tmp}/inv.yml"
with open(inv, "w") as f:
    f.write("all:\n  hosts:\n")
    for n in ("dev-1", "dev-2", "dev-3"):
        f.write(f"    {n}: {{ ansible_connection: local }}\n")
BASE = [FS, "scan", "-i", inv, "--benchmark", BENCH, "-f", "json", "--no-db", "-j", "2"]
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
ENV["TERM"] = "xterm"


def run(*args):
    p = subprocess.run([*BASE, "-o", f"{tmp}/out", *args], stdin=subprocess.DEVNULL,
                       capture_output=True, env=ENV, timeout=120)
    return p.returncode, p.stdout, p.stderr


def run_on_tty(*args):
    """stdin, stdout and stderr on a pseudo-terminal; everything it wrote, and its status."""
    pid, fd = pty.fork()
    if pid == 0:
        cmd = [*BASE, "-o", f"{tmp}/tty", *args]
        os.execve(cmd[0], cmd, ENV)
    out, status, t0 = b"", None, time.time()
    while status is None:
        if time.time() - t0 > 120:
            os.kill(pid, signal.SIGKILL)
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                pass
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(st)
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(fd)
    return status, out


try:
    # -- a terminal: one status line, redrawn in place, cleared before the summary
    rc, out = run_on_tty()
    print(f"     tty: rc={rc}, {len(out)} bytes", flush=True)
    check(rc == 1 or rc == 0, "tty: the scan finished")
    check(b"\r[3/3] " in out, "tty: the status line reached [3/3]")
    check(re.search(rb"\r\[[0-3]/3\] [0-9] running.* \| failures [0-9]+.* \| [0-9]+s", out)
          is not None, "tty: the status line shows done/total, running, failures, elapsed")
    head = out[:out.find(b"HOST")]
    last = head.rfind(b"\r[")
    cleared = re.search(rb"\r( +)\r", head[last + 1:])
    check(b"HOST" in out and cleared is not None and
          len(cleared.group(1)) >= len(head[last + 1:].split(b"\r")[0]),
          "tty: the status line is cleared (overwritten with spaces) before the summary")
    check(re.search(rb"\[[0-9]/3\] dev-", out) is None,
          "tty: no per-host lines on a terminal (the status line instead)")
    escapes = set(re.findall(rb"\x1b(\[[0-9;]*[A-Za-z]|.)", out))
    check(escapes <= {b"[31m", b"[32m", b"[33m", b"[1m", b"[0m"},
          f"tty: only the summary's colour escapes on the terminal ({sorted(escapes)})")
    status = out[:out.find(b"\n")]  # the summary starts with a line end
    check(b"\x1b" not in status, "tty: the status line uses no escape sequence")
    drawn = [x.rstrip(b" ") for x in status.split(b"\r") if x.startswith(b"[")]
    check(drawn and all(len(x) <= 79 for x in drawn),
          f"tty: {len(drawn)} status lines drawn, each within 79 of the 80 columns")

    # -- no terminal: one line per finished host, in the format of earlier versions
    rc, so, se = run()
    lines = se.decode().splitlines()
    check(len(lines) == 3 and all(re.match(r"\[[1-3]/3\] dev-[1-3] +scanned +score [0-9.]+ *$",
                                           x) for x in lines),
          f"lines: one '[n/3] NAME scanned score S' line per host on stderr ({lines})")
    check(b"fleet score" in so, "lines: the summary on stdout")

    # -- --quiet: the final summary (stdout) and errors only
    rc, so, se = run("-q")
    check(se == b"", f"quiet: nothing on stderr ({se[:200]!r})")
    check(b"fleet score" in so and b"wrote " in so, "quiet: the final summary on stdout")

    # -- --progress json (with -q: the events only)
    rc, so, se = run("-q", "--progress", "json")
    events = [json.loads(x) for x in se.decode().splitlines()]
    kinds = [e["event"] for e in events]
    check(kinds[0] == "start" and kinds[-1] == "end" and kinds.count("host-start") == 3 and
          kinds.count("host-done") == 3, f"json: start, 3 host-start, 3 host-done, end ({kinds})")
    check(all("time" in e for e in events), "json: every event has a time")
    done = [e for e in events if e["event"] == "host-done"]
    check(sorted(e["host"] for e in done) == ["dev-1", "dev-2", "dev-3"] and
          [e["done"] for e in done] == [1, 2, 3] and
          all(e["status"] == "scanned" and e["total"] == 3 and isinstance(e["fail"], int) and
              isinstance(e["seconds"], (int, float)) for e in done),
          "json: host-done names the host, status, score, fail, seconds, done/total")
    check(events[0]["hosts"] == 3 and events[0]["jobs"] == 2, "json: start has hosts and jobs")
    check(events[-1]["done"] == 3 and events[-1]["interrupted"] is False,
          "json: end says 3 done, not interrupted")
    check(all(kinds.index("host-start") < i for i, k in enumerate(kinds) if k == "host-done"),
          "json: a host starts before any host is done")
    check(b"fleet score" in so, "json: the summary still on stdout")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print(f"{len(failures)} check(s) failed:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("all checks passed")
