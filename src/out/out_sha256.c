/*
 * out_sha256.c - SHA-256 of an input file for the manifest, with nettle.
 *
 * The manifest records a checksum per input so that a report can be tied to
 * the exact files it was made from a month later.  The file is streamed in
 * 64 KiB blocks: inputs can be larger than we want in memory.
 */
#include "jamstat/output.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

enum { SHA_BLOCK_BYTES = 1 << 16 };

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

js_status js_file_sha256(const char *path, char hex[65], uint64_t *size_bytes, js_diag *d)
{
    FILE *const fp = fopen(path, "rb");
    if (fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open for the checksum: %s", strerror(errno));
        return JS_ENOINPUT;
    }
    uint8_t *const block = js_malloc(SHA_BLOCK_BYTES);
    if (block == NULL) {
        fclose(fp);
        return JS_ENOMEM;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    uint64_t total = 0;
    const js_status st = sha_feed(fp, &ctx, block, &total);
    const int read_errno = errno;
    js_free(block);
    fclose(fp);
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
