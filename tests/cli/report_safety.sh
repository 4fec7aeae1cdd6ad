#!/bin/sh
# Hostile labels and titles run nothing, proven with real parsers (issue
# #10, item 4): the report is parsed as a browser parses it (html5lib, the
# HTML standard's algorithm) and each SVG as XML (tests/oracle/html_safety.py
# says what is checked), and the cairolatex charts are compiled by pdflatex
# with shell escape off and, to show that the escaping alone holds, once
# with it on.  The labels are invented attacks, after CHARTS.md's list.
# Closes with "report_safety: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
PWNED="$TMP/pwned"
cat > "$TMP/pop.csv" <<CSV
year,region,sex,age,population
2020,01 <script>alert(1)</script>,women,0,10
2020,01 <script>alert(1)</script>,men,0,12
2020,"03 ""><img src=x onerror=alert(2)>",women,0,7
2020,"03 ""><img src=x onerror=alert(2)>",men,0,9
2020,04 javascript:alert(3),women,0,5
2020,04 javascript:alert(3),men,0,4
2020,05 \\write18{touch $PWNED},women,0,6
2020,05 \\write18{touch $PWNED},men,0,6
2020,06 \\input{/etc/hostname} 50 % & \$x_1\$,women,0,3
2020,06 \\input{/etc/hostname} 50 % & \$x_1\$,men,0,8
CSV
cat > "$TMP/a.ini" <<INI
[analysis]
title = </title><script>alert(5)</script>
subtitle = <b onmouseover=alert(6)>s</b>
language = en
[data pop]
file = pop.csv
source = <a href="javascript:alert(7)">src</a>
[indicator w]
kind = share
part = sex:women
by = region
title = ]]><!-- \\write18{touch $PWNED-title}
[chart c]
kind = bars
indicator = w
title = <svg onload=alert(8)>
INI
formats=svg,png
command -v pdflatex > /dev/null 2>&1 && formats=svg,png,tex
"$JS" run "$TMP/a.ini" -o "$TMP/out" --format "$formats" 2> "$TMP/err"
check "run exits 0" "$?" 0

# ---- the report and the SVG, parsed ------------------------------------------------
PY=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import html5lib' 2> /dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
    skip "html5lib absent (Debian python3-html5lib): the report is not parsed"
else
    # the oracle itself must refuse an unsafe page: the report with a script,
    # an event handler and a javascript: link put in by hand
    sed 's#<main>#<main><script>x()</script><p onclick="y()">a</p><a href="javascript:z()">l</a>#' \
        "$TMP/out/report.html" > "$TMP/unsafe.html"
    if "$PY" tests/oracle/html_safety.py "$TMP/unsafe.html" "$TMP/out/charts" > "$TMP/unsafe.out"; then
        bad "the oracle passed a page with a script in it"
    else
        check "the oracle finds the three planted attacks" "$(wc -l < "$TMP/unsafe.out" | tr -d ' ')" 3
    fi
    "$PY" tests/oracle/html_safety.py "$TMP/out/report.html" "$TMP/out/charts" \
        '<script>alert(1)</script>' '"><img src=x onerror=alert(2)>' 'javascript:alert(3)' \
        '</title><script>alert(5)</script>' '<b onmouseover=alert(6)>s</b>' \
        '<a href="javascript:alert(7)">src</a>' '<svg onload=alert(8)>' > "$TMP/safe.out"
    check "report and SVG: safe, every hostile text shown as text" "$(cat "$TMP/safe.out")" ok
fi

# ---- LaTeX ---------------------------------------------------------------------------
if [ "$formats" != svg,png,tex ]; then
    skip "pdflatex absent (Debian texlive-latex-base): the LaTeX charts are not compiled"
else
    cd "$TMP/out/charts" || exit 1
    printf '%s\n' '\documentclass{article}' '\usepackage{graphicx}' '\usepackage{color}' \
        '\begin{document}' '\input{c-tex.tex}' '\end{document}' > doc.tex
    pdflatex -no-shell-escape -interaction=nonstopmode -halt-on-error doc.tex > latex.out 2>&1
    check "pdflatex -no-shell-escape compiles the chart" "$?" 0
    # pdflatex announces "\write18 enabled" (or "restricted \write18 enabled") when it is on
    check "shell escape was off" "$(grep -c 'write18 enabled' doc.log)" 0
    if command -v pdftotext > /dev/null 2>&1; then
        pdftotext -layout doc.pdf doc.txt
        for lit in '<script>alert(1)</script>' 'javascript:alert(3)' '\write18{touch' '\input{/etc/hostname}' \
            '50 % &'; do
            check "printed literally: $lit" "$(grep -cF -- "$lit" doc.txt)" 1
        done
    else
        skip "pdftotext absent (Debian poppler-utils): the printed labels are not read back"
    fi
    # with shell escape on, an unescaped \write18 would run: the escaping must hold alone
    pdflatex -shell-escape -interaction=nonstopmode -halt-on-error doc.tex > latex.out 2>&1
    check "pdflatex -shell-escape compiles it too" "$?" 0
    cd "$ROOT" || exit 1
fi
check "nothing ran: no $PWNED*" "$(ls "$TMP" | grep -c pwned)" 0
finish report_safety
