/*
 * status.c - texts and exit codes of js_status.
 */
#include "jamstat/status.h"

const char *js_status_str(js_status s)
{
    switch (s) {
    case JS_OK: return "success";
    case JS_EUSAGE: return "invalid usage or analysis file";
    case JS_EDATA: return "bad input data";
    case JS_ENOINPUT: return "cannot open input";
    case JS_ENOMEM: return "out of memory";
    case JS_EIO: return "input/output error";
    case JS_ECREATE: return "cannot create output";
    case JS_ENUMERIC: return "numerical error";
    case JS_EINTERNAL: return "internal error";
    case JS_ETOOL: return "external tool failed";
    case JS_ENET: return "remote service unavailable";
    }
    return "unknown status";
}

int js_status_exit_code(js_status s)
{
    switch (s) {
    case JS_OK: return 0;
    case JS_EUSAGE: return 64;
    case JS_EDATA: return 65;
    case JS_ENOINPUT: return 66;
    case JS_ENUMERIC:
    case JS_EINTERNAL: return 70;
    case JS_ENOMEM: return 71;
    case JS_ECREATE: return 73;
    case JS_EIO: return 74;
    case JS_ETOOL:
    case JS_ENET: return 69; /* EX_UNAVAILABLE */
    }
    return 70;
}
