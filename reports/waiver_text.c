/* SPDX-License-Identifier: Apache-2.0 */
/* One line that says why a result is waived, by whom and until when (JUnit, XCCDF remark). */
#include "report.h"

#include <string.h>

static int add(struct fs_buf *b, const char *s)
{
    return fs_buf_add_printable(b, s ? s : "", s ? strlen(s) : 0);
}

int fs_report_waiver_line(struct fs_buf *b, const struct fs_waiver *w)
{
    int rc = fs_buf_addf(b, "waived (register line %d, rule ", w->line);
    if (!rc)
        rc = add(b, w->rule);
    if (!rc)
        rc = fs_buf_adds(b, "): ");
    if (!rc)
        rc = add(b, w->reason);
    if (!rc)
        rc = fs_buf_adds(b, "; requested by ");
    if (!rc)
        rc = add(b, w->requested_by);
    if (!rc)
        rc = fs_buf_adds(b, "; approved by ");
    if (!rc)
        rc = add(b, w->approved_by);
    if (!rc)
        rc = fs_buf_addf(b, " on %s; expires %s", w->approved, w->expires);
    if (!rc && w->ticket) {
        rc = fs_buf_adds(b, "; ticket ");
        if (!rc)
            rc = add(b, w->ticket);
    }
    if (!rc && w->compensating) {
        rc = fs_buf_adds(b, "; compensating control: ");
        if (!rc)
            rc = add(b, w->compensating);
    }
    return rc;
}
