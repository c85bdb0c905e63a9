# SPDX-License-Identifier: Apache-2.0
# What logs in by itself on a console or a screen: "init COMM EXE" for PID 1 (a busybox init
# without /etc/inittab runs its built-in one, with root shells on the consoles), then
# "file PATH" and its relevant lines ("= LINE") for /etc/inittab (every entry), the getty units
# and drop-ins of /etc/systemd/system, /run/systemd/system, /usr/lib/systemd/system and
# /lib/systemd/system (ExecStart lines; "masked PATH" for one linked to /dev/null; more than 200
# such files is an error) and the display managers' configuration: lightdm, gdm (gdm3), sddm
# (section headers and autologin keys).
# "# unreadable DIR" when a directory that would hold such files cannot be read.
# flags: root
fs_f_autologin() {
  c=
  IFS= read -r c </proc/1/comm 2>/dev/null
  e=$(readlink /proc/1/exe 2>/dev/null)
  echo "init ${c:-?} ${e:-?}"
  n=0
  for d in /etc/systemd/system /run/systemd/system /usr/lib/systemd/system /lib/systemd/system \
    /etc/lightdm /usr/share/lightdm/lightdm.conf.d \
    /etc/gdm3 /etc/gdm /etc/sddm.conf.d /usr/lib/sddm/sddm.conf.d; do
    if [ -d "$d" ] && [ ! -r "$d" ]; then
      echo "# unreadable $d"
      return 2
    fi
  done
  for f in /etc/inittab /etc/systemd/system/*getty*.service /etc/systemd/system/*getty*.service.d/*.conf \
    /run/systemd/system/*getty*.service /run/systemd/system/*getty*.service.d/*.conf \
    /usr/lib/systemd/system/*getty*.service /usr/lib/systemd/system/*getty*.service.d/*.conf \
    /lib/systemd/system/*getty*.service /lib/systemd/system/*getty*.service.d/*.conf \
    /etc/lightdm/lightdm.conf /etc/lightdm/lightdm.conf.d/*.conf /usr/share/lightdm/lightdm.conf.d/*.conf \
    /etc/gdm3/daemon.conf /etc/gdm3/custom.conf /etc/gdm/custom.conf \
    /etc/sddm.conf /etc/sddm.conf.d/*.conf /usr/lib/sddm/sddm.conf.d/*.conf; do
    case $f in
      *systemd*)
        # /lib is /usr/lib on a merged-usr system: read those once
        case $f in /lib/*) [ -L /lib ] && continue ;; esac
        [ -e "$f" ] || [ -L "$f" ] || continue
        n=$((n + 1))
        [ "$n" -le 200 ] || { echo '# more than 200 getty units and drop-ins'; return 2; }
        # systemctl mask links a unit to /dev/null: it never runs, and is no file to read
        # (systemd takes any character device for /dev/null, and so does test -c)
        if [ -L "$f" ] && [ -c "$f" ]; then
          echo "masked $f"
          continue
        fi
        ;;
    esac
    fs_safe "$f"
    case $? in 1) continue ;; 2) return 2 ;; esac
    echo "file $f"
    case $f in
      /etc/inittab) fs_awk '!/^[ \t]*(#|$)/ { print "= " $0 }' "$f" || return 2 ;;
      *systemd*) fs_awk '/^[ \t]*ExecStart/ { print "= " $0 }' "$f" || return 2 ;;
      *) fs_awk 'tolower($0) ~ /^[ \t]*(\[|autologin|automaticlogin|timedlogin|user[ \t]*=)/ { print "= " $0 }' "$f" ||
        return 2 ;;
    esac
  done
  return 0
}
