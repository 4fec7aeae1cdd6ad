/*
 * out_sha256.c - SHA-256 of an input file for the manifest, with nettle.
 *
 * The manifest records a checksum per input so that a report can be tied to
 * the exact files it was made from a month later.  The file is read with
 * read(2) in 1 MiB blocks into one buffer reused for every block, so at most
 * 1 MiB is held whatever the input's size; a regular file and a pipe go
 * through the same loop.
 *
 * Why not mmap (as before): a mapped file that is truncated while it is
 * hashed kills the process with SIGBUS when the hash touches a page past the
 * new end (exit 135, no message).  read() returns fewer bytes instead, which
 * we can report.  The checksum must be of the bytes the run read, so a
 * regular file whose byte count differs from the size fstat gave when it was
 * opened (cut or grown meanwhile) is an error (JS_EIO), not a checksum.
 */
#include "jamstat/output.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "out/out_internal.h"

enum { SHA_BLOCK_BYTES = 1 << 20 };

static void sha_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0x0Fu];
    }
    hex[64] = '\0';
}

/* Feed fd into ctx up to its end through block; *total = bytes fed.
 * 0, or the errno of a failed read. */
static int sha_feed(int fd, struct sha256_ctx *ctx, uint8_t *block, uint64_t *total)
{
    *total = 0;
    for (;;) {
        const ssize_t got = read(fd, block, SHA_BLOCK_BYTES);
        if (got == 0)
            return 0;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        sha256_update(ctx, (size_t)got, block);
        *total += (uint64_t)got;
    }
}

js_status js_fd_sha256(int fd, const char *path, uint64_t expected_bytes, char hex[65],
                       uint64_t *size_bytes, js_diag *d)
{
    uint8_t *const block = js_malloc(SHA_BLOCK_BYTES);
    if (block == NULL) {
        js_diag_error(d, path, 0, 0, "out of memory for the checksum");
        return JS_ENOMEM;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    uint64_t total = 0;
    const int err = sha_feed(fd, &ctx, block, &total);
    js_free(block);
    if (err != 0) {
        js_diag_error(d, path, 0, 0, "read failed for the checksum: %s", strerror(err));
        return JS_EIO;
    }
    if (expected_bytes != JS_SHA_SIZE_UNKNOWN && total != expected_bytes) {
        js_diag_error(d, path, 0, 0,
                      "changed while it was read for the checksum: %llu bytes expected (its "
                      "size when opened), %llu read",
                      (unsigned long long)expected_bytes, (unsigned long long)total);
        return JS_EIO;
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    sha_hex(digest, hex);
    if (size_bytes != NULL)
        *size_bytes = total;
    return JS_OK;
}

js_status js_file_sha256(const char *path, char hex[65], uint64_t *size_bytes, js_diag *d)
{
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        js_diag_error(d, path, 0, 0, "cannot open for the checksum: %s", strerror(errno));
        return JS_ENOINPUT;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        js_diag_error(d, path, 0, 0, "cannot stat for the checksum: %s", strerror(errno));
        (void)close(fd);
        return JS_EIO;
    }
    uint64_t expected = JS_SHA_SIZE_UNKNOWN; /* a pipe has no size to hold it to */
    if (S_ISREG(sb.st_mode)) {
        expected = (uint64_t)sb.st_size;
        (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL); /* a hint: read-ahead */
    }
    const js_status st = js_fd_sha256(fd, path, expected, hex, size_bytes, d);
    (void)close(fd);
    return st;
}

void js_sha256_hex(const void *bytes, size_t n, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, n, bytes);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    sha_hex(digest, hex);
}
