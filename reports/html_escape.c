/* SPDX-License-Identifier: Apache-2.0 */
/* HTML escaping of untrusted text for report.html. */
#include "html.h"
#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fs_html_escape(struct fs_buf *b, const char *s)
{
    if (!s)
        return FS_OK;
    struct fs_buf p;
    fs_buf_init(&p, (size_t)-1);
    int rc = fs_buf_add_printable(&p, s, strlen(s));
    const char *t = fs_buf_cstr(&p);
    /* runs of safe bytes are added at once */
    while (rc == FS_OK && *t) {
        size_t n = strcspn(t, "&<>\"'`");
        if (n)
            rc = fs_buf_add(b, t, n);
        t += n;
        if (rc != FS_OK || !*t)
            break;
        switch (*t++) {
        case '&':
            rc = fs_buf_adds(b, "&amp;");
            break;
        case '<':
            rc = fs_buf_adds(b, "&lt;");
            break;
        case '>':
            rc = fs_buf_adds(b, "&gt;");
            break;
        case '"':
            rc = fs_buf_adds(b, "&quot;");
            break;
        case '\'':
            rc = fs_buf_adds(b, "&#39;");
            break;
        default:
            rc = fs_buf_adds(b, "&#96;");
            break;
        }
    }
    fs_buf_dispose(&p);
    return rc;
}

int fs_html_text(struct fs_buf *b, const char *s, const char *dflt)
{
    return fs_html_escape(b, s && *s ? s : dflt);
}

int fs_html_principle(struct fs_buf *b, const struct fs_benchmark *bm, int p)
{
    char id[16];
    snprintf(id, sizeof id, "P%d", p + 1);
    const char *t = bm->principle_titles[p] ? bm->principle_titles[p] : "";
    int rc = FS_OK;
    if (strncmp(t, id, strlen(id)) != 0)
        rc = fs_buf_addf(b, "%s ", id);
    return rc ? rc : fs_html_escape(b, t);
}
