/* SPDX-License-Identifier: Apache-2.0 */
/* Local transport: runs the collector with sh -s on this machine (fork/exec, no shell
 * between us and sh), under the same timeouts, output cap and cancel flag as a remote host. */
#include "transport.h"
#include "../core/err.h"
#include "../core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void close_pair(int p[2])
{
    if (p[0] >= 0)
        close(p[0]);
    if (p[1] >= 0)
        close(p[1]);
}

static int local_run(const struct fs_host *h, const struct fs_run_opts *o, const char *cmd,
                     const char *script, size_t len, struct fs_run_out *out)
{
    (void)h;
    int in[2] = {-1, -1}, so[2] = {-1, -1}, se[2] = {-1, -1};
    pid_t pid = -1;
    int rc = FS_OK;
    if (pipe2(in, O_CLOEXEC) || pipe2(so, O_CLOEXEC) || pipe2(se, O_CLOEXEC)) {
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot create pipes: %s", strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    bool sudo = fs_after_prefix(cmd, "sudo ") != NULL;
    pid = fork();
    if (pid < 0) {
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot fork: %s", strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    if (pid == 0) {
        /* the scan's threads block SIGINT and SIGTERM (the main thread takes them): the
         * collector gets the default mask, so its own watchdog's signals work */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        /* the collector gets SIGPIPE as sshd gives it (floorscan ignores it, and an ignored
         * signal stays ignored across exec and cannot be reset by sh): a producer whose reader
         * is done, such as the file-system walk cut at its budget, stops there */
        (void)signal(SIGPIPE, SIG_DFL);
        setpgid(0, 0);
        dup2(in[0], 0);
        dup2(so[1], 1);
        dup2(se[1], 2);
        if (sudo)
            execlp("sudo", "sudo", "-n", "sh", "-s", (char *)NULL);
        else
            execl("/bin/sh", "sh", "-s", (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    out->collecting = true;
    close(in[0]);
    close(so[1]);
    close(se[1]);
    in[0] = so[1] = se[1] = -1;
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    /* no connection, no login: the host's budget is the collection's */
    bool own = o->collect_timeout_s > 0 && o->collect_timeout_s < o->timeout_s;
    int budget = own ? o->collect_timeout_s : o->timeout_s;
    long long deadline = fs_now_ms() + (long long)budget * 1000;
    size_t written = 0;
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open) {
        struct pollfd p[3] = {{so[0], POLLIN, 0}, {se[0], POLLIN, 0}, {in[1], POLLOUT, 0}};
        nfds_t np = in[1] >= 0 ? 3 : 2;
        if (!out_open)
            p[0].fd = -1;
        if (!err_open)
            p[1].fd = -1;
        long long left = deadline - fs_now_ms();
        if (fs_run_cancelled(o)) {
            fs_run_out_cancelled(out);
            rc = FS_ERR_CANCELLED;
            break;
        }
        if (left <= 0) {
            fs_run_out_fail(out, FS_HOST_TIMEOUT, "timeout during collection after %d s (--%s)",
                            budget, own ? "collect-timeout" : "timeout");
            out->cut = true;
            rc = FS_ERR_TIMEOUT;
            break;
        }
        /* short slices: a cancel is seen within one */
        int pr = poll(p, np, (int)(left > 100 ? 100 : left));
        if (pr < 0 && errno != EINTR) {
            fs_run_out_fail(out, FS_HOST_ERROR, "poll failed: %s", strerror(errno));
            rc = FS_ERR_IO;
            break;
        }
        if (np == 3 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(in[1], script + written, len - written);
            if (w > 0)
                written += (size_t)w;
            if ((w < 0 && errno != EAGAIN) || written == len) {
                close(in[1]);
                in[1] = -1;
            }
        }
        for (int i = 0; i < 2; i++) {
            if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = read(p[i].fd, buf, sizeof buf);
            if (n <= 0) {
                if (n == 0 || errno != EINTR) {
                    if (i == 0)
                        out_open = false;
                    else
                        err_open = false;
                }
                continue;
            }
            struct fs_buf *dst = i == 0 ? &out->out : &out->err;
            size_t room = dst->max - dst->len;
            /* stderr is a diagnostic: what cannot be kept (no memory) is dropped */
            int arc = fs_buf_add(dst, buf, (size_t)n < room ? (size_t)n : room);
            if (i == 0 && arc != FS_OK) {
                fs_run_out_fail(out, FS_HOST_ERROR, "cannot keep the collector output: %s",
                                fs_strerror(arc));
                out_open = err_open = false;
                rc = arc;
            } else if (i == 0 && (size_t)n > room) {
                fs_run_out_fail(out, FS_HOST_ERROR, "collector output exceeded %zu bytes",
                                o->max_output);
                out->cut = true;
                out_open = err_open = false;
                rc = FS_ERR_LIMIT;
            }
        }
    }
    if (rc)
        kill(-pid, SIGKILL);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    out->exit_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
out:
    close_pair(in);
    close_pair(so);
    close_pair(se);
    return rc;
}

const struct fs_transport fs_transport_local = {"local", local_run};
