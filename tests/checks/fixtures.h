/* SPDX-License-Identifier: Apache-2.0 */
/* Fact fixtures shared by the check tests: sshd -T output, /proc tables, stat lines. */
#ifndef FS_TEST_FIXTURES_H
#define FS_TEST_FIXTURES_H

/* The two shapes of fact sshd_effective: sshd -T per context, or the files it read. */
/* 1000 bytes of a sudoers word, for lines longer than the checks read */
#define SUDO_X100                                                                                  \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
    "xxxxxxxx"
#define SUDO_X1000                                                                                 \
    SUDO_X100 SUDO_X100 SUDO_X100 SUDO_X100 SUDO_X100 SUDO_X100 SUDO_X100 SUDO_X100 SUDO_X100      \
        SUDO_X100
#define SSHD_T      "source sshd -T\ncontext global\n"
#define SSHD_ABSENT "absent no sshd program, no /etc/ssh/sshd_config, no sshd process\n"
/* Fact dropbear on a device without dropbear. */
#define DB_ABSENT                                                                                  \
    "absent no dropbear or dropbearmulti in /usr/sbin, /sbin, /usr/bin, /bin or /usr/local/sbin, " \
    "no dropbear process, no dropbear line in /etc/inetd.conf\n"
/* Fact dropbear recorded on Debian 12 (dropbear 2022.83): /usr/sbin/dropbear -F -E -p
 * 127.0.0.1:2299 -r /tmp/x/key with the hardening options (DB_HARD) or weak ones (DB_WEAK);
 * DB_BIN is that binary's usage and compiled-in names. DB_BIN_STRONG is DB_BIN without
 * diffie-hellman-group14-sha1 (a build with DROPBEAR_DH_GROUP14_SHA1 0); DB_BIN_OLD adds what
 * dropbear 2019.78 compiled in by default (CBC, 3DES, hmac-sha1-96, hmac-md5 in older ones, X11).
 */
#define DB_HELP                                                                                    \
    "help Dropbear server v2022.83 https://matt.ucc.asn.au/dropbear/dropbear.html\n"               \
    "help -b bannerfile\tDisplay the contents of bannerfile before user login\n"                   \
    "help -r keyfile      Specify hostkeys (repeatable)\n"                                         \
    "help -R\t\tCreate hostkeys as required\n"                                                     \
    "help -F\t\tDon't fork into background\n"                                                      \
    "help -e\t\tPass on server process environment to child process\n"                             \
    "help -E\t\tLog to stderr rather than syslog\n"                                                \
    "help -m\t\tDon't display the motd on login\n"                                                 \
    "help -w\t\tDisallow root logins\n"                                                            \
    "help -G\t\tRestrict logins to members of specified group\n"                                   \
    "help -s\t\tDisable password logins\n"                                                         \
    "help -g\t\tDisable password logins for root\n"                                                \
    "help -B\t\tAllow blank password logins\n"                                                     \
    "help -t\t\tEnable two-factor authentication (both password and public key required)\n"        \
    "help -T\t\tMaximum authentication tries (default 10)\n"                                       \
    "help -j\t\tDisable local port forwarding\n"                                                   \
    "help -k\t\tDisable remote port forwarding\n"                                                  \
    "help -a\t\tAllow connections to forwarded ports from any host\n"                              \
    "help -c command\tForce executed command\n"                                                    \
    "help -p [address:]port\n"                                                                     \
    "help -P PidFile\tCreate pid file PidFile\n"                                                   \
    "help -i\t\tStart for inetd\n"                                                                 \
    "help -W <receive_window_buffer> (default 24576, larger may be faster, max 10MB)\n"            \
    "help -K <keepalive>  (0 is never, default 0, in seconds)\n"                                   \
    "help -I <idle_timeout>  (0 is never, default 0, in seconds)\n"                                \
    "help -z    disable QoS\n"                                                                     \
    "help -V    Version\n"
