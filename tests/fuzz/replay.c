/*
 * replay.c - a plain main() that runs a fuzz target over files, so that the
 * fuzz corpora are regression tests under any C compiler, without libFuzzer
 * (STYLE.md section 10.4; zstd's regression_driver.c does the same).
 *
 * Usage: replay_<target> PATH...   (a PATH that is a folder means every
 * regular file in it, in name order).  Each input is copied into a buffer of
 * exactly its size, so AddressSanitizer (when built with it) sees a read one
 * byte past the end.  Before an input runs its name goes to stderr, so a
 * crash names the file; after it runs "ok NAME" goes to stdout - the caller
 * counts those lines.  Exit status: 0 when every input ran, 1 when a file
 * could not be read; a broken contract aborts inside the target.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file in a malloc'ed buffer of exactly its size (1 byte for an
 * empty file, with *size 0).  NULL on error. */
static uint8_t *replay_slurp(const char *path, size_t *size)
{
    FILE *const fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    struct stat st;
    uint8_t *buf = NULL;
    if (fstat(fileno(fp), &st) == 0 && st.st_size >= 0) {
        const size_t n = (size_t)st.st_size;
        buf = malloc(n ? n : 1);
        if (buf != NULL && fread(buf, 1, n, fp) != n) {
            free(buf);
            buf = NULL;
        }
        *size = n;
    }
    fclose(fp);
    return buf;
}

static int replay_file(const char *path)
{
    size_t size = 0;
    uint8_t *const buf = replay_slurp(path, &size);
    if (buf == NULL) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    fprintf(stderr, "replay: %s\n", path);
    (void)LLVMFuzzerTestOneInput(buf, size);
    free(buf);
    printf("ok %s\n", path);
    fflush(stdout);
    return 0;
}

static int replay_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of a folder, in name order. */
static int replay_dir(const char *dir)
{
    DIR *const dp = opendir(dir);
    if (dp == NULL) {
        fprintf(stderr, "replay: cannot open folder %s\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int failed = 0;
    for (const struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **const grown = realloc(names, cap * sizeof *names);
            if (grown == NULL) {
                failed = 1;
                break;
            }
            names = grown;
        }
        const size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if ((names[n] = malloc(len)) == NULL) {
            failed = 1;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(dp);
    if (n > 0)
        qsort(names, n, sizeof *names, replay_cmp);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (!failed && stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            failed |= replay_file(names[i]);
        free(names[i]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    int failed = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            failed |= replay_dir(argv[i]);
        else
            failed |= replay_file(argv[i]);
    }
    return failed;
}
