#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks deploy/kubernetes/job.yaml, and runs its shards locally (tests/deploy/k8s_job.sh).

    k8s_job.py JOB_YAML
        The manifest: an Indexed Job (completions = parallelism = N) whose floorscan command
        scans shard $(JOB_COMPLETION_INDEX)/N into the database of an environment variable,
        under the run label $(JOB_NAME) taken from the Job's name, with the database password
        only in a PGPASSFILE that comes from a Secret; no retries of a shard that finished.

    k8s_job.py JOB_YAML FLOORSCAN INVENTORY [EXTRA_ARG...]
        The same, then the container's command N times in parallel on this machine, as the
        Job's pods would run it (JOB_COMPLETION_INDEX=0..N-1, the manifest's environment),
        against $FS_TEST_PG_URL (PGPASSFILE from the environment: tests/store/pg.sh sets both),
        with INVENTORY for -i, a temporary directory for -o, and EXTRA_ARG... appended; then
        `floorscan report --db URL --latest -f json` must hold every host of INVENTORY once.
        Paths the command names inside the pod (--known-hosts, --identity, ...) come from
        FS_K8S_KNOWN_HOSTS, FS_K8S_IDENTITY, ... (the option's name in capitals) or are left
        out. FS_K8S_OK lists the exit statuses a shard may end with (default "0 1 3").
"""
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile

import yaml

failures = []


def fail(where, why):
    failures.append(f"{where}: {why}")


def get(node, *path):
    for p in path:
        if isinstance(node, dict):
            node = node.get(p)
        elif isinstance(node, list) and isinstance(p, int) and p < len(node):
            node = node[p]
        else:
            return None
    return node


def option(argv, name):
    """The value of --name V or --name=V in argv (None when absent)."""
    for i, a in enumerate(argv):
        if a == name and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith(name + "="):
            return a[len(name) + 1:]
    return None


def has_password(url):
    """Whether a connection string carries a password (user:PASSWORD@ or password=)."""
    if re.search(r"(^|[?&\s])(ssl)?password\s*=", url, re.I):
        return True
    if "://" in url and "@" in url:
        return ":" in url.split("://", 1)[1].rsplit("@", 1)[0]
    return False


def check(path):
    """Static checks; returns (n, container, pod spec) for the local run."""
    docs = [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]
    jobs = [d for d in docs if d.get("kind") == "Job"]
    if len(jobs) != 1:
        fail(path, f"{len(jobs)} Job documents, expected 1")
        return None
    job = jobs[0]
    where = f"{path}: Job"
    if job.get("apiVersion") != "batch/v1":
        fail(where, f"apiVersion {job.get('apiVersion')!r}, expected batch/v1")
    spec = job.get("spec") or {}
    if spec.get("completionMode") != "Indexed":
        fail(where, f"spec.completionMode {spec.get('completionMode')!r}, expected Indexed "
                    "(JOB_COMPLETION_INDEX is set only in an Indexed Job)")
    n = spec.get("completions")
    if not isinstance(n, int) or n < 1:
        fail(where, f"spec.completions {n!r} is not a number of shards")
        return None
    if spec.get("parallelism") != n:
        fail(where, f"spec.parallelism {spec.get('parallelism')!r} differs from completions {n}")
    if spec.get("backoffLimitPerIndex") != 0 and spec.get("backoffLimit") != 0:
        fail(where, "a shard whose pod failed is run again (backoffLimitPerIndex is not 0): "
                    "it would be stored twice under one run label")
    pod = get(spec, "template", "spec") or {}
    if pod.get("restartPolicy") != "Never":
        fail(where, f"restartPolicy {pod.get('restartPolicy')!r}: Never (podFailurePolicy "
                    "needs it, and a restarted container would store its shard again)")
    containers = [c for c in pod.get("containers") or [] if c.get("name") == "floorscan"]
    if len(containers) != 1:
        fail(where, "no container named floorscan")
        return None
    c = containers[0]
    where = f"{path}: container floorscan"
    argv = [str(a) for a in (c.get("command") or []) + (c.get("args") or [])]
    env = {e.get("name"): e for e in c.get("env") or []}
    if len(argv) < 2 or os.path.basename(argv[0]) != "floorscan" or argv[1] != "scan":
        fail(where, f"command {argv[:2]} is not floorscan scan")
    shard = option(argv, "--shard")
    m = re.fullmatch(r"\$\(JOB_COMPLETION_INDEX\)/([0-9]+)", shard or "")
    if not m:
        fail(where, f"--shard {shard!r} is not $(JOB_COMPLETION_INDEX)/N")
    elif int(m.group(1)) != n:
        fail(where, f"--shard {shard}: N is {m.group(1)}, but the Job has {n} completions")
    label = option(argv, "--run-label")
    if label != "$(JOB_NAME)":
        fail(where, f"--run-label {label!r}, expected $(JOB_NAME) (one label for all shards)")
    if get(env.get("JOB_NAME"), "valueFrom", "fieldRef", "fieldPath") != \
            "metadata.labels['job-name']":
        fail(where, "JOB_NAME does not come from the pod's label job-name (downward API)")
    # every $(VAR) is defined by the container or by Kubernetes
    for a in argv:
        for var in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", a):
            if var not in env and var != "JOB_COMPLETION_INDEX":
                fail(where, f"{a}: $({var}) is not defined in env")
    db = option(argv, "--db")
    dbvar = re.fullmatch(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", db or "")
    url = get(env.get(dbvar.group(1)), "value") if dbvar else db
    if not isinstance(url, str) or not re.match(r"^postgres(ql)?://", url):
        fail(where, f"--db {db!r} is not a postgresql:// URL (or a variable holding one)")
    elif has_password(url):
        fail(where, f"--db: the URL carries a password: use PGPASSFILE")
    for name, e in env.items():
        if name == "PGPASSWORD" and "value" in e:
            fail(where, "PGPASSWORD is written into the manifest: use a PGPASSFILE from a Secret")
        if isinstance(e.get("value"), str) and "://" in e["value"] and has_password(e["value"]):
            fail(where, f"env {name} carries a password")
    passfile = get(env.get("PGPASSFILE"), "value")
    if not passfile:
        fail(where, "no PGPASSFILE: the password must come from a Secret through a file")
    else:
        check_passfile(path, pod, c, passfile)
    return n, c, pod


def volume_of(container, path):
    """The volume mounted at the longest mountPath holding path."""
    best = None
    for m in container.get("volumeMounts") or []:
        mp = m.get("mountPath", "").rstrip("/")
        if path.startswith(mp + "/") and (best is None or len(mp) > len(best[0])):
            best = (mp, m.get("name"))
    return best


def check_passfile(path, pod, c, passfile):
    """PGPASSFILE is in a Secret volume, or in a volume an init container fills from one."""
    where = f"{path}: PGPASSFILE {passfile}"
    volumes = {v.get("name"): v for v in pod.get("volumes") or []}
    mount = volume_of(c, passfile)
    if not mount:
        fail(where, "is on no volume of the container")
        return
    vol = volumes.get(mount[1]) or {}
    if "secret" in vol:
        return
    if "emptyDir" not in vol:
        fail(where, f"volume {mount[1]} is neither a Secret nor an emptyDir filled from one")
        return
    for init in pod.get("initContainers") or []:
        names = {m.get("name") for m in init.get("volumeMounts") or []}
        if mount[1] in names and any("secret" in volumes.get(v, {}) for v in names):
            cmd = " ".join(str(a) for a in (init.get("command") or []) + (init.get("args") or []))
            if os.path.basename(passfile) in cmd and re.search(r"\b0?600\b", cmd):
                return
    fail(where, f"no init container copies it from a Secret into {mount[1]} with mode 0600")


def inventory_hosts(path):
    """Host names of an Ansible-style YAML inventory (all, children, hosts)."""
    names = set()

    def walk(group):
        if not isinstance(group, dict):
            return
        for h in (group.get("hosts") or {}):
            names.add(str(h))
        for child in (group.get("children") or {}).values():
            walk(child)

    doc = yaml.safe_load(open(path, encoding="utf-8")) or {}
    for g in doc.values():
        walk(g)
    return names


PATH_OPTIONS = ("--known-hosts", "--identity", "--waivers", "--tailoring", "--benchmark",
                "--sign-key", "--bundle")


def shard_argv(argv, env, floorscan, inventory, outdir, extra):
    """The container's command as this machine runs it."""
    out = []
    expand = lambda a: re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)",  # noqa: E731
                              lambda m: env.get(m.group(1), m.group(0)), a)
    args = [expand(a) for a in argv]
    i = 1
    out.append(floorscan)
    while i < len(args):
        a = args[i]
        name = a.split("=", 1)[0]
        inline = "=" in a and a.startswith("--")
        value = a.split("=", 1)[1] if inline else (args[i + 1] if i + 1 < len(args) else None)
        step = 1 if inline else 2
        if name in ("-i", "--inventory"):
            out += [name, inventory]
        elif name in ("-o", "--output"):
            out += [name, outdir]
        elif name in PATH_OPTIONS:
            local = os.environ.get("FS_K8S_" + name[2:].upper().replace("-", "_"))
            if local:
                out += [name, local]
        else:
            out.append(a)
            step = 1
        if step == 2 and value is None:
            break
        i += step
    return out + extra


