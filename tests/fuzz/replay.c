/* SPDX-License-Identifier: Apache-2.0 */
/* Runs a fuzz target without libFuzzer: every file of a corpus directory, then a fixed number
 * of deterministic mutations of each (byte flips, truncations, splices). Used by ctest so
 * the targets run under ASan+UBSan in CI; build with -DFS_FUZZ=ON for real fuzzing. */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void mutate_and_run(const uint8_t *seed, size_t n, int rounds)
{
    uint8_t *buf = malloc(n * 2 + 64);
    if (!buf) {
        perror("replay");
        exit(2);
    }
    for (int r = 0; r < rounds; r++) {
        size_t len = n;
        memcpy(buf, seed, n);
        int edits = 1 + (int)(next() % 8);
        for (int e = 0; e < edits && len; e++) {
            size_t at = (size_t)(next() % len);
            switch (next() % 4) {
            case 0:
                buf[at] = (uint8_t)next();
                break;
            case 1:
                len = at;
                break;
            case 2: /* duplicate a span */
                if (len + 32 <= n * 2 + 64) {
                    size_t span = (size_t)(next() % 32);
                    if (at + span <= len) {
                        memmove(buf + at + span, buf + at, len - at);
                        len += span;
                    }
                }
                break;
            default:
                buf[at] = (uint8_t) "\n\0:# @=-\"'$"[next() % 11];
                break;
            }
        }
        LLVMFuzzerTestOneInput(buf, len);
    }
    free(buf);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CORPUS_DIR ROUNDS\n", argv[0]);
        return 2;
    }
    char *end;
    long rounds = strtol(argv[2], &end, 10);
    if (end == argv[2] || *end != '\0' || rounds < 0 || rounds > INT_MAX) {
        fprintf(stderr, "%s: ROUNDS is a number from 0 to %d, not '%s'\n", argv[0], INT_MAX,
                argv[2]);
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 2;
    }
    struct dirent *de;
    int files = 0;
    /* cppcheck-suppress readdirCalled ; one thread, one stream: readdir_r is deprecated */
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], de->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static uint8_t data[1 << 20];
        size_t n = fread(data, 1, sizeof data, f);
        (void)fclose(f); /* read only: nothing to lose */
        LLVMFuzzerTestOneInput(data, n);
        mutate_and_run(data, n, (int)rounds);
        files++;
    }
    closedir(d);
    printf("replayed %d corpus files with %ld mutations each\n", files, rounds);
    return files > 0 ? 0 : 1;
}
