/* SPDX-License-Identifier: Apache-2.0 */
/* The scan's progress on stderr (see progress.h). One lock keeps the threads' events and the
 * status line apart; the status line is drawn with \r and spaces over what is left of the
 * previous one (no escape sequence: fine on TERM=dumb and with NO_COLOR), and cleared before
 * any other line reaches stderr (fs_log's guard) and at the end. */
#include "progress.h"
#include "core/err.h"
#include "core/util.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_MS   250 /* at most about 4 redraws a second */
#define LINE_MAX_B  1024
#define NAME_SHOWN  40 /* a host name in the status line is cut to this many bytes */
#define WIDTH_SPARE 1  /* the last column stays empty: some terminals wrap on it */

struct fs_progress {
    enum fs_progress_mode mode; /* resolved: never auto */
    FILE *out;
    int fd;
    pthread_mutex_t lock;
    size_t total;
    int jobs;
    const char *const *names;
    long long *since; /* per host: fs_now_ms() at its start while it runs, else 0 */
    size_t running, done, not_scanned, failing;
    double sum_s; /* seconds of the finished hosts */
    long long t0, last_draw;
    size_t drawn; /* bytes of the status line on the screen (0: none) */
    bool interrupted;
};

int fs_progress_mode_parse(const char *s, enum fs_progress_mode *out)
{
    static const struct {
        const char *name;
        enum fs_progress_mode mode;
    } modes[] = {{"auto", FS_PROGRESS_AUTO},
                 {"json", FS_PROGRESS_JSON},
                 {"lines", FS_PROGRESS_LINES},
                 {"none", FS_PROGRESS_NONE},
                 {"tty", FS_PROGRESS_TTY}};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strcmp(s, modes[i].name) == 0) {
            *out = modes[i].mode;
            return FS_OK;
        }
    }
    return FS_ERR_INVAL;
}

/* --- pure parts ---------------------------------------------------------------------------- */

double fs_progress_eta(size_t done, size_t total, double mean_s, int jobs)
{
    if (done >= total)
        return 0;
    if (done == 0 || mean_s < 0)
        return -1;
    size_t left = total - done;
    size_t par = jobs > 0 ? (size_t)jobs : 1;
    if (par > left)
        par = left;
    return mean_s * (double)left / (double)par;
}

void fs_progress_duration(double s, char *out, size_t n)
{
    if (s < 0) {
        snprintf(out, n, "?");
        return;
    }
    long long t = (long long)(s + 0.5);
    if (t < 60)
        snprintf(out, n, "%llds", t);
    else if (t < 3600)
        snprintf(out, n, "%lldm%02llds", t / 60, t % 60);
    else
        snprintf(out, n, "%lldh%02lldm", t / 3600, (t % 3600) / 60);
}

bool fs_progress_host_failed(const struct fs_host_result *r)
{
    if (r->status != FS_HOST_SCANNED)
        return true;
    return r->score.fail > r->score.waived;
}

/* One candidate line: the parts asked for. */
static int line_parts(const struct fs_progress_view *v, bool current, bool slowest, bool eta,
                      struct fs_buf *b)
{
    char el[32], left[32], slow[32];
    fs_progress_duration(v->elapsed_s, el, sizeof el);
    fs_progress_duration(v->eta_s, left, sizeof left);
    fs_progress_duration(v->slowest_s, slow, sizeof slow);
    fs_buf_reset(b);
    int rc = fs_buf_addf(b, "[%zu/%zu] ", v->done, v->total);
    if (v->interrupted)
        rc |= fs_buf_adds(b, "INTERRUPTED, stopping: ");
    rc |= fs_buf_addf(b, "%zu running", v->running);
    if (current && v->current)
        rc |= fs_buf_addf(b, " (%s)", v->current);
    rc |= fs_buf_addf(b, " | failures %zu", v->not_scanned + v->failing);
    if (v->not_scanned + v->failing)
        rc |= fs_buf_addf(b, " (%zu not scanned, %zu failing rules)", v->not_scanned, v->failing);
    rc |= fs_buf_addf(b, " | %s", el);
    if (eta && !v->interrupted)
        rc |= fs_buf_addf(b, ", ETA %s", left);
    if (slowest && v->slowest)
        rc |= fs_buf_addf(b, " | slowest %s %s", v->slowest, slow);
    return rc ? FS_ERR_NOMEM : FS_OK;
}

