/* SSH transport (libssh): strict host-key verification, key files then the agent, one
 * session and one exec channel per host that runs the collector fed on stdin. */
#include "transport.h"
#include "../core/err.h"
#include "../core/util.h"

#include <ctype.h>
#include <libssh/libssh.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libssh appends to known_hosts without locking: serialise accept-new writes. */
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

static int verify_host_key(ssh_session s, const struct fs_run_opts *o, struct fs_run_out *out)
{
    char fp[160];
    fingerprint(s, fp, sizeof fp);
    enum ssh_known_hosts_e st = ssh_session_is_known_server(s);
    switch (st) {
    case SSH_KNOWN_HOSTS_OK:
        return FS_OK;
    case SSH_KNOWN_HOSTS_CHANGED:
        fs_run_out_fail(out, FS_HOST_HOSTKEY_MISMATCH,
                        "host key changed: server offers %s, known_hosts holds another key "
                        "(possible man-in-the-middle)",
                        fp);
        return FS_ERR_HOSTKEY;
    case SSH_KNOWN_HOSTS_OTHER:
        fs_run_out_fail(out, FS_HOST_HOSTKEY_MISMATCH,
                        "known_hosts holds a key of another type for this host; server offers %s",
                        fp);
        return FS_ERR_HOSTKEY;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        if (o->accept_new) {
            pthread_mutex_lock(&known_hosts_lock);
            int rc = ssh_session_update_known_hosts(s);
            pthread_mutex_unlock(&known_hosts_lock);
            if (rc == SSH_OK) {
                fs_log(FS_LOG_INFO, "accepted new host key %s (--host-key-policy accept-new)", fp);
                return FS_OK;
            }
            fs_run_out_fail(out, FS_HOST_ERROR, "cannot record new host key: %s", ssh_get_error(s));
            return FS_ERR_IO;
        }
        fs_run_out_fail(out, FS_HOST_HOSTKEY_MISMATCH,
                        "host key not in known_hosts (server offers %s); add it, or pass "
                        "--host-key-policy accept-new",
                        fp);
        return FS_ERR_HOSTKEY;
    default:
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot check known_hosts: %s", ssh_get_error(s));
        return FS_ERR_HOSTKEY;
    }
}

static bool try_key_file(ssh_session s, const char *path, struct fs_buf *tried)
{
    ssh_key key = NULL;
    if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK) {
        fs_buf_addf(tried, "%s%s (unreadable or encrypted)", tried->len ? ", " : "", path);
        return false;
    }
    int rc = ssh_userauth_publickey(s, NULL, key);
    if (rc != SSH_AUTH_SUCCESS)
        fs_log(FS_LOG_VERBOSE, "key %s refused: %s", path, ssh_get_error(s));
    ssh_key_free(key);
    if (rc == SSH_AUTH_SUCCESS)
        return true;
    fs_buf_addf(tried, "%s%s", tried->len ? ", " : "", path);
    return false;
}

static int authenticate(ssh_session s, const struct fs_host *h, const struct fs_run_opts *o,
                        struct fs_run_out *out)
{
    struct fs_buf tried;
    fs_buf_init(&tried, 1024);
    int rc = FS_OK;
    /* No "none" or password attempt: on a server with PermitEmptyPasswords it would run a
     * failing password check, stall on PAM's delay and log a failed login on the device. */
    if (h->key_file && try_key_file(s, h->key_file, &tried))
        goto out;
    if (o->identity && (!h->key_file || strcmp(o->identity, h->key_file) != 0) &&
        try_key_file(s, o->identity, &tried))
        goto out;
    /* Agent, then the default ~/.ssh/id_* keys without passphrase. */
    if (ssh_userauth_publickey_auto(s, NULL, NULL) == SSH_AUTH_SUCCESS)
        goto out;
    fs_buf_addf(&tried, "%sagent and default keys", tried.len ? ", " : "");
    char user[64] = "?";
    char *u = NULL;
    if (ssh_options_get(s, SSH_OPTIONS_USER, &u) == SSH_OK && u) {
        snprintf(user, sizeof user, "%s", u);
        ssh_string_free_char(u);
    }
    fs_run_out_fail(out, FS_HOST_AUTH_FAILED, "no key accepted for user %s (tried %s)", user,
                    fs_buf_cstr(&tried));
    rc = FS_ERR_AUTH;
out:
    fs_buf_dispose(&tried);
    return rc;
}

static bool safe_jump(const char *j)
{
    for (; *j; j++)
        if (!isalnum((unsigned char)*j) && !strchr("@.:_-[]", *j))
            return false;
    return true;
}

