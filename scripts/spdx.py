#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every tracked source file carries an SPDX licence line within its first three lines.

    python3 scripts/spdx.py           # adds the line where it is missing
    python3 scripts/spdx.py --check   # lists files without it and fails (ctest spdx_headers)
"""
import os
import subprocess
import sys

os.chdir(os.path.dirname(os.path.abspath(__file__)) + "/..")
check = "--check" in sys.argv
TAG = "SPDX-License-Identifier: Apache-2.0"
files = subprocess.run(["git", "ls-files", "*.c", "*.h", "*.sh", "*.py", "*.cmake",
                        "CMakeLists.txt", "*/CMakeLists.txt", ".ci/run", "*.js", "*.css"],
                       capture_output=True, text=True, check=True).stdout.split()
changed, missing = 0, []
for f in files:
    if "/corpus/" in f:
        continue
    s = open(f, encoding="utf-8").read()
    if TAG in "\n".join(s.split("\n")[:3]):
        continue
    if check:
        missing.append(f)
        continue
    if f.endswith((".c", ".h", ".css")):
        line = f"/* {TAG} */\n"
    elif f.endswith(".js"):
        line = f"// {TAG}\n"
    else:
        line = f"# {TAG}\n"
    if s.startswith("#!"):
        nl = s.index("\n") + 1
        s = s[:nl] + line + s[nl:]
    else:
        s = line + s
    open(f, "w", encoding="utf-8").write(s)
    changed += 1
if check:
    if missing:
        print("no SPDX-License-Identifier line (run python3 scripts/spdx.py):", *missing,
              sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print(f"spdx: {len(files)} source files, each with its licence line")
else:
    print(f"spdx: {changed} files given a header, {len(files)} checked")
