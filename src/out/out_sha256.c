/*
 * out_sha256.c - SHA-256 of an input file for the manifest, with nettle.
 *
 * The manifest records a checksum per input so that a report can be tied to
 * the exact files it was made from a month later.  A regular file is hashed
 * through a 1 MiB window mapped into memory and moved along it (no copy
 * into a buffer, and at most 1 MiB of it resident); anything else (a pipe,
 * or when mapping fails) is streamed in 64 KiB blocks.  Inputs can be
 * larger than we want in memory.
 */
#include "jamstat/output.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/alloc.h"

enum { SHA_BLOCK_BYTES = 1 << 16, SHA_WINDOW_BYTES = 1 << 20 };

static void sha_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0x0Fu];
    }
    hex[64] = '\0';
}

/* Feed the whole stream into ctx; JS_EIO on a read error. */
static js_status sha_feed(FILE *fp, struct sha256_ctx *ctx, uint8_t *block, uint64_t *total)
{
    size_t got;
    *total = 0;
    while ((got = fread(block, 1, SHA_BLOCK_BYTES, fp)) > 0) {
        sha256_update(ctx, got, block);
        *total += got;
    }
    return ferror(fp) ? JS_EIO : JS_OK;
}

/* Feed a regular file of size bytes into ctx through a moving mapped
 * window.  0 when done; 1 when the first window cannot be mapped (nothing
 * was fed: the caller streams the file instead); -1 when a later one
 * cannot (errno says why). */
static int sha_feed_mapped(int fd, uint64_t size, struct sha256_ctx *ctx)
{
    for (uint64_t at = 0; at < size; at += SHA_WINDOW_BYTES) {
        const size_t n = size - at < SHA_WINDOW_BYTES ? (size_t)(size - at) : SHA_WINDOW_BYTES;
        void *const p = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, (off_t)at);
        if (p == MAP_FAILED)
            return at == 0 ? 1 : -1;
        (void)posix_madvise(p, n, POSIX_MADV_SEQUENTIAL);
        sha256_update(ctx, n, p);
        munmap(p, n);
    }
    return 0;
}

js_status js_file_sha256(const char *path, char hex[65], uint64_t *size_bytes, js_diag *d)
{
    FILE *const fp = fopen(path, "rb");
    if (fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open for the checksum: %s", strerror(errno));
        return JS_ENOINPUT;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    struct stat sb;
    const int mapped = fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode)
                           ? sha_feed_mapped(fileno(fp), (uint64_t)sb.st_size, &ctx)
                           : 1;
    uint64_t total = 0;
    js_status st = JS_OK;
    int read_errno = errno;
    if (mapped == 0) {
        total = (uint64_t)sb.st_size;
    } else if (mapped < 0) {
        st = JS_EIO;
    } else { /* not mappable: streamed */
        uint8_t *const block = js_malloc(SHA_BLOCK_BYTES);
        if (block == NULL) {
            (void)fclose(fp);
            return JS_ENOMEM;
        }
        st = sha_feed(fp, &ctx, block, &total);
        read_errno = errno;
        js_free(block);
    }
    (void)fclose(fp);
    if (st != JS_OK) {
        js_diag_error(d, path, 0, 0, "read failed: %s", strerror(read_errno));
        return st;
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    sha_hex(digest, hex);
    if (size_bytes != NULL)
        *size_bytes = total;
    return JS_OK;
}
