/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan merge: results.json documents (shards of one fleet run, or separate scans) joined
 * into one, as a single full scan would have written it. */
#ifndef FS_MERGE_H
#define FS_MERGE_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* One results.json to join: the document (already read by fs_report_load_doc, so its members
 * have their types) and its file name for messages. */
struct fs_merge_input {
    json_t *doc;
    const char *name;
};

/* Joins n >= 1 documents into *out (a new document the caller json_decref()s), refusing with
 * FS_ERR_INVAL and err naming both files and what differs when two of them were made with
 * different benchmarks (id or SHA-256), tailorings (SHA-256, or one without), profiles (the -p
 * each run recorded in "profile", when both record it), waiver registers (SHA-256, or one
 * without) or registers whose entries stand differently on their judging days, or site models
 * (--zones: SHA-256, or the zones and conduits where a digest is missing; or one without), when
 * a host name is in two of them, or (unless gate_given: the caller sets "gate") different
 * gates.
 *
 * The result: the first document's members, with every host of every input, ordered by
 * "inventory_index" when every host has one (ties in argument order), else in argument order;
 * "started" the earliest, "finished" the latest; the register of the earliest judging day with
 * each entry's "matched" summed; "incomplete" when any input is; no "summary" (the writers
 * compute it), "history" or "drift" (the merged result is no stored run), and no "fleet" (the
 * reader recomputes the fleet analysis from "site" and every host's "flows"). */
FS_MUST_USE int fs_results_merge(const struct fs_merge_input *in, size_t n, bool gate_given,
                                 json_t **out, struct fs_buf *err);

#endif
