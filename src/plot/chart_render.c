/*
 * chart_render.c - running gnuplot on chart scripts.
 *
 * Each (chart, format) pair is one gnuplot process:
 *
 *     cd DIR && gnuplot -d -e "fmt='svg'" ./NAME.gp
 *
 * with the script as a file argument (gnuplot stops at the first error; on
 * stdin it would carry on), -d so ~/.gnuplot is not read, GNUTERM and
 * GNUPLOT_LIB removed from the environment, LC_ALL=C.UTF-8 (the scripts
 * are UTF-8; the same bytes whatever the user's locale), stdin and stdout
 * on /dev/null
 * and stderr in a temporary file that goes into the diagnostic when the run
 * fails.  fork/execve only: no shell ever sees a name (names are checked
 * against [A-Za-z0-9._-] anyway).  Up to `jobs` processes run at once; the
 * parent polls its own children with waitpid(pid, WNOHANG) so that it never
 * reaps a child that belongs to the program embedding the library.
 *
 * Time limit: a gnuplot that hangs (a terminal waiting for input, a font
 * server that never answers) would hang the run forever, so each process
 * runs in a process group of its own and the polling loop kills the group
 * (SIGKILL: a hung process may ignore SIGTERM) once it has run
 * timeout_s seconds; the chart is then reported as timed out, never as
 * made.  The clock is CLOCK_MONOTONIC, so a change of the system time
 * does not fire it.
 *
 * A failed run leaves no image (gnuplot leaves a 0-byte PNG behind).
 * When it failed for want of disk space (gnuplot's stderr says "No space
 * left", or the folder's file system has no free block) the message says
 * so rather than just "gnuplot failed".
 * Successful images are post-processed (chart_post.c) so that the bytes are
 * the same on every run.
 */
#include "plot/chart_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/fileio.h"

extern char **environ;

typedef struct render_task {
    size_t chart;      /* index into names */
    unsigned fmt;      /* one JS_RENDER_* bit */
    pid_t pid;         /* running child, or 0; also its process group */
    struct timespec started; /* CLOCK_MONOTONIC when it was started */
    int timed_out;     /* killed for running past the timeout */
    int err_fd;        /* gnuplot's stderr, a temporary file */
    char err_path[64]; /* its name (removed when done) */
} render_task;

typedef struct render_run {
    const char *dir;
    const char *const *names;
    const char *const *titles;
    const char *const *alts;
    char gnuplot[4096]; /* absolute path of the gnuplot binary */
    char **envp;        /* environment without GNUTERM and GNUPLOT_LIB */
    unsigned timeout_s; /* per process; 0 = none */
    js_diag *d;
    js_status status;   /* first failure */
} render_run;

/* ---- Finding gnuplot -------------------------------------------------- */

static int find_gnuplot(char *out, size_t cap)
{
    const char *const path = getenv("PATH");
    const char *p = path != NULL ? path : "/usr/bin:/bin";
    while (*p) {
        const char *const colon = strchr(p, ':');
        const size_t len = colon != NULL ? (size_t)(colon - p) : strlen(p);
        if (len > 0 && len + 9 < cap) {
            memcpy(out, p, len);
            memcpy(out + len, "/gnuplot", 9);
            if (access(out, X_OK) == 0)
                return 1;
        }
        p += len + (colon != NULL);
    }
    return 0;
}

int js_chart_gnuplot_available(void)
{
    char buf[4096];
    return find_gnuplot(buf, sizeof buf);
}

/* ---- Environment ------------------------------------------------------ */

static char **clean_env(void)
{
    static char utf8[] = "LC_ALL=C.UTF-8";
    size_t n = 0;
    while (environ != NULL && environ[n] != NULL)
        n++;
    char **const env = js_calloc(n + 2, sizeof *env);
    if (env == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "GNUTERM=", 8) != 0 && strncmp(environ[i], "GNUPLOT_LIB=", 12) != 0 &&
            strncmp(environ[i], "LC_ALL=", 7) != 0)
            env[k++] = environ[i];
    env[k++] = utf8;
    env[k] = NULL;
    return env;
}

/* ---- One task --------------------------------------------------------- */

unsigned js_render_format(const char *name)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        {"svg", JS_RENDER_SVG}, {"png", JS_RENDER_PNG}, {"pdf", JS_RENDER_PDF},
        {"print", JS_RENDER_PNG300}, {"tex", JS_RENDER_TEX}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].bit;
    return 0;
}

static const char *fmt_name(unsigned fmt)
{
    return fmt == JS_RENDER_SVG ? "svg" : fmt == JS_RENDER_PDF ? "pdf" : fmt == JS_RENDER_PNG300 ? "print"
         : fmt == JS_RENDER_TEX ? "tex" : "png";
}

