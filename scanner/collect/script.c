/* SPDX-License-Identifier: Apache-2.0 */
/* The collector script and its frame parser. Frames look like
 *   "\n@@FS-<nonce> B <fact>\n" <output> "\n@@FS-<nonce> E <fact> <rc>\n"
 * followed by the fact's probe reports "@@FS-<nonce> P <fact> <report>\n" (see prologue.sh).
 * The nonce is fresh random per run, so file content on the device cannot forge a frame. */
#include "script.h"
#include "registry.h"
#include "walk.h"
#include "../../checks/values.h"
#include "../core/err.h"
#include "../core/util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sys_cost is written last of all (what the whole collector cost the device). */
#define COST_FACT "sys_cost"
const char *const fs_system_facts[] = {"sys_hostname", "sys_kernel", "sys_os_release",
                                       "sys_collector", COST_FACT};
const size_t fs_system_facts_count = sizeof fs_system_facts / sizeof fs_system_facts[0];
#define system_facts fs_system_facts

static bool already(const char *const *ids, size_t upto, const char *id)
{
    for (size_t i = 0; i < upto; i++)
        if (strcmp(ids[i], id) == 0)
            return true;
    return false;
}

static size_t fact_cap(const struct fs_fact_def *d)
{
    return d && d->big ? FS_FACT_MAX_BIG_BYTES : FS_FACT_MAX_BYTES;
}

static int emit_fact(struct fs_buf *out, const struct fs_fact_def *d)
{
    return fs_buf_addf(out, "%s%s %s %zu\n", d->snippet, d->needs_root ? "fs_root" : "fs_emit",
                       d->id, fact_cap(d) + 1);
}

/* The prologue with its placeholders filled: the frame nonce and the per-fact cap. */
static int emit_prologue(struct fs_buf *out, const char *nonce)
{
    static const char nonce_ph[] = "@FS_NONCE@", cap_ph[] = "@FS_CAP@";
    const char *s = fs_collector_prologue;
    int rc = FS_OK;
    while (!rc && *s) {
        const char *at = strchr(s, '@');
        if (!at)
            return fs_buf_adds(out, s);
        rc = fs_buf_add(out, s, (size_t)(at - s));
        if (rc)
            break;
        if (strncmp(at, nonce_ph, sizeof nonce_ph - 1) == 0) {
            rc = fs_buf_adds(out, nonce);
            s = at + sizeof nonce_ph - 1;
        } else if (strncmp(at, cap_ph, sizeof cap_ph - 1) == 0) {
            rc = fs_buf_addf(out, "%u", FS_FACT_MAX_BYTES + 1);
            s = at + sizeof cap_ph - 1;
        } else {
            rc = fs_buf_add(out, at, 1);
            s = at + 1;
        }
    }
    return rc;
}

/* FS_V_name='value' with every ' written as '\'' so nothing in a value is interpreted. Only
 * declared values whose content fits their format get here (fs_benchmark_check_values); the
 * check is repeated so that no other path can hand the device an unchecked value. */
static int emit_value(struct fs_buf *out, const char *name, const char *val)
{
    const struct fs_value_def *d = fs_value_def_find(name);
    if (!d)
        return FS_OK; /* not a value the collector knows: snippets cannot use it */
    struct fs_buf why;
    fs_buf_init(&why, FS_VALUE_WHY_MAX);
    int bad = fs_value_check(d->format, val, &why);
    fs_buf_dispose(&why);
    if (bad)
        return FS_ERR_INVAL;
    int rc = fs_buf_addf(out, "FS_V_%s='", name);
    for (const char *c = val; !rc && *c; c++)
        rc = *c == '\'' ? fs_buf_adds(out, "'\\''") : fs_buf_add(out, c, 1);
    return rc ? rc : fs_buf_adds(out, "'\n");
}

int fs_device_priority_parse(const char *s, enum fs_device_priority *out)
{
    if (strcmp(s, "low") == 0)
        *out = FS_PRIORITY_LOW;
    else if (strcmp(s, "normal") == 0)
        *out = FS_PRIORITY_NORMAL;
    else
        return FS_ERR_INVAL;
    return FS_OK;
}

const char *fs_device_priority_name(enum fs_device_priority p)
{
    return p == FS_PRIORITY_NORMAL ? "normal" : "low";
}

struct fs_script_opts fs_script_opts_default(void)
{
    return (struct fs_script_opts){.fact_timeout_s = FS_FACT_TIMEOUT_S,
                                   .priority = FS_PRIORITY_LOW,
                                   .walk_max_files = FS_WALK_MAX_FILES,
                                   .walk_max_s = FS_WALK_MAX_S};
}

int fs_script_build(struct fs_buf *out, const char *nonce, const char *const *fact_ids, size_t n,
                    const struct fs_kvlist *values)
{
    struct fs_script_opts o = fs_script_opts_default();
    return fs_script_build_opts(out, nonce, fact_ids, n, values, &o);
}

