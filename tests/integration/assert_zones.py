#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Asserts the zones and conduits of the integration fleet (zones.sh, zones-site.yml).

    assert_zones.py OUTDIR                 results.json, JUnit and CSV of scan --zones
    assert_zones.py --dom DOM.html         report.html as headless Chromium built it
    assert_zones.py --same-fleet A.json B.json   the same fleet, timestamps and ports aside
"""
import csv
import json
import sys
import xml.etree.ElementTree as ET

NET = "10.77.0."
ADDR = {"bs-weak": NET + "11", "bs-hard": NET + "12", "bs-mixed": NET + "13",
        "ts-weak": NET + "21", "ts-mixed": NET + "23", "pd-weak": NET + "31",
        "pd-hard": NET + "32"}
SCANNER = NET + "1"
# per-host rules with the site model
WITHIN = {"bs-weak": "fail", "ts-mixed": "fail", "bs-hard": "pass", "bs-mixed": "pass",
          "ts-weak": "pass", "pd-weak": "pass", "pd-hard": "pass"}
MEMBER = {h: ("fail" if h == "bs-mixed" else "pass") for h in ADDR}
ZONES = {"engineering": "fail", "test-lab": "fail", "line-1": "pass"}
CONDUITS = {("line-1", "test-lab"): "pass", ("test-lab", "engineering"): "fail",
            ("management", "engineering"): "pass", ("management", "test-lab"): "pass",
            ("management", "line-1"): "pass"}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def done(what):
    if failures:
        for f in failures:
            print("FAIL: " + f, file=sys.stderr)
        sys.exit(1)
    print("ok: " + what)


def verdicts(doc, rule):
    out = {}
    for h in doc["hosts"]:
        for r in h.get("results", []):
            if r["rule"] == rule:
                out[h["name"]] = r["status"]
    return out


def flow_key(f):
    return (f["proto"], f["client"], f["server"], f["server_port"])


def results(outdir):
    doc = json.load(open(outdir + "/results.json"))
    check(doc.get("site", {}).get("zones"), "results.json has no site model")
    fleet = doc.get("fleet")
    check(fleet is not None, "results.json has no fleet")
    if fleet is None:
        return done("results.json")
    for h in doc["hosts"]:
        check(h["status"] == "scanned", "%s: %s" % (h["name"], h["status"]))
        check(h.get("flows", {}).get("read") is True, "%s: flows not read" % h["name"])
    got = verdicts(doc, "flows_established_within_conduits")
    check(got == WITHIN, "flows_established_within_conduits: %s, expected %s" % (got, WITHIN))
    got = verdicts(doc, "net_zone_membership_consistent")
    check(got == MEMBER, "net_zone_membership_consistent: %s, expected %s" % (got, MEMBER))
    flows = {}
    for f in fleet["flows"]:
        flows.setdefault(flow_key(f), f)
    # the two live connections, each seen from both ends with both processes
    bad = flows.get(("tcp", ADDR["bs-weak"], ADDR["ts-mixed"], 5000))
    check(bad is not None, "no flow bs-weak -> ts-mixed:5000 in %s" % sorted(flows))
    if bad:
        check(bad["class"] == "cross-zone", "bs-weak -> ts-mixed: %s" % bad["class"])
        check(bad["both_ends"], "bs-weak -> ts-mixed not seen from both ends")
        check(bad["client_zone"] == "engineering" and bad["server_zone"] == "test-lab",
              "bs-weak -> ts-mixed zones %s -> %s" % (bad["client_zone"], bad["server_zone"]))
        check(bad["client_host"] == "bs-weak" and bad["server_host"] == "ts-mixed",
              "bs-weak -> ts-mixed hosts %s -> %s" % (bad["client_host"], bad["server_host"]))
        check("build-agent" in bad["client_process"], "client process %r" % bad["client_process"])
        check("results-service" in bad["server_process"],
              "server process %r" % bad["server_process"])
    ok = flows.get(("tcp", ADDR["pd-weak"], ADDR["ts-mixed"], 5000))
    check(ok is not None, "no flow pd-weak -> ts-mixed:5000")
    if ok:
        check(ok["class"] == "conduit", "pd-weak -> ts-mixed: %s" % ok["class"])
        check(ok["both_ends"], "pd-weak -> ts-mixed not seen from both ends")
        check("results-upload" in ok["client_process"], "client process %r" % ok["client_process"])
    # the scanner's own sessions: allowed by the management conduits, seen from one end
    for h, a in ADDR.items():
        f = flows.get(("tcp", SCANNER, a, 22))
        check(f is not None, "no flow scanner -> %s:22" % h)
        if f:
            check(f["class"] == "conduit" and f["client_zone"] == "management",
                  "scanner -> %s: %s from %s" % (h, f["class"], f["client_zone"]))
    violating = sorted(k for k, f in flows.items() if f["class"] in ("cross-zone", "external"))
    check(violating == [("tcp", ADDR["bs-weak"], ADDR["ts-mixed"], 5000)],
          "violating flows %s" % violating)
    check(fleet["violations"] == 1, "violations %s" % fleet["violations"])
    zones = {z["name"]: z for z in fleet["zones"]}
    for z, want in ZONES.items():
        check(zones.get(z, {}).get("result") == want,
              "zone %s: %s, expected %s" % (z, zones.get(z, {}).get("result"), want))
    check(zones["engineering"]["hosts"] == 3 and zones["engineering"]["hosts_misplaced"] == 1,
          "engineering hosts %s misplaced %s" % (zones["engineering"]["hosts"],
                                                 zones["engineering"]["hosts_misplaced"]))
    check("bs-mixed" in zones["engineering"]["evidence"], "engineering evidence names no bs-mixed")
    check("10.77.0.11" in zones["test-lab"]["evidence"] and "5000" in zones["test-lab"]["evidence"],
          "test-lab evidence: %s" % zones["test-lab"]["evidence"])
    check(zones["line-1"]["security_level"] == 3, "line-1 SL %s" % zones["line-1"]["security_level"])
    for z in ZONES:
        srs = {s["sr"]: s for s in zones[z].get("srs", [])}
        check(len(srs) >= 5, "zone %s: roll-up of %d SRs" % (z, len(srs)))
        for s in srs.values():
            check(s["met"] in ("pass", "fail", "error", "notapplicable", "notchecked"), "SR %s met %s" % (s["sr"], s["met"]))
    # SR 5.1 is cited by the flows rule, which bs-weak fails: not met in engineering
    eng = {s["sr"]: s for s in zones["engineering"]["srs"]}
    check(eng.get("SR 5.1", {}).get("met") == "fail", "engineering SR 5.1: %s" % eng.get("SR 5.1"))
    cond = {}
    for c in fleet["conduits"]:
        cond.setdefault((c["from"], c["to"]), []).append(c)
    for k, want in CONDUITS.items():
        got = [c["result"] for c in cond.get(k, [])]
        check(got and all(g == want for g in got), "conduit %s -> %s: %s, expected %s" % (k[0], k[1], got, want))
    # JUnit: a suite for the fleet, a failing case for each failing zone and conduit
    root = ET.parse(outdir + "/results-junit.xml").getroot()
    cases = {}
    for s in root.iter("testsuite"):
        for c in s.iter("testcase"):
            cases[c.get("name")] = c.find("failure") is not None
    for z, want in ZONES.items():
        hit = [v for n, v in cases.items() if "zone" in n and z in n.split()]
        check(hit == [want == "fail"], "JUnit zone %s: %s" % (z, hit))
    check(any("conduit" in n and "test-lab" in n and "8443" in n and v for n, v in cases.items()),
          "JUnit has no failing case for the unused conduit test-lab -> engineering")
    # CSV: the fleet rows
    rows = list(csv.reader(open(outdir + "/results.csv", newline="")))
    fleet_rows = [r for r in rows if r and r[0] == "(fleet)"]
    check(any("zone:engineering" in r for r in fleet_rows), "CSV has no zone:engineering row")
    check(any(any(c.startswith("conduit:") for c in r) for r in fleet_rows), "CSV has no conduit row")
    done("fleet verdicts in results.json, JUnit and CSV")


def dom(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    start = text.find("<svg")
    check(start >= 0, "report.html has no inline SVG after the script ran")
    for z in ("engineering", "test-lab", "line-1", "management"):
        check(z in text[start:], "the diagram does not name zone %s" % z)
    check("62443" in text, "report.html has no IEC 62443 roll-up")
    check("not a certification" in text.lower() or "not a security-level claim" in text.lower()
          or "not a certification claim" in text.lower(),
          "the roll-up does not say it is no certification")
    done("report.html draws the zones in Chromium")


def norm(doc):
    fl = doc["fleet"]
    flows = sorted({(f["proto"], f["client"], f["server"], f["server_port"], f["class"],
                     f["both_ends"], f["client_host"], f["server_host"]) for f in fl["flows"]},
                   key=repr)
    zones = sorted((z["name"], z["result"], z["hosts"], z["hosts_misplaced"],
                    tuple(sorted((s["sr"], s["met"]) for s in z.get("srs", []))))
                   for z in fl["zones"])
    conduits = [(c["from"], c["to"], c["result"], c["flows"] > 0) for c in fl["conduits"]]
    return flows, zones, conduits, fl["violations"]


def same(a, b):
    na, nb = norm(json.load(open(a))), norm(json.load(open(b)))
    for part, x, y in zip(("flows", "zones", "conduits", "violations"), na, nb):
        check(x == y, "%s differ:\n  %s\n  %s" % (part, x, y))
    done("the same fleet in %s and %s" % (a, b))


if __name__ == "__main__":
    if sys.argv[1] == "--dom":
        dom(sys.argv[2])
    elif sys.argv[1] == "--same-fleet":
        same(sys.argv[2], sys.argv[3])
    else:
        results(sys.argv[1])
