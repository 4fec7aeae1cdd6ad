/* read_tsv.c - placeholder while the reader is being written. */
#include "jamstat/read.h"

js_status js_read_tsv(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d)
{
    (void)o;
    (void)out;
    js_diag_error(d, js_source_name(src), 0, 0, "reader not implemented yet");
    return JS_EINTERNAL;
}
