/*
 * test_natcmp.c - js_natural_cmp, the one order of codes and labels that
 * charts (sort = code | label) and tables share.
 *
 * Expected orders are written out by hand from the rule (a run of digits
 * compares as a whole number): SCB's T-codes, county codes, SSYK 2012
 * codes with their prefix, and the ties strcmp breaks differently.
 */
#include <stdlib.h>
#include <string.h>

#include "core/natcmp.h"
#include "testutil.h"

static int sign(int v) { return (v > 0) - (v < 0); }

/* a < b, and the comparison is antisymmetric */
static void before(const char *a, const char *b)
{
    cr_assert_lt(js_natural_cmp(a, b), 0, "\"%s\" before \"%s\"", a ? a : "NULL", b ? b : "NULL");
    cr_assert_gt(js_natural_cmp(b, a), 0, "\"%s\" after \"%s\"", b ? b : "NULL", a ? a : "NULL");
}

Test(natcmp, numbers_inside_codes)
{
    before("T2", "T10");      /* strcmp: "T10" < "T2" */
    before("2", "10");
    before("9", "10");
    before("SSYK 4 T2", "SSYK 4 T10");
    before("2015M2", "2015M10");
    before("a1b2", "a1b10");
    before("x99999999999999999999998", "x99999999999999999999999"); /* longer than any integer type */
}

Test(natcmp, bytes_and_prefixes)
{
    before("T", "T1");        /* a prefix first, as strcmp */
    before("Blekinge", "Dalarna");
    before("3A", "21");       /* 3 < 21: the number decides before the letter */
    before("T2a", "T2b");
    before(NULL, "");
}

Test(natcmp, equal_and_leading_zeros)
{
    cr_assert_eq(js_natural_cmp("T10", "T10"), 0);
    cr_assert_eq(js_natural_cmp("", ""), 0);
    cr_assert_eq(js_natural_cmp(NULL, NULL), 0);
    before("1", "01");        /* same number: fewer leading zeros first, never equal */
    before("01", "2");        /* 1 < 2 whatever the zeros */
    before("007", "8");
    before("0", "00");
}

static int cmp_str(const void *a, const void *b)
{
    return js_natural_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorting with it gives the order a reader expects, written by hand. */
Test(natcmp, sorted_list)
{
    const char *codes[] = {"T10", "T2", "T1", "T21", "T3", "00", "25", "3", "10", "1"};
    const char *const want[] = {"00", "1", "3", "10", "25", "T1", "T2", "T3", "T10", "T21"};
    const size_t n = sizeof codes / sizeof codes[0];
    qsort(codes, n, sizeof codes[0], cmp_str);
    for (size_t i = 0; i < n; i++)
        cr_assert_str_eq(codes[i], want[i], "position %zu", i);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            cr_assert_eq(sign(js_natural_cmp(want[i], want[j])), (i > j) - (i < j), "%s vs %s", want[i],
                         want[j]);
}
