/* SPDX-License-Identifier: Apache-2.0 */
/* A host's flows in results.json ("flows": {"read", "error", "cut", "observations": [...]})
 * and back: merge and report recompute the fleet from them, so reading them is strict. */
#include "flows.h"

#include "../core/err.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *fs_host_flows_to_json(const struct fs_host_flows *f)
{
    json_t *obs = json_array();
    json_t *o = obs ? json_pack("{s:b, s:s, s:I, s:o}", "read", f->read, "error", f->error, "cut",
                                (json_int_t)f->cut, "observations", obs)
                    : NULL;
    if (!o)
        return NULL;
    for (size_t i = 0; i < f->n; i++) {
        const struct fs_flow_obs *x = &f->v[i];
        char l[64], r[64];
        fs_addr_str(x->local, l, sizeof l);
        fs_addr_str(x->remote, r, sizeof r);
        json_t *e = json_pack("{s:s, s:s, s:i, s:s, s:i, s:s, s:s, s:I}", "proto", x->proto,
                              "local", l, "lport", (int)x->lport, "remote", r, "rport",
                              (int)x->rport, "dir", x->dir == FS_FLOW_IN ? "in" : "out", "process",
                              x->process, "pid", (json_int_t)x->pid);
        if (!e || json_array_append_new(obs, e)) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static bool get_port(const json_t *o, const char *key, unsigned *out)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 65535)
        return false;
    *out = (unsigned)json_integer_value(v);
    return true;
}

static bool get_addr(const json_t *o, const char *key, unsigned char out[16])
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && fs_addr_parse(s, strlen(s), out);
}

/* One observation: NULL, or the member at fault when it is not valid. */
static const char *obs_from_json(const json_t *e, struct fs_flow_obs *x)
{
    memset(x, 0, sizeof *x);
    const char *proto = json_string_value(json_object_get(e, "proto"));
    const char *dir = json_string_value(json_object_get(e, "dir"));
    const char *proc = json_string_value(json_object_get(e, "process"));
    const json_t *pid = json_object_get(e, "pid");
    if (!json_is_object(e))
        return "an object";
    if (!proto || (strcmp(proto, "tcp") != 0 && strcmp(proto, "udp") != 0))
        return "proto (tcp or udp)";
    snprintf(x->proto, sizeof x->proto, "%s", proto);
    if (!get_addr(e, "local", x->local))
        return "local (an address)";
    if (!get_addr(e, "remote", x->remote))
        return "remote (an address)";
    if (!get_port(e, "lport", &x->lport))
        return "lport (0..65535)";
    if (!get_port(e, "rport", &x->rport))
        return "rport (0..65535)";
    if (!dir || (strcmp(dir, "in") != 0 && strcmp(dir, "out") != 0))
        return "dir (in or out)";
    x->dir = strcmp(dir, "in") == 0 ? FS_FLOW_IN : FS_FLOW_OUT;
    if (!proc || strlen(proc) >= sizeof x->process)
        return "process (a string of at most 31 bytes)";
    snprintf(x->process, sizeof x->process, "%s", proc);
    if (!json_is_integer(pid) || json_integer_value(pid) < 0 ||
        json_integer_value(pid) > 0x7fffffff)
        return "pid (0..2147483647)";
    x->pid = (unsigned)json_integer_value(pid);
    return NULL;
}

int fs_host_flows_from_json(const json_t *j, struct fs_host_flows *out, struct fs_buf *err)
{
    int rc = FS_ERR_INVAL;
    memset(out, 0, sizeof *out);
    const json_t *read = json_object_get(j, "read"), *error = json_object_get(j, "error");
    const json_t *cut = json_object_get(j, "cut"), *obs = json_object_get(j, "observations");
    if (!json_is_object(j)) {
        fs_buf_try_adds(err, "flows: not an object");
        goto out;
    }
    if (!json_is_boolean(read) || !json_is_string(error) ||
        strlen(json_string_value(error)) >= sizeof out->error) {
        fs_buf_try_adds(err, "flows: \"read\" must be a boolean and \"error\" a string of at "
                             "most 159 bytes");
        goto out;
    }
    if (cut && (!json_is_integer(cut) || json_integer_value(cut) < 0)) {
        fs_buf_try_adds(err, "flows.cut: not a count");
        goto out;
    }
    if (!json_is_array(obs) || json_array_size(obs) > FS_FLOWS_MAX) {
        fs_buf_try_addf(err, "flows.observations: not an array of at most %d observations",
                        FS_FLOWS_MAX);
        goto out;
    }
    out->read = json_is_true(read);
    snprintf(out->error, sizeof out->error, "%s", json_string_value(error));
    out->cut = cut ? (size_t)json_integer_value(cut) : 0;
    if (!out->read && json_array_size(obs)) {
        fs_buf_try_adds(err, "flows: observations on a host whose tables were not read");
        goto out;
    }
    if (json_array_size(obs) && !(out->v = calloc(json_array_size(obs), sizeof *out->v))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < json_array_size(obs); i++) {
        const char *bad = obs_from_json(json_array_get(obs, i), &out->v[i]);
        if (bad) {
            fs_buf_try_addf(err, "flows.observations[%zu]: not valid: %s", i, bad);
            goto out;
        }
        out->n++;
    }
    rc = FS_OK;
out:
    if (rc) {
        fs_host_flows_dispose(out);
        out->read = false;
    }
    return rc;
}
