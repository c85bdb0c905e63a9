# SPDX-License-Identifier: Apache-2.0
# Compilers, assemblers and build tools present, by path (the usual bin directories, /usr/local and
# /opt included).
# flags:
fs_f_compilers() {
  for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin /opt/*/bin; do
    [ -d "$d" ] || continue
    for c in gcc cc c++ g++ clang make as ld tcc; do
      # any file of that name: whether the scan account may run it does not matter
    [ -f "$d/$c" ] && echo "$d/$c"
    done
  done
  return 0
}
