#!/bin/sh
# The report reads well anywhere (issue #15, "What must work" 6): the demo
# report (make demo's datasets/scb/jamtland.ini, with its three [section]s) rendered in
# headless Chromium at 1280 and 390 CSS px wide, driven over the DevTools
# protocol by report_browser.py (a real 390 px viewport: headless windows
# are never narrower than 500).  Asserted at both widths:
#  - no console error, uncaught exception or failed request;
#  - every <img> loaded (complete, naturalWidth > 0), and as many images
#    measured as the HTML has <img> elements (at least one);
#  - at 390 px the viewport is 390 px and the page does not scroll
#    sideways (scrollWidth <= 390);
#  - printed (Page.printToPDF with the CSS page size), pages are A4.
# A control page (the report with a missing image, a console error and a
# 900 px wide block) must fail each check, so the checks cannot pass for
# want of looking.  The screenshots stay in build/report_browser/
# (report-1280.png, report-390.png and their -partN pieces) to be looked at,
# with the printed report.pdf.
# Skipped with a message when chromium is absent.
# Closes with "report_browser: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}
OUT=${JS_BROWSER_OUT:-$ROOT/build/report_browser}
if [ ! -x "$CHROMIUM" ]; then
    skip "chromium absent (Debian package chromium): the report not rendered in a browser"
    finish report_browser
fi
rm -rf "$OUT"
mkdir -p "$OUT"
"$JS" run datasets/scb/jamtland.ini -o "$OUT/report" 2> "$OUT/run.err"
check "demo run with sections exits 0 ($(head -c 300 "$OUT/run.err"))" "$?" 0
R=$OUT/report/report.html
n_img=$(grep -o '<img ' "$R" | wc -l | tr -d ' ')
if [ "$n_img" -ge 1 ]; then ok; else bad "the report has no <img> to check"; fi
/usr/bin/python3 tests/cli/report_browser.py "$CHROMIUM" "$R" "$OUT" 1280 390 pdf > "$OUT/measure.txt" 2> "$OUT/measure.err"
check "Chromium driven ($(head -c 300 "$OUT/measure.err"))" "$?" 0
# field WIDTH NAME: NAME=VALUE of the line of that width
field() { awk -v w="width=$1" -v k="$2" '$1 == w { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }' "${3:-$OUT/measure.txt}"; }
for w in 1280 390; do
    check "$w px: images measured = <img> in the HTML" "$(field $w images)" "$n_img"
    check "$w px: every image loaded (broken: $(field $w broken))" "$(field $w loaded)" "$n_img"
    check "$w px: no console error, exception or failed request ($(grep '^error:' "$OUT/measure.txt" | head -3 | tr '\n' ' '))" \
        "$(field $w errors)" 0
    check "$w px: the viewport is $w px wide" "$(field $w inner)" "$w"
    # the PNG's width, from its IHDR (bytes 17-20)
    png_w=$(od -An -tu1 -j16 -N4 "$OUT/report-$w.png" 2> /dev/null | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    check "$w px: the screenshot is $w px wide" "$png_w" "$w"
done
# printed: A4 from the CSS's @page (Chromium's own default is US Letter, 612 x 792 pt)
check "print: A4 pages (595 x 842 pt)" "$(sed -n 's/^pdf pages=[0-9]* width_pt=\([0-9]*\) height_pt=\([0-9]*\)$/\1 x \2/p' "$OUT/measure.txt")" "595 x 842"
pages=$(sed -n 's/^pdf pages=\([0-9]*\).*/\1/p' "$OUT/measure.txt")
if [ "${pages:-0}" -ge 2 ]; then ok; else bad "print: expected a report of several pages, found ${pages:-none}"; fi
sw=$(field 390 scroll)
if [ -n "$sw" ] && [ "$sw" -le 390 ]; then ok; else bad "390 px: the page scrolls sideways (scrollWidth $sw)"; fi
# the control: one image that cannot load, a console error, a block wider than a phone
sed 's#</main>#<img src="charts/no-such-chart.png" alt="x"><div style="width:900px">wide</div><script>console.error("control")</script></main>#' \
    "$R" > "$OUT/report/control.html"
/usr/bin/python3 tests/cli/report_browser.py "$CHROMIUM" "$OUT/report/control.html" "$OUT/report" 390 > "$OUT/control.txt" 2>&1
c() { field 390 "$1" "$OUT/control.txt"; }
check "control: one image more measured" "$(c images)" $((n_img + 1))
check "control: the missing image found" "$(c broken)" "charts/no-such-chart.png"
if [ "$(c errors)" -ge 2 ] 2> /dev/null; then ok; else bad "control: the console error and the failed load not both caught ($(c errors))"; fi
if [ "$(c scroll)" -gt 390 ] 2> /dev/null; then ok; else bad "control: the 900 px block not seen as overflow ($(c scroll))"; fi
rm -f "$OUT/report/control.html" "$OUT"/report/report-390*.png
finish report_browser
