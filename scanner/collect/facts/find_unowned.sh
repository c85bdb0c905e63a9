# SPDX-License-Identifier: Apache-2.0
# Files under /etc, /usr and /opt whose owner or group has no account (find -nouser/-nogroup; where
# find lacks them, as on busybox, owner ids compared with /etc/passwd and /etc/group: "# by id").
# A part of the shared file-system walk (walk.sh): the collector walks once for every part asked
# for and floorscan splits the walk's "U PATH" lines into this fact (scanner/collect/walk.c),
# with the walk's proof and budget. This function is never sent on its own.
# flags: root slow
fs_f_find_unowned() {
  fs_walk_part find_unowned
}
