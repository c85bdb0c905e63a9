# SPDX-License-Identifier: Apache-2.0
# Whether the kernel modules of rare network protocols (dccp, sctp, rds, tipc) and file systems
# (cramfs, freevxfs, hfs, hfsplus, jffs2, udf) can be loaded. Lines:
#   release REL                     uname -r
#   tree /lib/modules/REL           the running kernel's module tree exists (notree: it does not)
#   builtins PATH                   its modules.builtin was read (nobuiltins: there is none);
#   builtin NAME                    a module of the list built into the kernel
#   modfile PATH                    a module file of the list in the tree (NAME.ko, .ko.xz ...)
#   loaded NAME (/sys/module)       loaded or built in with parameters (/proc/modules likewise)
#   cfile PATH                      a modprobe configuration file read, then its lines:
#   conf LINE                       its blacklist and install lines for a module of the list
# modprobe.d files: *.conf of /etc, /run, /usr/local/lib, /lib, /usr/lib (kmod's order; a name
# in an earlier directory hides the same name in a later one), and /etc/modprobe.conf (busybox).
# flags:
fs_f_modules_blocked() {
  [ -d /sys/module ] || { echo '# no /sys/module: the kernel modules cannot be seen'; return 2; }
  fs_mods='dccp sctp rds tipc cramfs freevxfs hfs hfsplus jffs2 udf'
  fs_re=
  for m in $fs_mods; do fs_re="$fs_re${fs_re:+|}$m"; done
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
    for m in $fs_mods; do set -- "$@" -o -name "$m.ko" -o -name "$m.ko.*"; done
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
  fs_seen_conf=' '
  for f in /etc/modprobe.d/*.conf /run/modprobe.d/*.conf /usr/local/lib/modprobe.d/*.conf \
    /lib/modprobe.d/*.conf /usr/lib/modprobe.d/*.conf /etc/modprobe.conf; do
    [ -f "$f" ] || continue
    case $f in *[!A-Za-z0-9._/+@-]*) continue ;; esac # one line each, no forged line
    case $f in
      /etc/modprobe.conf) ;;
      *)
        case $fs_seen_conf in *" ${f##*/} "*) continue ;; esac
        fs_seen_conf="$fs_seen_conf${f##*/} "
        ;;
    esac
    echo "cfile $f"
    fs_grep -E "^[[:space:]]*(blacklist|install)[[:space:]]+($fs_re)([[:space:]]|\$)" "$f" |
      fs_sed 's/^[[:space:]]*/conf /'
  done
  return 0
}
