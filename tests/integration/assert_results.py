#!/usr/bin/env python3
"""Assertions on results.json of the integration fleet (see tests/fleet/README.md)."""
import json
import sys

RULES = [
    "net_ip_forwarding_disabled", "sshd_disable_root_login", "sshd_disable_password_auth",
    "sshd_disable_empty_passwords", "service_telnet_disabled", "logging_system_logger_active",
    "accounts_no_empty_passwords", "accounts_no_extra_uid_zero", "accounts_password_max_days",
    "updates_automatic_enabled",
]
ROOT_RULES = {"sshd_disable_root_login", "sshd_disable_password_auth",
              "sshd_disable_empty_passwords", "accounts_no_empty_passwords"}
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def hosts(doc):
    return {h["name"]: h for h in doc["hosts"]}


def verdicts(host):
    res = {r["rule"]: r for r in host["results"]}
    check(len(res) == len(host["results"]), f"{host['name']}: a rule appears twice")
    return res


def expect_all(host, status, evidence=None):
    res = verdicts(host)
    check(sorted(res) == sorted(RULES), f"{host['name']}: rules {sorted(res)}")
    for rule in RULES:
        r = res.get(rule)
        if r is None:
            continue
        want = status(rule) if callable(status) else status
        check(r["status"] == want,
              f"{host['name']}: {rule} is {r['status']} ({r['evidence']}), expected {want}")
        if evidence and rule in evidence:
            check(evidence[rule] in r["evidence"],
                  f"{host['name']}: {rule} evidence '{r['evidence']}' lacks '{evidence[rule]}'")
        check(r["xccdf_id"].endswith("_rule_" + rule), f"{rule}: xccdf_id {r['xccdf_id']}")
        check(r["references"], f"{rule}: no references")


def load_expected(path):
    rows = [l.split() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    header, rows = rows[0], rows[1:]
    rules = header[2:]
    check(sorted(rules) == sorted(RULES), f"expected.txt columns {rules}")
    return rules, {r[0]: (r[1], dict(zip(rules, r[2:]))) for r in rows}


LETTER = {"P": "pass", "F": "fail", "E": "error", "N": "notapplicable"}


def fleet(doc, expected_path):
    h = hosts(doc)
    check(doc["schema"] == "floorscan-results/1", "schema")
    check(doc["summary"]["hosts"] == len(doc["hosts"]), "summary.hosts")
    rules, expected = load_expected(expected_path)
    for name, (status, verdicts_by_rule) in expected.items():
        x = h.get(name)
        if x is None:
            check(False, f"{name}: missing from results")
            continue
        check(x["status"] == status, f"{name}: status {x['status']} ({x['error']}), expected {status}")
        expect_all(x, lambda rule, v=verdicts_by_rule: LETTER[v[rule]])
    # Both directions: every rule passes somewhere and fails somewhere on Debian and busybox.
    for kind, prefix in (("debian", ("bs-", "ts-")), ("busybox", ("pd-",))):
        for rule in rules:
            seen = {v[rule] for n, (_, v) in expected.items() if n.startswith(prefix)}
            check("F" in seen, f"{rule} never fails on a {kind} device")
            if not (kind == "busybox" and rule == "updates_automatic_enabled"):
                check("P" in seen, f"{rule} never passes on a {kind} device")
    weak, hard = h["bs-weak"], h["bs-hard"]
    expect_all(weak, "fail", {
        "sshd_disable_root_login": "permitrootlogin yes",
        "sshd_disable_password_auth": "passwordauthentication yes",
        "sshd_disable_empty_passwords": "permitemptypasswords yes",
        "service_telnet_disabled": "tcp/23",
        "net_ip_forwarding_disabled": "ip_forward=1",
        "accounts_no_empty_passwords": "operator",
        "accounts_no_extra_uid_zero": "toor",
        "accounts_password_max_days": "99999",
    })
    expect_all(hard, "pass", {"sshd_disable_root_login": "permitrootlogin no",
                              "logging_system_logger_active": "rsyslogd"})
    check(h["pd-hard"]["results"][5]["evidence"].find("syslogd") >= 0, "pd-hard logger evidence")
    check("busybox" in (h["pd-hard"]["system"]["os"] or ""), h["pd-hard"]["system"])
    check(hard["score"] == 100.0, f"bs-hard score {hard['score']}")
    check(weak["score"] == 0.0, f"bs-weak score {weak['score']}")
    check(hard["profile"].endswith("_profile_build-server"), hard["profile"])
    check(h["pd-weak"]["profile"].endswith("_profile_production-device"), h["pd-weak"]["profile"])
    check(h["sudopw"]["profile"].endswith("_profile_baseline"), h["sudopw"]["profile"])
    for name, text in [("sudopw", "sudo requires a password"),
                       ("unknownkey", "not in known_hosts"),
                       ("changedkey", "changed"),
                       ("dead", "10.77.0.99")]:
        x = h[name]
        check(x["error"] and text in x["error"], f"{name}: error '{x['error']}' lacks '{text}'")
    check(doc["summary"]["scanned"] == sum(1 for x in doc["hosts"] if x["status"] == "scanned"),
          "summary.scanned")
    check(doc["summary"]["worst_host"]["score"] == 0.0, "worst host score")


def noroot(doc):
    (host,) = doc["hosts"]
    check(host["status"] == "scanned", f"status {host['status']}")
    expect_all(host, lambda r: "error" if r in ROOT_RULES else "pass")
    for r in host["results"]:
        if r["rule"] in ROOT_RULES:
            check("become" in r["evidence"], f"{r['rule']}: evidence {r['evidence']}")


def hostile(doc):
    (host,) = doc["hosts"]
    check(host["status"] == "scanned", f"status {host['status']} {host['error']}")
    res = verdicts(host)
    check(len(res) == len(RULES), "every rule has a result")
    # Junk in login.defs and passwd must never turn into a pass.
    for rule in ("accounts_password_max_days", "accounts_no_extra_uid_zero"):
        check(res[rule]["status"] in ("fail", "error"),
              f"{rule}: {res[rule]['status']} ({res[rule]['evidence']})")
    for r in host["results"]:
        check(all(0x20 <= ord(c) < 0x7f for c in r["evidence"]),
              f"{r['rule']}: raw control bytes in evidence")
        check(len(r["evidence"]) <= 2200, f"{r['rule']}: evidence of {len(r['evidence'])} bytes")


def tailored(doc):
    check(doc["tailoring"] and doc["tailoring"]["id"].endswith("_tailoring_line1"),
          f"tailoring {doc['tailoring']}")
    for host in doc["hosts"]:
        check(host["profile"] == "xccdf_com.example.factory_profile_production-device",
              f"{host['name']}: profile {host['profile']}")
        res = verdicts(host)
        check(res["updates_automatic_enabled"]["status"] == "notapplicable",
              f"{host['name']}: updates {res['updates_automatic_enabled']}")
        check("180" in res["accounts_password_max_days"]["evidence"]
              or res["accounts_password_max_days"]["status"] == "fail",
              f"{host['name']}: max days {res['accounts_password_max_days']}")


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if mode == "fleet":
        fleet(doc, sys.argv[3])
    else:
        {"noroot": noroot, "hostile": hostile, "tailored": tailored}[mode](doc)
    if failures:
        print(f"{mode}: {len(failures)} assertion(s) failed:", file=sys.stderr)
        for m in failures:
            print("  " + m, file=sys.stderr)
        sys.exit(1)
    print(f"ok: {mode} assertions on {path}")
