/* SPDX-License-Identifier: Apache-2.0 */
/* OpenSSH's way of cutting a configuration line into words, shared by what reads sshd and ssh
 * configuration (the sshd judge, ProxyJump out of ansible_ssh_common_args): a line and an
 * option must be read as OpenSSH reads them, or a setting it applies is missed. */
#ifndef FS_SSH_WORDS_H
#define FS_SSH_WORDS_H

#define FS_SSH_WS " \t\r\n"

/* OpenSSH's strdelim() (misc.c) with '=' a delimiter: the next token of *s, which it cuts off
 * in place and steps past, a '"' opening a quoted part wherever it stands (the quote dropped),
 * one '=' skipped around white space. NULL for a quote left open (OpenSSH then ignores the
 * line) or at the end (*s NULL). */
char *fs_ssh_strdelim(char **s);
/* The keyword of a line as OpenSSH's process_*_config_line reads it: the first token, or the
 * second when the first is empty (a line led by white space or '='). NULL for a blank line, a
 * comment or a line OpenSSH ignores; *s is then past the keyword, at the value. */
char *fs_ssh_keyword(char **s);

#endif
