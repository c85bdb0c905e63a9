#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the two results.json of the `floorscan diff` CLI test (a.json, the older run, and
b.json) from a results.json of the ten-rule fixture benchmark (any local scan made with
--benchmark tests/fixtures/ten-rules-xccdf.xml). The files are committed; rerun this only to
change them, then pass each through `floorscan report` so every derived member (principles,
summary) is what floorscan computes, from tests/cli/inventories (the benchmark path is
relative to it):
    make-fixtures.py TEMPLATE.json /tmp/gen
    cd tests/cli/inventories && for x in a b; do
      floorscan report /tmp/gen/$x.json -f json -o /tmp/re-$x -q && cp /tmp/re-$x/results.json ../diff/$x.json
    done
Usage: make-fixtures.py TEMPLATE.json OUTDIR"""
import copy
import json
import sys

WEIGHT = {"high": 3, "medium": 2, "low": 1}
BENCH = "../../fixtures/ten-rules-xccdf.xml"  # relative to tests/cli/inventories


def score(h):
    p = f = 0
    for r in h["results"]:
        if r.get("waiver"):
            continue
        w = WEIGHT.get(r["severity"], 0)
        p += w if r["status"] == "pass" else 0
        f += w if r["status"] == "fail" else 0
    h["score"] = round(100.0 * p / (p + f), 1) if p + f else None


def host(tpl, name, statuses, evidence, since=None):
    h = copy.deepcopy(tpl)
    h["name"] = name
    h["address"] = "10.0.0." + str(len(name))
    h["local"] = False
    h["system"] = {"os": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-18-amd64", "hostname": name}
    h["started"] = h["finished"] = None
    for r in h["results"]:
        r["status"] = statuses.get(r["rule"], "pass")
        r["evidence"] = evidence.get(r["rule"], r["rule"] + ": " + r["status"])
        r["failing_since"] = (since or {}).get(r["rule"]) if r["status"] == "fail" else None
    score(h)
    return h


def unreachable(tpl, name):
    h = copy.deepcopy(tpl)
    h.update(name=name, status="unreachable", error="connect: No route to host", results=[],
             evaluated=False, profile="", score=None, system={"os": None, "kernel": None, "hostname": None},
             started=None, finished=None)
    h["probes"] = {"proven": 0, "unproven": {}}
    return h


tpl_doc = json.load(open(sys.argv[1]))
tpl = tpl_doc["hosts"][0]
doc = copy.deepcopy(tpl_doc)
doc["benchmark"]["file"] = doc["benchmark"]["path"] = BENCH
doc["gate"] = {"fail_under": None, "fail_on": None}
doc["waivers"] = None

a = copy.deepcopy(doc)
a["started"], a["finished"] = "2026-11-01T09:00:00Z", "2026-11-01T09:05:00Z"
a["hosts"] = [
    host(tpl, "line1-pc", {"sshd_disable_password_auth": "fail", "logging_system_logger_active": "fail",
                           "accounts_password_max_days": "fail"},
         {"sshd_disable_password_auth": "PasswordAuthentication yes (sshd -T)"},
         {"sshd_disable_password_auth": "2026-10-01T09:00:00Z", "logging_system_logger_active": "2026-11-01T09:00:00Z",
          "accounts_password_max_days": "2026-11-01T09:00:00Z"}),
    host(tpl, "line2-plc", {"updates_automatic_enabled": "fail"}, {}, {"updates_automatic_enabled": "2026-11-01T09:00:00Z"}),
    host(tpl, "old-hmi", {"service_telnet_disabled": "fail"}, {}, {}),
]
b = copy.deepcopy(doc)
b["started"], b["finished"] = "2026-11-29T09:00:00Z", "2026-11-29T09:05:00Z"
b["hosts"] = [
    host(tpl, "line1-pc", {"sshd_disable_root_login": "fail", "sshd_disable_password_auth": "fail",
                           "logging_system_logger_active": "error"},
         {"sshd_disable_root_login": "PermitRootLogin yes \u001b[31m(sshd -T)\u001b[0m",
          "sshd_disable_password_auth": "PasswordAuthentication yes; KbdInteractiveAuthentication yes (sshd -T)",
          "logging_system_logger_active": "systemctl: not proven (needs root)"},
         {"sshd_disable_root_login": "2026-11-29T09:00:00Z", "sshd_disable_password_auth": "2026-10-01T09:00:00Z"}),
    unreachable(tpl, "line2-plc"),
    host(tpl, "new-gw", {"net_ip_forwarding_disabled": "fail"}, {}, {"net_ip_forwarding_disabled": "2026-11-29T09:00:00Z"}),
]
for name, d in (("a.json", a), ("b.json", b)):
    with open(sys.argv[2] + "/" + name, "w") as f:
        json.dump(d, f, indent=2)
        f.write("\n")
