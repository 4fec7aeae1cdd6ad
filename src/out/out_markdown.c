/*
 * out_markdown.c - the author's Markdown (the report's introduction) as
 * HTML, with libcmark.  The only file that includes <cmark.h>.
 *
 * cmark's default is its safe mode (CMARK_OPT_UNSAFE unset): raw HTML
 * blocks and inline HTML become comments, and links or images whose URL is
 * javascript:, vbscript:, file: or data: (other than images) lose it, so
 * the author's text cannot become script in the report, as no text from
 * data can.
 */
#include "jamstat/output.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

char *js_markdown_html(const char *markdown)
{
    char *const html = cmark_markdown_to_html(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    if (html == NULL)
        return NULL;
    char *const copy = js_strdup(html); /* ours to free with js_free, whatever cmark's allocator */
    free(html);
    return copy;
}