int fs_script_build_timed(struct fs_buf *out, const char *nonce, const char *const *fact_ids,
                          size_t n, const struct fs_kvlist *values, unsigned fact_timeout_s)
{
    struct fs_script_opts o = fs_script_opts_default();
    o.fact_timeout_s = fact_timeout_s;
    return fs_script_build_opts(out, nonce, fact_ids, n, values, &o);
}

/* The shared walk, once, for the parts asked for: the parts that need root are walked only
 * as root (and reported skipped otherwise, as fs_root does); its watchdog allows the walk's
 * own time budget and a margin, so that the budget, not the watchdog, cuts a long walk. */
static int emit_walk(struct fs_buf *out, const char *const *fact_ids, size_t n,
                     const struct fs_script_opts *o)
{
    const struct fs_fact_def *w = fs_fact_def_find(FS_WALK_FACT);
    if (!w)
        return FS_ERR_NOTFOUND;
    int rc = fs_buf_addf(out, "%sfs_walk_tags=\nfs_walk_max_files=%u\nfs_walk_max_s=%u\n",
                         w->snippet, o->walk_max_files, o->walk_max_s);
    for (size_t k = 0; !rc && k < fs_walk_parts_count; k++) {
        const struct fs_walk_part *part = &fs_walk_parts[k];
        bool asked = false;
        for (size_t i = 0; i < n && !asked; i++)
            asked = strcmp(fact_ids[i], part->fact) == 0;
        const struct fs_fact_def *d = fs_fact_def_find(part->fact);
        if (!asked || !d)
            continue;
        rc = d->needs_root ? fs_buf_addf(out, "fs_walk_part_root %c %s\n", part->tag, part->fact)
                           : fs_buf_addf(out, "fs_walk_tags=${fs_walk_tags}%c\n", part->tag);
    }
    unsigned limit = o->fact_timeout_s;
    if (limit && limit < o->walk_max_s + 15)
        limit = o->walk_max_s + 15;
    if (!rc)
        rc = fs_buf_addf(out, "fs_limit=%u\nfs_emit %s %zu\nfs_limit=%u\n", limit, FS_WALK_FACT,
                         fact_cap(w) + 1, o->fact_timeout_s);
    return rc;
}

int fs_script_build_opts(struct fs_buf *out, const char *nonce, const char *const *fact_ids,
                         size_t n, const struct fs_kvlist *values, const struct fs_script_opts *o)
{
    const size_t nsys = sizeof system_facts / sizeof system_facts[0];
    int rc = emit_prologue(out, nonce);
    if (!rc)
        rc = fs_buf_addf(out, "fs_limit=%u\n", o->fact_timeout_s);
    if (!rc && o->priority == FS_PRIORITY_LOW)
        rc = fs_buf_adds(out, "fs_priority_low\n");
    for (size_t i = 0; !rc && values && i < values->n; i++)
        rc = emit_value(out, values->items[i].key, values->items[i].val);
    /* The facts in one function that fs_ticked runs with the watchdogs' ticker; the collector's
     * cost after it, once the shell has waited for all of it. */
    if (!rc)
        rc = fs_buf_adds(out, "fs_facts() {\n");
    for (size_t i = 0; !rc && i < nsys; i++)
        if (strcmp(system_facts[i], COST_FACT) != 0)
            rc = emit_fact(out, fs_fact_def_find(system_facts[i]));
    /* Two passes: quick facts first, then the slow ones (file-system walks), so that a host
     * that times out has given every quick fact already. The walk's parts are one walk,
     * written where the first of them would be. */
    bool walked = false;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; !rc && i < n; i++) {
            const struct fs_fact_def *d = fs_fact_def_find(fact_ids[i]);
            if (!d)
                return FS_ERR_NOTFOUND;
            if (d->slow != (pass == 1) || already(fact_ids, i, fact_ids[i]) ||
                already(system_facts, nsys, fact_ids[i]) || strcmp(d->id, FS_WALK_FACT) == 0)
                continue;
            if (fs_walk_part_for(d->id)) {
                if (!walked)
                    rc = emit_walk(out, fact_ids, n, o);
                walked = true;
                continue;
            }
            rc = emit_fact(out, d);
        }
    }
    if (!rc)
        rc = fs_buf_adds(out, ":\n}\nfs_ticked fs_facts\n");
    if (!rc)
        rc = emit_fact(out, fs_fact_def_find(COST_FACT));
    if (!rc)
        rc = fs_buf_adds(out, "printf '\\n%s Z\\n' \"$M\"\n");
    return rc;
}

/* Finds the next marker at or after pos: it starts a line and reads "@@FS-<nonce> ". Walks
 * line starts with memchr rather than memmem over the rest of the output: linear in the
 * output, also where a sanitizer checks the whole range a call is given. */
static const char *next_marker(const char *data, size_t len, size_t pos, const char *mark,
                               size_t mlen)
{
    while (pos + mlen <= len) {
        if ((pos == 0 || data[pos - 1] == '\n') && memcmp(data + pos, mark, mlen) == 0)
            return data + pos;
        const char *nl = memchr(data + pos, '\n', len - pos);
        if (!nl)
            return NULL;
        pos = (size_t)(nl - data) + 1;
    }
    return NULL;
}

