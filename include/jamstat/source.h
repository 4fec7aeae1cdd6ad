/*
 * source.h - where a reader's bytes come from: a file or a memory buffer.
 *
 * Readers pull bytes in chunks through js_source_read(), so a reader works the
 * same on disk and in memory (tests and fuzz targets never touch the disk) and
 * never needs a whole file in memory.
 */
#ifndef JAMSTAT_SOURCE_H
#define JAMSTAT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "jamstat/diag.h"
#include "jamstat/status.h"

typedef struct js_source js_source;

/* Open a file for reading.  On failure reports into d and returns
 * JS_ENOINPUT; *out is written only on success.  Caller owns *out. */
js_status js_source_open_file(const char *path, js_source **out, js_diag *d);

/* A source over bytes the caller keeps alive until js_source_free.
 * name is used in messages (copied). */
js_status js_source_open_memory(const char *name, const void *bytes, size_t len,
                                js_source **out);

/* A source over part of a file: first the prefix bytes (copied; e.g. the
 * header line of a CSV file), then length bytes of the file from offset
 * (UINT64_MAX: to the end).  Lets two threads read two halves of one file
 * as if each were a whole file.  Caller owns *out. */
js_status js_source_open_file_range(const char *path, const void *prefix, size_t prefix_len,
                                    uint64_t offset, uint64_t length, js_source **out,
                                    js_diag *d);

void js_source_free(js_source *s); /* NULL is a no-op */

/* The name used in messages: the path, or the memory source's name. */
const char *js_source_name(const js_source *s);

/* Read up to cap bytes into buf; *n_read = 0 at the end.  JS_EIO on error. */
js_status js_source_read(js_source *s, void *buf, size_t cap, size_t *n_read);

/* Bytes read so far. */
uint64_t js_source_offset(const js_source *s);

/* Bytes the source delivers in all (the prefix included), known for memory
 * and regular files; UINT64_MAX when unknown (a pipe, a device).  Readers
 * use it to check a header's declared sizes against the bytes that can
 * hold them before allocating. */
uint64_t js_source_size(const js_source *s);

/* Back to the first byte (readers that sniff then parse).  JS_EIO if the
 * underlying stream cannot seek. */
js_status js_source_rewind(js_source *s);

#endif