static const char *fmt_ext(unsigned fmt)
{
    return fmt == JS_RENDER_SVG ? ".svg" : fmt == JS_RENDER_PDF ? ".pdf" : fmt == JS_RENDER_PNG300 ? "-print.png"
         : fmt == JS_RENDER_TEX ? ".tex" : ".png";
}

/* DIR/NAME{ext} (js_free) */
static char *output_path(const render_run *r, const render_task *t, const char *ext)
{
    char file[160];
    (void)snprintf(file, sizeof file, "%s%s", r->names[t->chart], ext);
    return js_path_join(r->dir, file);
}

static int start_task(render_run *r, render_task *t)
{
    char *const out = output_path(r, t, fmt_ext(t->fmt));
    if (out != NULL)
        (void)unlink(out); /* no stale image survives a failed run */
    js_free(out);
    (void)snprintf(t->err_path, sizeof t->err_path, "/tmp/jamstat-gnuplot-XXXXXX");
    t->err_fd = mkstemp(t->err_path);
    if (t->err_fd < 0) {
        js_diag_error(r->d, t->err_path, 0, 0, "cannot create a temporary file: %s", strerror(errno));
        return -1;
    }
    char fmt_arg[32], script[160];
    (void)snprintf(fmt_arg, sizeof fmt_arg, "fmt='%s'", fmt_name(t->fmt));
    (void)snprintf(script, sizeof script, "./%s.gp", r->names[t->chart]);
    char arg0[] = "gnuplot", arg1[] = "-d", arg2[] = "-e";
    char *const argv[] = {arg0, arg1, arg2, fmt_arg, script, NULL};
    const int null_fd = open("/dev/null", O_RDWR);
    (void)clock_gettime(CLOCK_MONOTONIC, &t->started);
    t->timed_out = 0;
    t->pid = fork();
    if (t->pid == 0) { /* child: only async-signal-safe calls until exec */
        if (setpgid(0, 0) != 0 || null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 ||
            dup2(t->err_fd, 2) < 0 || chdir(r->dir) != 0)
            _exit(126);
        execve(r->gnuplot, argv, r->envp);
        _exit(127);
    }
    if (null_fd >= 0)
        close(null_fd);
    if (t->pid > 0)
        (void)setpgid(t->pid, t->pid); /* as the child does: whichever runs first */
    if (t->pid < 0) {
        js_diag_error(r->d, NULL, 0, 0, "cannot start gnuplot: %s", strerror(errno));
        t->pid = 0;
        close(t->err_fd);
        unlink(t->err_path);
        return -1;
    }
    return 0;
}

/* gnuplot's stderr as one line (newlines as " | "), at most 1500 bytes. */
static void read_stderr(const render_task *t, js_buf *msg)
{
    char text[1501];
    const ssize_t n = pread(t->err_fd, text, sizeof text - 1, 0);
    const size_t len = n > 0 ? (size_t)n : 0;
    text[len] = '\0';
    js_buf raw;
    js_buf_init(&raw);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            js_buf_puts(&raw, i + 1 < len ? " | " : "");
        else
            js_buf_putc(&raw, text[i]);
    }
    while (raw.len > 0 && (raw.data[raw.len - 1] == ' ' || raw.data[raw.len - 1] == '|'))
        raw.data[--raw.len] = '\0';
    cht_put_clean(msg, js_buf_cstr(&raw));
    js_buf_fini(&raw);
}

static js_status post_process(render_run *r, const render_task *t, const char *out)
{
    const size_t i = t->chart;
    switch (t->fmt) {
    case JS_RENDER_SVG:
        return cht_post_svg(out, r->titles != NULL && r->titles[i] != NULL ? r->titles[i] : r->names[i],
                            r->alts != NULL ? r->alts[i] : NULL, r->d);
    case JS_RENDER_PDF: return cht_post_pdf(out, r->d);
    case JS_RENDER_PNG300: return cht_post_png_dpi(out, 300, r->d);
    case JS_RENDER_TEX: { /* cairolatex's graphics: the same PDF date fix as pdfcairo's */
        char pdf[4096];
        const size_t n = strlen(out);
        if (n < 4 || n >= sizeof pdf)
            return JS_OK;
        memcpy(pdf, out, n - 4);
        strcpy(pdf + n - 4, ".pdf");
        return cht_post_pdf(pdf, r->d);
    }
    default: return JS_OK;
    }
}

/* Did a failed task fail for want of space?  gnuplot's message (the C
 * library's "No space left on device", in the C.UTF-8 locale it runs in),
 * or no free block left on the folder's file system. */
static int out_of_space(const render_run *r, const char *msg)
{
    static const char needle[] = "no space left";
    for (const char *p = msg; *p != '\0'; p++) {
        size_t i = 0;
        while (needle[i] != '\0' && tolower((unsigned char)p[i]) == needle[i])
            i++;
        if (needle[i] == '\0')
            return 1;
    }
    struct statvfs vfs;
    return statvfs(r->dir, &vfs) == 0 && vfs.f_bavail == 0;
}

