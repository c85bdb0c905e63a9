/* SPDX-License-Identifier: Apache-2.0 */
/* Labels and one-line summaries of the fleet analysis for the text formats (fleet_text.h). */
#include "fleet_text.h"

#include "../scanner/core/err.h"

#include <string.h>

static int add_printable(struct fs_buf *b, const char *s)
{
    return fs_buf_add_printable(b, s ? s : "", s ? strlen(s) : 0);
}

int fs_fleet_conduit_ports(struct fs_buf *b, const struct fs_conduit *c)
{
    int rc = FS_OK;
    for (size_t k = 0; k < c->nports && !rc; k++) {
        const struct fs_port_range *p = &c->ports[k];
        char proto[sizeof p->proto + 1];
        /* the model's own text, bounded: "tcp" or "udp" */
        memcpy(proto, p->proto, sizeof p->proto);
        proto[sizeof p->proto] = '\0';
        if (p->lo == p->hi)
            rc = fs_buf_addf(b, "%s%s/%u", k ? "," : "", proto, p->lo);
        else
            rc = fs_buf_addf(b, "%s%s/%u-%u", k ? "," : "", proto, p->lo, p->hi);
    }
    return rc;
}

int fs_fleet_conduit_label(struct fs_buf *b, const struct fs_site *s, size_t i)
{
    const struct fs_conduit *c = &s->conduits[i];
    const char *from = c->from < s->nzones ? s->zones[c->from].name : "?";
    const char *to = c->to < s->nzones ? s->zones[c->to].name : "?";
    int rc = add_printable(b, from);
    if (!rc)
        rc = fs_buf_adds(b, " -> ");
    if (!rc)
        rc = add_printable(b, to);
    if (!rc && c->nports)
        rc = fs_buf_adds(b, " ");
    return rc ? rc : fs_fleet_conduit_ports(b, c);
}

const char *fs_fleet_site_name(const struct fs_site *s)
{
    if (!s->path || !*s->path)
        return "site model";
    const char *slash = strrchr(s->path, '/');
    return slash && slash[1] ? slash + 1 : s->path;
}

int fs_fleet_zone_rollup(struct fs_buf *b, const struct fs_zone *z,
                         const struct fs_zone_summary *zs)
{
    int rc = z->security_level ? fs_buf_addf(b, "target SL %d; ", z->security_level)
                               : fs_buf_adds(b, "no target SL; ");
    if (!rc)
        rc = fs_buf_addf(b, "%zu host%s", zs->hosts, zs->hosts == 1 ? "" : "s");
    if (!rc && zs->hosts_misplaced)
        rc = fs_buf_addf(b, " (%zu misplaced)", zs->hosts_misplaced);
    if (!rc && zs->has_score)
        rc = fs_buf_addf(b, "; score %.1f", zs->score);
    for (size_t k = 0; k < zs->nsrs && !rc; k++) {
        const struct fs_sr_rollup *sr = &zs->srs[k];
        rc = fs_buf_adds(b, k ? ", " : "; IEC 62443-3-3 roll-up: ");
        if (!rc)
            rc = add_printable(b, sr->sr);
        if (!rc)
            rc = fs_buf_addf(b, " %s", fs_result_name(sr->met));
        if (!rc && sr->hosts_failing)
            rc = fs_buf_addf(b, " (%u host%s)", sr->hosts_failing,
                             sr->hosts_failing == 1 ? "" : "s");
    }
    return rc;
}

int fs_fleet_conduit_summary(struct fs_buf *b, const struct fs_conduit *c,
                             const struct fs_conduit_summary *cs)
{
    int rc = FS_OK;
    if (c->purpose && *c->purpose) {
        rc = fs_buf_adds(b, "purpose: ");
        if (!rc)
            rc = add_printable(b, c->purpose);
        if (!rc)
            rc = fs_buf_adds(b, "; ");
    }
    return rc ? rc : fs_buf_addf(b, "%zu flow%s observed", cs->flows, cs->flows == 1 ? "" : "s");
}
