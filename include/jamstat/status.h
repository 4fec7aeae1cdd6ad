/*
 * status.h - result codes shared by every jamstat module.
 *
 * Every fallible library function returns a js_status.  The numeric values
 * are part of the ABI and are never renumbered; new codes are appended.
 * Details (file, line, what was expected, what was found) never travel in
 * the status: they go to the caller's js_diag sink (diag.h).
 */
#ifndef JAMSTAT_STATUS_H
#define JAMSTAT_STATUS_H

#if defined(__GNUC__)
#define JS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define JS_PRINTF(fmt, args)
#endif

typedef enum js_status {
    JS_OK = 0,
    JS_EUSAGE = 1,    /* bad command line or analysis file (spec) */
    JS_EDATA = 2,     /* malformed input data */
    JS_ENOINPUT = 3,  /* an input file cannot be opened */
    JS_ENOMEM = 4,    /* allocation failed or a size is over the cap */
    JS_EIO = 5,       /* read or write error */
    JS_ECREATE = 6,   /* an output file or folder cannot be created */
    JS_ENUMERIC = 7,  /* a GSL routine failed */
    JS_EINTERNAL = 8, /* a bug: an invariant does not hold */
    JS_ETOOL = 9,     /* an external tool (gnuplot) is missing or failed */
    JS_ENET = 10      /* a remote service (PxWebApi) cannot be reached or refused */
} js_status;

/* Static text for a status ("bad input data"); never NULL. */
const char *js_status_str(js_status s);

/* The sysexits.h exit code the CLI uses for a status: 0 ok, 64 usage,
 * 65 bad data, 66 no input, 70 internal, 71 out of memory, 73 cannot
 * create output, 74 I/O, 69 tool or service unavailable. */
int js_status_exit_code(js_status s);

#endif
