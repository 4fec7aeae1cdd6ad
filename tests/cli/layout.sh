#!/bin/sh
# The layout controls (issue #15, "What must work" 4): title_in_image,
# the value axis's default title from the unit, width_cm / height_cm /
# latex_width_cm, and small multiples of 21 counties with the home
# region's panel highlighted.  Each key is checked in the script it
# writes (NAME.gp); images are rendered where gnuplot is installed.
#
# Expected values and where they come from:
# - sizes by hand at 96 px an inch (the layout) and 300 dpi (print):
#   12 cm = 12 / 2.54 * 96 = 453.5 -> 454 px; the height keeps 800:500,
#   454 * 5 / 8 = 283.75 -> 284 px = 284 * 12 / 454 = 7.5066 cm; print
#   12 / 2.54 * 300 = 1417.3 -> 1417 px by 7.5066 / 2.54 * 300 = 886.6 ->
#   887 px, strokes and letters 300 / 2.54 * 12 / 454 = 3.122 times the
#   layout's; the screen PNG stays 800 px wide, 284 * 800 / 454 = 500.4 -> 500;
# - the cairolatex default is LaTeX's \textwidth for the article class at
#   10 pt on A4: size10.clo sets it to 345 pt (paper width minus 2 in is
#   wider), 345 / 72.27 * 2.54 = 12.1254 cm, written 12.125cm;
# - axis titles from the units jamstat states (README, table of kinds):
#   count -> persons -> "Antal", share -> % -> "Procent", gap with part ->
#   "procentenheter", ratio with scale = 1000 -> "per 1 000", each with its
#   first letter capitalised;
# - the grid for 21 panels on 800 px: 5 columns (at most 6, panels at
#   least 120 px: (800 - 60) / 120 = 6), ceil(21 / 5) = 5 rows, the image
#   30 + 5 * 150 + 60 = 840 px high; on 16 cm (605 px) (605 - 60) / 120 = 4
#   columns, 6 rows of 130 px (from six rows on), 30 + 6 * 130 + 60 = 870 px.
# Closes with "layout: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

