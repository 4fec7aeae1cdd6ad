/*
 * testutil.h - helpers shared by the unit tests.
 *
 * Tests run from the repository root.  Real data lives beside the
 * repository in ../shared/datasets (or wherever JS_SHARED_DATASETS points);
 * a test that needs it and does not find it skips with a message.
 */
#ifndef JAMSTAT_TESTUTIL_H
#define JAMSTAT_TESTUTIL_H

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "jamstat/indicator.h"

/* Path of a file under the shared datasets folder, in a static buffer. */
static inline const char *shared_path(const char *rel)
{
    static char buf[4096];
    const char *const root = getenv("JS_SHARED_DATASETS");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : "../shared/datasets", rel);
    return buf;
}

/* Skip the current test when a shared file is absent. */
#define REQUIRE_SHARED(rel)                                                                \
    do {                                                                                   \
        struct stat st_;                                                                   \
        if (stat(shared_path(rel), &st_) != 0)                                            \
            cr_skip_test("shared dataset %s is absent: test skipped", shared_path(rel));    \
    } while (0)

/* |got - want| <= rel_tol * max(1, |want|), printing both at %.17g. */
#define ASSERT_CLOSE(got, want, rel_tol)                                                   \
    do {                                                                                   \
        const double g_ = (got), w_ = (want);                                              \
        const double scale_ = fabs(w_) > 1.0 ? fabs(w_) : 1.0;                             \
        cr_assert(fabs(g_ - w_) <= (rel_tol) * scale_, "%s = %.17g, expected %.17g (%s)", \
                  #got, g_, w_, #want);                                                    \
    } while (0)

/* text parsed as a selection (NULL: none), or a failed test; the caller
 * frees it with js_sel_free. */
static inline js_sel *test_sel(const char *text)
{
    if (text == NULL)
        return NULL;
    js_sel *sel = NULL;
    size_t col = 0;
    char why[256];
    cr_assert_eq(js_sel_parse(text, &sel, &col, why, sizeof why), JS_OK, "%s: column %zu: %s", text,
                 col, why);
    return sel;
}

#endif
