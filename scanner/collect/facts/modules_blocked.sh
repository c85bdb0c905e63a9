# SPDX-License-Identifier: Apache-2.0
# Whether the kernel modules of rare network protocols (dccp, sctp, rds, tipc), file systems
# (cramfs, freevxfs, hfs, hfsplus, jffs2, udf) and USB storage (usb_storage, whose module file
# and modprobe.d lines may write it usb-storage) can be loaded. Lines:
#   release REL                     uname -r
#   tree /lib/modules/REL           the running kernel's module tree exists (notree: it does not)
#   builtins PATH                   its modules.builtin was read (nobuiltins: there is none);
#   builtin NAME                    a module of the list built into the kernel
#   modfile PATH                    a module file of the list in the tree (NAME.ko, .ko.xz ...)
#   loaded NAME (/sys/module)       loaded or built in with parameters (/proc/modules likewise)
#   proc yes|no                     /proc is mounted (/proc/self exists)
#   procmodules yes|no              /proc/modules exists (the kernel supports loadable modules)
#   kmodprobe PATH|none|?           /proc/sys/kernel/modprobe: the modprobe the kernel runs
#                                   (none: no such file, a kernel without module support)
#   modprobe kmod VER|busybox|unknown|none   the modprobe in use: that file, else modprobe in
#                                   PATH; a busybox applet, or "kmod version VER" (--version)
#   fsreg NAME                      a file system of the list registered (/proc/filesystems)
#   fslist /proc/filesystems        that file was read (nofslist: it was not)
#   proto NAME                      a protocol of the list registered (/proc/net/protocols:
#                                   SCTP, SCTPv6, DCCP, DCCPv6, TIPC, RDS)
#   protolist /proc/net/protocols   that file was read (noprotolist: it was not)
#   cfile PATH                      a modprobe configuration file read, then its lines:
#   conf LINE                       its blacklist lines for a module of the list and its install
#                                   lines for one (or for a pattern: * ? [ in the module word),
#                                   continuation lines joined, as kmod reads them
#   masked PATH                     a name claimed by a link to /dev/null (read as empty)
#   oddconf PATH|?                  an entry that cannot be read safely (not a regular file, or
#                                   "?" for a name with unusual characters): the configuration
#                                   is unknown
# modprobe.d files as kmod reads them: *.conf and *.alias of /etc, /run, /usr/local/lib, /lib and
# /usr/lib merged into one list sorted by file name, a name in an earlier directory hiding the
# same name in a later one (a name is claimed by any entry, a masking link included).
# flags:
fs_f_modules_blocked() {
  [ -d /sys/module ] || { echo '# no /sys/module: the kernel modules cannot be seen'; return 2; }
  fs_mods='dccp sctp rds tipc cramfs freevxfs hfs hfsplus jffs2 udf usb_storage'
  # each name as a pattern in which "_" is "-" too (one "_" at most): an ERE and a glob alike
  fs_re=
  for m in $fs_mods; do
    case $m in *_*) m="${m%%_*}[-_]${m#*_}" ;; esac
    fs_re="$fs_re${fs_re:+|}$m"
  done
  fs_rel=$(fs_run 0 uname -r) || return 2
  case $fs_rel in
    '' | . | .. | */* | *[!A-Za-z0-9._+~-]*)
      echo '# uname -r is not a kernel release'
      return 2
      ;;
  esac
  echo "release $fs_rel"
  fs_t=/lib/modules/$fs_rel
  if [ -d "$fs_t" ]; then
    echo "tree $fs_t"
    if [ -e "$fs_t/modules.builtin" ]; then
      fs_grep -E "(^|/)($fs_re)\\.ko\$" "$fs_t/modules.builtin" |
        fs_sed 's|^.*/||; s|^|builtin |; s|\.ko$||'
      echo "builtins $fs_t/modules.builtin"
    else
      echo "nobuiltins $fs_t/modules.builtin"
    fi
    set --
    for m in $fs_mods; do
      case $m in *_*) m="${m%%_*}[-_]${m#*_}" ;; esac
      set -- "$@" -o -name "$m.ko" -o -name "$m.ko.*"
    done
    shift
    # the tree's trailing slash: find starts in it even when it is a symbolic link
    fs_run 0 find "$fs_t/" \( "$@" \) | fs_sed 's/^/modfile /'
  else
    echo "notree $fs_t"
  fi
  for m in $fs_mods; do
    [ -d "/sys/module/$m" ] && echo "loaded $m (/sys/module)"
  done
  [ -e /proc/modules ] && fs_grep -E "^($fs_re) " /proc/modules |
    fs_sed 's/^\([^ ]*\) .*/loaded \1 (\/proc\/modules)/'
  fs_modules_support
  fs_modules_registered
  fs_modprobe_conf
  return 0
}

