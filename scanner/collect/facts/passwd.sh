# The account database, /etc/passwd, as it is.
# flags:
fs_f_passwd() {
  fs_cat /etc/passwd
}
