/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet runner: -j worker threads each take the next host, build its collector script,
 * run it over the host's transport and queue the raw output; the main thread parses and
 * evaluates finished hosts one by one (libopenscap evaluation is not thread-safe). */
#include "scan.h"
#include "../collect/script.h"
#include "../core/err.h"
#include "../core/limits.h"
#include "../core/util.h"
#include "../progress.h"
#include "../zones/flows.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The main thread looks at the interrupt flag and redraws progress this often at least. */
#define TICK_MS 250

/* What the collector of a profile asks for, computed once per profile on the main thread
 * (libopenscap is not thread-safe) and shared read-only by every host of that profile. */
struct per_profile {
    const struct fs_profile *p;
    const char **facts;
    size_t nfacts;
    struct fs_kvlist values; /* the profile's values, for the collector */
};

struct job {
    const struct fs_host *host;
    const struct fs_profile *profile;
    const struct per_profile *pp; /* the facts and values of the host's profile */
    char nonce[FS_NONCE_HEX + 1];
    char started[32];
    struct fs_run_out run;
    bool done;
    bool evaluated;
};

struct fleet {
    const struct fs_scan_opts *o;
    struct fs_run_opts run; /* o->run with the cancel flag */
    struct job *jobs;
    size_t n;
    size_t next;        /* jobs taken by a worker: jobs[0..next) */
    bool stopping;      /* interrupted: workers take no new job */
    atomic_bool cancel; /* the grace is over: running hosts stop at their next wait */
    long long grace_end;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct per_profile *pps; /* one per profile in use */
    size_t npps;
};

const struct fs_profile *fs_scan_profile_for(const struct fs_benchmark *b, const struct fs_host *h,
                                             const char *override)
{
    if (override)
        return fs_benchmark_profile(b, override);
    const struct fs_profile *p = h->role ? fs_benchmark_profile(b, h->role) : NULL;
    return p ? p : fs_benchmark_profile(b, "baseline");
}

static bool login_is_root(const struct fs_host *h)
{
    if (h->local || !h->user)
        return geteuid() == 0;
    return strcmp(h->user, "root") == 0;
}

static void run_job(struct fleet *f, struct job *j)
{
    struct fs_buf script;
    fs_buf_init(&script, FS_SCRIPT_MAX);
    fs_rfc3339(time(NULL), j->started, sizeof j->started);
    fs_run_out_init(&j->run, f->o->run.max_output);
    struct fs_script_opts so = fs_script_opts_default();
    so.fact_timeout_s = (unsigned)f->o->fact_timeout_s;
    so.priority = f->o->device_priority;
    if (!j->pp->facts || fs_random_hex(j->nonce, FS_NONCE_HEX / 2) != FS_OK ||
        fs_script_build_opts(&script, j->nonce, j->pp->facts, j->pp->nfacts, &j->pp->values, &so) !=
            FS_OK) {
        fs_run_out_fail(&j->run, FS_HOST_ERROR, "cannot build the collector script");
        goto out;
    }
    const struct fs_transport *t = fs_transport_for(j->host);
    const char *cmd = fs_transport_command(j->host, login_is_root(j->host));
    t->run(j->host, &f->run, cmd, fs_buf_cstr(&script), script.len, &j->run);
out:
    fs_buf_dispose(&script);
}

static void *worker(void *arg)
{
    struct fleet *f = arg;
    for (;;) {
        pthread_mutex_lock(&f->lock);
        size_t i = !f->stopping && f->next < f->n ? f->next++ : f->n;
        pthread_mutex_unlock(&f->lock);
        if (i >= f->n)
            break;
        struct job *j = &f->jobs[i];
        fs_progress_host_start(f->o->progress, i);
        run_job(f, j);
        pthread_mutex_lock(&f->lock);
        j->done = true;
        pthread_cond_signal(&f->cond);
        pthread_mutex_unlock(&f->lock);
    }
    return NULL;
}

/* First line of hostile text, printable and bounded. */
static char *first_line(const char *s, size_t len, size_t max)
{
    struct fs_buf b;
    fs_buf_init(&b, max + 16);
    size_t n = 0;
    while (n < len && s[n] != '\n' && s[n] != '\r')
        n++;
    /* cut at the cap (whole characters); no memory leaves "" */
    fs_best_effort(fs_buf_add_printable_cut(&b, s, n > max ? max : n, NULL));
    return fs_buf_steal(&b);
}

