#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""floorscan scan's terminal summary end to end (local transport): colour on a terminal only,
never with NO_COLOR or TERM=dumb or into a pipe; the top failed rules; the JUnit and CSV files
written and valid. Usage: summary_tty.py FLOORSCAN BENCHMARK JUNIT_XSD"""
import csv
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile

FS, BENCH, XSD = sys.argv[1:4]
ESC = b"\x1b["
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg, file=sys.stderr)


def scan_args(tmp, out):
    return [FS, "scan", "-i", os.path.join(tmp, "inv.yml"), "--benchmark", BENCH,
            "-f", "json,junit,csv", "-o", os.path.join(tmp, out)]


def env_with(**kw):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env["TERM"] = "xterm-256color"
    for k, v in kw.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run_pipe(args, env):
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120, check=False)
    return p.returncode, p.stdout


def run_pty(args, env):
    """stdout (and stderr) on a pseudo-terminal, as a person at a terminal sees it."""
    master, slave = pty.openpty()
    p = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    data = b""
    while True:
        r, _, _ = select.select([master], [], [], 120)
        if not r:
            p.kill()
            fail("no output on the terminal for 120 s")
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    os.close(master)
    return p.wait(timeout=60), data


def check_common(name, rc, out):
    if rc not in (0, 1):
        fail(f"{name}: exit {rc}: {out[-2000:]!r}")
    if b"HOST" not in out or b"STATUS" not in out:
        fail(f"{name}: no host table: {out[-2000:]!r}")
    if b"top failed rules" not in out:
        fail(f"{name}: no top failed rules: {out[-2000:]!r}")
    for f in (b"results.json", b"results-junit.xml", b"results.csv"):
        if b"wrote " not in out or f not in out:
            fail(f"{name}: no 'wrote' line for {f!r}")


def main():
    tmp = tempfile.mkdtemp(prefix="fs-summary-tty-")
    try:
        with open(os.path.join(tmp, "inv.yml"), "w") as f:
            f.write('all:\n  hosts:\n    "=dev-1":\n      ansible_connection: local\n'
                    '      role: build-server\n      zone: "+z\\x01"\n')
        rc, out = run_pipe(scan_args(tmp, "pipe"), env_with())
        check_common("pipe", rc, out)
        if ESC in out:
            fail(f"an escape sequence in a pipe: {out!r}")
        rc, out = run_pty(scan_args(tmp, "tty"), env_with())
        check_common("tty", rc, out)
        if b"\x1b[1mHOST" not in out:
            fail(f"no colour on a terminal: {out!r}")
        for name, env in (("NO_COLOR", env_with(NO_COLOR="1")), ("TERM=dumb", env_with(TERM="dumb"))):
            rc, out = run_pty(scan_args(tmp, "nc"), env)
            check_common(name, rc, out)
            if ESC in out:
                fail(f"{name}: an escape sequence on the terminal: {out!r}")
        # the files: JUnit valid against the committed schema, CSV read back, neutralised
        junit = os.path.join(tmp, "pipe", "results-junit.xml")
        if shutil.which("xmllint"):
            p = subprocess.run(["xmllint", "--noout", "--schema", XSD, junit],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
            if p.returncode != 0:
                fail(f"{junit} does not validate: {p.stdout.decode(errors='replace')}")
        else:
            fail("xmllint is missing (libxml2-utils; scripts/install-deps.sh installs it)")
        with open(os.path.join(tmp, "pipe", "results.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, strict=True))
        if len(rows) < 2 or rows[0][0] != "host":
            fail(f"results.csv: {rows[:2]!r}")
        for r in rows[1:]:
            if r[0] != "'=dev-1" or r[2] != "'+z\\x01":
                fail(f"results.csv row not neutralised: {r!r}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("summary_tty: " + ("ok" if not failures else f"{failures} failures"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
