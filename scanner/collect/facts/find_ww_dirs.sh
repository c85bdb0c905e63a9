# SPDX-License-Identifier: Apache-2.0
# World-writable directories without the sticky bit on the walked local file systems (/ and every
# other file system a walked place is on; only root sees all of it).
# A part of the shared file-system walk (walk.sh): the collector walks once for every part asked
# for and floorscan splits the walk's "D PATH" lines into this fact (scanner/collect/walk.c),
# with the walk's proof and budget. This function is never sent on its own.
# flags: root slow
fs_f_find_ww_dirs() {
  fs_walk_part find_ww_dirs
}