/* The value of KEY="..." in os-release text. */
static char *os_release_value(const struct fs_fact *f, const char *key)
{
    size_t klen = strlen(key);
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if ((size_t)(le - p) > klen + 1 && memcmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            if (*v == '"' || *v == '\'')
                v++;
            const char *ve = le;
            if (ve > v && (ve[-1] == '"' || ve[-1] == '\''))
                ve--;
            return first_line(v, (size_t)(ve - v), 200);
        }
        p = le + 1;
    }
    return NULL;
}

/* The number after "key " on a line of f, or false. */
static bool fact_number(const struct fs_fact *f, const char *key, double *out)
{
    size_t klen = strlen(key);
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        char num[32];
        size_t n = (size_t)(le - p);
        if (n > klen + 1 && n - klen - 1 < sizeof num && memcmp(p, key, klen) == 0 &&
            p[klen] == ' ') {
            memcpy(num, p + klen + 1, n - klen - 1);
            num[n - klen - 1] = '\0';
            /* "hz 100 assumed": the number is the first word */
            char *sp = strchr(num, ' ');
            if (sp)
                *sp = '\0';
            char *e;
            double v = strtod(num, &e);
            if (e == num || *e || !(v >= 0 && v < 1e15))
                return false;
            *out = v;
            return true;
        }
        p = le + 1;
    }
    return false;
}

/* The collector's cost (sys_cost) and priority (sys_collector) on the device. */
static void device_cost(const struct fs_facts *facts, struct fs_host_result *r)
{
    const struct fs_fact *f = fs_facts_get(facts, "sys_cost");
    double ticks, hz, start, up;
    if (fs_fact_proven(f) && fact_number(f, "ticks", &ticks) && fact_number(f, "hz", &hz) &&
        hz >= 1 && fact_number(f, "start", &start) && fact_number(f, "uptime", &up) &&
        up >= start / hz) {
        r->has_device_cpu = true;
        r->device_cpu_s = ticks / hz;
        r->device_wall_s = up - start / hz;
    }
    double nice;
    f = fs_facts_get(facts, "sys_collector");
    if (fs_fact_proven(f) && fact_number(f, "nice", &nice)) {
        const char *io = f->len > 7 ? memmem(f->data, f->len, "\nionice ", 8) : NULL;
        char *cls = io ? first_line(io + 8, f->len - (size_t)(io + 8 - f->data), 40) : NULL;
        char buf[96];
        snprintf(buf, sizeof buf, "nice %.0f, ionice %s", nice, cls && *cls ? cls : "unknown");
        free(cls);
        r->device_priority = strdup(buf);
    }
}

static void system_info(const struct fs_facts *facts, struct fs_host_result *r)
{
    device_cost(facts, r);
    const struct fs_fact *f;
    if ((f = fs_facts_get(facts, "sys_os_release")) && f->state == FS_FACT_OK) {
        r->os = os_release_value(f, "PRETTY_NAME");
        if (!r->os)
            r->os = os_release_value(f, "NAME");
    }
    if ((f = fs_facts_get(facts, "sys_kernel")) && f->state == FS_FACT_OK && f->len)
        r->kernel = first_line(f->data, f->len, 100);
    if ((f = fs_facts_get(facts, "sys_hostname")) && f->state == FS_FACT_OK && f->len)
        r->hostname = first_line(f->data, f->len, 100);
}

static bool contains(const struct fs_buf *b, const char *needle)
{
    return b->len && memmem(b->data, b->len, needle, strlen(needle)) != NULL;
}

/* The transport's reason, completed for a run cut short (timeout, interrupt) once the
 * collector had started: how many of the facts asked for arrived whole. */
static char *run_reason(const struct fs_run_out *run, const struct fs_facts *facts)
{
    if (!run->collecting || (run->status != FS_HOST_TIMEOUT && run->status != FS_HOST_NOT_SCANNED))
        return strdup(run->reason);
    size_t n = strlen(run->reason) + 64;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s, %zu of %zu facts received", run->reason, facts->n, facts->nasked);
    return s;
}

