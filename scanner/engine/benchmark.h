/* SPDX-License-Identifier: Apache-2.0 */
/* The XCCDF benchmark (libopenscap) and floorscan's check system registered into it. */
#ifndef FS_BENCHMARK_H
#define FS_BENCHMARK_H

#include "../core/contract.h"

#include "../collect/facts.h"
#include "../core/buf.h"
#include "../inventory/inventory.h"
#include "result.h"

#include <stddef.h>

/* The XCCDF check system floorscan's rules name in <check system="...">. */
#define FS_CHECK_SYSTEM "urn:floorscan:check:1"
/* The check-content-ref name of rules that people, not checks, decide. */
#define FS_CHECK_MANUAL "manual"

struct fs_site;

struct fs_profile {
    char *id;
    const char *short_name; /* after "_profile_" */
    char *title;
};

struct fs_benchmark {
    char *path;
    char *tailoring_path; /* NULL without --tailoring */
    char *tailoring_id;
    char *id;
    char *version;
    char *principle_titles[FS_PRINCIPLES];
    struct fs_rule *rules;
    size_t nrules;
    struct fs_profile *profiles;
    size_t nprofiles;
    char **value_ids; /* XCCDF Value ids, for resolving values per profile */
    size_t nvalues;
    void *priv; /* libopenscap state */
    /* The site model the zone rules judge against (--zones), not owned; NULL without one.
     * With it every profile also collects net_listen, the flows of the fleet analysis. */
    const struct fs_site *site;
};

/* Loads and schema-validates a benchmark. err names the file and the problem. */
FS_MUST_USE int fs_benchmark_load(struct fs_benchmark **out, const char *path, struct fs_buf *err);
void fs_benchmark_free(struct fs_benchmark *b);
/* Applies a standard XCCDF tailoring file (as oscap --tailoring-file accepts): its profiles
 * join the benchmark's and may refine values and change selections. */
FS_MUST_USE int fs_benchmark_tailor(struct fs_benchmark *b, const char *path, struct fs_buf *err);
/* Finds a profile by short name ("build-server") or full XCCDF id. */
const struct fs_profile *fs_benchmark_profile(const struct fs_benchmark *b, const char *name);
const struct fs_rule *fs_benchmark_rule(const struct fs_benchmark *b, const char *short_id);
/* Whether the profile selects the rule. */
bool fs_benchmark_selected(struct fs_benchmark *b, const struct fs_profile *p,
                           const struct fs_rule *r);
/* The fact ids the profile's rules read (static strings; caller frees the array). */
FS_MUST_USE int fs_benchmark_profile_facts(struct fs_benchmark *b, const struct fs_profile *p,
                                           const char ***ids, size_t *n);

/* The values the profile binds (short names var_... -> value), after refine-value, set-value
 * and tailoring: the collector reads some of them (directories to search, packages). */
FS_MUST_USE int fs_benchmark_profile_values(struct fs_benchmark *b, const struct fs_profile *p,
                                            struct fs_kvlist *out);

/* Checks every value of every profile against its declared format (checks/values.h); err names
 * origin (the benchmark or tailoring file), the profile, the value and what is wrong. Run by
 * fs_benchmark_load and fs_benchmark_tailor, so no invalid value reaches a check or a device. */
FS_MUST_USE int fs_benchmark_check_values(struct fs_benchmark *b, const char *origin,
                                          struct fs_buf *err);

/* The XCCDF result (libopenscap's xccdf_test_result_type_t) of a floorscan result: one
 * mapping for the check engine's answer to libopenscap and for the XCCDF writers. */
int fs_result_xccdf(enum fs_result r);

/* Evaluates the profile for one host from its facts. Fills out->results (one per selected
 * rule, evidence included), the scores, out->evaluated and out->privileged: results only, the
 * writers in reports/ build every document (XCCDF TestResults too) from them.
 * Not thread-safe: evaluate hosts one after another. */
FS_MUST_USE int fs_benchmark_evaluate(struct fs_benchmark *b, const struct fs_profile *p,
                                      const struct fs_host *host, const struct fs_facts *facts,
                                      struct fs_host_result *out);

/* The libopenscap objects behind b, for the XCCDF and ARF writers: the benchmark (owned by b,
 * clone it to add results) and the policy of a profile id (NULL when there is none). */
struct xccdf_benchmark;
struct xccdf_policy;
struct xccdf_benchmark *fs_benchmark_xccdf(const struct fs_benchmark *b);
struct xccdf_policy *fs_benchmark_policy(const struct fs_benchmark *b, const char *profile_id);

#endif
