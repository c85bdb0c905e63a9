# SPDX-License-Identifier: Apache-2.0
# Set-uid and set-gid files in the system's program directories (/bin, /sbin, /usr, /opt).
# A part of the shared file-system walk (walk.sh): the collector walks once for every part asked
# for and floorscan splits the walk's "S PATH" lines into this fact (scanner/collect/walk.c),
# with the walk's proof and budget. This function is never sent on its own.
# flags: slow
fs_f_find_setuid() {
  fs_walk_part find_setuid
}