static bool valid_id(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

int fs_frames_parse(const char *data, size_t len, const char *nonce, struct fs_facts *facts)
{
    char mark[8 + FS_NONCE_HEX + 2];
    static_assert(sizeof mark > sizeof "@@FS-" - 1 + FS_NONCE_HEX + 1, "a marker fits");
    int ml = snprintf(mark, sizeof mark, "@@FS-%s ", nonce);
    if (ml <= 0 || (size_t)ml >= sizeof mark)
        return FS_ERR_INVAL;
    size_t mlen = (size_t)ml;
    char open_id[65] = "";
    size_t body = 0;
    bool open = false, any = false;
    size_t pos = 0;
    const char *m;
    while ((m = next_marker(data, len, pos, mark, mlen))) {
        size_t at = (size_t)(m - data);
        const char *line = m + mlen;
        const char *eol = memchr(line, '\n', len - (size_t)(line - data));
        if (!eol)
            break; /* cut mid-marker */
        size_t ll = (size_t)(eol - line);
        pos = (size_t)(eol - data) + 1;
        FS_ASSERT(at < pos && pos <= len);
        any = true;
        if (++facts->frames > FS_FRAMES_MAX) {
            facts->flooded = true; /* the rest is ignored: parsing stays bounded */
            break;
        }
        if (ll >= 2 && line[0] == 'H' && line[1] == ' ') {
            char num[24];
            long uid;
            size_t nl = ll - 2 < sizeof num - 1 ? ll - 2 : sizeof num - 1;
            memcpy(num, line + 2, nl);
            num[nl] = '\0';
            facts->uid = fs_parse_long(num, &uid) ? uid : -1;
            facts->started = true;
        } else if (ll == 1 && line[0] == 'Z') {
            facts->complete = true;
        } else if (ll > 2 && line[0] == 'B' && line[1] == ' ' && valid_id(line + 2, ll - 2)) {
            FS_ASSERT(ll - 2 < sizeof open_id); /* valid_id: at most 64 */
            memcpy(open_id, line + 2, ll - 2);
            open_id[ll - 2] = '\0';
            /* ids nobody asked for are ignored; the walk is wanted for its parts */
            open = fs_facts_accepts(facts, open_id) ||
                   (strcmp(open_id, FS_WALK_FACT) == 0 && fs_walk_wanted(facts));
            body = pos;
        } else if (ll > 2 && line[0] == 'S' && line[1] == ' ' && valid_id(line + 2, ll - 2)) {
            char id[65];
            memcpy(id, line + 2, ll - 2);
            id[ll - 2] = '\0';
            if (!fs_facts_accepts(facts, id))
                continue;
            int rc = fs_facts_put(facts, id, "", 0, -1, FS_FACT_NEEDS_ROOT);
            if (rc)
                return rc;
        } else if (ll > 2 && line[0] == 'P' && line[1] == ' ') {
            /* "P <fact> <report>": a probe report, after the fact's end frame */
            const char *sp = memchr(line + 2, ' ', ll - 2);
            if (!sp || !valid_id(line + 2, (size_t)(sp - line - 2)))
                continue;
            char id[65];
            size_t il = (size_t)(sp - line - 2);
            memcpy(id, line + 2, il);
            id[il] = '\0';
            int rc = fs_facts_add_report(facts, id, sp + 1, (size_t)(eol - sp - 1));
            if (rc)
                return rc;
        } else if (ll > 2 && line[0] == 'E' && line[1] == ' ' && open) {
            const char *sp = memchr(line + 2, ' ', ll - 2);
            if (!sp)
                continue;
            size_t il = (size_t)(sp - line - 2);
            if (il != strlen(open_id) || memcmp(line + 2, open_id, il) != 0)
                continue;
            char num[16];
            size_t nl = ll - 3 - il;
            long frc = 255;
            if (nl < sizeof num) {
                memcpy(num, sp + 1, nl);
                num[nl] = '\0';
                if (!fs_parse_long(num, &frc))
                    frc = 255;
            }
            /* The frame added one newline before the end marker. */
            size_t end = at > body ? at - 1 : body;
            size_t blen = end - body;
            enum fs_fact_state st = FS_FACT_OK;
            size_t cap = fact_cap(fs_fact_def_find(open_id));
            if (blen > cap) {
                blen = cap;
                st = FS_FACT_TRUNCATED;
            }
            if (frc < -1 || frc > 255)
                frc = 255; /* an exit status is 0..255: anything else is not one */
            int rc = fs_facts_put(facts, open_id, data + body, blen, (int)frc, st);
            if (rc)
                return rc;
            fs_facts_await_reports(facts, open_id); /* proven once "P <fact> end" comes */
            open = false;
        }
    }
    if (!any)
        return FS_ERR_PARSE;
    return fs_walk_split(facts);
}
