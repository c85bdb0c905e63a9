#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Whether two results.json files hold the same results, timestamps aside.

    same_results.py A.json B.json [--max=N]

Exit 0 when they are the same; 1 with the first differences (at most N, default 20), each as
a JSON path and the two values; 2 when a file cannot be read. Used for "a merged result equals
a single full scan" (floorscan merge of --shard K/N scans against one scan of the whole
inventory) and "-j 1 equals -j 32".

Only what legitimately differs between two scans of the same fleet is ignored, by its place:

  top level    started, finished        when the run ran
               history                  the history store's run id, label, chain digests
                                        (a merged result and an unstored run have none)
               drift                    the comparison with the previous stored run, which
                                        differs with what was stored before
               run_label, shard,        run identity, if a later version records them
               command_line, argv,
               output, outdir
  per host     started, finished,       when the host was scanned and how long it took
               duration_s,
               device_cpu_s,            the collector's CPU and wall seconds on the device
               device_wall_s
  per result   failing_since            the start of the failing streak in the history store

  in evidence  "(N processes seen)"     a live count of the device's processes (the
                                        scan's own among them), which two scans never
                                        see the same: compared with N masked
               "N processes and"        the same count in flows_no_remote_access_agents
               "dropbear (pid 1 and 2   the dropbear processes, which include the child
               more)"                   that serves the scan's own connection: its pid
                                        and their count differ in every scan (masked to
                                        "pids N")

Everything else is compared exactly, including the order of hosts, of results within a host,
every score, the summary, the waiver register and its matched counts, evidence and
inventory_index. Numbers compare as JSON numbers (80 and 80.0 are equal).
"""

import json
import re
import sys

IGNORED_TOP = {
    "started",
    "finished",
    "history",
    "drift",
    "run_label",
    "shard",
    "command_line",
    "argv",
    "output",
    "outdir",
}
IGNORED_HOST = {"started", "finished", "duration_s", "device_cpu_s", "device_wall_s"}
IGNORED_RESULT = {"failing_since"}
# live counts inside evidence, masked (each pattern documented above)
VOLATILE_EVIDENCE = [
    (re.compile(r"\((\d+) processes seen\)"), "(N processes seen)"),
    (re.compile(r"\b\d+ processes and "), "N processes and "),
    (re.compile(r"dropbear \(pids? \d+(, \d+)*( and \d+ more)?\)"), "dropbear (pids N)"),
]


def result(r):
    """A result without its ignored members, live counts in its evidence masked."""
    r = {k: v for k, v in r.items() if k not in IGNORED_RESULT}
    if isinstance(r.get("evidence"), str):
        for pat, mask in VOLATILE_EVIDENCE:
            r["evidence"] = pat.sub(mask, r["evidence"])
    return r


def strip(doc):
    """A copy of doc without the ignored members."""
    doc = {k: v for k, v in doc.items() if k not in IGNORED_TOP}
    hosts = []
    for h in doc.get("hosts", []):
        if isinstance(h, dict):
            h = {k: v for k, v in h.items() if k not in IGNORED_HOST}
            if isinstance(h.get("results"), list):
                h["results"] = [result(r) if isinstance(r, dict) else r for r in h["results"]]
        hosts.append(h)
    if "hosts" in doc:
        doc["hosts"] = hosts
    return doc


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def diff(a, b, path, out, limit):
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{path}.{k}: missing in A, B has {short(b[k])}")
            elif k not in b:
                out.append(f"{path}.{k}: A has {short(a[k])}, missing in B")
            else:
                diff(a[k], b[k], f"{path}.{k}", out, limit)
            if len(out) >= limit:
                return
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items in A, {len(b)} in B")
        for i, (x, y) in enumerate(zip(a, b)):
            name = ""
            if isinstance(x, dict):
                name = x.get("name") or x.get("rule") or x.get("id") or ""
            diff(x, y, f"{path}[{i}{' ' + str(name) if name else ''}]", out, limit)
            if len(out) >= limit:
                return
    else:
        same = a == b if number(a) and number(b) else type(a) is type(b) and a == b
        if not same:
            out.append(f"{path}: A {short(a)}, B {short(b)}")


def short(v):
    s = json.dumps(v, ensure_ascii=True)
    return s if len(s) <= 120 else s[:117] + "..."


def main(argv):
    args, limit = [], 20
    for a in argv[1:]:
        if a.startswith("--max="):
            limit = int(a.split("=", 1)[1])
        else:
            args.append(a)
    if len(args) != 2:
        print("usage: same_results.py A.json B.json [--max=N]", file=sys.stderr)
        return 2
    docs = []
    for p in args:
        try:
            with open(p, encoding="utf-8") as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            print(f"same_results: {p}: {e}", file=sys.stderr)
            return 2
        if not isinstance(docs[-1], dict) or docs[-1].get("schema") != "floorscan-results/1":
            print(f"same_results: {p}: not a floorscan-results/1 document", file=sys.stderr)
            return 2
    out = []
    diff(strip(docs[0]), strip(docs[1]), "$", out, limit)
    if out:
        print(f"same_results: {args[0]} (A) and {args[1]} (B) differ:", file=sys.stderr)
        for line in out:
            print("  " + line, file=sys.stderr)
        if len(out) >= limit:
            print(f"  (first {limit} differences; --max=N shows more)", file=sys.stderr)
        return 1
    print(f"same_results: {args[0]} and {args[1]} hold the same results")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
