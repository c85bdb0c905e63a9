# SPDX-License-Identifier: Apache-2.0
# Files under /var/log readable or writable by others.
# A part of the shared file-system walk (walk.sh): the collector walks once for every part asked
# for and floorscan splits the walk's "L PATH" lines into this fact (scanner/collect/walk.c),
# with the walk's proof and budget. This function is never sent on its own.
# flags: root slow
fs_f_logfiles_perm() {
  fs_walk_part logfiles_perm
}