/* Why a run produced no frames at all. */
static void explain_no_output(const struct fs_host *h, struct fs_run_out *run,
                              const struct fs_facts *facts, struct fs_host_result *r)
{
    char *err = first_line(fs_buf_cstr(&run->err), run->err.len, 200);
    if (run->status != FS_HOST_SCANNED) {
        r->status = run->status;
        r->error = run_reason(run, facts);
    } else if (h->become &&
               (contains(&run->err, "password is required") ||
                contains(&run->err, "terminal is required") || contains(&run->err, "a password"))) {
        r->status = FS_HOST_ERROR;
        r->error = strdup("sudo requires a password: 'sudo -n' refused; give the scan account "
                          "NOPASSWD sudo for sh, or log in as root");
    } else if (h->become && run->exit_status == 127) {
        r->status = FS_HOST_ERROR;
        r->error = strdup("become is set but sudo is not installed on the host");
    } else {
        size_t n = strlen(err) + 128;
        r->status = FS_HOST_ERROR;
        r->error = malloc(n);
        if (r->error)
            snprintf(r->error, n, "the collector produced no output (exit status %d)%s%s",
                     run->exit_status, *err ? ": " : "", err);
    }
    free(err);
}

static int error_results(struct fs_benchmark *b, const struct fs_profile *p,
                         struct fs_host_result *r)
{
    r->results = calloc(b->nrules ? b->nrules : 1, sizeof *r->results);
    if (!r->results)
        return FS_ERR_NOMEM;
    r->profile_id = p->id;
    for (size_t i = 0; i < b->nrules; i++) {
        if (!fs_benchmark_selected(b, p, &b->rules[i]))
            continue;
        struct fs_rule_result *rr = &r->results[r->nresults++];
        rr->rule = &b->rules[i];
        rr->result = FS_RESULT_ERROR;
        rr->evidence = strdup("host not scanned");
        if (!rr->evidence)
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* Which facts were proven and why the others were not, for results.json. */
static int record_proof(const struct fs_facts *facts, struct fs_host_result *r)
{
    for (size_t i = 0; i < facts->n; i++) {
        const struct fs_fact *f = &facts->items[i];
        if (fs_fact_proven(f)) {
            r->facts_proven++;
            continue;
        }
        char why[320];
        if (f->state == FS_FACT_NEEDS_ROOT)
            snprintf(why, sizeof why, "needs root");
        else if (f->state == FS_FACT_TRUNCATED)
            snprintf(why, sizeof why, "output cut at the size cap");
        else if (f->problem)
            snprintf(why, sizeof why, "%s", f->problem);
        else
            snprintf(why, sizeof why, "the probe exited %d", f->rc);
        int rc = fs_kvlist_set(&r->unproven, f->id, why);
        if (rc)
            return rc;
    }
    return FS_OK;
}

/* The facts this profile's script asks for: frames for any other id are ignored. */
static int expect_profile_facts(struct fs_benchmark *b, const struct fs_profile *p,
                                struct fs_facts *facts)
{
    const char **ids = NULL;
    size_t n = 0;
    int rc = fs_benchmark_profile_facts(b, p, &ids, &n);
    const char **all = rc ? NULL : calloc(n + fs_system_facts_count, sizeof *all);
    if (!rc && !all)
        rc = FS_ERR_NOMEM;
    if (!rc) {
        memcpy(all, ids, n * sizeof *ids);
        memcpy(all + n, fs_system_facts, fs_system_facts_count * sizeof *all);
        rc = fs_facts_expect(facts, all, n + fs_system_facts_count);
    }
    free(all);
    free(ids);
    return rc;
}

/* With a site model: the host's flows, kept for the fleet analysis after the scan. */
static int keep_flows(const struct fs_facts *facts, struct fs_host_result *r)
{
    r->flows = calloc(1, sizeof *r->flows);
    if (!r->flows)
        return FS_ERR_NOMEM;
    return fs_host_flows_from_fact(fs_facts_get(facts, "net_listen"), r->flows);
}

int fs_scan_finish_host(struct fs_benchmark *b, const struct fs_profile *p, const struct fs_host *h,
                        const char *nonce, struct fs_run_out *run, struct fs_host_result *r)
{
    struct fs_facts facts;
    fs_facts_init(&facts);
    int rc = expect_profile_facts(b, p, &facts);
    r->host = h;
    if (rc)
        goto out;
    bool framed =
        fs_frames_parse(run->out.data ? run->out.data : "", run->out.len, nonce, &facts) == FS_OK &&
        facts.started;
    if (!framed) {
        explain_no_output(h, run, &facts, r);
        rc = error_results(b, p, r);
        goto out;
    }
    r->status = run->status;
    if (run->status != FS_HOST_SCANNED) {
        r->error = run_reason(run, &facts);
    } else if (facts.flooded) {
        char msg[160];
        snprintf(msg, sizeof msg, "the device sent more than %u frames: the rest was ignored",
                 FS_FRAMES_MAX);
        r->error = strdup(msg);
    } else if (!facts.complete) {
        char msg[160];
        snprintf(msg, sizeof msg, "the collector stopped early (exit status %d)", run->exit_status);
        r->error = strdup(msg);
    }
    system_info(&facts, r);
    rc = record_proof(&facts, r);
    if (!rc)
        rc = fs_benchmark_evaluate(b, p, h, &facts, r);
    if (!rc && b->site)
        rc = keep_flows(&facts, r);
out:
    fs_facts_dispose(&facts);
    return rc;
}

static void now3339(char *out, size_t n)
{
    fs_rfc3339(time(NULL), out, n);
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* Called with f->lock held, at least every TICK_MS: notices an interrupt (no new hosts from
 * now on, the grace starts) and the grace's end (running hosts are cancelled). */
static void watch_interrupt(struct fleet *f)
{
    const struct fs_scan_opts *o = f->o;
    if (!f->stopping && o->interrupt && *o->interrupt) {
        int grace = o->grace_s > 0 ? o->grace_s : FS_INTERRUPT_GRACE_S;
        f->stopping = true;
        f->grace_end = fs_now_ms() + (long long)grace * 1000;
        fs_progress_interrupt(o->progress, signal_name(*o->interrupt), grace);
    }
    if (f->stopping && !atomic_load(&f->cancel) && fs_now_ms() >= f->grace_end)
        atomic_store(&f->cancel, true);
}

/* Waits on the fleet's condition at most ms milliseconds (f->lock held). */
static void wait_ms(struct fleet *f, long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    /* woken, timed out (the tick) or failed: each only means "look again" */
    (void)pthread_cond_timedwait(&f->cond, &f->lock, &ts);
}

/* The workers block SIGINT and SIGTERM (the main thread takes them); a process forked from
 * one (the local collector, a ProxyCommand libssh starts and stops with SIGTERM) must not keep
 * them blocked across exec. */
static void unblock_in_child(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void register_unblock(void)
{
    /* without it a child keeps the mask: only a ProxyCommand would then outlive a SIGTERM */
    (void)pthread_atfork(NULL, NULL, unblock_in_child);
}

/* A host the interrupted scan never started: not-scanned, its rules in error. */
static int not_reached(struct fs_benchmark *b, const struct job *j, struct fs_host_result *r)
{
    r->status = FS_HOST_NOT_SCANNED;
    r->error = strdup("scan interrupted before this host was reached");
    if (!r->error)
        return FS_ERR_NOMEM;
    return error_results(b, j->profile, r);
}

/* The shared facts and values of profile p, made on first use (a fleet uses a few profiles:
 * one copy each, not one per host). */
static int per_profile(struct fs_benchmark *b, struct fleet *f, const struct fs_profile *p,
                       const struct per_profile **out)
{
    for (size_t i = 0; i < f->npps; i++) {
        if (f->pps[i].p == p) {
            *out = &f->pps[i];
            return FS_OK;
        }
    }
    if (f->npps == f->n)
        return FS_ERR_LIMIT; /* never: at most one profile per host */
    struct per_profile *pp = &f->pps[f->npps++];
    pp->p = p;
    fs_kvlist_init(&pp->values);
    *out = pp;
    int rc = fs_benchmark_profile_facts(b, p, &pp->facts, &pp->nfacts);
    return rc ? rc : fs_benchmark_profile_values(b, p, &pp->values);
}

int fs_scan_fleet(struct fs_benchmark *b, const struct fs_inventory *inv,
                  const struct fs_scan_opts *o, struct fs_host_result *results)
{
    struct fleet f = {.o = o, .run = o->run, .n = inv->n};
    atomic_init(&f.cancel, false);
    f.run.cancel = &f.cancel;
    int rc = FS_OK;
    size_t nthreads = (size_t)(o->jobs > 0 ? o->jobs : 1);
    if (nthreads > inv->n)
        nthreads = inv->n;
    pthread_t *th = calloc(nthreads ? nthreads : 1, sizeof *th);
    f.jobs = calloc(inv->n ? inv->n : 1, sizeof *f.jobs);
    f.pps = calloc(inv->n ? inv->n : 1, sizeof *f.pps);
    if (!th || !f.jobs || !f.pps) {
        free(th);
        free(f.jobs);
        free(f.pps);
        return FS_ERR_NOMEM;
    }
    pthread_mutex_init(&f.lock, NULL);
    pthread_cond_init(&f.cond, NULL);
    for (size_t i = 0; i < inv->n; i++) {
        f.jobs[i].host = &inv->hosts[i];
        f.jobs[i].profile = fs_scan_profile_for(b, &inv->hosts[i], o->profile);
        results[i].host = &inv->hosts[i];
        if (!f.jobs[i].profile) {
            rc = FS_ERR_NOTFOUND;
            goto out;
        }
        if ((rc = per_profile(b, &f, f.jobs[i].profile, &f.jobs[i].pp)))
            goto out;
    }
    fs_progress_start(o->progress);
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_unblock);
    /* signals go to this thread, which watches for them; the workers never see one */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    size_t started = 0;
    for (; started < nthreads; started++)
        if (pthread_create(&th[started], NULL, worker, &f) != 0)
            break;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (started == 0 && nthreads > 0) { /* none to start: an empty shard */
        rc = FS_ERR_NOMEM;
        goto out;
    }
    size_t evaluated = 0;
    while (evaluated < inv->n) {
        pthread_mutex_lock(&f.lock);
        struct job *ready = NULL;
        size_t idx = 0;
        for (;;) {
            for (size_t i = 0; i < f.n && !ready; i++) {
                if (f.jobs[i].done && !f.jobs[i].evaluated) {
                    ready = &f.jobs[i];
                    idx = i;
                }
            }
            /* stopping, and every host taken is evaluated: the rest is never started */
            if (ready || (f.stopping && evaluated == f.next))
                break;
            wait_ms(&f, TICK_MS);
            watch_interrupt(&f);
            fs_progress_tick(o->progress);
        }
        if (!ready) {
            pthread_mutex_unlock(&f.lock);
            break;
        }
        ready->evaluated = true;
        watch_interrupt(&f);
        pthread_mutex_unlock(&f.lock);
        struct fs_host_result *r = &results[idx];
        memcpy(r->started, ready->started, sizeof r->started);
        now3339(r->finished, sizeof r->finished);
        int hr = fs_scan_finish_host(b, ready->profile, ready->host, ready->nonce, &ready->run, r);
        if (o->keep_raw) {
            /* for the evidence bundle: the bytes as received, not a copy */
            r->raw_len = ready->run.out.len;
            r->raw = fs_buf_steal(&ready->run.out);
            if (!r->raw && hr == FS_OK)
                hr = FS_ERR_NOMEM;
        }
        fs_run_out_dispose(&ready->run);
        if (o->waivers)
            fs_waivers_apply_host(o->waivers, r);
        evaluated++;
        if (hr && rc == FS_OK)
            rc = hr;
        fs_progress_host_done(o->progress, idx, r);
    }
    /* an interrupted scan: the hosts no worker took */
    for (size_t i = 0; i < inv->n; i++) {
        if (f.jobs[i].evaluated)
            continue;
        int hr = not_reached(b, &f.jobs[i], &results[i]);
        if (hr && rc == FS_OK)
            rc = hr;
        fs_progress_host_done(o->progress, i, &results[i]);
    }
    fs_progress_end(o->progress);
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
out:
    pthread_mutex_destroy(&f.lock);
    pthread_cond_destroy(&f.cond);
    for (size_t i = 0; i < f.npps; i++) {
        free(f.pps[i].facts);
        fs_kvlist_dispose(&f.pps[i].values);
    }
    free(f.pps);
    free(th);
    free(f.jobs);
    return rc;
}