#define DB_TOKS_COMMON                                                                             \
    "tok aes_desc\ntok curve25519-sha256\ntok curve25519-sha256@libssh.org\n"                      \
    "tok ecdh-sha2-nistp521\ntok ecdh-sha2-nistp384\ntok ecdh-sha2-nistp256\n"                     \
    "tok diffie-hellman-group14-sha256\n"
#define DB_TOKS_TAIL                                                                               \
    "tok hmac-sha1\ntok hmac-sha2-256\ntok chacha20-poly1305@openssh.com\ntok aes128-ctr\n"        \
    "tok aes256-ctr\ntok curve25519\n"
#define DB_BIN                                                                                     \
    "binary /usr/sbin/dropbear\n" DB_HELP DB_TOKS_COMMON                                           \
    "tok diffie-hellman-group14-sha1\n" DB_TOKS_TAIL "binaryend\n"
#define DB_BIN_STRONG                                                                              \
    "binary /usr/sbin/dropbear\n" DB_HELP DB_TOKS_COMMON DB_TOKS_TAIL "binaryend\n"
#define DB_BIN_OLD                                                                                 \
    "binary /usr/sbin/dropbear\n" DB_HELP DB_TOKS_COMMON DB_TOKS_TAIL                              \
    "tok aes128-cbc\ntok 3des-cbc\ntok hmac-sha1-96\ntok hmac-md5\ntok x11-req\n"                  \
    "tok diffie-hellman-group1-sha1\nbinaryend\n"
#define DB_ARGS_HARD                                                                               \
    "arg /usr/sbin/dropbear\narg -F\narg -E\narg -p\narg 127.0.0.1:2299\narg -r\narg /tmp/x/key\n" \
    "arg -w\narg -s\narg -j\narg -k\narg -T\narg 3\narg -I\narg 300\narg -G\narg users\n"
#define DB_ARGS_WEAK                                                                               \
    "arg /usr/sbin/dropbear\narg -F\narg -E\narg -p\narg 127.0.0.1:2298\narg -r\narg /tmp/x/key\n" \
    "arg -B\narg -a\narg -K\narg 60\n"
#define DB_HARD                                                                                    \
    "proc 25751 dropbear /usr/sbin/dropbear\n" DB_ARGS_HARD DB_BIN "bin /usr/sbin/dropbear\n"
#define DB_WEAK                                                                                    \
    "proc 25752 dropbear /usr/sbin/dropbear\n" DB_ARGS_WEAK DB_BIN "bin /usr/sbin/dropbear\n"
/* Both of them at once (as recorded: one binary block, after the first process). */
#define DB_BOTH                                                                                    \
    "proc 25751 dropbear /usr/sbin/dropbear\n" DB_ARGS_HARD DB_BIN                                 \
    "proc 25752 dropbear /usr/sbin/dropbear\n" DB_ARGS_WEAK "bin /usr/sbin/dropbear\n"
/* Recorded under busybox sh in a chroot (tests/collect/stripped-root.sh with Debian's dropbear, an
 * inetd line and a restart file; no dropbear process). */
#define DB_BUSYBOX_INETD                                                                           \
    "inetd ssh stream tcp nowait root /usr/sbin/dropbear dropbear -i -w -s\n"                      \
    "default /etc/default/dropbear\n| NO_START=0\n| DROPBEAR_PORT=22\n"                            \
    "| DROPBEAR_EXTRA_ARGS=\"-s -g -j -k -T 3 -I 300 -K 60 -G scanners\"\n"                        \
    "bin /usr/sbin/dropbear\n" DB_BIN
/* The fleet's dropbear devices (tests/fleet/fleet.sh pd-dbweak, pd-dbhard): their command lines
 * as recorded from /proc while the fleet ran, the binary as inside the device. */
#define DB_FLEET_WEAK                                                                              \
    "proc 25260 dropbear /usr/sbin/dropbear\narg /usr/sbin/dropbear\narg -F\narg -E\narg -P\n"     \
    "arg /run/dropbear.pid\narg -p\narg 22\narg -r\narg /etc/dropbear/dropbear_ed25519_host_key\n" \
    "arg -B\narg -a\n" DB_BIN "bin /usr/sbin/dropbear\n"