# The kernel's support for loadable modules and the modprobe that would read the configuration.
fs_modules_support() {
  if [ -e /proc/self ]; then echo 'proc yes'; else echo 'proc no'; fi
  if [ -e /proc/modules ]; then echo 'procmodules yes'; else echo 'procmodules no'; fi
  fs_mp=
  if [ -e /proc/sys/kernel/modprobe ]; then
    read -r fs_mp </proc/sys/kernel/modprobe 2>/dev/null || fs_mp=
    case $fs_mp in
      /*) case $fs_mp in *[!A-Za-z0-9._/+-]*) fs_mp= ;; esac ;;
      *) fs_mp= ;;
    esac
    echo "kmodprobe ${fs_mp:-?}"
  else
    echo 'kmodprobe none'
  fi
  [ -n "$fs_mp" ] && [ -e "$fs_mp" ] || fs_mp=$(command -v modprobe 2>/dev/null)
  case $fs_mp in
    /*) ;;
    *)
      echo 'modprobe none'
      return 0
      ;;
  esac
  fs_bb=$(command -v busybox 2>/dev/null)
  fs_real=$(readlink -f "$fs_mp" 2>/dev/null)
  # shellcheck disable=SC3013 # dash, bash and busybox ash have -ef
  if [ "${fs_real##*/}" = busybox ] || { [ -n "$fs_bb" ] && [ "$fs_mp" -ef "$fs_bb" ]; }; then
    echo 'modprobe busybox'
    return 0
  fi
  fs_v=$(fs_run 0 "$fs_mp" --version) || {
    echo 'modprobe unknown'
    return 0
  }
  fs_v=${fs_v%%"$fs_nl"*}
  case $fs_v in
    'kmod version '*) fs_v=${fs_v#kmod version } ;;
    *) fs_v= ;;
  esac
  case $fs_v in
    '' | *[!0-9.]*) echo 'modprobe unknown' ;;
    *) echo "modprobe kmod $fs_v" ;;
  esac
}

# The file systems and protocols of the list the kernel has registered (built in or loaded).
fs_modules_registered() {
  if [ -f /proc/filesystems ]; then
    fs_grep -E "[[:space:]](cramfs|freevxfs|hfs|hfsplus|jffs2|udf)\$" /proc/filesystems |
      fs_sed 's/^.*[[:space:]]/fsreg /'
    echo 'fslist /proc/filesystems'
  else
    echo 'nofslist /proc/filesystems'
  fi
  if [ -f /proc/net/protocols ]; then
    fs_grep -E '^(SCTP|SCTPv6|DCCP|DCCPv6|TIPC|RDS)[[:space:]]' /proc/net/protocols |
      fs_sed 's/^\([A-Za-z0-9]*\).*/proto \1/'
    echo 'protolist /proc/net/protocols'
  else
    echo 'noprotolist /proc/net/protocols'
  fi
}

# The modprobe.d files in kmod's order (see the header), then their lines.
fs_modprobe_conf() {
  fs_seen_conf=' '
  fs_list=
  for f in /etc/modprobe.d/* /run/modprobe.d/* /usr/local/lib/modprobe.d/* \
    /lib/modprobe.d/* /usr/lib/modprobe.d/*; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    fs_b=${f##*/}
    case $fs_b in .*) continue ;; *.conf | *.alias) ;; *) continue ;; esac
    case $fs_b in
      *[!A-Za-z0-9._+@-]*)
        # not printed (one line each, no forged line) and not recorded: its name is unknown
        echo 'oddconf ?'
        continue
        ;;
    esac
    case $fs_seen_conf in *" $fs_b "*) continue ;; esac
    fs_seen_conf="$fs_seen_conf$fs_b "
    fs_list="$fs_list$fs_b $f$fs_nl"
  done
  [ -n "$fs_list" ] || return 0
  printf '%s' "$fs_list" | fs_run 0 sort | while read -r fs_b f; do
    # shellcheck disable=SC3013 # dash, bash and busybox ash have -ef
    if [ -c "$f" ] && [ "$f" -ef /dev/null ]; then
      echo "masked $f"
      continue
    fi
    if [ -f "$f" ] && fs_link_ok "$f"; then
      echo "cfile $f"
      # a line ending in a backslash goes on in the next one (kmod joins them)
      fs_sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$f" | fs_grep -E \
        "^[[:space:]]*(blacklist[[:space:]]+($fs_re)([[:space:]]|\$)|install[[:space:]]+(($fs_re)([[:space:]]|\$)|[^[:space:]]*[][*?]))" |
        fs_sed 's/^[[:space:]]*/conf /'
    else
      echo "oddconf $f"
    fi
  done
}