int fs_progress_line(const struct fs_progress_view *v, size_t width, struct fs_buf *out)
{
    /* the parts, most first; the first candidate that fits wins */
    static const bool keep[][3] = {
        {true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}};
    struct fs_buf b;
    fs_buf_init(&b, LINE_MAX_B);
    int rc = FS_OK;
    for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
        if ((rc = line_parts(v, keep[k][0], keep[k][1], keep[k][2], &b)))
            goto out;
        if (b.len <= width)
            break;
    }
    size_t n = b.len;
    if (n > width) {
        n = width;
        while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
            n--; /* b.data[n] continues a character: cut before the character */
    }
    rc = fs_buf_add(out, b.data, n);
out:
    fs_buf_dispose(&b);
    return rc;
}

/* --- the display ------------------------------------------------------------------------- */

static size_t term_width(int fd)
{
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > WIDTH_SPARE + 10)
        return (size_t)ws.ws_col - WIDTH_SPARE;
    return 80 - WIDTH_SPARE;
}

static void clear_locked(struct fs_progress *p)
{
    if (p->drawn) {
        /* nowhere to report a failed terminal write */
        (void)fprintf(p->out, "\r%*s\r", (int)p->drawn, "");
        (void)fflush(p->out);
        p->drawn = 0;
    }
}

static void guard_before(void *ud)
{
    struct fs_progress *p = ud;
    pthread_mutex_lock(&p->lock);
    clear_locked(p);
}

static void guard_after(void *ud)
{
    struct fs_progress *p = ud;
    pthread_mutex_unlock(&p->lock);
}

/* A printable, bounded copy of a host name (NULL on no memory). */
static char *shown_name(const char *name)
{
    struct fs_buf b;
    fs_buf_init(&b, NAME_SHOWN);
    bool cut = false;
    /* bounded: cut at a character boundary; only no memory fails, and then no name */
    fs_best_effort(fs_buf_add_printable_cut(&b, name ? name : "?", name ? strlen(name) : 1, &cut));
    return fs_buf_steal(&b);
}

static void draw_locked(struct fs_progress *p, long long now)
{
    struct fs_progress_view v = {.done = p->done,
                                 .total = p->total,
                                 .running = p->running,
                                 .not_scanned = p->not_scanned,
                                 .failing = p->failing,
                                 .elapsed_s = (double)(now - p->t0) / 1000.0,
                                 .interrupted = p->interrupted};
    v.eta_s =
        fs_progress_eta(p->done, p->total, p->done ? p->sum_s / (double)p->done : -1, p->jobs);
    size_t cur = p->total, slow = p->total;
    for (size_t i = 0; i < p->total; i++) {
        if (!p->since[i])
            continue;
        if (cur == p->total || p->since[i] > p->since[cur])
            cur = i; /* the latest started */
        if (slow == p->total || p->since[i] < p->since[slow])
            slow = i;
    }
    char *curname = cur < p->total ? shown_name(p->names[cur]) : NULL;
    char *slowname = slow < p->total ? shown_name(p->names[slow]) : NULL;
    v.current = curname;
    v.slowest = slowname;
    v.slowest_s = slow < p->total ? (double)(now - p->since[slow]) / 1000.0 : 0;
    struct fs_buf line;
    fs_buf_init(&line, LINE_MAX_B);
    if (fs_progress_line(&v, term_width(p->fd), &line) == FS_OK) {
        /* spaces over the rest of a longer previous line; a status line is best effort */
        int pad = p->drawn > line.len ? (int)(p->drawn - line.len) : 0;
        (void)fprintf(p->out, "\r%s%*s", line.data ? line.data : "", pad, "");
        if (pad)
            (void)fprintf(p->out, "\r%s", line.data ? line.data : "");
        (void)fflush(p->out);
        p->drawn = line.len;
    }
    p->last_draw = now;
    fs_buf_dispose(&line);
    free(curname);
    free(slowname);
}