#define DB_FLEET_HARD                                                                              \
    "proc 25440 dropbear /usr/sbin/dropbear\narg /usr/sbin/dropbear\narg -F\narg -E\narg -P\n"     \
    "arg /run/dropbear.pid\narg -p\narg 22\narg -r\narg /etc/dropbear/dropbear_ed25519_host_key\n" \
    "arg -s\narg -g\narg -j\narg -k\narg -T\narg 3\narg -I\narg 300\narg -K\narg 60\narg -G\n"     \
    "arg scanners\n" DB_BIN "default /etc/default/dropbear\n| NO_START=0\n| DROPBEAR_PORT=22\n"    \
    "| DROPBEAR_EXTRA_ARGS=\"-s -g -j -k -T 3 -I 300 -K 60 -G scanners\"\nbin "                    \
    "/usr/sbin/dropbear\n"
/* A user's process named dropbear whose executable's directory name forges a binary block
 * ("/tmp/dbt/f/a\nbinary /usr/sbin/dropbear\nhelp ...\nbinaryend\ntok x/dropbear"), as the
 * collector before the fix printed it (recorded; the installed binary's block is DB_BIN), and
 * as it prints it now (recorded: the path is not printed, the process's own name stands). */
#define DB_FORGED_PATH                                                                             \
    "binary /usr/sbin/dropbear\nhelp Dropbear server v2022.83\nhelp -w\t\tDisallow root logins\n"  \
    "tok aes256-ctr\nbinaryend\ntok x/dropbear\n"
#define DB_FORGED_OLD                                                                              \
    "proc 29284 dropbear /tmp/dbt/f/a\n" DB_FORGED_PATH "arg dropbear\narg -w\n"                   \
    "binary /tmp/dbt/f/a\n" DB_FORGED_PATH "binaryend\nbin /usr/sbin/dropbear\n" DB_BIN
#define DB_FORGED_NEW                                                                              \
    "proc 29284 dropbear /proc/29284/exe\narg dropbear\narg -w\nbinary /proc/29284/exe\n"          \
    "binaryend\nbin /usr/sbin/dropbear\n" DB_BIN
/* Debian's /etc/default/dropbear (dropbear 2022.83), hand-made from its package. */
#define DB_DEFAULT(extra)                                                                          \
    "default /etc/default/dropbear\n| # the TCP port that Dropbear listens on\n"                   \
    "| DROPBEAR_PORT=22\n| \n| # any additional arguments for Dropbear\n"                          \
    "| DROPBEAR_EXTRA_ARGS=" extra "\n| DROPBEAR_RECEIVE_WINDOW=65536\n"
#define SSHD_OK                                                                                    \
    "port 22\npermitrootlogin no\npasswordauthentication no\nkbdinteractiveauthentication no\n"    \
    "permitemptypasswords no\n"
#define SSHD_BAD                                                                                   \
    "permitrootlogin yes\npasswordauthentication yes\nkbdinteractiveauthentication no\n"           \
    "permitemptypasswords yes\n"
#define TCP_HDR                                                                                    \
    "# tcp\n  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
#define LISTEN22 "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
#define LISTEN23 "   1: 0100000A:0017 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
#define CONN23   "   2: 0100000A:0017 0200000A:C350 01 00000000:00000000 00:00000000 00000000 0\n"

#define SSHD_FULL                                                                                  \
    "permitrootlogin no\npasswordauthentication no\nkbdinteractiveauthentication no\n"             \
    "permitemptypasswords no\nmaxauthtries 3\nx11forwarding no\nallowtcpforwarding no\n"           \
    "gatewayports no\npermittunnel no\nclientaliveinterval 300\nclientalivecountmax 3\n"           \
    "logingracetime 60\nciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\n"            \
    "macs hmac-sha2-512-etm@openssh.com\nkexalgorithms curve25519-sha256\n"                        \
    "allowgroups sshusers\n"