/* Why a task made no image, into d: stopped at the timeout, a full disk,
 * or gnuplot's own failure with its exit status and message. */
static void report_failure(render_run *r, const render_task *t, int wstatus, const char *gp,
                           const js_buf *msg)
{
    const char *const name = r->names[t->chart];
    const char *const text = msg->len > 0 ? js_buf_cstr(msg) : "";
    if (t->timed_out) {
        js_diag_error(r->d, gp, 0, 0, "chart \"%s\": gnuplot did not finish %s%s within %u s and "
                      "was stopped ([analysis] gnuplot_timeout or JAMSTAT_GNUPLOT_TIMEOUT sets the limit "
                      "in seconds)%s%s",
                      name, name, fmt_ext(t->fmt), r->timeout_s, *text ? ": " : "", text);
    } else if (out_of_space(r, text)) {
        js_diag_error(r->d, gp, 0, 0, "chart \"%s\": no space left on the device to write %s%s "
                      "(free some space and run again): %s", name, name, fmt_ext(t->fmt),
                      *text ? text : "no message from gnuplot");
        if (r->status == JS_OK || r->status == JS_ETOOL)
            r->status = JS_EIO; /* a write error (exit 74), not gnuplot's fault */
        return;
    } else {
        const int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
        js_diag_error(r->d, gp, 0, 0, "chart \"%s\": gnuplot failed making %s%s (exit status %d%s): %s",
                      name, name, fmt_ext(t->fmt), code,
                      code == 127 ? ", cannot run gnuplot" : code == 126 ? ", cannot enter the folder" : "",
                      *text ? text : "no message");
    }
    if (r->status == JS_OK)
        r->status = JS_ETOOL;
}

static void finish_task(render_run *r, render_task *t, int wstatus)
{
    char *const out = output_path(r, t, fmt_ext(t->fmt));
    char *const gp = output_path(r, t, ".gp");
    struct stat st;
    const int ok = !t->timed_out && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 &&
                   out != NULL && stat(out, &st) == 0 && st.st_size > 0;
    js_buf msg;
    js_buf_init(&msg);
    read_stderr(t, &msg);
    if (!ok) {
        if (out != NULL)
            (void)unlink(out); /* a partial image, or gnuplot's 0-byte PNG */
        report_failure(r, t, wstatus, gp, &msg);
    } else {
        if (msg.len > 0)
            js_diag_warn(r->d, gp, 0, 0, "chart \"%s\" (%s): gnuplot says: %s", r->names[t->chart],
                         fmt_name(t->fmt), js_buf_cstr(&msg));
        const js_status ps = post_process(r, t, out);
        if (ps != JS_OK && r->status == JS_OK)
            r->status = ps;
    }
    js_buf_fini(&msg);
    js_free(out);
    js_free(gp);
    close(t->err_fd);
    unlink(t->err_path);
    t->pid = 0;
}

/* ---- Scheduling ------------------------------------------------------- */

/* Has task t run past the timeout?  Then kill its process group (gnuplot
 * and anything it started) and reap it: the caller finishes it as timed
 * out. */
static int past_timeout(const render_run *r, render_task *t, const struct timespec *now,
                        int *wstatus)
{
    if (r->timeout_s == 0)
        return 0;
    const time_t ran = now->tv_sec - t->started.tv_sec -
                       (now->tv_nsec < t->started.tv_nsec ? 1 : 0);
    if (ran < (time_t)r->timeout_s)
        return 0;
    (void)kill(-t->pid, SIGKILL);
    (void)kill(t->pid, SIGKILL); /* in case setpgid had not happened yet */
    while (waitpid(t->pid, wstatus, 0) < 0 && errno == EINTR)
        ;
    t->timed_out = 1;
    return 1;
}

/* Wait until one running task ends (or is stopped for its time); returns
 * its index. */
static size_t wait_any(render_run *r, render_task *tasks, size_t n_tasks)
{
    for (;;) {
        struct timespec now;
        (void)clock_gettime(CLOCK_MONOTONIC, &now);
        for (size_t k = 0; k < n_tasks; k++) {
            if (tasks[k].pid <= 0)
                continue;
            int killed_status = 0;
            if (past_timeout(r, &tasks[k], &now, &killed_status)) {
                finish_task(r, &tasks[k], killed_status);
                return k;
            }
            int wstatus = 0;
            const pid_t got = waitpid(tasks[k].pid, &wstatus, WNOHANG);
            if (got == tasks[k].pid || (got < 0 && errno != EINTR)) {
                finish_task(r, &tasks[k], got < 0 ? 127 << 8 : wstatus);
                return k;
            }
        }
        const struct timespec pause = {0, 2000000}; /* 2 ms */
        nanosleep(&pause, NULL);
    }
}

