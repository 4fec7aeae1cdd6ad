#!/bin/sh
# The author's own text in the report (issue #15, "What must work" 3):
# [analysis] introduction = Markdown, or text = FILE.md beside the
# analysis file; a chart's and an indicator's text (before) and note
# (under).  Markdown goes through libcmark's safe mode: no raw HTML and no
# javascript: link reaches the report; plain texts are escaped like data.
# Invented counts.
# Closes with "author_text: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
printf 'year,region,sex,persons\n2020,23,women,60\n2020,23,men,64\n2020,24,women,130\n2020,24,men,132\n' > "$TMP/d.csv"
cat > "$TMP/intro.md" <<'MD'
## Om rapporten

Rapporten visar **kvinnor och män** i länet.

- första punkten
- [en länk](javascript:alert(1))

<script>alert(2)</script>
MD
cat > "$TMP/a.ini" <<'INI'
[analysis]
title = t
introduction = Inledande *ord* <img src=x onerror=alert(3)>
text = intro.md
[data d]
file = d.csv
[indicator n]
kind = count
by = region, sex
text = Tabellen före <b>fet</b>
note = Not under tabellen
[chart c]
kind = bars
indicator = n
text = Diagrammets ord & mer
note = Not <i>under</i> diagrammet
INI
"$JS" run "$TMP/a.ini" -o "$TMP/out" 2> "$TMP/err"
check "run exits 0" "$?" 0
R=$TMP/out/report.html
has() { if grep -qF -- "$2" "$R"; then ok; else bad "$1: no '$2' in report.html"; fi; }
hasnt() { if grep -qF -- "$2" "$R"; then bad "$1: '$2' in report.html"; else ok; fi; }
has "inline introduction, Markdown emphasis" "<p>Inledande <em>ord</em>"
has "the file's heading" "<h2>Om rapporten</h2>"
has "the file's bold" "<strong>kvinnor och män</strong>"
has "the file's list" "<li>första punkten</li>"
hasnt "no javascript: link" "javascript:"
hasnt "no raw script" "<script>alert(2)"
hasnt "no raw img" "<img src=x"
has "chart text, escaped" '<p class="author-text">Diagrammets ord &amp; mer</p>'
has "chart note, escaped" '<p class="author-note">Not &lt;i&gt;under&lt;/i&gt; diagrammet</p>'
has "indicator text, escaped" '<p class="author-text">Tabellen före &lt;b&gt;fet&lt;/b&gt;</p>'
has "indicator note" '<p class="author-note">Not under tabellen</p>'
# the report stays well-formed HTML (the html5lib oracle)
if /usr/bin/python3 -c 'import html5lib' 2> /dev/null; then
    /usr/bin/python3 tests/oracle/html_safety.py "$R" "$TMP/out/charts" "Diagrammets ord & mer" > "$TMP/safety" 2>&1
    check "html5lib: no script, no handler ($(head -3 "$TMP/safety" | tr "\n" " "))" "$?" 0
else
    skip "python3-html5lib absent: the report's safety not parsed"
fi
sed 's/^text = intro.md$/text = nosuch.md/' "$TMP/a.ini" > "$TMP/b.ini"
"$JS" run "$TMP/b.ini" -o "$TMP/out2" 2> "$TMP/err2"
check "a missing text file: exit 66" "$?" 66
grep -q "\[analysis\]: text = nosuch.md: cannot read the file" "$TMP/err2" && ok || bad "missing text file: message, got $(cat "$TMP/err2")"
check "and no output folder" "$(test -e "$TMP/out2" && echo yes || echo no)" no
finish author_text
