/*
 * outdir.c - the output folder, checked, staged and swapped into place.
 *
 * The rules are in outdir.h.  Why a marker file and not "the folder has a
 * manifest.json": a run may write tables only, and a manifest is a file a
 * user can copy anywhere; the marker says only that jamstat made the
 * folder.  Why flock and not a pid in the folder's name: a pid is reused,
 * a lock dies with its process, and the marker's bytes stay the same from
 * run to run (the outputs are byte-identical).
 */
#define _XOPEN_SOURCE 700 /* nftw, realpath */
#define _DEFAULT_SOURCE   /* flock */
#include "core/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/strbuf.h"

static const char marker_text[] =
    "This folder was written by jamstat.  The next run with it as its output\n"
    "folder replaces it whole: files put here by hand are lost then.\n";

int js_file_name_ok(const char *name)
{
    if (name == NULL || name[0] == '\0' || name[0] == '.' || name[0] == '-')
        return 0;
    size_t n = 0;
    for (const char *p = name; *p; p++, n++) {
        const char c = *p;
        const int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
        if (!ok || n >= 100)
            return 0;
    }
    return 1;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    (void)remove(path);
    return 0; /* go on: remove as much as can be removed */
}

void js_rm_rf(const char *path)
{
    (void)nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 when folder/name is a regular file (not a link to one). */
static int has_regular(const char *folder, const char *name)
{
    char *const path = js_path_join(folder, name);
    struct stat sb;
    const int yes = path != NULL && lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
    js_free(path);
    return yes;
}

/* An existing folder may be replaced when it is empty or holds the marker. */
static js_status check_existing(const char *dir, js_diag *d)
{
    DIR *const dp = opendir(dir);
    if (dp == NULL) {
        js_diag_error(d, dir, 0, 0, "cannot read the output folder: %s", strerror(errno));
        return JS_ECREATE;
    }
    size_t n = 0;
    const struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    (void)closedir(dp);
    if (n > 0 && !has_regular(dir, JS_OUTDIR_MARKER)) {
        js_diag_error(d, dir, 0, 0,
                      "the output folder holds files that jamstat did not write (it has no %s); "
                      "a run replaces its output folder whole, so it must be new, empty or an "
                      "earlier run's: choose another folder with -o or output =",
                      JS_OUTDIR_MARKER);
        return JS_ECREATE;
    }
    return JS_OK;
}

/* None of the inputs may lie inside dir (resolved, links followed). */
static js_status check_inputs(const char *dir, const char *const *inputs, size_t n_inputs, js_diag *d)
{
    char *const real_dir = realpath(dir, NULL);
    if (real_dir == NULL) {
        js_diag_error(d, dir, 0, 0, "cannot resolve the output folder: %s", strerror(errno));
        return JS_ECREATE;
    }
    const size_t len = strlen(real_dir);
    js_status st = JS_OK;
    if (strcmp(real_dir, "/") == 0) {
        js_diag_error(d, dir, 0, 0, "the output folder is the root folder; choose a folder of its own");
        st = JS_ECREATE;
    }
    for (size_t i = 0; st == JS_OK && i < n_inputs; i++) {
        char *const real_in = inputs[i] ? realpath(inputs[i], NULL) : NULL;
        if (real_in != NULL && strncmp(real_in, real_dir, len) == 0 && real_in[len] == '/') {
            js_diag_error(d, dir, 0, 0,
                          "the input %s lies inside the output folder, which the run replaces; "
                          "choose another output folder", inputs[i]);
            st = JS_ECREATE;
        }
        free(real_in); /* realpath's, not ours */
    }
    free(real_dir);
    return st;
}

/* What lies at dir now: nothing, or a folder that may be replaced. */
static js_status check_dir(const char *dir, const char *const *inputs, size_t n_inputs, js_diag *d)
{
    struct stat sb;
    if (lstat(dir, &sb) != 0) {
        if (errno == ENOENT)
            return JS_OK;
        js_diag_error(d, dir, 0, 0, "cannot examine the output folder: %s", strerror(errno));
        return JS_ECREATE;
    }
    if (S_ISLNK(sb.st_mode)) {
        js_diag_error(d, dir, 0, 0, "the output folder is a symbolic link; a run would replace the "
                                    "link, not the folder it points to: give that folder instead");
        return JS_ECREATE;
    }
    if (!S_ISDIR(sb.st_mode)) {
        js_diag_error(d, dir, 0, 0, "exists and is not a folder; a run writes a folder of outputs "
                                    "and does not replace a file");
        return JS_ECREATE;
    }
    const js_status st = check_inputs(dir, inputs, n_inputs, d);
    return st != JS_OK ? st : check_existing(dir, d);
}

/* The parent of dir ("." when it has none), a new string. */
static char *parent_of(const char *dir)
{
    const char *const slash = strrchr(dir, '/');
    if (slash == NULL)
        return js_strdup(".");
    if (slash == dir)
        return js_strdup("/");
    char *const p = js_malloc((size_t)(slash - dir) + 1);
    if (p != NULL) {
        memcpy(p, dir, (size_t)(slash - dir));
        p[slash - dir] = '\0';
    }
    return p;
}

/* Remove "BASE.tmp-XXXXXX" folders beside dir that hold the marker and
 * whose run is gone (their lock can be taken). */
static void remove_stale(const char *parent, const char *dir)
{
    const char *const slash = strrchr(dir, '/');
    const char *const base = slash ? slash + 1 : dir;
    const size_t n_base = strlen(base);
    DIR *const dp = opendir(parent);
    if (dp == NULL)
        return;
    const struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (strncmp(e->d_name, base, n_base) != 0 || strncmp(e->d_name + n_base, ".tmp-", 5) != 0 ||
            strlen(e->d_name + n_base + 5) != 6)
            continue;
        char *const path = js_path_join(parent, e->d_name);
        struct stat sb;
        if (path != NULL && lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
            has_regular(path, JS_OUTDIR_MARKER)) {
            const int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
                js_rm_rf(path);
            if (fd >= 0)
                (void)close(fd);
        }
        js_free(path);
    }
    (void)closedir(dp);
}