def check_runs(url, label, n, nhosts):
    """The store holds the shards under the label: each shard once, all the hosts."""
    psql = os.path.join(os.environ.get("FS_PG_BINDIR", "/usr/lib/postgresql/15/bin"), "psql")
    if not os.access(psql, os.X_OK):
        return
    sql = "SELECT shard, hosts FROM runs WHERE label = :'label' ORDER BY id;\n"
    r = subprocess.run([psql, "-X", "-A", "-t", "-F", " ", "-v", "ON_ERROR_STOP=1", "-v",
                        f"label={label}", url], input=sql, capture_output=True, text=True,
                       timeout=60)
    if r.returncode != 0:
        fail("runs", f"psql: {r.stderr.strip()}")
        return
    rows = [line.split(" ") for line in r.stdout.splitlines() if line]
    shards = [row[0] for row in rows]
    for s in sorted(set(shards)):
        if shards.count(s) != 1 or not re.fullmatch(rf"[0-9]+/{n}", s):
            fail("runs", f"label {label}: shard {s!r} stored {shards.count(s)} times")
    if sum(int(row[1]) for row in rows) != nhosts:
        fail("runs", f"label {label}: the stored shards hold {sum(int(r[1]) for r in rows)} "
                     f"hosts, the report {nhosts}")