#define SSHD_LAX                                                                                   \
    "maxauthtries 6\nx11forwarding yes\nallowtcpforwarding yes\ngatewayports no\n"                 \
    "permittunnel no\nclientaliveinterval 0\nclientalivecountmax 3\nlogingracetime 120\n"          \
    "ciphers aes128-ctr,aes256-cbc\nmacs hmac-sha1-96,hmac-sha2-256\n"                             \
    "kexalgorithms curve25519-sha256,diffie-hellman-group14-sha1\n"
#define SYSCTL_GOOD                                                                                \
    "kernel/randomize_va_space 2\nkernel/dmesg_restrict 1\nkernel/kptr_restrict 1\n"               \
    "kernel/yama/ptrace_scope 1\nfs/suid_dumpable 0\nnet/ipv4/conf/all/accept_redirects 0\n"       \
    "net/ipv4/conf/default/accept_redirects 0\nnet/ipv4/conf/all/secure_redirects 0\n"             \
    "net/ipv4/conf/default/secure_redirects 0\nnet/ipv6/conf/all/accept_redirects 0\n"             \
    "net/ipv4/conf/all/send_redirects 0\nnet/ipv4/conf/default/send_redirects 0\n"                 \
    "net/ipv4/conf/all/accept_source_route 0\nnet/ipv4/conf/default/accept_source_route 0\n"       \
    "net/ipv4/tcp_syncookies 1\nnet/ipv4/conf/all/rp_filter 1\nnet/ipv4/conf/default/rp_filter "   \
    "2\nnet/ipv6/conf/all/disable_ipv6 0\nfs/protected_symlinks 1\nfs/protected_hardlinks 1\n"     \
    "fs/protected_fifos 1\nfs/protected_regular 2\nkernel/sysrq 16\n"                              \
    "kernel/unprivileged_bpf_disabled 2\nkernel/perf_event_paranoid 3\n"                           \
    "kernel/kexec_load_disabled 1\nnet/ipv4/icmp_echo_ignore_broadcasts 1\n"                       \
    "net/ipv4/icmp_ignore_bogus_error_responses 1\nnet/ipv4/conf/all/log_martians 1\n"             \
    "net/ipv4/conf/default/log_martians 1\nnet/ipv6/conf/all/accept_ra 0\n"                        \
    "net/ipv6/conf/default/accept_ra 0\nif6 lo 0 1 0\nif6 eth0 0 0 0\n"
#define SYSCTL_BAD                                                                                 \
    "kernel/randomize_va_space 1\nkernel/dmesg_restrict 0\nkernel/kptr_restrict 0\n"               \
    "kernel/yama/ptrace_scope 0\nfs/suid_dumpable 2\nnet/ipv4/conf/all/accept_redirects 1\n"       \
    "net/ipv4/conf/default/accept_redirects 0\nnet/ipv4/conf/all/secure_redirects 0\n"             \
    "net/ipv4/conf/default/secure_redirects 0\nnet/ipv4/conf/all/send_redirects 1\n"               \
    "net/ipv4/conf/default/send_redirects 0\nnet/ipv4/conf/all/accept_source_route 0\n"            \
    "net/ipv4/conf/default/accept_source_route 1\nnet/ipv4/tcp_syncookies 0\n"                     \
    "net/ipv4/conf/all/rp_filter 0\nnet/ipv4/conf/default/rp_filter 0\n"                           \
    "absent net/ipv6/conf/all/accept_redirects\nnet/ipv6/conf/all/disable_ipv6 0\n"                \
    "fs/protected_symlinks 0\nfs/protected_hardlinks 1\nfs/protected_fifos 0\n"                    \
    "fs/protected_regular 0\nkernel/sysrq 438\nkernel/unprivileged_bpf_disabled 0\n"               \
    "kernel/perf_event_paranoid 1\nkernel/kexec_load_disabled 0\n"                                 \
    "net/ipv4/icmp_echo_ignore_broadcasts 0\nnet/ipv4/icmp_ignore_bogus_error_responses 1\n"       \
    "net/ipv4/conf/all/log_martians 0\nnet/ipv4/conf/default/log_martians 1\n"                     \
    "net/ipv6/conf/all/accept_ra 1\nnet/ipv6/conf/default/accept_ra 0\nif6 lo 0 1 0\n"             \
    "if6 eth0 0 1 0\n"
