#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""scripts/gen-benchmark.py: the per-role exclusions (excluded.<role> = "reason") and what the
generator refuses. Every rule left out of the production-device profile carries its reason; a
rule left out of it without one, a reason for a role the rule is selected for, an unknown role
or an empty reason stop the generator naming the rule and what is missing. The reasons reach
the XCCDF rationale and docs/rules.md, and baseline holds only the rules of every role.

usage: gen_benchmark.py   (reads the repository's profiles/src/benchmark.toml)
"""
import copy
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
spec = importlib.util.spec_from_file_location("gen_benchmark", ROOT / "scripts/gen-benchmark.py")
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def rule(src, rid):
    (r,) = [r for r in src["rule"] if r["id"] == rid]
    return r


def rationale(xml, rid):
    return re.search(rf'<Rule id="xccdf_org.floorscan_rule_{rid}".*?<rationale>(.*?)</rationale>',
                     xml, re.S).group(1)


def refused(src, rid, *words):
    """validate(src) must stop with a message naming rule rid and every word."""
    try:
        gen.validate(src)
    except SystemExit as e:
        msg = str(e.code)
        check(rid in msg and all(w in msg for w in words),
              f"{rid}: refusal '{msg}' does not name the rule and {words}")
        return
    check(False, f"{rid}: accepted, expected a refusal naming {words}")


SRC = tomllib.loads(gen.SRC.read_text(encoding="utf-8"))

# The committed source is valid, and every rule left out of production-device has its reason.
try:
    gen.validate(SRC)
except SystemExit as e:
    check(False, f"the committed benchmark.toml is refused: {e.code}")
left_out = [r for r in SRC["rule"] if "production-device" not in gen.profiles_of(r)]
check(left_out, "no rule is left out of production-device")
for r in left_out:
    check(r.get("excluded", {}).get("prod", "").strip(), f"{r['id']}: left out of prod, no reason")

# A rule whose roles leave prod out, with its reason removed: refused.
src = copy.deepcopy(SRC)
build_only = next(r for r in src["rule"] if r["roles"] == ["build"])
del build_only["excluded"]["prod"]
refused(src, build_only["id"], "production-device", "excluded.prod")

# A rule of every role that excludes prod, without the reason (an empty table): refused too,
# although excluding nothing it is then selected for prod -- so drop prod from its roles.
src = copy.deepcopy(SRC)
r = rule(src, "firewall_enabled")
r["roles"] = ["build", "test"]
refused(src, "firewall_enabled", "without a reason", "excluded.prod")

# A reason for a role the rule is selected for: refused (roles lists it).
src = copy.deepcopy(SRC)
r = rule(src, "usb_storage_disabled")  # roles prod, test
r["excluded"] = {"prod": "a reason that contradicts the roles"}
refused(src, "usb_storage_disabled", "excluded.prod", "selected for")

# An unknown role, an empty reason, a reason that is not a string, not a table, excluded
# from every role: refused.
for bad, words in [({"prod": "x", "office": "y"}, ("excluded.office", "unknown role")),
                   ({"prod": "   "}, ("excluded.prod", "non-empty")),
                   ({"prod": 3}, ("excluded.prod", "non-empty")),
                   ("prod", ("excluded must be a table",)),
                   ({"prod": "a", "build": "b", "test": "c"}, ("selected for no role",))]:
    src = copy.deepcopy(SRC)
    rule(src, "firewall_enabled")["excluded"] = bad
    refused(src, "firewall_enabled", *words)

# An unknown role in roles: refused.
src = copy.deepcopy(SRC)
rule(src, "firewall_enabled")["roles"] = ["all", "office"]
refused(src, "firewall_enabled", "unknown role", "office")

# What an exclusion selects: "all" minus test is in build-server and production-device, not in
# test-station and not in baseline (which holds only what every role has); its reason (with a
# table pipe in it) ends the rationale and, for prod, the docs/rules.md section.
src = copy.deepcopy(SRC)
r = rule(src, "firewall_enabled")
r["excluded"] = {"test": "Test stations: not here | for a reason."}
gen.validate(src)
check(gen.profiles_of(r) == ["build-server", "production-device"], f"{gen.profiles_of(r)}")
check(gen.roles_cell(r) == "all except test", gen.roles_cell(r))
xml = gen.benchmark_xml(src)
for prof in ("baseline", "test-station", "build-server", "production-device"):
    body = re.search(rf'<Profile id="xccdf_org.floorscan_profile_{prof}">(.*?)</Profile>',
                     xml, re.S).group(1)
    has = "xccdf_org.floorscan_rule_firewall_enabled\"" in body
    check(has == (prof in ("build-server", "production-device")),
          f"{prof}: firewall_enabled selected {has}")
rat = rationale(xml, "firewall_enabled")
check(rat.endswith("Test stations: Test stations: not here | for a reason."), rat)

# The committed benchmark: each left-out rule's reason ends its rationale, it is selected by no
# production-device <select>, and docs/rules.md lists exactly those rules with the reason.
xml = gen.benchmark_xml(SRC)
pd = re.search(r'<Profile id="xccdf_org.floorscan_profile_production-device">(.*?)</Profile>',
               xml, re.S).group(1)
md = gen.rules_md(SRC)
section = md.split("## Left out of the production-device profile", 1)
check(len(section) == 2, "docs/rules.md has no production-device section")
rows = re.findall(r"^\| `([a-z0-9_]+)` \| ([^|]*) \| (.*) \|$", section[-1], re.M)
check([x[0] for x in rows] == [r["id"] for r in left_out],
      f"rules.md section lists {[x[0] for x in rows]}")
for r in left_out:
    reason = " ".join(r["excluded"]["prod"].split())
    check(f'rule_{r["id"]}"' not in pd, f"{r['id']}: selected by production-device")
    rat = rationale(xml, r["id"])
    check(rat.endswith("Production devices: " + gen.escape(reason)),
          f"{r['id']}: rationale does not end with its reason: {rat}")
    check(any(x[0] == r["id"] and x[2] == gen.escape(reason) for x in rows),
          f"{r['id']}: rules.md lacks its reason")
# a rule of every role that leaves out prod shows it in the roles column
for r in SRC["rule"]:
    if "all" in r["roles"] and "prod" in r.get("excluded", {}):
        check(f"| `{r['id']}` | {r['title']} | {r['severity']} | all except prod |" in md,
              f"{r['id']}: roles column does not show the exclusion")

if failures:
    print(f"{len(failures)} assertion(s) failed:", file=sys.stderr)
    for f in failures:
        print("  " + f, file=sys.stderr)
    sys.exit(1)
print(f"ok: generator exclusions ({len(left_out)} rules left out of production-device, "
      "each with its reason)")
