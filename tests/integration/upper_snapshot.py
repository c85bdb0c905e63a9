#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Proves that a scan writes nothing on the fleet's devices.

Every target of tests/fleet/fleet.sh runs on an overlay whose upper (writable) directory is
STATE/NAME/upper: whatever a process on the device writes lands there, and nothing else does.

    upper_snapshot.py snapshot STATE OUT.json    records every entry of every STATE/*/upper
    upper_snapshot.py compare BEFORE.json AFTER.json [--label TEXT] [--show-allowed]
                                                 lists what changed, by target and path; exit 1
                                                 on any change that ALLOWED does not name

An entry is recorded with its type, mode, owner, size, mtime (ns), symlink target, device
numbers, extended attributes and, for a regular file, the SHA-256 of its content. An overlay
whiteout (char 0:0) is the deletion of a lower file. A path that is new in the upper directory
but exists in the lower root is a copy-up: it is compared with the lower entry, so a lower file
that was only appended to shows as "content" and "size", not as a creation.
Nothing is followed through a symlink: the upper directory itself, every directory below it
and every file are opened O_NOFOLLOW relative to their parent's descriptor, and the walk does
not leave the upper directory's file system.
"""
import base64
import hashlib
import json
import os
import re
import stat
import sys
import time

# What logging in itself writes on a device, and nothing else: exact paths, each with the kinds
# of change it may show and the only lines that may be appended to it (a log may only grow, by
# lines of these programs). Any other change, path or line fails the test. /run, /dev (and /tmp
# on pd-hard) are tmpfs mounts inside each target, not in the upper directory: sshd's /run/sshd,
# /run/utmp and sudo's /run/sudo/ts never show here. The scanner's sessions have no terminal,
# so sshd writes no wtmp or lastlog record (and no btmp: no login fails by password): those
# files are not listed, and a change to them fails the test.
LOG = {"created", "content", "size", "mtime"}
ALLOWED = {
    # rsyslogd (bs-hard, bs-mixed, ts-hard, ts-mixed, sudopw; the others run no logger) logs
    # each login's PAM session ("pam_unix(sshd:session): session opened/closed", pam_env) and
    # sudo's line for the collector ("COMMAND=/usr/bin/sh -s", or "a password is required" on
    # sudopw); it creates the file on the first line. sshd runs with -e: its own log goes to
    # the fleet's sshd.log on the host.
    "/var/log/auth.log": (LOG, r"\S+ \S+ (sshd|sudo)(\[[0-9]+\])?: "),
    # rsyslogd's own complaints when it forwards those lines to the fleet's log server
    # (10.77.0.1:514, where nothing listens): "cannot connect", "action ... suspended".
    "/var/log/syslog": (LOG, r"\S+ \S+ rsyslogd(\[[0-9]+\])?: "),
}
ALLOWED = {p: (kinds, re.compile(rx.encode())) for p, (kinds, rx) in ALLOWED.items()}
# An allow-listed file's content is kept in the snapshot up to this size, to check what was
# appended; a larger one is judged by its hash only and fails if it changed.
KEEP_MAX = 1 << 20

# Changes a directory shows when an entry is added to it or removed from it (and overlay's
# copy-up of the directory itself): not reported when a change below the directory explains it.
IMPLIED_DIR_KINDS = {"mtime", "overlay-xattr", "copy-up"}

NOATIME = getattr(os, "O_NOATIME", 0)


def esc(path):
    """A path or text as printable ASCII (device file names hold newlines and escapes)."""
    if isinstance(path, bytes):
        path = path.decode("utf-8", "surrogateescape")
    out = []
    for ch in path:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte (surrogateescape)
            out.append("\\x%02x" % (o - 0xDC00))
        elif ch == "\\":
            out.append("\\\\")
        elif 0x20 <= o < 0x7F:
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out) or "/"


def kind_of(mode):
    for test, name in ((stat.S_ISREG, "file"), (stat.S_ISDIR, "dir"), (stat.S_ISLNK, "symlink"),
                       (stat.S_ISCHR, "char"), (stat.S_ISBLK, "block"), (stat.S_ISFIFO, "fifo"),
                       (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "unknown"


def xattrs(name, dir_fd):
    """Every extended attribute of an entry (never through a symlink), its value hashed."""
    path = "/proc/self/fd/%d/%s" % (dir_fd, name)
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError:
        return {}
    out = {}
    for n in sorted(names):
        try:
            out[n] = hashlib.sha256(os.getxattr(path, n, follow_symlinks=False)).hexdigest()[:16]
        except OSError:
            pass
    return out


def read_file(name, dir_fd, st, keep):
    """(sha256, content if keep and small enough) of a regular file, opened O_NOFOLLOW."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(name, flags | NOATIME, dir_fd=dir_fd)
    except PermissionError:  # O_NOATIME needs ownership or CAP_FOWNER
        fd = os.open(name, flags, dir_fd=dir_fd)
    try:
        fst = os.fstat(fd)
        if not stat.S_ISREG(fst.st_mode) or fst.st_ino != st.st_ino:
            return "replaced-while-reading", None
        h, data = hashlib.sha256(), []
        while True:
            b = os.read(fd, 1 << 20)
            if not b:
                break
            h.update(b)
            if keep:
                data.append(b)
        content = b"".join(data) if keep and fst.st_size <= KEEP_MAX else None
        return h.hexdigest(), content
    finally:
        os.close(fd)


def record(name, dir_fd, st, keep=False):
    if stat.S_ISCHR(st.st_mode) and st.st_rdev == 0:
        r = {"type": "whiteout"}  # a deletion: its own attributes say nothing
    else:
        r = {"type": kind_of(st.st_mode), "mode": "%04o" % stat.S_IMODE(st.st_mode),
             "owner": "%d:%d" % (st.st_uid, st.st_gid), "size": st.st_size,
             "mtime": st.st_mtime_ns}
    if r["type"] == "file":
        r["sha256"], content = read_file(name, dir_fd, st, keep)
        if content is not None:
            r["data"] = base64.b64encode(content).decode("ascii")
    elif r["type"] == "symlink":
        r["link"] = os.readlink(name, dir_fd=dir_fd)
    elif r["type"] in ("char", "block"):
        r["rdev"] = "%d:%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
    xa = xattrs(name, dir_fd)
    if xa:
        r["xattr"] = xa
    return r


def walk(top):
    """{path below top: record} of a directory tree, never following a symlink."""
    entries = {}
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    dev = os.fstat(fd).st_dev
    stack = [("", fd)]
    while stack:
        rel, dfd = stack.pop()
        try:
            with os.scandir(dfd) as it:
                for e in it:
                    st = e.stat(follow_symlinks=False)
                    path = rel + "/" + e.name
                    entries[path] = record(e.name, dfd, st, keep=path in ALLOWED)
                    if not stat.S_ISDIR(st.st_mode):
                        continue
                    if st.st_dev != dev:
                        entries[path]["mountpoint"] = True
                        continue
                    stack.append((path, os.open(e.name, os.O_RDONLY | os.O_DIRECTORY |
                                                os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dfd)))
        finally:
            os.close(dfd)
    return entries


def lower_dirs(upper):
    """The lower directories of the overlay mounted with this upper directory."""
    want = "upperdir=" + upper
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            parts = line.partition(" - ")[2].split()
            if len(parts) < 3 or parts[0] != "overlay":
                continue
            opts = parts[2].split(",")
            if want in opts:
                for o in opts:
                    if o.startswith("lowerdir="):
                        return o[len("lowerdir="):].split(":")
    return []


def cmd_snapshot(state, out):
    t0 = time.monotonic()
    snap = {}
    for name in sorted(os.listdir(state)):
        upper = os.path.join(state, name, "upper")
        try:
            st = os.lstat(upper)
        except (FileNotFoundError, NotADirectoryError):
            continue
        if not stat.S_ISDIR(st.st_mode):
            sys.exit("upper_snapshot: %s is not a directory (a symlink?)" % esc(upper))
        upper = os.path.realpath(upper)
        snap[name] = {"upper": upper, "lower": lower_dirs(upper), "entries": walk(upper)}
    if not snap:
        sys.exit("upper_snapshot: no STATE/*/upper directory in %s" % esc(state))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(snap, f)  # ensure_ascii: undecodable bytes of names survive as \udcxx
    n = sum(len(t["entries"]) for t in snap.values())
    print("upper_snapshot: %d targets, %d entries in %.2f s" % (len(snap), n,
                                                                   time.monotonic() - t0))


