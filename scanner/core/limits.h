/* SPDX-License-Identifier: Apache-2.0 */
/* Every size cap of floorscan in one place: what a device, a file or a report may make us hold. */
#ifndef FS_LIMITS_H
#define FS_LIMITS_H

#include <stddef.h>

#define FS_KIB ((size_t)1024)
#define FS_MIB (FS_KIB * 1024)

/* Bytes of collector output kept per host (stdout of the one script). */
#define FS_HOST_OUTPUT_MAX (16 * FS_MIB)
/* Bytes of stderr kept per host (first lines of a failing login or sudo). */
#define FS_HOST_STDERR_MAX (4 * FS_KIB)
/* Per-fact output cap enforced on the device (head -c) and again by the parser. */
#define FS_FACT_MAX_BYTES (256u * 1024)
/* The same for facts flagged big (one line per account): 100 000 accounts fit. */
#define FS_FACT_MAX_BIG_BYTES (8u * 1024 * 1024)
/* Probe reports one fact may send (a walk reporting a failure per file sends many); a fact with
 * more is unproven rather than letting a device make the parser work without bound. */
#define FS_FACT_MAX_REPORTS 4096
/* Marker lines one run may send: about ten per fact for the largest profile, and room for
 * per-file reports. The rest of a flood is ignored, so parsing stays linear and bounded. */
#define FS_FRAMES_MAX (1u << 18)
/* Bytes of the collector script sent to one host. */
#define FS_SCRIPT_MAX FS_MIB
/* Bytes of an inventory file. */
#define FS_INVENTORY_MAX_BYTES (16 * FS_MIB)
/* The waiver register: bytes of the file, waivers in it, and bytes of text the loaded register
 * may hold (YAML aliases can repeat one long string many times). */
#define FS_WAIVERS_MAX_BYTES      (4 * FS_MIB)
#define FS_WAIVERS_MAX            10000
#define FS_WAIVERS_MAX_TEXT_BYTES (16 * FS_MIB)
/* Bytes of one error message (a command's err buffer; a nested one is smaller). */
#define FS_ERRBUF_MAX        (8 * FS_KIB)
#define FS_ERRBUF_NESTED_MAX (4 * FS_KIB)
/* floorscan history's table (-l and --since narrow a larger one). */
#define FS_HISTORY_OUT_MAX (64 * FS_MIB)
/* Bytes of a one-line reason a helper hands back (a writer's why, the auth methods tried). */
#define FS_REASON_MAX     FS_KIB
#define FS_AUTH_TRIED_MAX (2 * FS_KIB)
/* Bytes of why a value does not fit its format (a word of it, escaped, and the format). */
#define FS_VALUE_WHY_MAX 512
/* Bytes of the shown text of a check's list of items (the items themselves are all kept). */
#define FS_LIST_TEXT_MAX (4 * FS_KIB)
/* Bytes a check may format before its evidence is cut to the evidence cap. */
#define FS_VERDICT_RAW_MAX FS_MIB
/* Bytes of a path built by floorscan (output files, key files next to an inventory). */
#define FS_PATH_MAX 4096
/* Bytes of a report file name inside the output directory. */
#define FS_OUTFILE_NAME_MAX 200
/* Report caps: the largest report of each format floorscan writes or reads back. */
#define FS_REPORT_HTML_MAX       ((size_t)1 << 30)
#define FS_REPORT_CSV_MAX        (512 * FS_MIB)
#define FS_REPORT_ARF_INPUT_MAX  (256 * FS_MIB)
#define FS_REPORT_JUNIT_CASE_MAX (64 * FS_MIB)
/* Output formats one command may write. */
#define FS_FORMATS_MAX 8

#endif
