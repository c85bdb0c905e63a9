/* SPDX-License-Identifier: Apache-2.0 */
/* The shared file-system walk: one bounded find on the device (scanner/collect/facts/walk.sh)
 * whose output is split here into the facts that walk file systems. */
#ifndef FS_WALK_H
#define FS_WALK_H

#include "../core/contract.h"
#include "facts.h"

#include <stdbool.h>
#include <stddef.h>

/* The fact id of the walk itself: its frame is split into its parts and then removed. */
#define FS_WALK_FACT "walk"
/* The walk's budget per host (documented in docs/benchmarks.md): files (every entry the walk
 * meets: files, directories, links) and seconds. A walk cut at either makes every part of it
 * unproven ("file-system walk cut after N files / S s"), never an empty, passing list. */
#define FS_WALK_MAX_FILES 200000u
#define FS_WALK_MAX_S     60u

/* One fact the walk gives: the tag of its lines in the walk's output and its fact id. */
struct fs_walk_part {
    char tag;
    const char *fact;
};
/* Sorted by fact id. */
extern const struct fs_walk_part fs_walk_parts[];
extern const size_t fs_walk_parts_count;

/* The part for a fact id, or NULL when the fact is not a part of the walk. */
const struct fs_walk_part *fs_walk_part_for(const char *fact);
/* Whether facts accepts some part of the walk (so the walk's frame is wanted). */
bool fs_walk_wanted(const struct fs_facts *facts);
/* Splits the walk's fact (if any) into its parts, each with the walk's proof, and removes it.
 * Lines the walk did not write mark every part unproven. */
FS_MUST_USE int fs_walk_split(struct fs_facts *facts);

#endif
