# The group database, /etc/group, as it is.
# flags:
fs_f_group() {
  fs_cat /etc/group
}
