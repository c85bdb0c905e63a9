/* SPDX-License-Identifier: Apache-2.0 */
/* The shared file-system walk's output split into its facts. The walk (facts/walk.sh) writes
 *   "# walk TAGS"            the parts walked ("SUWDL"; the others were not asked for or need
 *                            root)
 *   "# by id"                owners compared with the account databases (busybox find)
 *   "T PATH", "T # more N"   a line of part T, as that fact's own probe wrote it before
 *   "# walked N S"           the walk ended: N entries in S seconds
 *   "# cut N S"              the walk hit its budget after N entries and S seconds
 * Every line is written by the walk's awk, never by a file name alone: a name with a newline
 * continues as a line of the same part (junk for the check, never a pass). */
#include "walk.h"
#include "../core/buf.h"
#include "../core/contract.h"
#include "../core/err.h"
#include "../core/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct fs_walk_part fs_walk_parts[] = {
    {'S', "find_setuid"},  {'U', "find_unowned"},  {'W', "find_world_writable"},
    {'D', "find_ww_dirs"}, {'L', "logfiles_perm"},
};
const size_t fs_walk_parts_count = sizeof fs_walk_parts / sizeof fs_walk_parts[0];

#define NPARTS (sizeof fs_walk_parts / sizeof fs_walk_parts[0])

const struct fs_walk_part *fs_walk_part_for(const char *fact)
{
    for (size_t i = 0; i < NPARTS; i++)
        if (strcmp(fs_walk_parts[i].fact, fact) == 0)
            return &fs_walk_parts[i];
    return NULL;
}

static int part_index(char tag)
{
    for (size_t i = 0; i < NPARTS; i++)
        if (fs_walk_parts[i].tag == tag)
            return (int)i;
    return -1;
}

bool fs_walk_wanted(const struct fs_facts *facts)
{
    for (size_t i = 0; i < NPARTS; i++)
        if (fs_facts_accepts(facts, fs_walk_parts[i].fact))
            return true;
    return false;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0 || n > 20)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* "N S" after "# cut ": two numbers, copied to out as they are. */
static bool read_cut(const char *s, size_t n, char *files, char *secs, size_t cap)
{
    const char *sp = memchr(s, ' ', n);
    if (!sp)
        return false;
    size_t fl = (size_t)(sp - s), sl = n - fl - 1;
    if (!all_digits(s, fl) || !all_digits(sp + 1, sl) || fl >= cap || sl >= cap)
        return false;
    memcpy(files, s, fl);
    files[fl] = '\0';
    memcpy(secs, sp + 1, sl);
    secs[sl] = '\0';
    return true;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
    size_t pl = strlen(prefix);
    return n >= pl && memcmp(s, prefix, pl) == 0;
}

int fs_walk_split(struct fs_facts *facts)
{
    const struct fs_fact *w = fs_facts_get(facts, FS_WALK_FACT);
    if (!w)
        return FS_OK;
    struct fs_buf part[NPARTS];
    bool walked[NPARTS] = {false};
    bool by_id = false, junk = false, cut = false;
    char files[24] = "", secs[24] = "";
    int rc = FS_OK;
    for (size_t i = 0; i < NPARTS; i++)
        fs_buf_init(&part[i], (size_t)FS_FACT_MAX_BIG_BYTES); /* the walk is capped at that */
    const char *p = w->data, *end = w->data + w->len;
    while (!rc && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        if (starts(p, n, "# walk ")) {
            for (size_t i = 7; i < n; i++) {
                int k = part_index(p[i]);
                if (k >= 0)
                    walked[k] = true;
                else
                    junk = true;
            }
        } else if (n == 7 && memcmp(p, "# by id", 7) == 0) {
            by_id = true;
        } else if (starts(p, n, "# cut ")) {
            cut = read_cut(p + 6, n - 6, files, secs, sizeof files);
            junk |= !cut;
        } else if (starts(p, n, "# walked ")) {
            /* the walk's end: nothing to keep */
        } else if (n >= 2 && p[1] == ' ' && part_index(p[0]) >= 0) {
            struct fs_buf *b = &part[part_index(p[0])];
            rc = fs_buf_add(b, p + 2, n - 2);
            if (!rc)
                rc = fs_buf_add(b, "\n", 1);
        } else if (n > 0) {
            junk = true;
        }
        p = nl ? nl + 1 : end;
    }
    char why[160];
    const char *first = NULL;
    if (cut) {
        snprintf(why, sizeof why, FS_WALK_CUT_FMT, files, secs);
        first = why;
    } else if (junk) {
        first = "unreadable output of the file-system walk";
    }
    for (size_t i = 0; !rc && i < NPARTS; i++) {
        const char *id = fs_walk_parts[i].fact;
        const struct fs_fact *old = fs_facts_get(facts, id);
        if (!walked[i] || !fs_facts_accepts(facts, id) || (old && old->state == FS_FACT_NEEDS_ROOT))
            continue;
        struct fs_buf data;
        fs_buf_init(&data, (size_t)FS_FACT_MAX_BIG_BYTES + 16);
        if (by_id && fs_walk_parts[i].tag == 'U')
            rc = fs_buf_adds(&data, "# by id\n");
        if (!rc && part[i].len)
            rc = fs_buf_add(&data, part[i].data, part[i].len);
        if (!rc)
            rc = fs_facts_derive(facts, FS_WALK_FACT, id, data.data ? data.data : "", data.len,
                                 first);
        fs_buf_dispose(&data);
    }
    for (size_t i = 0; i < NPARTS; i++)
        fs_buf_dispose(&part[i]);
    if (!rc)
        fs_facts_remove(facts, FS_WALK_FACT);
    return rc;
}