/* Make the staging folder, lock it, then mark it (in that order, so that
 * another run's clean-up never sees a marked folder that is not locked). */
static js_status make_stage(js_outdir *o, js_diag *d)
{
    js_buf b;
    js_buf_init(&b);
    js_buf_printf(&b, "%s.tmp-XXXXXX", o->dir);
    if (b.failed)
        return JS_ENOMEM;
    if (mkdtemp(b.data) == NULL) {
        js_diag_error(d, o->dir, 0, 0, "cannot create the staging folder beside it: %s", strerror(errno));
        js_buf_fini(&b);
        return JS_ECREATE;
    }
    o->stage = b.data;
    o->lock_fd = open(o->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->lock_fd < 0 || flock(o->lock_fd, LOCK_EX) != 0) {
        js_diag_error(d, o->stage, 0, 0, "cannot lock the staging folder: %s", strerror(errno));
        return JS_ECREATE;
    }
    char *const marker = js_path_join(o->stage, JS_OUTDIR_MARKER);
    if (marker == NULL)
        return JS_ENOMEM;
    const js_status st = js_write_file(marker, marker_text, sizeof marker_text - 1, d);
    js_free(marker);
    return st;
}

static void outdir_fini(js_outdir *o)
{
    if (o->lock_fd >= 0)
        (void)close(o->lock_fd);
    js_free(o->dir);
    js_free(o->stage);
    o->dir = o->stage = NULL;
    o->lock_fd = -1;
}

js_status js_outdir_open(js_outdir *o, const char *dir, const char *const *inputs, size_t n_inputs,
                         js_diag *d)
{
    o->stage = NULL;
    o->lock_fd = -1;
    o->dir = js_strdup(dir);
    if (o->dir == NULL)
        return JS_ENOMEM;
    for (size_t n = strlen(o->dir); n > 1 && o->dir[n - 1] == '/'; n--)
        o->dir[n - 1] = '\0'; /* "out/" is "out" */
    js_status st = JS_OK;
    if (o->dir[0] == '\0' || strcmp(o->dir, "/") == 0) {
        js_diag_error(d, dir, 0, 0, "expected an output folder of its own, found \"%s\"", dir);
        st = JS_ECREATE;
    }
    if (st == JS_OK)
        st = check_dir(o->dir, inputs, n_inputs, d);
    char *const parent = st == JS_OK ? parent_of(o->dir) : NULL;
    if (st == JS_OK && parent == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK)
        st = js_mkdir_p(parent, d);
    if (st == JS_OK)
        remove_stale(parent, o->dir);
    js_free(parent);
    if (st == JS_OK)
        st = make_stage(o, d);
    if (st != JS_OK)
        js_outdir_abort(o);
    return st;
}

js_status js_outdir_commit(js_outdir *o, js_diag *d)
{
    js_buf old;
    js_buf_init(&old);
    js_buf_printf(&old, "%s.old-%ld", o->dir, (long)getpid());
    js_status st = old.failed ? JS_ENOMEM : JS_OK;
    struct stat sb;
    const int had_old = lstat(o->dir, &sb) == 0;
    if (st == JS_OK && had_old && rename(o->dir, js_buf_cstr(&old)) != 0) {
        js_diag_error(d, o->dir, 0, 0, "cannot move the previous results aside: %s", strerror(errno));
        st = JS_ECREATE;
    }
    if (st == JS_OK && rename(o->stage, o->dir) != 0) {
        js_diag_error(d, o->dir, 0, 0, "cannot move the results into place: %s", strerror(errno));
        if (had_old)
            (void)rename(js_buf_cstr(&old), o->dir);
        st = JS_ECREATE;
    }
    if (st == JS_OK && had_old)
        js_rm_rf(js_buf_cstr(&old));
    js_buf_fini(&old);
    if (st != JS_OK)
        js_rm_rf(o->stage);
    outdir_fini(o);
    return st;
}

void js_outdir_abort(js_outdir *o)
{
    if (o->stage != NULL)
        js_rm_rf(o->stage);
    outdir_fini(o);
}