# Invented counts: three regions, two years, women and men, education.
printf 'region,year,sex,education,persons\n' > "$TMP/d.csv"
for r in 01:Stockholm 10:Blekinge 23:Jämtland; do
    for y in 2014 2015; do
        for s in women men; do
            printf '%s,%s,%s,post,%d\n%s,%s,%s,other,%d\n' "$r" "$y" "$s" $((${#r} * 10 + y - 2000)) \
                "$r" "$y" "$s" $((${#s} * 7 + y - 2000)) >> "$TMP/d.csv"
        done
    done
done
sed -i 's/^\([0-9]*\):\([^,]*\),/\1 \2,/' "$TMP/d.csv"

# $1 name, $2 the [analysis] lines (\n-separated), then the rest of the file;
# runs it (stderr in err_NAME, exit status in rc_NAME) into o_NAME
run_ini() {
    name=$1 head=$2
    shift 2
    printf '[analysis]\ntitle = t\nfocus = 23\n%b[data d]\nfile = d.csv\nsource = invented\n' "$head" > "$TMP/$name.ini"
    for l in "$@"; do printf '%s\n' "$l" >> "$TMP/$name.ini"; done
    "$JS" run "$TMP/$name.ini" -o "$TMP/o_$name" --format svg > /dev/null 2> "$TMP/err_$name"
    echo $? > "$TMP/rc_$name"
}
gp() { cat "$TMP/o_$1/charts/$2.gp" 2> /dev/null; }
term() { gp "$1" "$2" | sed -n "s/^ *set terminal $3 size \([^ ]*\) .*/\1/p"; }

IND='[indicator n]\nkind = count\ndata = d\nby = region, year, sex'

# ---- title_in_image -----------------------------------------------------
run_ini title '' "$(printf "$IND")" \
    '[chart plain]' 'kind = lines' 'indicator = n' 'where = region:23' "title = Folkmängd i Jämtland" \
    '[chart inside]' 'kind = lines' 'indicator = n' 'where = region:23' "title = it's \`touch $TMP/pwned\` \\ ' . system('id') . '" \
    'title_in_image = yes'
check "title: run exits 0" "$(cat "$TMP/rc_title")" 0
gp title plain | grep -q "^set label 60 " && bad "title_in_image default no: the title must not be drawn" || ok
gp title plain | grep -q "^set multiplot" && bad "title_in_image = no: no room made" || ok
# the hostile title: one single-quoted literal, quotes doubled, nothing of it outside
want="set label 60 'it''s \`touch $TMP/pwned\` \\ '' . system(''id'') . ''' at screen"
gp title inside | grep -qF "$want" && ok || bad "title_in_image = yes: title label as a literal, got: $(gp title inside | grep '^set label 60' | head -1)"
# room: the plot set in the lower part, the canvas taller by the band (18 + 17 px)
check "title band: canvas 500 + 35 px" "$(term title inside svg)" "800,535"
check "title band: plot in the lower 500/535" "$(gp title inside | sed -n 's/^set size 1, //p')" "0.934579"
run_ini title_def 'title_in_image = yes\n' "$(printf "$IND")" \
    '[chart a]' 'kind = lines' 'indicator = n' 'where = region:23' 'title = A' \
    '[chart b]' 'kind = lines' 'indicator = n' 'where = region:23' 'title = B' 'title_in_image = no'
gp title_def a | grep -q "^set label 60 'A'" && ok || bad "[analysis] title_in_image = yes: the default for every chart"
gp title_def b | grep -q "^set label 60" && bad "a chart's title_in_image = no wins over [analysis]" || ok

# ---- the value axis's title from the unit ----------------------------------
run_ini units '' "$(printf "$IND")" \
    '[indicator share]' 'kind = share' 'data = d' 'part = education:post' 'by = region, year, sex' \
    '[indicator gap]' 'kind = gap' 'data = d' 'part = education:post' 'by = region, year' \
    '[indicator per]' 'kind = ratio' 'data = d' 'numerator = education:post' 'denominator = education:other' \
    'scale = 1000' 'by = region, year, sex' \
    '[chart count_lines]' 'kind = lines' 'indicator = n' 'where = region:23' \
    '[chart count_ranked]' 'kind = ranked' 'indicator = n' 'where = year:2015 sex:women' \
    '[chart share_bars]' 'kind = bars' 'indicator = share' 'where = year:2015' \
    '[chart gap_lines]' 'kind = lines' 'indicator = gap' 'where = region:23' \
    '[chart per_dumbbell]' 'kind = dumbbell' 'indicator = per' 'where = year:2015' \
    '[chart own]' 'kind = lines' 'indicator = n' 'where = region:23' 'y_label = Invånare' \
    '[chart none]' 'kind = lines' 'indicator = n' 'where = region:23' 'y_label = none' \
    '[chart empty]' 'kind = lines' 'indicator = n' 'where = region:23' 'y_label =' \
    '[chart data_bars]' 'kind = bars' 'data = d' 'where = year:2015'
check "units: run exits 0" "$(cat "$TMP/rc_units")" 0
ylab() { gp units "$1" | sed -n "s/^set label 7 '\([^']*\)' at character.*/\1/p"; }
xlab() { gp units "$1" | sed -n "s/^set label 8 '\([^']*\)' at graph.*/\1/p"; }
check "count, lines: y title" "$(ylab count_lines)" "Antal"
check "count, ranked: x title (lying)" "$(xlab count_ranked)" "Antal"
check "share, bars: y title" "$(ylab share_bars)" "Procent"
check "gap with part: y title" "$(ylab gap_lines)" "Procentenheter"
check "ratio, scale 1000, dumbbell: x title" "$(xlab per_dumbbell)" "Per 1 000"
check "y_label = Invånare wins" "$(ylab own)" "Invånare"
check "y_label = none: no title" "$(gp units none | grep -c '^set label 7')" 0
check "y_label empty: no title" "$(gp units empty | grep -c '^set label 7')" 0
check "bars of a data section (counts, the default measure_type): y title" "$(ylab data_bars)" "Antal"
run_ini units_en 'language = en\n' "$(printf "$IND")" '[chart c]' 'kind = lines' 'indicator = n' 'where = region:23'
check "language = en: Number" "$(gp units_en c | sed -n "s/^set label 7 '\([^']*\)'.*/\1/p")" "Number"

# ---- width_cm, height_cm, latex_width_cm ----------------------------------------
run_ini size '' "$(printf "$IND")" \
    '[chart plain]' 'kind = lines' 'indicator = n' 'where = region:23' \
    '[chart w12]' 'kind = lines' 'indicator = n' 'where = region:23' 'width_cm = 12' \
    '[chart w12h9]' 'kind = lines' 'indicator = n' 'where = region:23' 'width_cm = 12' 'height_cm = 9' \
    '[chart tex8]' 'kind = lines' 'indicator = n' 'where = region:23' 'latex_width_cm = 8'
check "size: run exits 0" "$(cat "$TMP/rc_size")" 0
check "width_cm = 12: PDF" "$(term size w12 pdfcairo)" "12.00cm,7.51cm"
check "width_cm = 12: SVG at 96 px an inch" "$(term size w12 svg)" "454,284"
check "width_cm = 12: print PNG at 300 dpi" "$(gp size w12 | sed -n "/fmt eq 'print'/,/}/s/.*pngcairo size \([^ ]*\) fontscale \([^ ]*\) .*/\1 \2/p")" "1417,887 3.122"
check "width_cm = 12: the screen PNG keeps 800 px" "$(gp size w12 | sed -n "/fmt eq 'png'/,/}/s/.*pngcairo size \([^ ]*\) .*/\1/p")" "800,500"
check "width_cm = 12, height_cm = 9: PDF" "$(term size w12h9 pdfcairo)" "12.00cm,9.00cm"
check "no size keys: PDF of 800 x 500 px at 96 px an inch" "$(term size plain pdfcairo)" "21.17cm,13.23cm"
check "no size keys: screen PNG" "$(gp size plain | sed -n "/fmt eq 'png'/,/}/s/.*pngcairo size \([^ ]*\) .*/\1/p")" "800,500"
check "cairolatex default: article text width 12.125 cm" "$(term size plain 'cairolatex pdf input colortext' | cut -d, -f1)" "12.125cm"
check "cairolatex: width_cm when no latex_width_cm" "$(term size w12 'cairolatex pdf input colortext' | cut -d, -f1)" "12.000cm"
check "cairolatex: latex_width_cm = 8" "$(term size tex8 'cairolatex pdf input colortext' | cut -d, -f1)" "8.000cm"
run_ini size_def 'width_cm = 16\n' "$(printf "$IND")" '[chart c]' 'kind = lines' 'indicator = n' 'where = region:23'
check "[analysis] width_cm = 16: the default" "$(term size_def c pdfcairo | cut -d, -f1)" "16.00cm"

# ---- bad values: file, line, expected, found; exit 64 ----------------------------------
run_ini bad1 '' "$(printf "$IND")" '[chart c]' 'kind = lines' 'indicator = n' 'where = region:23' 'title_in_image = maybe'
check "title_in_image = maybe: exit 64" "$(cat "$TMP/rc_bad1")" 64
grep -q "bad1.ini:15:.*title_in_image: expected yes or no, found \"maybe\"" "$TMP/err_bad1" && ok ||
    bad "title_in_image = maybe: message, got: $(cat "$TMP/err_bad1")"
run_ini bad2 '' "$(printf "$IND")" '[chart c]' 'kind = lines' 'indicator = n' 'where = region:23' 'width_cm = 0.5'
check "width_cm = 0.5: exit 64" "$(cat "$TMP/rc_bad2")" 64
grep -q "bad2.ini:15:.*width_cm: expected a size in cm from 2 to 100 (e.g. width_cm = 12.1), found \"0.5\"" "$TMP/err_bad2" &&
    ok || bad "width_cm = 0.5: message, got: $(cat "$TMP/err_bad2")"
run_ini bad3 'height_cm = tall\n' "$(printf "$IND")" '[chart c]' 'kind = lines' 'indicator = n' 'where = region:23' \
    '[chart d]' 'kind = lines' 'indicator = n' 'where = region:23'
check "[analysis] height_cm = tall: exit 64" "$(cat "$TMP/rc_bad3")" 64
grep -q "bad3.ini:4:.*\[analysis.*height_cm: expected a size in cm from 2 to 100 (e.g. height_cm = 12.1), found \"tall\"" \
    "$TMP/err_bad3" && ok || bad "[analysis] height_cm = tall: message at its line, got: $(cat "$TMP/err_bad3")"
check "[analysis] height_cm = tall: said once for two charts" "$(grep -c 'height_cm: expected' "$TMP/err_bad3")" 1
"$JS" check "$TMP/bad2.ini" > /dev/null 2>&1
check "jamstat check: width_cm = 0.5 is an error too" "$?" 64

# ---- natural order of codes: a [table] and a chart's sort = code agree ---------------------
# invented codes; by hand T1 < T2 < T3 < T10 (strcmp would give T1 T10 T2 T3)
printf 'grp,sex,n\n' > "$TMP/nat.csv"
for c in T10 T2 T1 T3; do printf '%s,women,5\n%s,men,7\n' "$c" "$c" >> "$TMP/nat.csv"; done
printf '[analysis]\ntitle = t\n[data d]\nfile = nat.csv\n[indicator n]\nkind = count\nby = grp\n[table tab]\nindicators = n\nby = grp\n[chart c]\nkind = bars\nindicator = n\ncategories = grp\nsort = code\n' > "$TMP/nat.ini"
"$JS" run "$TMP/nat.ini" -o "$TMP/o_nat" > /dev/null 2> "$TMP/err_nat"
check "natural order: run exits 0" "$?" 0
check "[table]: rows in natural code order" "$(sed 1d "$TMP/o_nat/tab.csv" 2> /dev/null | cut -d, -f1 | tr '\n' ' ')" "T1 T2 T3 T10 "
check "sort = code: the same order" "$(sed 1d "$TMP/o_nat/charts/c.csv" | cut -d, -f1 | tr '\n' ' ')" "T1 T2 T3 T10 "

# ---- small multiples of the 21 counties ------------------------------------------------
POP=$SHARED/scb-county-population-1968-2015.csv
if [ -f "$POP" ]; then
    printf '[analysis]\ntitle = t\nfocus = 23\n[data pop]\nfile = %s\nsource = SCB, BE0101\n[indicator n]\nkind = count\ndata = pop\nby = region, year, sex\n' "$POP" > "$TMP/sm.ini"
    printf '[chart sm]\nkind = small_multiples\nindicator = n\n[chart sm16]\nkind = small_multiples\nindicator = n\nwidth_cm = 16\ntitle = Folkmängd\ntitle_in_image = yes\n' >> "$TMP/sm.ini"
    "$JS" run "$TMP/sm.ini" -o "$TMP/o_sm" > /dev/null 2> "$TMP/err_sm"
    check "21 counties: run exits 0" "$?" 0
    smgp=$TMP/o_sm/charts/sm.gp
    check "21 panels" "$(grep -c '^# panel ' "$smgp")" 21
    check "21 panels: 5 rows, 5 columns" "$(sed -n 's/^set multiplot layout \([0-9]*,[0-9]*\) .*/\1/p' "$smgp")" "5,5"
    check "21 panels: the image grows to 840 px" "$(sed -n 's/^ *set terminal svg size \([^ ]*\) .*/\1/p' "$smgp")" "800,840"
    check "21 panels on 16 cm: 6 rows, 4 columns" \
        "$(sed -n 's/^set multiplot layout \([0-9]*,[0-9]*\) .*/\1/p' "$TMP/o_sm/charts/sm16.gp")" "6,4"
    check "21 panels on 16 cm: 605 px wide, 870 px + the title band (35 px)" \
        "$(sed -n 's/^ *set terminal svg size \([^ ]*\) .*/\1/p' "$TMP/o_sm/charts/sm16.gp")" "605,905"
    check "21 panels on 16 cm: the PDF 905 * 16 / 605 = 23.93 cm high" \
        "$(sed -n 's/^ *set terminal pdfcairo size \([^ ]*\) .*/\1/p' "$TMP/o_sm/charts/sm16.gp")" "16.00cm,23.93cm"
    # the home region's panel: its title bold in the highlight colour, on a tint; no other panel
    check "focus = 23: one highlighted panel" "$(grep -c '^set title .*textcolor rgb c_highlight' "$smgp")" 1
    grep -q "^set title 'Jämtland' offset 0,-0.6 textcolor rgb c_highlight font 'Arial:Bold,10'" "$smgp" && ok ||
        bad "focus = 23: Jämtland's panel title in the highlight colour"
    awk '/^set title .Jämtland/ { getline; if ($0 ~ /^set object 50 rectangle .*fillcolor rgb c_highlight/) f = 1 } END { exit !f }' "$smgp" &&
        ok || bad "focus = 23: Jämtland's panel on a tint of the highlight colour"
    check "panels keep 10 pt titles" "$(grep '^set title' "$smgp" | grep -vc ",10'$")" 0
    check "shared y axis: one range" "$(grep -c '^set yrange' "$smgp")" 1
    check "y tic labels in the first column only (5 rows)" "$(grep -c "^set ytics ('0'" "$smgp")" 5
    check "the unit's title once" "$(grep -c "^set label 7 'Antal' at screen" "$smgp")" 1
    if command -v gnuplot > /dev/null 2>&1; then
        for f in sm.png sm16.png sm16.svg; do
            [ -s "$TMP/o_sm/charts/$f" ] && ok || bad "$f rendered"
        done
        # IHDR width and height of the screen PNG: 800 x 840
        check "sm.png is 800 x 840" "$(od -An -tu1 -j16 -N8 "$TMP/o_sm/charts/sm.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')" "800x840"
    else
        skip "gnuplot absent: small multiples not rendered"
    fi
else
    skip "$POP absent (../shared/datasets): 21 county panels not checked"
fi

# ---- rendered, and nothing of the hostile title ran --------------------------------------
if command -v gnuplot > /dev/null 2>&1; then
    "$JS" run "$TMP/title.ini" -o "$TMP/o_title_r" --format svg,png,pdf,print > /dev/null 2>&1
    check "title: rendered in every format" "$?" 0
    for f in inside.svg inside.png inside.pdf inside-print.png; do
        [ -s "$TMP/o_title_r/charts/$f" ] && ok || bad "$f rendered"
    done
    [ -e "$TMP/pwned" ] && bad "the title ran a command" || ok
    check "print PNG of width_cm = 12 is 1417 x 887" "$("$JS" run "$TMP/size.ini" -o "$TMP/o_size_r" --format print > /dev/null 2>&1;
        od -An -tu1 -j16 -N8 "$TMP/o_size_r/charts/w12-print.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')" "1417x887"
else
    skip "gnuplot absent: titles not rendered"
fi
# a scatter's long point names wrap at 24 characters (by hand: "B Ett
# mycket långt namn" is 22, adding " på" would make 25)
printf 'region,sex,n\nA Kort,women,10\nA Kort,men,12\nB Ett mycket långt namn på en region som aldrig tar slut,women,20\nB Ett mycket långt namn på en region som aldrig tar slut,men,15\n' > "$TMP/sc.csv"
printf '[analysis]\ntitle = t\n[data d]\nfile = sc.csv\nrole.region = region\n[indicator n]\nkind = count\nby = region, sex\n[chart s]\nkind = scatter\nindicator = n\n' > "$TMP/sc.ini"
"$JS" run "$TMP/sc.ini" -o "$TMP/o_sc" --format svg 2> /dev/null
check "scatter: a long point name wrapped in the .dat" \
    "$(awk -F'\t' '$3 ~ /^B Ett/ { print $3 }' "$TMP/o_sc/charts/s.dat" | tail -1)" 'B Ett mycket långt namn\npå en region som aldrig\ntar slut'
finish layout
