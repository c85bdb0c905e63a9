/* SPDX-License-Identifier: Apache-2.0 */
/* SSH authentication: key files, then the agent and default keys; never a password, never a
 * passphrase prompt (a worker thread must not read the operator's terminal), and key paths
 * stay out of results: a key is "the inventory's key file" or "the --identity key". */
#include "ssh_session.h"
#include "../core/err.h"
#include "../core/limits.h"
#include "../core/util.h"

#include <stdio.h>
#include <string.h>

static int no_prompt(const char *prompt, char *buf, size_t len, int echo, int verify,
                     void *userdata)
{
    (void)prompt;
    (void)echo;
    (void)verify;
    struct fs_ssh *c = userdata;
    if (c)
        c->asked_passphrase = true;
    if (buf && len)
        buf[0] = '\0';
    return -1; /* libssh's ssh_auth_callback contract (not an fs_err): no passphrase */
}

void fs_ssh_no_prompt_callbacks(struct fs_ssh *c, struct ssh_callbacks_struct *cb)
{
    memset(cb, 0, sizeof *cb);
    cb->userdata = c;
    cb->auth_function = no_prompt;
    ssh_callbacks_init(cb);
    ssh_set_callbacks(c->s, cb);
}

static void note(struct fs_buf *tried, const char *what)
{
    /* the methods tried, for the error message only */
    fs_buf_try_addf(tried, "%s%s", tried->len ? "; " : "", what);
}

static int lost(struct fs_ssh *c)
{
    fs_run_out_fail(c->out, FS_HOST_ERROR, "connection lost during authentication: %s",
                    ssh_get_error(c->s));
    return FS_ERR_CONNECT;
}

static int offer_key(struct fs_ssh *c, ssh_key key, const char *label, struct fs_buf *tried,
                     bool *accepted)
{
    int rc;
    while ((rc = ssh_userauth_publickey(c->s, NULL, key)) == SSH_AUTH_AGAIN) {
        int werr = fs_ssh_wait(c);
        if (werr)
            return werr;
    }
    if (rc == SSH_AUTH_ERROR)
        return lost(c);
    *accepted = rc == SSH_AUTH_SUCCESS;
    if (!*accepted) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s was refused", label);
        note(tried, msg);
        fs_log(FS_LOG_VERBOSE, "%s refused: %s", label, ssh_get_error(c->s));
    }
    return FS_OK;
}

static int try_key_file(struct fs_ssh *c, const char *path, const char *label, struct fs_buf *tried,
                        bool *accepted)
{
    ssh_key key = NULL;
    *accepted = false;
    c->asked_passphrase = false;
    if (ssh_pki_import_privkey_file(path, NULL, no_prompt, c, &key) != SSH_OK) {
        char msg[160];
        if (c->asked_passphrase)
            snprintf(msg, sizeof msg,
                     "%s is encrypted; floorscan does not prompt: load it into ssh-agent", label);
        else
            snprintf(msg, sizeof msg, "%s cannot be read as a private key", label);
        note(tried, msg);
        fs_log(FS_LOG_VERBOSE, "%s (%s) not used", label, path); /* fs_log escapes */
        return FS_OK;
    }
    int rc = offer_key(c, key, label, tried, accepted);
    ssh_key_free(key);
    return rc;
}

static void login_user(ssh_session s, char *user, size_t n)
{
    char *u = NULL;
    snprintf(user, n, "?");
    if (ssh_options_get(s, SSH_OPTIONS_USER, &u) == SSH_OK && u) {
        snprintf(user, n, "%s", u);
        ssh_string_free_char(u);
    }
}

int fs_ssh_authenticate(struct fs_ssh *c, const struct fs_host *h, const struct fs_run_opts *o)
{
    struct fs_buf tried;
    fs_buf_init(&tried, FS_AUTH_TRIED_MAX);
    bool ok = false;
    int rc = FS_OK;
    /* No "none" or password attempt: on a server with PermitEmptyPasswords it would run a
     * failing password check, stall on PAM's delay and log a failed login on the device. */
    if (h->key_file &&
        ((rc = try_key_file(c, h->key_file, "the inventory's key file", &tried, &ok)) || ok))
        goto out;
    if (o->identity && (!h->key_file || strcmp(o->identity, h->key_file) != 0) &&
        ((rc = try_key_file(c, o->identity, "the --identity key", &tried, &ok)) || ok))
        goto out;
    /* Agent, then the default ~/.ssh/id_* keys: encrypted ones reach no_prompt and are
     * skipped. */
    c->asked_passphrase = false;
    int arc;
    while ((arc = ssh_userauth_publickey_auto(c->s, NULL, NULL)) == SSH_AUTH_AGAIN)
        if ((rc = fs_ssh_wait(c)))
            goto out;
    if (arc == SSH_AUTH_ERROR) {
        rc = lost(c);
        goto out;
    }
    ok = arc == SSH_AUTH_SUCCESS;
    if (ok)
        goto out;
    note(&tried, c->asked_passphrase ? "agent and default keys were refused (encrypted default "
                                       "keys skipped: floorscan does not prompt)"
                                     : "agent and default keys were refused");
    char user[64];
    login_user(c->s, user, sizeof user);
    fs_run_out_fail(c->out, FS_HOST_AUTH_FAILED, "no key accepted for user %s: %s", user,
                    fs_buf_cstr(&tried));
    rc = FS_ERR_AUTH;
out:
    fs_buf_dispose(&tried);
    return rc;
}