#define MODES_GOOD                                                                                 \
    "644 0 0 root root /etc/passwd\n644 0 0 root root /etc/group\n"                                \
    "640 0 42 root shadow /etc/shadow\n640 0 42 root shadow /etc/gshadow\n"                        \
    "600 0 0 root root /etc/ssh/ssh_host_ed25519_key\n"                                            \
    "640 0 995 root ssh_keys /etc/ssh/ssh_host_rsa_key\n600 0 0 root root /boot/grub/grub.cfg\n"
#define MODES_BAD                                                                                  \
    "666 0 0 root root /etc/passwd\n644 1000 0 bob root /etc/group\n"                              \
    "644 0 42 root shadow /etc/shadow\n640 0 100 root users /etc/gshadow\n"                        \
    "644 0 0 root root /etc/ssh/ssh_host_ed25519_key\n644 0 0 root root /boot/grub/grub.cfg\n"
#define PASSWD_GOOD                                                                                \
    "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"                 \
    "sync:x:4:65534::/bin:/bin/sync\nnobody:x:65534:65534::/nonexistent:/bin/sh\n"                 \
    "alice:x:1000:1000::/home/alice:/bin/bash\n"
#define GROUP_GOOD "root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\nalice:x:1000:\n"
#define PROCS      "init\nsshd\nrsyslogd\nchronyd\nauditd\n"
#define ROUTE_HDR                                                                                  \
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
#define ROUTE_NET(i, d, m) i "\t" d "\t00000000\t0001\t0\t0\t0\t" m "\t0\t0\t0\n"
#define ROUTE_DEFAULT      "eth0\t00000000\t01004D0A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
/* Real public keys (ssh-keygen), measured by checks/ssh_keys.c. */
#define KEY_RSA1024                                                                                \
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+fX51ij5D5S1KfC5Be/6f4XM7C8pP7esvfZ4C4kI6Yf87TwM02dZ5s/ct"     \
    "PupaJ5aq7s2THXGXdb14JAMMeGcz0AfyWFD5QdWcAiUOLt0FqKQpRSqDDjqSjfhYdHt8O4OcLOcZeP114xokkzpd"     \
    "rIC1VxgNNKHesTvaqFVhttF8SQ=="
#define KEY_RSA4096                                                                                \
    "AAAAB3NzaC1yc2EAAAADAQABAAACAQCfjn4pbe3Oc1PkvXE6oMGF7U+2OR2sf6om/AfIpIomVrtfrbaysseHQDTi"     \
    "yhhNiawd3zUU5S8zdIz4TQDl1D8n5AyF+YQ41iG7wQ41r0V6y7ZddqQ9KQfa1wRY5EBIepG6Jsj2IDnSNIXDOUuK"     \
    "ZBgL5joexCfY6KMKMpdn4zlOxrP8j5olADpN40CTg2d1rshwqyCXzyo0ReYUSzrE+kncmr0b48ZGSYK3Q1K4y26O"     \
    "MJGIvEjFv9UIdWwh5YEKXTVPqkeagUkqbrN4L+KwB++OFLynQQ7qusy80FgEWzOkBTsGBgU/8F9EQfMQIC3Yh1XE"     \
    "J4mFq4P+5NhxWTUbqoPnzsdLlDGWeHYdcdN+a4PhxssIywDilPQ03b8PLk830clwVwaN99eu85/9Aj+ESpJkobLf"     \
    "gKBTeOttExHI7MIoawTWnFFcpWGP+wIrkPtNqBaICDjA+4ULYz9jzBJSek+roc9QwbMjXxjQZXS0v1nG/fIvGemr"     \
    "ODaccwcl6Yite2w1nkumRNsc+5BbpXYDPSebbEMnkjVhShMNK4lvMqj1SEN+JMftxJgZBU4Psk1IYBwn1OABeCVg"     \
    "bFsybB2ZFpohy6n7xA2g18HNvpiozDEfGJxvCqwz9qdS20LkCFflfGcPQ+zcXQNh4Gle4AIOwbAt4TZrlkwFJ16d"     \
    "V8C4SQi9YQ=="
