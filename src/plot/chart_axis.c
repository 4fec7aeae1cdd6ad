/*
 * chart_axis.c - value axes: tic steps and tic labels.
 *
 * Tic labels are written by us, not by gnuplot's format: gnuplot can put a
 * decimal comma (set decimalsign ',') but has no locale-free thousands
 * separator, and "set decimalsign locale" changes how data is read
 * (CHARTS.md).  So each value axis gets an explicit tic list, formatted with
 * js_fmt_number: "20 000" (U+00A0), "0,5", "80 %".
 */
#include "plot/chart_int.h"

#include <math.h>
#include <string.h>
#include <stdio.h>

void cht_axis_nice(double lo, double hi, int n_tics, int from_zero, cht_axis *ax)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (from_zero) {
        lo = fmin(lo, 0.0);
        hi = fmax(hi, 0.0);
    }
    if (hi - lo <= 0.0) { /* one value: make room around it */
        const double pad = fabs(hi) > 0.0 ? fabs(hi) * 0.1 : 1.0;
        hi += pad;
        if (!from_zero || lo < 0.0)
            lo -= pad;
    }
    const double raw = (hi - lo) / (n_tics > 1 ? n_tics : 5);
    const double mag = pow(10.0, floor(log10(raw)));
    static const double steps[] = {1.0, 2.0, 5.0, 10.0};
    double step = 10.0 * mag;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (steps[i] * mag >= raw * 0.999) {
            step = steps[i] * mag;
            break;
        }
    }
    ax->step = step;
    ax->lo = floor(lo / step + 1e-9) * step;
    ax->hi = ceil(hi / step - 1e-9) * step;
    int dec = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (step >= 10.0)
        dec = 0;
    ax->decimals = dec < 0 ? 0 : dec;
}

/* In a LaTeX chart, a percent sign the writer adds is \%. */
static void tex_percent(const js_chart *ch, char *buf, size_t cap)
{
    char *const pc = ch->latex ? strchr(buf, '%') : NULL;
    const size_t n = strlen(buf);
    if (pc == NULL || n + 2 > cap)
        return;
    memmove(pc + 1, pc, n - (size_t)(pc - buf) + 1);
    *pc = '\\';
}

void cht_fmt_value(const js_chart *ch, double v, int with_percent, char *buf, size_t cap)
{
    const int dec = ch->decimals < 0 ? 0 : ch->decimals;
    if (with_percent)
        js_fmt_percent(v, dec, ch->lang, buf, cap);
    else
        js_fmt_number(v, dec, ch->lang, buf, cap);
    tex_percent(ch, buf, cap);
}

size_t cht_put_tics(js_buf *b, const char *axis, const cht_axis *ax, const js_chart *ch,
                    int mirror_abs)
{
    size_t widest = 0;
    js_buf_printf(b, "set %stics (", axis);
    const long n = lround((ax->hi - ax->lo) / ax->step);
    for (long k = 0; k <= n; k++) {
        double v = ax->lo + (double)k * ax->step;
        if (fabs(v) < ax->step * 1e-9)
            v = 0.0;
        char lab[64];
        const double shown = mirror_abs ? fabs(v) : v;
        if (ch->percent) {
            js_fmt_percent(shown, ax->decimals, ch->lang, lab, sizeof lab);
            tex_percent(ch, lab, sizeof lab);
        }
        else
            js_fmt_number(shown, ax->decimals, ch->lang, lab, sizeof lab);
        const size_t w = cht_text_width(lab);
        widest = w > widest ? w : widest;
        if (k > 0)
            js_buf_puts(b, ", ");
        cht_put_literal_fmt(b, lab); /* tic labels are gprintf formats */
        js_buf_putc(b, ' ');
        cht_put_num(b, v);
    }
    js_buf_puts(b, ")\n");
    return widest;
}
