#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates the XCCDF benchmark, the rule reference and the check registry from
profiles/src/benchmark.toml.

    python3 scripts/gen-benchmark.py            # writes profiles/floorscan-ditta-xccdf.xml,
                                                # docs/rules.md, checks/registry.c, checks/checks.h,
                                                # checks/value_formats.c
    python3 scripts/gen-benchmark.py --check    # fails when the committed files differ (ctest)

The TOML source is what people edit; the XML is what floorscan and oscap read. The XML is
written indented on purpose: libopenscap drops every other <select> of minified XML.
A rule is selected for the roles in its `roles` (`all`: every role) minus the roles in its
`excluded` table, which gives the reason for each role it leaves out; every rule left out of the
production-device profile must say why (excluded.prod), and the reason goes into the rule's
XCCDF rationale and docs/rules.md. The baseline profile holds the rules selected for every
role: `all` with no exclusion. checks/registry.c maps every rule with a C check (every rule that is not manual) to its
function fs_check_<id> and the facts it reads (the rule's `facts`); checks/checks.h declares
those functions. checks/value_formats.c gives every value its format (what a tailoring may set
it to: checks/values.c validates before any value reaches a check or the device). Every fact named must exist: scanner/collect/facts/<id>.sh when that
directory exists, else an entry {"<id>", ...} in scanner/collect/registry.c.
"""
import re
import sys
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "profiles/src/benchmark.toml"
XML = ROOT / "profiles/floorscan-ditta-xccdf.xml"
DOC = ROOT / "docs/rules.md"
REGISTRY = ROOT / "checks/registry.c"
CHECKS_H = ROOT / "checks/checks.h"
VALUE_FORMATS = ROOT / "checks/value_formats.c"
CHECK_H = ROOT / "checks/check.h"
FACTS_DIR = ROOT / "scanner/collect/facts"
FACT_REGISTRY = ROOT / "scanner/collect/registry.c"
GENERATED_C = ("/* SPDX-License-Identifier: Apache-2.0 */\n"
               "/* Generated from profiles/src/benchmark.toml by scripts/gen-benchmark.py: "
               "do not edit. */")
FACT_ID = re.compile(r"[a-z0-9_]+")
CHECK_ID = re.compile(r"[a-z][a-z0-9_]*")
NS = "xccdf_org.floorscan"
ROLE_PROFILES = {"build": "build-server", "test": "test-station", "prod": "production-device"}
# How a reason for a left-out role is introduced in the XCCDF rationale and docs/rules.md.
ROLE_NAMES = {"build": "Build servers", "test": "Test stations", "prod": "Production devices"}
# Every rule left out of these roles' profiles must give the reason (excluded.<role>).
REASON_REQUIRED = ("prod",)
STANDARDS = {
    "62443": ("IEC 62443-3-3", "https://webstore.iec.ch/publication/7033"),
    "62443-2-3": ("IEC 62443-2-3", "https://webstore.iec.ch/publication/22807"),
    "800-53": ("NIST SP 800-53", "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final"),
    "27001": ("ISO/IEC 27001:2022", "https://www.iso.org/standard/27001"),
}


def refs_of(rule):
    """'62443 SR 1.1' -> ('IEC 62443-3-3', href, 'SR 1.1')"""
    out = []
    for ref in rule["refs"]:
        key, _, ident = ref.partition(" ")
        if key not in STANDARDS:
            raise SystemExit(f"{rule['id']}: unknown standard in reference '{ref}'")
        name, href = STANDARDS[key]
        out.append((name, href, ident.strip()))
    return out


def text(s):
    return escape(" ".join(s.split()))


def selected_roles(rule):
    """The roles whose profiles select the rule: its roles ("all": every role) minus the
    roles it excludes."""
    roles = rule["roles"]
    listed = list(ROLE_PROFILES) if "all" in roles else roles
    return [r for r in listed if r not in rule.get("excluded", {})]


def profiles_of(rule):
    """The profiles that select the rule. baseline holds what holds on every device: the
    rules selected for every role ("all" with nothing excluded)."""
    roles = selected_roles(rule)
    out = [ROLE_PROFILES[r] for r in ROLE_PROFILES if r in roles]
    if len(roles) == len(ROLE_PROFILES):
        out.insert(0, "baseline")
    return out


def rationale_of(rule):
    """The rationale, followed by the reason for each role the rule leaves out."""
    parts = [rule["rationale"].strip()]
    if rule.get("excluded") and not parts[0].endswith((".", "!", "?")):
        parts[0] += "."
    for role in ROLE_PROFILES:
        if role in rule.get("excluded", {}):
            parts.append(f"{ROLE_NAMES[role]}: {rule['excluded'][role]}")
    return " ".join(" ".join(p.split()) for p in parts)


def roles_cell(rule):
    """The roles column of docs/rules.md: the roles listed, and what "all" leaves out."""
    cell = ", ".join(rule["roles"])
    if "all" in rule["roles"] and rule.get("excluded"):
        cell += " except " + ", ".join(r for r in ROLE_PROFILES if r in rule["excluded"])
    return cell


def value_xml(v):
    lines = [f'  <Value id="{NS}_value_{v["id"]}" type="{v["type"]}"'
             + (f' operator={quoteattr(v["operator"])}' if "operator" in v else "") + ">",
             f"    <title>{text(v['title'])}</title>",
             f"    <description>{text(v['description'])}</description>",
             f"    <value>{escape(str(v['default']))}</value>"]
    for sel, val in sorted(v.get("selectors", {}).items()):
        lines.append(f'    <value selector="{sel}">{escape(str(val))}</value>')
    lines.append("  </Value>")
    return lines


def rule_xml(r):
    rid = f"{NS}_rule_{r['id']}"
    out = [f'    <Rule id="{rid}" selected="false" severity="{r["severity"]}">',
           f"      <title>{text(r['title'])}</title>",
           f"      <description>{text(r['description'])}</description>"]
    if r.get("manual"):
        out.append(f"      <question>{text(r['question'])}</question>")
    for name, href, ident in refs_of(r):
        out.append(f'      <reference href="{href}"><dc:title>{escape(name)}</dc:title>'
                   f"<dc:identifier>{escape(ident)}</dc:identifier></reference>")
    out.append(f"      <rationale>{text(rationale_of(r))}</rationale>")
    out.append(f"      <fixtext>{text(r['fix'])}</fixtext>")
    out.append('      <check system="urn:floorscan:check:1">')
    for v in r.get("values", []):
        out.append(f'        <check-export export-name="{v}" value-id="{NS}_value_{v}"/>')
    name = "manual" if r.get("manual") else r["id"]
    out.append(f'        <check-content-ref href="floorscan-checks" name="{name}"/>')
    out.append("      </check>")
    out.append("    </Rule>")
    return out


def benchmark_xml(src):
    b = src["benchmark"]
    rules = src["rule"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           "<!-- Generated by scripts/gen-benchmark.py from profiles/src/benchmark.toml: edit that.",
           "     Indented on purpose: libopenscap drops every other select of minified XML. -->",
           '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2"',
           '           xmlns:dc="http://purl.org/dc/elements/1.1/"',
           f'           id="{NS}_benchmark_ditta" resolved="1" xml:lang="en">',
           f'  <status date="{b["date"]}">{b["status"]}</status>',
           f"  <title>{text(b['title'])}</title>",
           f"  <description>{text(b['description'])}</description>",
           f"  <version>{b['version']}</version>",
           "  <metadata>",
           "    <dc:creator>floorscan project</dc:creator>",
           "    <dc:publisher>floorscan project</dc:publisher>",
           "    <dc:source>https://www.dittaglobal.org/</dc:source>",
           "  </metadata>"]
    for p in src["profile"]:
        out.append(f'  <Profile id="{NS}_profile_{p["id"]}">')
        out.append(f"    <title>{text(p['title'])}</title>")
        out.append(f"    <description>{text(p['description'])}</description>")
        for r in rules:
            if p["id"] in profiles_of(r):
                out.append(f'    <select idref="{NS}_rule_{r["id"]}" selected="true"/>')
        selector = p.get("selector")
        if selector:
            for v in src["value"]:
                if selector in v.get("selectors", {}):
                    out.append(f'    <refine-value idref="{NS}_value_{v["id"]}" '
                               f'selector="{selector}"/>')
        out.append("  </Profile>")
    for v in src["value"]:
        out.extend(value_xml(v))
    for g in src["group"]:
        out.append(f'  <Group id="{NS}_group_{g["id"]}">')
        out.append(f"    <title>{text(g['title'])}</title>")
        out.append(f"    <description>{text(g['description'])}</description>")
        for r in rules:
            if r["principle"] == g["id"]:
                out.extend(rule_xml(r))
        out.append("  </Group>")
    out.append("</Benchmark>")
    return "\n".join(out) + "\n"


def rules_md(src):
    rules = src["rule"]
    out = ["# Rule reference",
           "",
           "Generated by `scripts/gen-benchmark.py` from `profiles/src/benchmark.toml` (the same",
           "source as the XCCDF benchmark); a test fails when this file drifts from it.",
           "",
           f"{len(rules)} rules; severity weights high 3, medium 2, low 1; manual rules come out",
           "as `notchecked` with the question for the auditor and are counted apart from the score.",
           ""]
    out.append("| profile | rules |")
    out.append("|---|---|")
    for p in src["profile"]:
        n = sum(1 for r in rules if p["id"] in profiles_of(r))
        out.append(f"| `{p['id']}` | {n} |")
    for g in src["group"]:
        group_rules = [r for r in rules if r["principle"] == g["id"]]
        out += ["", f"## {g['title']}", "", text(g["description"]), ""]
        out.append("| rule | title | severity | roles | references |")
        out.append("|---|---|---|---|---|")
        for r in group_rules:
            refs = "; ".join(f"{n} {i}".strip() for n, _, i in refs_of(r))
            kind = " (manual)" if r.get("manual") else ""
            out.append(f"| `{r['id']}`{kind} | {r['title']} | {r['severity']} | "
                       f"{roles_cell(r)} | {refs} |")
    left_out = [r for r in rules if "production-device" not in profiles_of(r)]
    out += ["", "## Left out of the production-device profile", "",
            f"{len(left_out)} rules, each with the reason it does not apply to production devices",
            "(the rule's `excluded.prod`, also at the end of its XCCDF rationale); the policy is in",
            "`docs/rules-notes.md`, \"Production devices\".", "",
            "| rule | roles | why not on production devices |",
            "|---|---|---|"]
    for r in left_out:
        out.append(f"| `{r['id']}` | {roles_cell(r)} | "
                   f"{text(r['excluded']['prod']).replace('|', chr(92) + '|')} |")
    return "\n".join(out) + "\n"


def checked_rules(src):
    """The rules with a C check, sorted by id as the C table must be (strcmp order)."""
    rules = sorted((r for r in src["rule"] if not r.get("manual")),
                   key=lambda r: r["id"].encode())
    for a, b in zip(rules, rules[1:]):
        if a["id"].encode() >= b["id"].encode():
            raise SystemExit(f"check registry out of order: {a['id']}, {b['id']}")
    return rules


def registry_c(src):
    out = [GENERATED_C,
           "/* The check registration table: rule id -> implementation and the facts it reads. */",
           '#include "checks.h"',
           '#include "../scanner/core/contract.h"',
           "",
           "#include <stdlib.h>",
           "#include <string.h>",
           "",
           "/* clang-format off */",
           "#define ENTRY(name, ...) {#name, fs_check_##name, {__VA_ARGS__}}",
           "#define ENTRY0(name) {#name, fs_check_##name, {NULL}}",
           "",
           "/* Sorted by id (a unit test keeps it so). */",
           "const struct fs_check_def fs_check_defs[] = {"]
    for r in checked_rules(src):
        if r["facts"]:
            facts = ", ".join(f'"{f}"' for f in r["facts"])
            out.append(f"    ENTRY({r['id']}, {facts}),")
        else:
            out.append(f"    ENTRY0({r['id']}), "
                       "/* reads no facts, only values and inventory variables */")
    out += ["};",
            "/* clang-format on */",
            "",
            "const size_t fs_check_defs_count = sizeof fs_check_defs / sizeof fs_check_defs[0];",
            "",
            "static int cmp(const void *key, const void *elem)",
            "{",
            "    return strcmp(key, ((const struct fs_check_def *)elem)->id);",
            "}",
            "",
            "const struct fs_check_def *fs_check_def_find(const char *id)",
            "{",
            "    FS_ASSERT_SORTED_ONCE(fs_check_defs, fs_check_defs_count, struct fs_check_def, id);",
            "    return bsearch(id, fs_check_defs, fs_check_defs_count, "
            "sizeof fs_check_defs[0], cmp);",
            "}"]
    return "\n".join(out) + "\n"


def checks_h(src):
    out = [GENERATED_C,
           "/* Every check implementation, one per catalog rule; registered in registry.c. */",
           "#ifndef FS_CHECKS_H",
           "#define FS_CHECKS_H",
           "",
           '#include "check.h"',
           "",
           "#define FS_CHECK(name) void fs_check_##name(const struct fs_check_ctx *ctx, "
           "struct fs_verdict *v)",
           ""]
    out += [f"FS_CHECK({r['id']});" for r in checked_rules(src)]
    out += ["", "#endif"]
    return "\n".join(out) + "\n"


# The formats checks/values.c knows (enum fs_value_format in checks/values.h).
VALUE_FORMAT_NAMES = ("boolean", "cidrs", "command", "host", "hosts", "integer", "names",
                      "packages", "path", "paths", "ports", "programs", "releases",
                      "release_dates")


def value_formats_c(src):
    out = [GENERATED_C,
           "/* The format of every value: what a tailoring may set it to (checks/values.c). */",
           '#include "values.h"',
           "",
           "/* clang-format off */",
           "/* Sorted by id (a unit test keeps it so). */",
           "const struct fs_value_def fs_value_defs[] = {"]
    for v in sorted(src["value"], key=lambda v: v["id"].encode()):
        out.append(f'    {{"{v["id"]}", FS_VALUE_{v["format"].upper()}}},')
    out += ["};",
            "/* clang-format on */",
            "",
            "const size_t fs_value_defs_count = sizeof fs_value_defs / sizeof fs_value_defs[0];"]
    return "\n".join(out) + "\n"


def max_facts():
    m = re.search(r"^#define\s+FS_CHECK_MAX_FACTS\s+(\d+)\s*$",
                  CHECK_H.read_text(encoding="utf-8"), re.M)
    if not m:
        raise SystemExit(f"{CHECK_H.relative_to(ROOT)}: no #define FS_CHECK_MAX_FACTS")
    return int(m.group(1))


def fact_exists():
    """A predicate telling whether a fact id is a fact the collector knows."""
    if FACTS_DIR.is_dir():
        where = f"{FACTS_DIR.relative_to(ROOT)}/<id>.sh"
        return lambda f: (FACTS_DIR / f"{f}.sh").is_file(), where
    known = set(re.findall(r'\{"([a-z0-9_]+)",', FACT_REGISTRY.read_text(encoding="utf-8")))
    return lambda f: f in known, str(FACT_REGISTRY.relative_to(ROOT))


def validate_facts(src):
    limit = max_facts()
    exists, where = fact_exists()
    for r in src["rule"]:
        if r.get("manual"):
            if "facts" in r:
                raise SystemExit(f"rule {r['id']}: manual rule with facts (it has no C check)")
            continue
        if not CHECK_ID.fullmatch(r["id"]):
            raise SystemExit(f"rule {r['id']}: id is not a C identifier [a-z][a-z0-9_]*")
        if "facts" not in r:
            raise SystemExit(f"rule {r['id']}: missing facts (the facts its check reads; "
                             "[] for none)")
        facts = r["facts"]
        if not isinstance(facts, list):
            raise SystemExit(f"rule {r['id']}: facts must be a list of fact ids")
        if len(facts) > limit:
            raise SystemExit(f"rule {r['id']}: {len(facts)} facts, at most {limit} "
                             "(FS_CHECK_MAX_FACTS in checks/check.h)")
        for f in facts:
            if not isinstance(f, str) or not FACT_ID.fullmatch(f):
                raise SystemExit(f"rule {r['id']}: fact {f!r} is not an id [a-z0-9_]+")
            if facts.count(f) > 1:
                raise SystemExit(f"rule {r['id']}: fact {f} listed twice")
            if not exists(f):
                raise SystemExit(f"rule {r['id']}: unknown fact {f} (not in {where})")


def validate_roles(r):
    """roles and excluded: every role known, a reason for every role left out where one is
    required (REASON_REQUIRED), and no reason for a role the rule is selected for."""
    roles = r["roles"]
    if not isinstance(roles, list) or not roles:
        raise SystemExit(f"rule {r['id']}: roles must be a non-empty list")
    for role in roles:
        if role != "all" and role not in ROLE_PROFILES:
            raise SystemExit(f"rule {r['id']}: unknown role {role!r} "
                             f"(all, {', '.join(ROLE_PROFILES)})")
    excluded = r.get("excluded", {})
    if not isinstance(excluded, dict):
        raise SystemExit(f"rule {r['id']}: excluded must be a table of role = \"reason\"")
    for role, reason in excluded.items():
        if role not in ROLE_PROFILES:
            raise SystemExit(f"rule {r['id']}: excluded.{role}: unknown role "
                             f"({', '.join(ROLE_PROFILES)})")
        if role in roles:
            raise SystemExit(f"rule {r['id']}: excluded.{role} gives a reason for a role the "
                             f"rule is selected for (roles {roles})")
        if not isinstance(reason, str) or not reason.strip():
            raise SystemExit(f"rule {r['id']}: excluded.{role}: the reason must be a "
                             "non-empty string")
    if not selected_roles(r):
        raise SystemExit(f"rule {r['id']}: selected for no role (excluded from all of them)")
    for role in REASON_REQUIRED:
        if role not in selected_roles(r) and role not in excluded:
            raise SystemExit(f"rule {r['id']}: left out of the {ROLE_PROFILES[role]} profile "
                             f"without a reason: missing excluded.{role} = \"why the rule "
                             "does not apply there\"")


def validate(src):
    ids = [r["id"] for r in src["rule"]]
    dups = {i for i in ids if ids.count(i) > 1}
    if dups:
        raise SystemExit(f"duplicate rule ids: {sorted(dups)}")
    values = {v["id"] for v in src["value"]}
    for v in src["value"]:
        if v.get("format") not in VALUE_FORMAT_NAMES:
            raise SystemExit(f"value {v['id']}: format {v.get('format')!r} is not one of "
                             f"{', '.join(VALUE_FORMAT_NAMES)}")
        if v["format"] in ("integer", "boolean") and v["type"] != {"integer": "number"}.get(
                v["format"], "boolean"):
            raise SystemExit(f"value {v['id']}: format {v['format']} needs type "
                             f"{'number' if v['format'] == 'integer' else 'boolean'}")
    groups = {g["id"] for g in src["group"]}
    for r in src["rule"]:
        for key in ("id", "principle", "severity", "roles", "title", "description",
                    "rationale", "fix", "refs"):
            if key not in r:
                raise SystemExit(f"rule {r.get('id')}: missing {key}")
        if r["principle"] not in groups:
            raise SystemExit(f"rule {r['id']}: unknown principle {r['principle']}")
        if r["severity"] not in ("high", "medium", "low"):
            raise SystemExit(f"rule {r['id']}: severity {r['severity']}")
        for v in r.get("values", []):
            if v not in values:
                raise SystemExit(f"rule {r['id']}: unknown value {v}")
        if r.get("manual") and "question" not in r:
            raise SystemExit(f"rule {r['id']}: manual rule without question")
        if not r["refs"]:
            raise SystemExit(f"rule {r['id']}: no reference")
        validate_roles(r)
    validate_facts(src)


def main():
    src = tomllib.loads(SRC.read_text(encoding="utf-8"))
    validate(src)
    outputs = {XML: benchmark_xml(src), DOC: rules_md(src), REGISTRY: registry_c(src),
               CHECKS_H: checks_h(src), VALUE_FORMATS: value_formats_c(src)}
    if "--check" in sys.argv:
        stale = [p for p, t in outputs.items() if not p.exists() or p.read_text() != t]
        if stale:
            print("out of date (run python3 scripts/gen-benchmark.py):",
                  ", ".join(str(p.relative_to(ROOT)) for p in stale), file=sys.stderr)
            sys.exit(1)
        print(f"benchmark, rule reference and check registry match {SRC.relative_to(ROOT)} "
              f"({len(src['rule'])} rules)")
        return
    for path, t in outputs.items():
        path.write_text(t, encoding="utf-8")
    print("wrote", ", ".join(str(p.relative_to(ROOT)) for p in outputs),
          f"({len(src['rule'])} rules, {len(checked_rules(src))} checks)")


if __name__ == "__main__":
    main()