/* One JSON event line; obj is consumed. */
static void emit_locked(struct fs_progress *p, json_t *obj)
{
    char when[32];
    fs_rfc3339(time(NULL), when, sizeof when);
    if (obj && json_object_set_new(obj, "time", json_string(when)) == 0) {
        char *s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        if (s) {
            (void)fprintf(p->out, "%s\n", s); /* a progress event is best effort */
            (void)fflush(p->out);
        }
        free(s);
    }
    json_decref(obj);
}

/* A JSON string of printable text (json null for NULL). */
static json_t *jtext(const char *s)
{
    if (!s)
        return json_null();
    char *p = fs_printable_dup(s);
    json_t *j = p ? json_string(p) : NULL;
    free(p);
    return j ? j : json_null();
}

struct fs_progress *fs_progress_new(enum fs_progress_mode mode, FILE *out, size_t total, int jobs,
                                    const char *const *names)
{
    struct fs_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->since = calloc(total ? total : 1, sizeof *p->since);
    if (!p->since) {
        free(p);
        return NULL;
    }
    p->out = out;
    p->fd = fileno(out);
    if (mode == FS_PROGRESS_AUTO)
        mode = isatty(p->fd) == 1 ? FS_PROGRESS_TTY : FS_PROGRESS_LINES;
    p->mode = mode;
    p->total = total;
    p->jobs = jobs;
    p->names = names;
    p->t0 = fs_now_ms();
    pthread_mutex_init(&p->lock, NULL);
    if (p->mode == FS_PROGRESS_TTY)
        fs_log_set_guard(guard_before, guard_after, p);
    return p;
}

void fs_progress_free(struct fs_progress *p)
{
    if (!p)
        return;
    if (p->mode == FS_PROGRESS_TTY)
        fs_log_set_guard(NULL, NULL, NULL);
    clear_locked(p);
    pthread_mutex_destroy(&p->lock);
    free(p->since);
    free(p);
}

void fs_progress_start(struct fs_progress *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    if (p->mode == FS_PROGRESS_JSON)
        emit_locked(p, json_pack("{s:s, s:I, s:i}", "event", "start", "hosts", (json_int_t)p->total,
                                 "jobs", p->jobs));
    else if (p->mode == FS_PROGRESS_TTY)
        draw_locked(p, fs_now_ms());
    pthread_mutex_unlock(&p->lock);
}

void fs_progress_host_start(struct fs_progress *p, size_t i)
{
    if (!p || i >= p->total)
        return;
    pthread_mutex_lock(&p->lock);
    long long now = fs_now_ms();
    p->since[i] = now ? now : 1;
    p->running++;
    if (p->mode == FS_PROGRESS_JSON)
        emit_locked(p, json_pack("{s:s, s:o, s:I}", "event", "host-start", "host",
                                 jtext(p->names[i]), "index", (json_int_t)i));
    else if (p->mode == FS_PROGRESS_TTY && now - p->last_draw >= REDRAW_MS)
        draw_locked(p, now);
    pthread_mutex_unlock(&p->lock);
}

static unsigned open_fails(const struct fs_host_result *r)
{
    return r->score.fail > r->score.waived ? r->score.fail - r->score.waived : 0;
}