#define KEY_ED25519 "AAAAC3NzaC1lZDI1NTE5AAAAIH2tq0QVWdydF17bBzQNnp+BYY8FT9E/NNc8dT4tkvga"
#define KEY_DSA                                                                                    \
    "AAAAB3NzaC1kc3MAAACBANX4nt4sFKYauJWYHyDuJYnC0WYMCSryOpl9XWJ5butHMbWxJTo/vf3IqKczQ+ns0Kd7"     \
    "lBe+W9HxQKrZ6E+DA2zNTX41zslkfyvGYAOcWCgWJ1XoeuQbCw4Rc3zh2OJk8s5tJkks3OK4yWlbUkDz/yLUuDJY"     \
    "nagdbcv0iqbLsejDAAAAFQC/w7R+6Kuc7CBvA3EhUt2GMUTrgwAAAIBzpSMeIxhg109W8qRtzorMywAYfJIMpr8t"     \
    "hl6VOPgc1gVXYeOIUvmaJFoFIBBPPigQjnBiNedC6Q7DqwYcm0oz1YsCpu9d2aVPEq5l1uXE0Ceui6ZJ2B3Zhu81"     \
    "ySZo1lS5IHH9ypclN1ewew4eaIIeEU0uIb8e86Z1c805mip9ywAAAIEAnXTL3cvAOIXPl3wRWxJSNNbhCO6WVqvk"     \
    "EnY0+M8VzIK1/M3ZuYyJTzvAtKUWGGgfd5SMFdljPWaWMzYgpXKGvxSPr4J5mMd/buR/JGrS9+zckZn2CZfbDs0l"     \
    "MI7MaMSj/tamVevzRjJGgZXM8+RjuT5XefRG6m344f1AG0r/uyk="
#define KEY_ECDSA384                                                                               \
    "AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBAjGLZDE99BZKFxaLAncnkWx5VPV0yJsMQR4"     \
    "87nIUcps5VvrHBbf26e+F75NsjNZqxSns7RXmZQTpM6zeq+o3kUJ5hod2hIluXae/77Ie1OdNZQIIG+Sxglkhd4E"     \
    "ONcV9g=="
#define AK_GOOD                                                                                    \
    "sshdir alice 1000 700 1000 /home/alice/.ssh\nkeyfile alice 1000 600 1000 "                    \
    "/home/alice/.ssh/authorized_keys\npub alice ssh-ed25519 " KEY_ED25519 "\nopts alice -\n"      \
    "sshdir root 0 700 0 /root/.ssh\nkeyfile root 0 600 0 /root/.ssh/authorized_keys\n"            \
    "pub root ssh-rsa " KEY_RSA4096 "\nopts root from=\"10.77.0.1\"\n"
#define AK_BAD                                                                                     \
    "sshdir alice 1000 755 1000 /home/alice/.ssh\nkeyfile alice 1000 600 1001 "                    \
    "/home/alice/.ssh/authorized_keys\npub alice ssh-rsa " KEY_RSA1024                             \
    "\npub alice ssh-dss " KEY_DSA "\nopts root -\nopts root from=\"10.0.0.1\"\n"
#define DF_HDR "Filesystem     1024-blocks    Used Available Capacity Mounted on\n"

/* nft list ruleset on RHEL 9 with firewalld 1.x, default zone public (abridged to the filter
 * chains; hand-made from firewalld's nftables backend): base chains under policy accept that
 * end in "reject with icmpx admin-prohibited". */
