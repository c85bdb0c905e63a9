/* SPDX-License-Identifier: Apache-2.0 */
/* SSH host keys: strict verification against known_hosts, and accept-new that records an
 * unknown key exactly once even when threads or several floorscan processes race. */
#include "ssh_session.h"
#include "../core/err.h"
#include "../core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Threads of this process; flock on the file keeps other floorscan processes out. */
static pthread_mutex_t known_hosts_lock = PTHREAD_MUTEX_INITIALIZER;

static void fingerprint(ssh_session s, char *out, size_t n)
{
    ssh_key key = NULL;
    unsigned char *hash = NULL;
    size_t hlen = 0;
    snprintf(out, n, "unknown key");
    if (ssh_get_server_publickey(s, &key) != SSH_OK)
        return;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == 0) {
        char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
        if (fp) {
            snprintf(out, n, "%s %s", ssh_key_type_to_char(ssh_key_type(key)), fp);
            ssh_string_free_char(fp);
        }
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
}

/* Opens (creating it, and its directory, as libssh would) and write-locks the known_hosts
 * file, waiting for another process no longer than the host's deadline: *out is the locked
 * descriptor; on failure FS_ERR_IO or FS_ERR_TIMEOUT, with the reason set. */
static int lock_known_hosts(struct fs_ssh *c, const char *path, int *out)
{
    *out = -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 && errno == ENOENT) {
        char *dir = strdup(path);
        if (dir && mkdir(dirname(dir), 0700) == 0)
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        free(dir);
    }
    if (fd < 0) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot record new host key: cannot open %s: %s",
                        path, strerror(errno));
        return FS_ERR_IO;
    }
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot record new host key: cannot lock %s: %s",
                            path, strerror(errno));
            close(fd);
            return FS_ERR_IO;
        }
        if (fs_now_ms() >= c->limit) {
            fs_ssh_wait(c); /* past the deadline: sets the timeout reason */
            close(fd);
            return FS_ERR_TIMEOUT;
        }
        poll(NULL, 0, 20);
    }
    *out = fd;
    return FS_OK;
}

/* Records the server's key unless, looked at again under both locks, someone else already
 * did (the first look happened before the locks were taken). */
static int accept_new(struct fs_ssh *c, const char *fp)
{
    char *path = NULL;
    int fd = -1, rc = FS_OK;
    pthread_mutex_lock(&known_hosts_lock);
    if (ssh_options_get(c->s, SSH_OPTIONS_KNOWNHOSTS, &path) != SSH_OK || !path) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot record new host key: no known_hosts file");
        rc = FS_ERR_IO;
        goto out;
    }
    if ((rc = lock_known_hosts(c, path, &fd)) != FS_OK)
        goto out;
    switch (ssh_session_is_known_server(c->s)) {
    case SSH_KNOWN_HOSTS_OK:
        fs_log(FS_LOG_VERBOSE, "host key %s was recorded meanwhile", fp);
        break;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        if (ssh_session_update_known_hosts(c->s) != SSH_OK) {
            fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot record new host key: %s",
                            ssh_get_error(c->s));
            rc = FS_ERR_IO;
            goto out;
        }
        fs_log(FS_LOG_INFO, "accepted new host key %s (--host-key-policy accept-new)", fp);
        break;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        fs_run_out_fail(c->out, FS_HOST_HOSTKEY_MISMATCH,
                        "host key changed while accepting it: server offers %s, known_hosts "
                        "now holds another key (possible man-in-the-middle)",
                        fp);
        rc = FS_ERR_HOSTKEY;
        break;
    default:
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot check known_hosts: %s", ssh_get_error(c->s));
        rc = FS_ERR_HOSTKEY;
        break;
    }
out:
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
    pthread_mutex_unlock(&known_hosts_lock);
    ssh_string_free_char(path);
    return rc;
}

int fs_ssh_verify_host_key(struct fs_ssh *c, const struct fs_run_opts *o)
{
    char fp[160];
    fingerprint(c->s, fp, sizeof fp);
    switch (ssh_session_is_known_server(c->s)) {
    case SSH_KNOWN_HOSTS_OK:
        return FS_OK;
    case SSH_KNOWN_HOSTS_CHANGED:
        fs_run_out_fail(c->out, FS_HOST_HOSTKEY_MISMATCH,
                        "host key changed: server offers %s, known_hosts holds another key "
                        "(possible man-in-the-middle)",
                        fp);
        return FS_ERR_HOSTKEY;
    case SSH_KNOWN_HOSTS_OTHER:
        fs_run_out_fail(c->out, FS_HOST_HOSTKEY_MISMATCH,
                        "known_hosts holds a key of another type for this host; server offers %s",
                        fp);
        return FS_ERR_HOSTKEY;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        if (o->accept_new)
            return accept_new(c, fp);
        fs_run_out_fail(c->out, FS_HOST_HOSTKEY_MISMATCH,
                        "host key not in known_hosts (server offers %s); add it, or pass "
                        "--host-key-policy accept-new",
                        fp);
        return FS_ERR_HOSTKEY;
    default:
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot check known_hosts: %s", ssh_get_error(c->s));
        return FS_ERR_HOSTKEY;
    }
}