static void done_line_locked(struct fs_progress *p, size_t i, const struct fs_host_result *r)
{
    char score[16] = "-";
    if (r->score.has_score)
        snprintf(score, sizeof score, "%.1f", r->score.score);
    char *name = fs_printable_dup(p->names[i]);
    char *err = fs_printable_dup(r->error ? r->error : "");
    (void)fprintf(p->out, "[%zu/%zu] %-20s %-16s score %-6s %s\n", p->done, p->total,
                  name ? name : "?", fs_host_status_name(r->status), score, err ? err : "");
    (void)fflush(p->out);
    free(name);
    free(err);
}

void fs_progress_host_done(struct fs_progress *p, size_t i, const struct fs_host_result *r)
{
    if (!p || i >= p->total)
        return;
    pthread_mutex_lock(&p->lock);
    long long now = fs_now_ms();
    double secs = p->since[i] ? (double)(now - p->since[i]) / 1000.0 : 0;
    if (p->since[i]) {
        p->since[i] = 0;
        p->running--;
        p->sum_s += secs;
    }
    p->done++;
    if (r->status != FS_HOST_SCANNED)
        p->not_scanned++;
    else if (fs_progress_host_failed(r))
        p->failing++;
    switch (p->mode) {
    case FS_PROGRESS_JSON:
        emit_locked(p, json_pack("{s:s, s:o, s:I, s:I, s:I, s:s, s:o, s:I, s:o, s:f}", "event",
                                 "host-done", "host", jtext(p->names[i]), "index", (json_int_t)i,
                                 "done", (json_int_t)p->done, "total", (json_int_t)p->total,
                                 "status", fs_host_status_name(r->status), "score",
                                 r->score.has_score ? json_real(r->score.score) : json_null(),
                                 "fail", (json_int_t)open_fails(r), "error", jtext(r->error),
                                 "seconds", secs));
        break;
    case FS_PROGRESS_LINES:
        done_line_locked(p, i, r);
        break;
    case FS_PROGRESS_TTY:
        draw_locked(p, now);
        break;
    default:
        break;
    }
    pthread_mutex_unlock(&p->lock);
}

void fs_progress_interrupt(struct fs_progress *p, const char *signal_name, int grace_s)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->interrupted = true;
    if (p->mode == FS_PROGRESS_JSON) {
        emit_locked(p,
                    json_pack("{s:s, s:s, s:I, s:i}", "event", "interrupt", "signal", signal_name,
                              "running", (json_int_t)p->running, "grace_s", grace_s));
    } else if (p->mode != FS_PROGRESS_NONE) {
        /* a line of its own: it stays on the screen above the status line */
        clear_locked(p);
        (void)fprintf(p->out,
                      "floorscan: %s: no new hosts; %zu running get %d s to finish, then are "
                      "cancelled (again to exit at once)\n",
                      signal_name, p->running, grace_s);
        (void)fflush(p->out);
        if (p->mode == FS_PROGRESS_TTY)
            draw_locked(p, fs_now_ms());
    }
    pthread_mutex_unlock(&p->lock);
}

void fs_progress_tick(struct fs_progress *p)
{
    if (!p || p->mode != FS_PROGRESS_TTY)
        return;
    pthread_mutex_lock(&p->lock);
    long long now = fs_now_ms();
    if (now - p->last_draw >= REDRAW_MS)
        draw_locked(p, now);
    pthread_mutex_unlock(&p->lock);
}

void fs_progress_end(struct fs_progress *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    clear_locked(p);
    if (p->mode == FS_PROGRESS_JSON)
        emit_locked(p, json_pack("{s:s, s:I, s:I, s:I, s:I, s:b, s:f}", "event", "end", "hosts",
                                 (json_int_t)p->total, "done", (json_int_t)p->done, "not_scanned",
                                 (json_int_t)p->not_scanned, "failing", (json_int_t)p->failing,
                                 "interrupted", p->interrupted, "seconds",
                                 (double)(fs_now_ms() - p->t0) / 1000.0));
    pthread_mutex_unlock(&p->lock);
}
