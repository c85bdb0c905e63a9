/* SPDX-License-Identifier: Apache-2.0 */
/* Test shim (LD_PRELOAD) for the accept-new race: opening a file whose path holds
 * "kh-race" for appending waits 300 ms, so the window between a known_hosts check and the
 * write accept-new makes is wide enough for every racing scan to fall into it. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef FILE *(*fopen_fn)(const char *, const char *);

static FILE *slow(const char *name, const char *path, const char *mode)
{
    fopen_fn real = (fopen_fn)dlsym(RTLD_NEXT, name);
    if (path && mode && mode[0] == 'a' && strstr(path, "kh-race"))
        nanosleep(&(struct timespec){.tv_nsec = 300000000}, NULL);
    return real(path, mode);
}

FILE *fopen(const char *path, const char *mode);
FILE *fopen64(const char *path, const char *mode);

FILE *fopen(const char *path, const char *mode)
{
    return slow("fopen", path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    return slow("fopen64", path, mode);
}
