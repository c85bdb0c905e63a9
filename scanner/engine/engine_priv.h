/* SPDX-License-Identifier: Apache-2.0 */
/* Internal: the libopenscap policy model behind a struct fs_benchmark. */
#ifndef FS_ENGINE_PRIV_H
#define FS_ENGINE_PRIV_H

#include "../core/contract.h"

#include "benchmark.h"

struct xccdf_benchmark;

/* Creates the policy model (which takes ownership of xb) and registers the check engine. */
FS_MUST_USE int fs_engine_attach(struct fs_benchmark *b, struct xccdf_benchmark *xb);
void fs_engine_detach(struct fs_benchmark *b);
struct oscap_source;
/* Imports a tailoring document into the policy model and adds its profiles to b. */
FS_MUST_USE int fs_engine_tailor(struct fs_benchmark *b, struct oscap_source *src,
                                 struct fs_buf *err);
/* Appends the profiles of a struct xccdf_profile_iterator (consumed) to b->profiles. */
FS_MUST_USE int fs_benchmark_add_profiles(struct fs_benchmark *b, void *profile_iterator);

#endif