static int set_options(ssh_session s, const struct fs_host *h, const struct fs_run_opts *o,
                       struct fs_run_out *out)
{
    unsigned int port = (unsigned int)h->port;
    int one = 1;
    bool no = false;
    long timeout = o->connect_timeout_s;
    if (ssh_options_set(s, SSH_OPTIONS_HOST, h->address) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_PORT, &port) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_NODELAY, &one) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no) < 0 ||
        (h->user && ssh_options_set(s, SSH_OPTIONS_USER, h->user) < 0) ||
        (o->known_hosts && ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, o->known_hosts) < 0)) {
        fs_run_out_fail(out, FS_HOST_ERROR, "invalid SSH options: %s", ssh_get_error(s));
        return FS_ERR_INVAL;
    }
    if (h->proxy_jump) {
        if (!safe_jump(h->proxy_jump)) {
            fs_run_out_fail(out, FS_HOST_ERROR,
                            "ProxyJump '%s' has characters outside a host "
                            "specification",
                            h->proxy_jump);
            return FS_ERR_INVAL;
        }
        char cmd[512];
        snprintf(cmd, sizeof cmd, "ssh -o BatchMode=yes -W '[%%h]:%%p' %s", h->proxy_jump);
        if (ssh_options_set(s, SSH_OPTIONS_PROXYCOMMAND, cmd) < 0) {
            fs_run_out_fail(out, FS_HOST_ERROR, "cannot set ProxyJump: %s", ssh_get_error(s));
            return FS_ERR_INVAL;
        }
    }
    return FS_OK;
}

static int collect(ssh_session s, const struct fs_run_opts *o, const char *cmd, const char *script,
                   size_t len, long long deadline, struct fs_run_out *out)
{
    ssh_channel ch = ssh_channel_new(s);
    int rc = FS_OK;
    char buf[32768];
    if (!ch || ssh_channel_open_session(ch) != SSH_OK ||
        ssh_channel_request_exec(ch, cmd) != SSH_OK) {
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot start the collector: %s", ssh_get_error(s));
        rc = FS_ERR_REMOTE;
        goto out;
    }
    size_t written = 0;
    while (written < len) {
        int w = ssh_channel_write(ch, script + written, (uint32_t)(len - written));
        if (w <= 0) {
            break; /* the remote side stopped reading (e.g. sudo refused): read why */
        }
        written += (size_t)w;
    }
    ssh_channel_send_eof(ch);
    for (;;) {
        long long left = deadline - fs_now_ms();
        if (left <= 0) {
            fs_run_out_fail(out, FS_HOST_TIMEOUT, "collection timed out after %d s", o->timeout_s);
            out->cut = true;
            rc = FS_ERR_TIMEOUT;
            goto out;
        }
        int n = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, (int)(left > 500 ? 500 : left));
        if (n == SSH_ERROR) {
            fs_run_out_fail(out, FS_HOST_ERROR, "connection lost while collecting: %s",
                            ssh_get_error(s));
            out->cut = true;
            rc = FS_ERR_REMOTE;
            goto out;
        }
        if (n > 0) {
            size_t room = out->out.max - out->out.len;
            fs_buf_add(&out->out, buf, (size_t)n < room ? (size_t)n : room);
            if ((size_t)n > room) {
                fs_run_out_fail(out, FS_HOST_ERROR, "collector output exceeded %zu bytes",
                                o->max_output);
                out->cut = true;
                rc = FS_ERR_LIMIT;
                goto out;
            }
        }
        int m;
        while ((m = ssh_channel_read_nonblocking(ch, buf, sizeof buf, 1)) > 0) {
            size_t room = out->err.max - out->err.len;
            fs_buf_add(&out->err, buf, (size_t)m < room ? (size_t)m : room);
        }
        if (n == 0 && ssh_channel_is_eof(ch))
            break;
    }
    out->exit_status = ssh_channel_get_exit_status(ch);
out:
    if (ch) {
        ssh_channel_close(ch);
        ssh_channel_free(ch);
    }
    return rc;
}

static int ssh_run(const struct fs_host *h, const struct fs_run_opts *o, const char *cmd,
                   const char *script, size_t len, struct fs_run_out *out)
{
    long long deadline = fs_now_ms() + (long long)o->timeout_s * 1000;
    ssh_session s = ssh_new();
    int rc;
    if (!s) {
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot create an SSH session");
        return FS_ERR_NOMEM;
    }
    if ((rc = set_options(s, h, o, out)))
        goto out;
    if (ssh_connect(s) != SSH_OK) {
        fs_run_out_fail(out, FS_HOST_UNREACHABLE, "cannot connect to %s port %d: %s", h->address,
                        h->port, ssh_get_error(s));
        rc = FS_ERR_CONNECT;
        goto out;
    }
    if ((rc = verify_host_key(s, o, out)))
        goto out;
    /* After the handshake, blocking calls may take what is left of the host's time. */
    long left = (long)((deadline - fs_now_ms()) / 1000);
    if (left < 1)
        left = 1;
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &left);
    if ((rc = authenticate(s, h, o, out)))
        goto out;
    rc = collect(s, o, cmd, script, len, deadline, out);
out:
    ssh_disconnect(s);
    ssh_free(s);
    return rc;
}

const struct fs_transport fs_transport_ssh = {"ssh", ssh_run};
