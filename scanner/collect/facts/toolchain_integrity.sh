# SPDX-License-Identifier: Apache-2.0
# The build toolchain and whether it is what the packages installed: compilers, assemblers,
# linkers (gcc*, cc, c++, g++*, clang*, cpp*, as, ld*, ar, tcc and their <triplet>- forms in
# the bin directories, /usr/local included), gcc's back ends (cc1, cc1plus, collect2, lto1 ...)
# and, when one of them is there, the C and C++ runtime and binutils' libraries. Lines:
# "# dpkg" | "# rpm" | "# none" (package database); "# merged" when /bin is a link to usr/bin;
# "# notool" when no compiler, assembler or linker was found; "f MODE UID GID PATH" per file
# (links resolved), "d MODE UID GID PATH" per directory holding one and its parents;
# "o PKGS: PATH" per file a package owns (dpkg -S, rpm -qf; merged systems query the path
# without /usr too), "v LINE" per line of dpkg --verify / rpm -V of the owning packages,
# "filter exclude|include GLOB" for dpkg's path filters; "# more N" when the list was cut;
# with dpkg, "x diversion by PKG from: PATH" / "x local diversion from: PATH" for each
# diversion dpkg-query -S reports on a queried path, "# nomd5sums PKG" for an owning package
# without /var/lib/dpkg/info/PKG[:ARCH].md5sums.
# flags: root slow
# shellcheck disable=SC2154 # fs_nl is set by the prologue
fs_f_toolchain_integrity() {
  fs_pkg_db || :
  merged=
  if [ -L /bin ] && [ "$(readlink /bin)" = usr/bin ]; then
    merged=1
    echo '# merged'
  fi
  set --
  for d in /usr/local/bin /usr/local/sbin /usr/bin /usr/sbin /bin /sbin; do
    [ -d "$d" ] && ! [ -L "$d" ] && set -- "$@" "$d"
  done
  # entry points first: without one there is no toolchain, whatever libraries are installed
  tools=$(fs_run 0 find "$@" -maxdepth 1 \( -type f -o -type l \) \( -name gcc -o \
    -name 'gcc-*' -o -name '*-gcc' -o -name '*-gcc-*' -o -name cc -o -name c++ -o -name 'g++' \
    -o -name 'g++-*' -o -name '*-g++' -o -name '*-g++-*' -o -name clang -o -name 'clang-[0-9]*' \
    -o -name 'clang++*' -o -name cpp -o -name 'cpp-*' -o -name '*-cpp' -o -name '*-cpp-*' \
    -o -name as -o -name '*-as' -o -name ld -o -name 'ld.*' -o -name '*-ld' -o -name '*-ld.*' \
    -o -name ar -o -name '*-ar' -o -name tcc \) -print) || return 2
  if [ -z "$tools" ]; then
    echo '# notool'
    return 0
  fi
  set --
  for d in /usr/lib/gcc/*/* /usr/libexec/gcc/*/* /lib /lib64 /usr/lib /usr/lib64 \
    /usr/lib/*-linux-gnu* /lib/*-linux-gnu*; do
    # /lib/x86_64-linux-gnu is /usr/lib/x86_64-linux-gnu where /lib is a link: read once
    case $d in /lib/*) [ -L /lib ] && continue ;; esac
    [ -d "$d" ] && ! [ -L "$d" ] && set -- "$@" "$d"
  done
  libs=
  if [ $# -gt 0 ]; then
    libs=$(fs_run 0 find "$@" -maxdepth 1 \( -type f -o -type l \) \( -name cc1 -o \
      -name cc1plus -o -name collect2 -o -name lto1 -o -name lto-wrapper -o \
      -name 'liblto_plugin.so*' -o -name libc.so.6 -o -name 'libc.so' -o -name 'ld-linux*.so*' \
      -o -name 'ld-musl*.so*' -o -name 'libstdc++.so.6*' -o -name 'libbfd*.so*' -o \
      -name 'libopcodes*.so*' -o -name 'libctf*.so*' -o -name 'libsframe.so*' \) -print) ||
      return 2
  fi
  fs_need readlink stat || return 2
  # the real files, each once (links resolved: /usr/bin/as -> x86_64-linux-gnu-as)
  files=$fs_nl
  n=0
  more=0
  oifs=$IFS
  IFS=$fs_nl # one path a line, spaces included
  set -f
  for p in $tools$fs_nl$libs; do
    r=$p
    if [ -L "$p" ]; then
      r=$(readlink -f -- "$p" 2>/dev/null) || continue
    fi
    [ -f "$r" ] || continue
    case $files in *"$fs_nl$r$fs_nl"*) continue ;; esac
    if [ "$n" -ge 300 ]; then
      more=$((more + 1))
      continue
    fi
    files="$files$r$fs_nl"
    n=$((n + 1))
  done
  # the directories holding them and their parents, each once; alternatives hold links of cc
  dirs=$fs_nl
  set --
  for r in $files; do
    set -- "$@" "$r"
    d=${r%/*}
    while [ -n "$d" ]; do
      case $dirs in *"$fs_nl$d$fs_nl"*) ;; *) dirs="$dirs$d$fs_nl" ;; esac
      d=${d%/*}
    done
  done
  [ $# -gt 0 ] && fs_run 0 stat -c 'f %a %u %g %n' -- "$@"
  set -- /
  [ -d /etc/alternatives ] && set -- / /etc /etc/alternatives
  for d in $dirs; do
    case $d in /etc | /etc/alternatives) ;; *) set -- "$@" "$d" ;; esac
  done
  fs_run 0 stat -c 'd %a %u %g %n' -- "$@"
  [ "$more" -gt 0 ] && echo "# more $more"
  # the owners (one query; a path a glob could match is not asked: it stays unowned)
  set --
  for r in $files; do
    case $r in *[*?[\\]* | *[[:space:]]*) continue ;; esac
    set -- "$@" "$r"
    if [ -n "$merged" ] && fs_has_dpkg; then
      case $r in /usr/bin/* | /usr/sbin/* | /usr/lib*/*) set -- "$@" "${r#/usr}" ;; esac
    fi
  done
  IFS=$oifs
  [ $# -gt 0 ] || return 0
  if fs_has_dpkg; then
    # "pkg[:arch][, pkg[:arch]]...: /path"; diversion lines and errors do not match
    n='[A-Za-z0-9+._-]*\(:[A-Za-z0-9_-]*\)\{0,1\}'
    q=$(fs_run "0 1" dpkg-query -S -- "$@")
    # a diverted path: dpkg-query still names the package, whose file is elsewhere
    printf '%s\n' "$q" | fs_sed -n -e 's|^\(diversion by [A-Za-z0-9+._-]*\) from: /|x \1 from: /|p' \
      -e 's|^\(local diversion\) from: /|x \1 from: /|p'
    own=$(printf '%s\n' "$q" | fs_sed -n "s|^\\($n\\(, $n\\)*\\): /|o \\1: /|p")
    [ -n "$own" ] || return 0
    printf '%s\n' "$own"
    # shellcheck disable=SC2046 # package names, checked by the pattern above
    set -- $(printf '%s\n' "$own" | fs_sed 's/^o //; s/: \/.*//; s/,/ /g' | fs_run 0 sort -u)
    set +f
    [ $# -gt 0 ] || return 0
    # dpkg --verify has nothing to compare a package without md5sums with: it stays silent
    for p; do
      [ -f "/var/lib/dpkg/info/$p.md5sums" ] && continue
      case $p in
        *:*) [ -f "/var/lib/dpkg/info/${p%%:*}.md5sums" ] && continue ;;
        *) for m in "/var/lib/dpkg/info/$p":*.md5sums; do [ -f "$m" ] && continue 2; done ;;
      esac
      echo "# nomd5sums $p"
    done
    fs_dpkg_filters
    fs_run 0 dpkg --verify -- "$@" | fs_sed 's/^/v /'
  elif fs_has_rpm; then
    pk=
    for r in "$@"; do
      # "file PATH is not owned by any package" when none: only names are kept
      for q in $(fs_run "0 1" rpm -qf --qf '%{NAME}\n' -- "$r" | fs_grep -E '^[A-Za-z0-9+._-]+$'); do
        echo "o $q: $r"
        case " $pk " in *" $q "*) ;; *) pk="$pk $q" ;; esac
      done
    done
    # shellcheck disable=SC2086 # package names, checked above
    # --nodeps: "Unsatisfied dependencies for ..." lines are no changed files
    [ -n "$pk" ] && fs_run "0 1" rpm -V --nodeps -- $pk | fs_sed 's/^/v /'
  fi
  return 0
}