#define NFT_FIREWALLD_RHEL9                                                                        \
    "# nft\ntable inet firewalld {\n"                                                              \
    "\tct helper helper-netbios-ns-udp {\n\t\ttype \"netbios-ns\" protocol udp\n"                  \
    "\t\tl3proto ip\n\t}\n\n"                                                                      \
    "\tchain mangle_PREROUTING {\n"                                                                \
    "\t\ttype filter hook prerouting priority mangle + 10; policy accept;\n"                       \
    "\t\tjump mangle_PREROUTING_POLICIES\n\t}\n\n"                                                 \
    "\tchain filter_INPUT {\n"                                                                     \
    "\t\ttype filter hook input priority filter + 10; policy accept;\n"                            \
    "\t\tct state { established, related } accept\n\t\tct status dnat accept\n"                    \
    "\t\tiifname \"lo\" accept\n\t\tct state invalid drop\n"                                       \
    "\t\tjump filter_INPUT_POLICIES\n\t\treject with icmpx admin-prohibited\n\t}\n\n"              \
    "\tchain filter_FORWARD {\n"                                                                   \
    "\t\ttype filter hook forward priority filter + 10; policy accept;\n"                          \
    "\t\tct state { established, related } accept\n\t\tct status dnat accept\n"                    \
    "\t\tiifname \"lo\" accept\n\t\tct state invalid drop\n"                                       \
    "\t\tip6 daddr { ::/96, ::ffff:0.0.0.0/96, 2002::/24 } reject with icmpv6 addr-unreachable\n"  \
    "\t\tjump filter_FORWARD_POLICIES\n\t\treject with icmpx admin-prohibited\n\t}\n\n"            \
    "\tchain filter_OUTPUT {\n"                                                                    \
    "\t\ttype filter hook output priority filter + 10; policy accept;\n"                           \
    "\t\tct state { established, related } accept\n\t\toifname \"lo\" accept\n"                    \
    "\t\tjump filter_OUTPUT_POLICIES\n\t}\n\n"                                                     \
    "\tchain filter_INPUT_POLICIES {\n"                                                            \
    "\t\tiifname \"eth0\" jump filter_IN_policy_allow-host-ipv6\n"                                 \
    "\t\tiifname \"eth0\" jump filter_IN_public\n"                                                 \
    "\t\tiifname \"eth0\" reject with icmpx admin-prohibited\n"                                    \
    "\t\tjump filter_IN_policy_allow-host-ipv6\n\t\tjump filter_IN_public\n"                       \
    "\t\treject with icmpx admin-prohibited\n\t}\n\n"                                              \
    "\tchain filter_IN_public {\n\t\tjump filter_IN_public_pre\n\t\tjump filter_IN_public_log\n"   \
    "\t\tjump filter_IN_public_deny\n\t\tjump filter_IN_public_allow\n"                            \
    "\t\tjump filter_IN_public_post\n\t\tmeta l4proto { icmp, ipv6-icmp } accept\n\t}\n\n"         \
    "\tchain filter_IN_public_allow {\n\t\ttcp dport 22 accept\n"                                  \
    "\t\tip6 daddr fe80::/64 udp dport 546 accept\n\t\ttcp dport 9090 accept\n\t}\n}\n"

/* /proc/net/udp with a socket bound to 0.0.0.0:68 (inode 18750), as dhclient holds it on
 * Debian 12 */
#define UDP_HDR                                                                                    \
    "# udp\n   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "  \
    "timeout inode ref pointer drops\n"
#define UDP68                                                                                      \
    "  123: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 " \
    "18750 2 0000000000000000 0\n"

/* Accounts recorded on Debian 12 (useradd, usermod -p, usermod -L -e 1 leaver, chage -M 60 -m 1
 * -W 7 alice): fact shadow_ageing, fact passwd, and leaver's authorized keys. */
