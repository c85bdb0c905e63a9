# SPDX-License-Identifier: Apache-2.0
# Free space of every local writable file system that holds data (df -P on each mount point):
# block-device file systems (/, /boot, /var, /home, /srv, /opt, build volumes), an overlay on /,
# and whatever is mounted on /, /var or /var/log (a tmpfs /var/log fills up too). Not judged:
# pseudo and image file systems (tmpfs elsewhere, squashfs, iso9660 ...), container overlays
# (their space is the lower file system's, judged itself) and read-only mounts ("# ro MNT").
# Mount points with escaped characters (\040) are listed as "# odd MNT", not passed to df.
# At most 64 mount points; "# more N" for the rest. Where /proc/mounts lists none, /.
# flags:
fs_f_disk_usage() {
  set --
  fs_n=0
  fs_more=0
  fs_ro=
  while read -r fs_dev fs_mnt fs_type fs_opts _; do
    case $fs_type:$fs_mnt in
      rootfs:*) continue ;; # the initramfs under the real root
      *:/ | *:/var | *:/var/log) ;;
      squashfs:* | iso9660:* | udf:* | erofs:* | cramfs:* | romfs:*) continue ;;
      overlay:*) continue ;; # container overlays: their space is the lower file system's
      *)
        case $fs_dev in /dev/*) ;; *) continue ;; esac
        ;;
    esac
    case ,$fs_opts, in *,ro,*)
      echo "# ro $fs_mnt"
      fs_ro=1
      continue
      ;;
    esac
    case $fs_mnt in *\\*) echo "# odd $fs_mnt"; continue ;; esac
    [ -d "$fs_mnt" ] || continue
    case " $* " in *" $fs_mnt "*) continue ;; esac
    if [ "$fs_n" -ge 64 ]; then
      fs_more=$((fs_more + 1))
      continue
    fi
    fs_n=$((fs_n + 1))
    set -- "$@" "$fs_mnt"
  done 2>/dev/null </proc/mounts
  [ "$fs_more" -gt 0 ] && echo "# more $fs_more"
  # no mount point listed (no /proc, or a chroot that shows only the mounts below its root):
  # / as it is
  if [ $# -eq 0 ]; then
    [ -n "$fs_ro" ] && return 0
    set -- /
  fi
  fs_run 0 df -P "$@"
}
