# SPDX-License-Identifier: Apache-2.0
# World-writable regular files under /etc, /usr, /opt, /boot and /srv.
# A part of the shared file-system walk (walk.sh): the collector walks once for every part asked
# for and floorscan splits the walk's "W PATH" lines into this fact (scanner/collect/walk.c),
# with the walk's proof and budget. This function is never sent on its own.
# flags: root slow
fs_f_find_world_writable() {
  fs_walk_part find_world_writable
}