#define AGE_DEB12                                                                                  \
    "root:nopass:20228:0:99999:7::\ndaemon:nopass:20228:0:99999:7::\n"                             \
    "nobody:nopass:20228:0:99999:7::\nsshd:nopass:20786:::::\nalice:usable:20786:1:60:7::\n"
#define AGE_LEAVER "leaver:locked:20786:0:99999:7::1\nsvc:nopass:20786:0:99999:7::\n"
#define PW_DEB12                                                                                   \
    "root::0:0:::/bin/bash\ndaemon::1:1:::/usr/sbin/nologin\nnobody::65534:65534:::/usr/sbin/"     \
    "nologin\nsshd::102:65534:::/usr/sbin/nologin\nalice::1001:1001:::/bin/bash\n"                 \
    "leaver::1002:1002:::/bin/bash\nsvc::1003:1003:::/usr/sbin/nologin\n"
#define AK_LEAVER                                                                                  \
    "sshdir leaver 1002 700 1002 /home/leaver/.ssh\nkeyfile leaver 1002 600 1002 "                 \
    "/home/leaver/.ssh/authorized_keys\nopts leaver no-pty\npub leaver ssh-ed25519 " KEY_ED25519   \
    "\nopts leaver -\npub leaver ssh-ed25519 " KEY_ED25519 "\n"

/* Fact shell_timeout on Debian 12 (no TMOUT anywhere) and its login shells: the lines of
 * /etc/profile and /etc/bash.bashrc the collector keeps (control flow, profile.d, bash.bashrc). */
#define TMOUT_DEB12_PROFILE                                                                        \
    "file /etc/profile\n= # and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).\n"        \
    "= if [ \"$(id -u)\" -eq 0 ]; then\n= fi\n= if [ \"${PS1-}\" ]; then\n"                        \
    "=   if [ \"${BASH-}\" ] && [ \"$BASH\" != \"/bin/sh\" ]; then\n"                              \
    "=     # The file bash.bashrc already sets the default PS1.\n"                                 \
    "=     if [ -f /etc/bash.bashrc ]; then\n=       . /etc/bash.bashrc\n=     fi\n"               \
    "=     if [ \"$(id -u)\" -eq 0 ]; then\n=     fi\n=   fi\n= fi\n"                              \
    "= if [ -d /etc/profile.d ]; then\n=   for i in /etc/profile.d/*.sh; do\n"                     \
    "=     if [ -r $i ]; then\n=     fi\n=   done\n= fi\n"
#define TMOUT_DEB12_BASHRC                                                                         \
    "file /etc/bash.bashrc\n= [ -z \"${PS1-}\" ] && return\n"                                      \
    "= if [ -z \"${debian_chroot:-}\" ] && [ -r /etc/debian_chroot ]; then\n= fi\n"
#define TMOUT_DEB12_FILES                                                                          \
    TMOUT_DEB12_PROFILE                                                                            \
    "file /etc/profile.d/cuda.sh\nfile /etc/profile.d/cuda_stub.sh\n" TMOUT_DEB12_BASHRC
#define TMOUT_DEB12_SHELLS                                                                         \
    "shell /bin/bash /usr/bin/bash\nshell /usr/sbin/nologin /usr/sbin/nologin\n"

/* Fact modules_blocked: how the kernel and modprobe stand. MB_KMOD: a kernel with loadable
 * modules and kmod's modprobe; MB_BUSYBOX: busybox's modprobe; MB_NOMOD: a kernel without
 * module support (no /proc/modules, no /proc/sys/kernel/modprobe) and no modprobe. */
#define MB_LISTS "fslist /proc/filesystems\nprotolist /proc/net/protocols\n"
#define MB_KMOD  "proc yes\nprocmodules yes\nkmodprobe /sbin/modprobe\nmodprobe kmod 30\n" MB_LISTS
#define MB_BUSYBOX                                                                                 \
    "proc yes\nprocmodules yes\nkmodprobe /sbin/modprobe\nmodprobe busybox\n" MB_LISTS
#define MB_NOMOD "proc yes\nprocmodules no\nkmodprobe none\nmodprobe none\n"

#endif