def lower_record(lowers, path):
    """The record of a path in the lower root (the first lower directory that has it), looked
    up one component at a time without following a symlink."""
    *dirs, name = path.lstrip("/").split("/")
    for low in lowers:
        try:
            dfd = os.open(low, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            for d in dirs:
                nfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC,
                              dir_fd=dfd)
                os.close(dfd)
                dfd = nfd
            st = os.stat(name, dir_fd=dfd, follow_symlinks=False)
            return record(name, dfd, st, keep=path in ALLOWED)
        except OSError:  # missing, or a symlink or a file where the path has a directory
            continue
        finally:
            os.close(dfd)
    return None


def is_overlay_xattr(n):
    return n.startswith(("trusted.overlay.", "user.overlay."))


def is_replacing_xattr(n):
    """Overlay's marks of a directory that replaced the lower one (opaque: every lower entry
    below it deleted) or was renamed (redirect): never explained by a change below it."""
    return is_overlay_xattr(n) and n.rsplit(".", 1)[1] in ("opaque", "redirect")


def fmt_time(ns):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ns // 10**9)) + \
        ".%03d" % (ns // 10**6 % 1000)


def describe(r):
    if r["type"] == "whiteout":
        return "whiteout"
    s = "%s %s %s" % (r["type"], r["mode"], r["owner"])
    if r["type"] == "file":
        s += ", %d bytes" % r["size"]
    if "link" in r:
        s += " -> %s" % esc(r["link"])
    if "rdev" in r:
        s += " %s" % r["rdev"]
    return s


def kinds(old, new, copy_up=False):
    """{kind of change: description} from record old to record new. Against the lower entry
    (copy_up), overlay's own attributes (trusted.overlay.origin ...) do not count."""
    if old["type"] != new["type"]:
        return {"type": "%s -> %s" % (describe(old), describe(new))}
    k = {}
    if old.get("sha256") != new.get("sha256"):
        k["content"] = "sha256 %s -> %s" % (old["sha256"][:12], new["sha256"][:12])
    if old.get("size") != new.get("size") and old["type"] != "dir":
        k["size"] = "%s -> %s bytes" % (old["size"], new["size"])
    if old.get("mode") != new.get("mode"):
        k["mode"] = "%s -> %s" % (old["mode"], new["mode"])
    if old.get("owner") != new.get("owner"):
        k["owner"] = "%s -> %s (uid:gid)" % (old["owner"], new["owner"])
    if old.get("mtime") != new.get("mtime"):
        k["mtime"] = "%s -> %s" % (fmt_time(old["mtime"]), fmt_time(new["mtime"]))
    if old.get("link") != new.get("link"):
        k["link"] = "%s -> %s" % (esc(old.get("link", "")), esc(new.get("link", "")))
    if old.get("rdev") != new.get("rdev"):
        k["rdev"] = "%s -> %s" % (old.get("rdev"), new.get("rdev"))
    ox, nx = old.get("xattr", {}), new.get("xattr", {})
    for n in sorted(set(ox) | set(nx)):
        if ox.get(n) == nx.get(n) or (copy_up and is_overlay_xattr(n) and
                                      not is_replacing_xattr(n)):
            continue
        key = "replaced" if is_replacing_xattr(n) else \
            "overlay-xattr" if is_overlay_xattr(n) else "xattr"
        what = "added" if n not in ox else "removed" if n not in nx else "changed"
        k[key] = (k[key] + ", " if key in k else "") + "%s %s" % (n, what)
    return k


def changes(before, after):
    """{path: (kinds, old record or None, new record or None)} of one target."""
    b, a, lowers = before["entries"], after["entries"], after["lower"]
    out = {}
    for path in sorted(set(b) | set(a)):
        old, new = b.get(path), a.get(path)
        if old == new:
            continue
        if old is None:  # new in the upper directory: a creation, a deletion or a copy-up
            low = lower_record(lowers, path)
            if new["type"] == "whiteout":
                out[path] = ({"deleted": "from the lower root" +
                              (" (%s)" % describe(low) if low else "")}, low, None)
            elif low is None:
                out[path] = ({"created": describe(new)}, None, new)
            else:
                k = kinds(low, new, copy_up=True)
                if not k:
                    k = {"copy-up": "copied up from the lower root, nothing changed (yet)"}
                elif "type" not in k:
                    k = {kk: v + " (copied up)" for kk, v in k.items()}
                out[path] = (k, low, new)
        elif new is None:  # gone from the upper directory: it existed only there
            out[path] = ({"deleted": describe(old)}, old, None)
        elif old["type"] == "whiteout" and new["type"] != "whiteout":
            out[path] = ({"created": describe(new) + " (where a lower entry was deleted)"},
                         None, new)
        elif new["type"] == "whiteout":
            out[path] = ({"deleted": "was " + describe(old)}, old, None)
        else:
            out[path] = (kinds(old, new), old, new)
    return out


def appended_ok(path, old, new):
    """None if new only appends lines that ALLOWED[path] accepts to old, else the reason."""
    if "data" not in new or (old is not None and "data" not in old):
        return "over %d bytes: the appended lines cannot be checked" % KEEP_MAX
    before = base64.b64decode(old["data"]) if old is not None else b""
    after = base64.b64decode(new["data"])
    if not after.startswith(before):
        return "rewritten, not appended to"
    rx = ALLOWED[path][1]
    for line in after[len(before):].split(b"\n"):
        if line and not rx.match(line):
            return "appended a line that logging in does not write: %s" % esc(line[:300])
    return None


def compare(before, after):
    unexpected, allowed, implied = [], [], 0
    for target in sorted(set(before) | set(after)):
        if target not in before or target not in after:
            unexpected.append((target, "", {"target": "in one snapshot only"}))
            continue
        ch = changes(before[target], after[target])
        for path, (k, old, new) in ch.items():
            if new is not None and new["type"] == "dir" and set(k) <= IMPLIED_DIR_KINDS and any(
                    p.startswith(path + "/") for p in ch):
                implied += 1
                continue
            if path in ALLOWED and set(k) <= ALLOWED[path][0] and new is not None and \
                    new["type"] == "file" and (old is None or old["type"] == "file"):
                why = appended_ok(path, old, new) if "content" in k or "created" in k else None
                if why is None:
                    allowed.append((target, path, k))
                    continue
                k = dict(k, content=k.get("content", "created") + "; " + why)
            unexpected.append((target, path, k))
    return unexpected, allowed, implied


def show(rows, width):
    for target, path, k in rows:
        print("  %-*s %s" % (width, target, esc(path)))
        for kind, what in k.items():
            print("  %-*s     %s: %s" % (width, "", kind, what))


def cmd_compare(args):
    label, show_allowed, files = "", False, []
    while args:
        a = args.pop(0)
        if a == "--label" and args:
            label = args.pop(0)
        elif a == "--show-allowed":
            show_allowed = True
        else:
            files.append(a)
    if len(files) != 2:
        sys.exit(__doc__)
    snaps = []
    for fn in files:
        with open(fn, encoding="utf-8") as f:
            snaps.append(json.load(f))
    unexpected, allowed, implied = compare(snaps[0], snaps[1])
    width = max([len(t) for t in snaps[1]] + [6])
    during = " during %s" % label if label else ""
    if show_allowed and allowed:
        print("upper_snapshot: allowed writes of logging in%s:" % during)
        show(allowed, width)
    if unexpected:
        print("FAIL: %d unexpected writes on the devices%s (target, path, what changed):"
              % (len(unexpected), during))
        show(unexpected, width)
        return 1
    print("ok: nothing written on %d devices%s (%d allowed writes of logging in, "
          "%d parent directories of theirs)" % (len(snaps[1]), during, len(allowed), implied))
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "snapshot":
        cmd_snapshot(argv[2], argv[3])
        return 0
    if len(argv) >= 4 and argv[1] == "compare":
        return cmd_compare(argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