def run_locally(n, c, floorscan, inventory, extra):
    url = os.environ.get("FS_TEST_PG_URL")
    if not url:
        print("k8s_job: FS_TEST_PG_URL not set (run through tests/store/pg.sh): skipped the "
              "local run", file=sys.stderr)
        return 77
    argv = [str(a) for a in (c.get("command") or []) + (c.get("args") or [])]
    label = "k8s-test-" + secrets.token_hex(4)
    dbvar = re.fullmatch(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", option(argv, "--db") or "")
    ok = {int(s) for s in os.environ.get("FS_K8S_OK", "0 1 3").split()}
    timeout = int(os.environ.get("FS_K8S_TIMEOUT", "900"))
    with tempfile.TemporaryDirectory(prefix="fs-k8s.") as tmp:
        procs = []
        for k in range(n):
            env = dict(os.environ)
            for e in c.get("env") or []:
                if "value" in e:
                    env[e["name"]] = str(e["value"])
            env["JOB_COMPLETION_INDEX"] = str(k)
            env["JOB_NAME"] = label
            if dbvar:
                env[dbvar.group(1)] = url
            # the pod's password file is the test server's
            env["PGPASSFILE"] = os.environ.get("PGPASSFILE", "")
            env.pop("PGSSLROOTCERT", None)
            cmd = shard_argv(argv, env, floorscan, inventory, os.path.join(tmp, f"shard-{k}"),
                             extra)
            if not dbvar:
                cmd[cmd.index("--db") + 1] = url
            log = open(os.path.join(tmp, f"shard-{k}.log"), "w+", encoding="utf-8")
            procs.append((k, cmd, log, subprocess.Popen(cmd, env=env, stdout=log, stderr=log,
                                                        stdin=subprocess.DEVNULL)))
        for k, cmd, log, p in procs:
            try:
                rc = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                rc = p.wait()
                fail(f"shard {k}", f"still running after {timeout} s")
            log.seek(0)
            text = log.read()
            log.close()
            if rc not in ok:
                fail(f"shard {k}/{n}", f"exit {rc}: {' '.join(cmd)}\n{text}")
            elif "***" not in url and os.environ.get("FS_TEST_PG_PASSWORD", "\0") in text:
                fail(f"shard {k}/{n}", "printed the database password")
        report = os.path.join(tmp, "fleet")
        cmd = [floorscan, "report", "--db", url, "--latest", "-f", "json", "-o", report]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            fail("report", f"exit {r.returncode}: {' '.join(cmd)}\n{r.stderr}")
            return 1
        try:
            doc = json.load(open(os.path.join(report, "results.json"), encoding="utf-8"))
        except (OSError, ValueError) as e:
            fail("report", f"{' '.join(cmd)}: no results.json: {e}")
            return 1
        got = [h.get("name") for h in doc.get("hosts", [])]
        want = inventory_hosts(inventory)
        for h in sorted(want):
            if got.count(h) != 1:
                fail("report --latest", f"host {h} appears {got.count(h)} times")
        for h in sorted(set(got) - want):
            fail("report --latest", f"host {h} is not in {inventory}")
        check_runs(url, label, n, len(got))
        if not failures:
            print(f"k8s_job: {n} shards stored {len(got)} hosts under {label}; "
                  f"report --latest holds each of the {len(want)} inventory hosts once")
    return 0


def container(doc):
    return doc["spec"]["template"]["spec"]["containers"][0]


def set_option(doc, name, value):
    cmd = container(doc)["command"]
    cmd[cmd.index(name) + 1] = value


def env_entry(doc, name):
    return next(e for e in container(doc)["env"] if e["name"] == name)


# Each breaks the manifest in one way the checks must name.
MUTATIONS = [
    ("more completions than N", lambda d: d["spec"].update(completions=5, parallelism=5),
     "N is 4, but the Job has 5 completions"),
    ("fewer pods at once", lambda d: d["spec"].update(parallelism=2),
     "parallelism 2 differs from completions 4"),
    ("not indexed", lambda d: d["spec"].update(completionMode="NonIndexed"),
     "completionMode 'NonIndexed'"),
    ("a fixed shard", lambda d: set_option(d, "--shard", "0/4"),
     "--shard '0/4' is not $(JOB_COMPLETION_INDEX)/N"),
    ("a label per pod", lambda d: set_option(d, "--run-label", "$(HOSTNAME)"),
     "--run-label '$(HOSTNAME)'"),
    ("the Job's label lost", lambda d: env_entry(d, "JOB_NAME")["valueFrom"]["fieldRef"].update(
        fieldPath="metadata.name"), "JOB_NAME does not come from the pod's label job-name"),
    ("a password in the URL", lambda d: env_entry(d, "FLOORSCAN_DB").update(
        value="postgresql://floorscan:hunter2@db/floorscan"), "the URL carries a password"),
    ("a password parameter", lambda d: env_entry(d, "FLOORSCAN_DB").update(
        value="postgresql://db/floorscan?password=hunter2"), "the URL carries a password"),
    ("PGPASSWORD in the manifest", lambda d: container(d)["env"].append(
        {"name": "PGPASSWORD", "value": "hunter2"}), "PGPASSWORD is written into the manifest"),
    ("no password file", lambda d: container(d).update(
        env=[e for e in container(d)["env"] if e["name"] != "PGPASSFILE"]), "no PGPASSFILE"),
    ("no copy from the Secret", lambda d: d["spec"]["template"]["spec"].pop("initContainers"),
     "no init container copies it from a Secret"),
    ("shards retried", lambda d: d["spec"].pop("backoffLimitPerIndex"),
     "it would be stored twice under one run label"),
    ("an undefined variable", lambda d: set_option(d, "-o", "$(RESULTS)"),
     "$(RESULTS) is not defined in env"),
    ("not a scan", lambda d: container(d)["command"].__setitem__(1, "report"),
     "is not floorscan scan"),
]


def self_test(path):
    """The manifest passes; each mutation of it fails, naming what is wrong."""
    global failures
    check(path)
    if failures:
        return 1
    original = yaml.safe_load(open(path, encoding="utf-8"))
    bad = 0
    with tempfile.TemporaryDirectory(prefix="fs-k8s-self.") as tmp:
        for name, mutate, want in MUTATIONS:
            doc = json.loads(json.dumps(original))
            mutate(doc)
            mutated = os.path.join(tmp, "job.yaml")
            with open(mutated, "w", encoding="utf-8") as f:
                yaml.safe_dump(doc, f)
            failures = []
            check(mutated)
            if not any(want in f for f in failures):
                print(f"k8s_job: self-test '{name}': not found: {want!r} in {failures}",
                      file=sys.stderr)
                bad += 1
    failures = []
    if bad:
        return 1
    print(f"k8s_job: {path}: passes; each of {len(MUTATIONS)} broken variants is refused")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        return self_test(sys.argv[2])
    if len(sys.argv) not in (2,) and len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    found = check(sys.argv[1])
    rc = 0
    if found and not failures and len(sys.argv) >= 4:
        n, c, _pod = found
        rc = run_locally(n, c, sys.argv[2], sys.argv[3], sys.argv[4:])
    for f in failures:
        print(f"k8s_job: {f}", file=sys.stderr)
    if failures:
        return 1
    if len(sys.argv) == 2:
        print(f"k8s_job: {sys.argv[1]}: an Indexed Job of {found[0]} shards, as documented")
    return rc


if __name__ == "__main__":
    sys.exit(main())