static size_t make_tasks(render_task *tasks, size_t n, unsigned formats)
{
    static const unsigned order[5] = {JS_RENDER_SVG, JS_RENDER_PNG, JS_RENDER_PDF, JS_RENDER_PNG300,
                                      JS_RENDER_TEX};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t f = 0; f < 5; f++) {
            if ((formats & order[f]) == 0)
                continue;
            tasks[k].chart = i;
            tasks[k].fmt = order[f];
            tasks[k].pid = 0;
            tasks[k].err_fd = -1;
            k++;
        }
    }
    return k;
}

static js_status check_names(const char *const *names, size_t n, js_diag *d)
{
    for (size_t i = 0; i < n; i++) {
        if (!js_file_name_ok(names[i])) {
            js_buf clean;
            js_buf_init(&clean);
            cht_put_clean(&clean, names[i]);
            js_diag_error(d, NULL, 0, 0, "chart name: expected 1-100 characters from [A-Za-z0-9._-] "
                          "not starting with '.' or '-', found \"%s\"", js_buf_cstr(&clean));
            js_buf_fini(&clean);
            return JS_EUSAGE;
        }
    }
    return JS_OK;
}

void js_render_opts_init(js_render_opts *o)
{
    o->formats = 0;
    o->jobs = 0;
    o->timeout_s = JS_RENDER_TIMEOUT_DEFAULT;
}

js_status js_render_timeout_from_env(unsigned *seconds, js_diag *d)
{
    const char *const s = getenv("JAMSTAT_GNUPLOT_TIMEOUT");
    if (s == NULL)
        return JS_OK;
    char *end = NULL;
    errno = 0;
    const unsigned long v = strtoul(s, &end, 10);
    if (!isdigit((unsigned char)*s) || *end != '\0' || errno != 0 || v > 86400) {
        js_diag_error(d, NULL, 0, 0, "JAMSTAT_GNUPLOT_TIMEOUT: expected whole seconds from 0 "
                      "(no limit) to 86400, found \"%.40s\"", s);
        return JS_EUSAGE;
    }
    *seconds = (unsigned)v;
    return JS_OK;
}

js_status js_chart_render(const char *dir, const char *const *names, const char *const *titles,
                          const char *const *alts, size_t n, unsigned formats, int jobs,
                          js_diag *d)
{
    js_render_opts o;
    js_render_opts_init(&o);
    o.formats = formats;
    o.jobs = jobs;
    const js_status st = js_render_timeout_from_env(&o.timeout_s, d);
    return st != JS_OK ? st : js_chart_render_opts(dir, names, titles, alts, n, &o, d);
}

js_status js_chart_render_opts(const char *dir, const char *const *names,
                               const char *const *titles, const char *const *alts, size_t n,
                               const js_render_opts *o, js_diag *d)
{
    const unsigned formats = o->formats;
    const int jobs = o->jobs;
    if (n == 0 || (formats & 31u) == 0)
        return JS_OK;
    if (dir == NULL || names == NULL) {
        js_diag_error(d, NULL, 0, 0, "js_chart_render: expected a folder and chart names, found NULL");
        return JS_EINTERNAL;
    }
    js_status st = check_names(names, n, d);
    if (st != JS_OK)
        return st;
    render_run r = {.dir = dir, .names = names, .titles = titles, .alts = alts,
                    .timeout_s = o->timeout_s, .d = d, .status = JS_OK};
    if (!find_gnuplot(r.gnuplot, sizeof r.gnuplot)) {
        js_diag_error(d, dir, 0, 0, "cannot render charts: expected gnuplot on PATH, found none "
                      "(install gnuplot, e.g. Debian package gnuplot-nox)");
        return JS_ETOOL;
    }
    r.envp = clean_env();
    render_task *const tasks = js_calloc(n, 5 * sizeof *tasks);
    if (r.envp == NULL || tasks == NULL) {
        js_free(r.envp);
        js_free(tasks);
        return JS_ENOMEM;
    }
    const size_t n_tasks = make_tasks(tasks, n, formats);
    const long cores = sysconf(_SC_NPROCESSORS_ONLN); /* jobs 0 = one per core */
    const size_t max_jobs = jobs > 0 ? (size_t)jobs : cores > 0 ? (size_t)cores : 1;
    size_t next = 0, running = 0;
    while (next < n_tasks || running > 0) {
        if (next < n_tasks && running < max_jobs) {
            if (start_task(&r, &tasks[next]) == 0)
                running++;
            else if (r.status == JS_OK)
                r.status = JS_ECREATE;
            next++;
            continue;
        }
        (void)wait_any(&r, tasks, n_tasks);
        running--;
    }
    js_free(tasks);
    js_free(r.envp);
    return r.status;
}
