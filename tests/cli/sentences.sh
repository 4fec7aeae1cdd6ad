#!/bin/sh
# The report's sentences (issue 13 item 5) and groups from a key file for
# rank and dispersion (item 1), on real data in ../shared/datasets
# (skipped with a message where it is absent), in Swedish and English.
# What is checked against what:
#   - rank, BRP+ 2025 Livskvalitet, focus Dalarna (20): the municipality
#     with the highest and the lowest value per sex, from awk over the BRP+
#     file, named in the sentence; with focus Falun (2080), Falun's place
#     among Dalarna's municipalities and in the country, counted by awk
#     (values above it, ties halved); and Dalarnas län's place among the
#     21 counties in BRP+'s region file, counted the same way;
#   - dispersion, Theil's L over Dalarna's municipalities: the mean log
#     deviation computed by awk, at the table's 4 decimals; over time, the
#     population-weighted CV of the counties' share 65+ from
#     tests/oracle/dispersion.py county65, and per sex its CV by awk: first
#     and latest year and the direction;
#   - target, Region Dalarna's employment (rus-followup/): the year the
#     target 80 % and parity are reached, from awk over the file with the
#     pace rule ind_target.c documents (endpoint pace from the first to
#     the latest year; the year is the whole year at or after it, as
#     out_sentence.c says), the year since which men are above 80 %, and a
#     target moving away (long-term unemployment of women, 2.5 % down);
#   - population change, Dalarna 2015, from SCB's county files: change,
#     natural increase and net migration from
#     tests/oracle/population_change.awk over the same files;
#   - shift-share, REAT's Freiburg against Germany: the total, national,
#     mix and regional components from tests/oracle/shift_share.py;
#   - a region name with <script> in it (a small invented table, written
#     here) comes out escaped, and sentences = no turns them off;
#   - groups = start_kommun_kodnyckel_tbl.csv: every municipality's rank
#     and n within BRP+'s municipality groups (LandsbKom_3_Namn, by
#     Kommun_kod_S) and labour-market regions (FA15Namn, by Kommun_kod,
#     which has no leading zero), and every group's range, equal
#     tests/oracle/groups_rank.awk's join of the two files.
set -u
. "$(dirname "$0")/lib.sh"

BRP="$SHARED/brp-plus/1.kolada_totalindex_kommun2025.csv"
KEY="$SHARED/brp-plus/start_kommun_kodnyckel_tbl.csv"
RUS="$SHARED/rus-followup"
POP="$SHARED/scb-county-population-1968-2015.csv"
NB=$(printf '\302\240') # the no-break space before % and in Swedish numbers

# The text of the report's sentence paragraphs, one per line.
# (the apostrophe of "Theil's" unescaped, every other escape left as it is)
sentences() { grep -o '<p class="sentences" id="sent-[0-9]*">[^<]*</p>' "$1" | sed "s/<[^>]*>//g; s/&#39;/'/g"; }
has() {
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: no sentence '$3' in: $(cat "$2")"; fi
}
# 0,0076 in Swedish, 0.0076 in English
num() { if [ "$1" = sv ]; then echo "$2" | tr . ,; else echo "$2"; fi; }
words() { if [ "$1" = sv ]; then echo "$2"; else echo "$3"; fi; }

# ---- rank and dispersion on BRP+, Dalarna -------------------------------------------
if [ -f "$BRP" ]; then
    # per sex: highest, lowest (names), Theil's L (4 decimals) over Dalarna's municipalities
    awk -F';' 'FNR > 1 && $2 == "Livskvalitet" && $1 ~ /^20[0-9][0-9] / && $3 != "Totalt" {
                   c = substr($1, 1, 4); name = substr($1, 6); v = $4; gsub(",", ".", v); v += 0
                   n[$3]++; y[$3, n[$3]] = v; sum[$3] += v
                   if (!($3 in hi) || v > hi[$3]) { hi[$3] = v; hn[$3] = name }
                   if (!($3 in lo) || v < lo[$3]) { lo[$3] = v; ln_[$3] = name } }
               END { for (s in n) { m = sum[s] / n[s]; L = 0
                         for (i = 1; i <= n[s]; i++) L += log(m / y[s, i]) / n[s]
                         printf "%s|%s|%s|%.4f\n", s, hn[s], ln_[s], L } }' "$BRP" | sort > "$TMP/dal"
    check "Dalarna: 15 municipalities per sex, women and men" "$(cut -d'|' -f1 "$TMP/dal" | tr '\n' ' ')" "Kvinnor Män "
    hiK=$(awk -F'|' '$1 == "Kvinnor" { print $2 }' "$TMP/dal"); hiM=$(awk -F'|' '$1 == "Män" { print $2 }' "$TMP/dal")
    loK=$(awk -F'|' '$1 == "Kvinnor" { print $3 }' "$TMP/dal"); loM=$(awk -F'|' '$1 == "Män" { print $3 }' "$TMP/dal")
    LK=$(awk -F'|' '$1 == "Kvinnor" { print $4 }' "$TMP/dal"); LM=$(awk -F'|' '$1 == "Män" { print $4 }' "$TMP/dal")
    # Falun's place among Dalarna's municipalities and in the country, per sex
    place() { # SEX PREFIX: "rank n" of 2080 among the municipalities whose code starts with PREFIX
        awk -F';' -v s="$1" -v p="$2" 'FNR > 1 && $2 == "Livskvalitet" && $3 == s && $1 ~ "^" p && $1 ~ /^[0-9][0-9][0-9][0-9] / {
                v = $4; gsub(",", ".", v); n++; val[n] = v + 0; if (substr($1, 1, 4) == "2080") f = v + 0 }
            END { a = 0; e = 0; for (i = 1; i <= n; i++) { if (val[i] > f) a++; else if (val[i] == f) e++ }
                  printf "%g %d\n", 1 + a + (e - 1) / 2, n }' "$BRP"
    }
    set -- $(place Kvinnor 20) $(place Män 20) $(place Kvinnor '') $(place Män '')
    fK=$1 fnK=$2 fM=$3 fnM=$4 cK=$5 cnK=$6 cM=$7 cnM=$8
    placeall() { # L A NA B NB: "A av NA för kvinnor och B av NB för män", or "för båda" when the same
        if [ "$2 $3" = "$4 $5" ]; then echo "$2 $(words $1 av of) $3 $(words $1 "för båda" "for both")"
        else echo "$2 $(words $1 av of) $3 $(words $1 "för kvinnor och" "for women and") $4 $(words $1 av of) $5 $(words $1 "för män" "for men")"; fi
    }
    check "Falun: 15 municipalities in Dalarna, 290 in the country" "$fnK $fnM $cnK $cnM" "15 15 290 290"
    for L in sv en; do
        {
            printf '[analysis]\nlanguage = %s\nfocus = 20\noutputs = report\n[data brp]\nfile = %s\n' "$L" "$BRP"
            printf '[indicator v]\nkind = count\nwhere = Del:Livskvalitet Kon:Kvinnor,Män\nby = region, sex\n'
            printf '[indicator rk]\nkind = rank\nof = v\n'
            printf '[indicator th]\nkind = dispersion\nof = v\nstatistic = theil_l\n'
        } > "$TMP/dal.ini"
        if "$JS" run "$TMP/dal.ini" -o "$TMP/dal-$L" 2> "$TMP/dal.err"; then
            sentences "$TMP/dal-$L/report.html" > "$TMP/dal-$L.txt"
            both=$(words $L "för båda" "for both")
            for_w=$(words $L "för kvinnor" "for women"); for_m=$(words $L "för män" "for men")
            in_=$(words $L i in); and_=$(words $L och and)
            # one area for both sexes at each end: "högst i A och lägst i B för båda"
            if [ "$hiK" = "$hiM" ]; then HI="$in_ $hiK $both"; else HI="$in_ $hiK $for_w $and_ $in_ $hiM $for_m"; fi
            if [ "$loK" = "$loM" ]; then LO="$in_ $loK $both"; else LO="$in_ $loK $for_w $and_ $in_ $loM $for_m"; fi
            SEP=", $and_ "
            if [ "$hiK" = "$hiM" ] && [ "$loK" = "$loM" ]; then HI="$in_ $hiK" SEP=" $and_ "; fi
            if [ $L = sv ]; then
                want="Bland kommunerna i län 20 är värdet högst $HI${SEP}lägst $LO."
                wantL="Theils L mellan kommunerna i län 20 är $(num sv "$LK") för kvinnor och $(num sv "$LM") för män."
            else
                want="Among the municipalities in county 20, the value is highest $HI${SEP}lowest $LO."
                wantL="Theil's L between the municipalities in county 20 is $LK for women and $LM for men."
            fi
            has "$L: Dalarna's highest and lowest municipality per sex (awk over BRP+)" "$TMP/dal-$L.txt" "$want"
            has "$L: Theil's L over Dalarna's municipalities (awk)" "$TMP/dal-$L.txt" "$wantL"
            # HTML around the sentences: inside the table's section, after its source
            check "$L: the sentences close the rank's table section, after its notes" \
                "$(grep -B1 -A1 '<p class="sentences" id="sent-2">' "$TMP/dal-$L/report.html" | sed 's/>.*/>/' | tr '\n' ' ')" \
                '<ul class="table-notes"> <p class="sentences" id="sent-2"> </section> '
            check "$L: two paragraphs of sentences (rank, dispersion)" "$(wc -l < "$TMP/dal-$L.txt" | tr -d ' ')" 2
        else
            bad "$L: BRP+ Dalarna: run failed: $(head -3 "$TMP/dal.err")"
        fi
        # focus on a municipality: its place
        sed "s/^focus = 20/focus = 2080/" "$TMP/dal.ini" > "$TMP/falun.ini"
        if "$JS" run "$TMP/falun.ini" -o "$TMP/falun-$L" 2> "$TMP/falun.err"; then
            sentences "$TMP/falun-$L/report.html" > "$TMP/falun-$L.txt"
            G=$(placeall $L "$fK" 15 "$fM" 15) C=$(placeall $L "$cK" 290 "$cM" 290)
            [ $L = sv ] && want="Falun har plats $G bland kommunerna i län 20, och plats $C i hela landet."
            [ $L = en ] && want="Falun ranks $G among the municipalities in county 20, and $C in the whole country."
            has "$L: Falun's place in Dalarna and in the country (awk)" "$TMP/falun-$L.txt" "$want"
        else
            bad "$L: BRP+ Falun: run failed: $(head -3 "$TMP/falun.err")"
        fi
    done
else
    skip "$BRP absent: rank and dispersion sentences on BRP+ skipped"
fi

# ---- rank of the counties, focus Dalarna: its place among the 21 ------------------------------
BRPR="$SHARED/brp-plus/3.kolada_totalindex_region2025.csv"
if [ -f "$BRPR" ]; then
    cplace() { # SEX: "rank n" of county 20 among the 21 counties, Livskvalitet
        awk -F';' -v s="$1" 'FNR > 1 && $2 == "Livskvalitet" && $3 == s && $1 ~ /^[0-9][0-9] / && $1 !~ /^00 / {
                v = $4; gsub(",", ".", v); n++; val[n] = v + 0; if (substr($1, 1, 2) == "20") f = v + 0 }
            END { a = 0; e = 0; for (i = 1; i <= n; i++) { if (val[i] > f) a++; else if (val[i] == f) e++ }
                  printf "%g %d\n", 1 + a + (e - 1) / 2, n }' "$BRPR"
    }
    set -- $(cplace Kvinnor) $(cplace Män)
    check "BRP+ regions: 21 counties per sex" "$2 $4" "21 21"
    for L in sv en; do
        printf '[analysis]\nlanguage = %s\nfocus = 20\noutputs = report\n[data brp]\nfile = %s\n[indicator v]\nkind = count\nwhere = Del:Livskvalitet Kon:Kvinnor,Män\nby = region, sex\n[indicator rk]\nkind = rank\nof = v\n' \
            "$L" "$BRPR" > "$TMP/cty.ini"
        if "$JS" run "$TMP/cty.ini" -o "$TMP/cty-$L" 2> "$TMP/cty.err"; then
            sentences "$TMP/cty-$L/report.html" > "$TMP/cty-$L.txt"
            if [ "$1" = "$3" ]; then P="$1 $(words $L av of) 21 $(words $L "för båda" "for both")"
            else P="$1 $(words $L av of) 21 $(words $L "för kvinnor och" "for women and") $3 $(words $L av of) 21 $(words $L "för män" "for men")"; fi
            has "$L: Dalarnas län's place among the counties (awk)" "$TMP/cty-$L.txt" \
                "Dalarnas län $(words $L "har plats" ranks) $P."
        else
            bad "$L: BRP+ counties: run failed: $(head -3 "$TMP/cty.err")"
        fi
    done
else
    skip "$BRPR absent: the counties' rank sentence skipped"
fi

# ---- dispersion over time: the counties' share 65+, 1968-2015 ---------------------------
if [ -f "$POP" ]; then
    set -- $(/usr/bin/python3 tests/oracle/dispersion.py county65 "$POP" | sed -n '1p;$p')
    y0=$1 c0=$(printf '%.4f' "$2") y1=$3 c1=$(printf '%.4f' "$4")
    dir=$(awk -v a="$c0" -v b="$c1" 'BEGIN { print (a == b ? "same" : b > a ? "up" : "down") }')
    for L in sv en; do
        printf '[analysis]\nlanguage = %s\noutputs = report\n[data pop]\nfile = %s\n[indicator s65]\nkind = share\npart = age:65-\nby = region, year\n[indicator cvw]\nkind = dispersion\nof = s65\nstatistic = cv_weighted\nweights = pop\n' \
            "$L" "$POP" > "$TMP/cvw.ini"
        if "$JS" run "$TMP/cvw.ini" -o "$TMP/cvw-$L" 2> "$TMP/cvw.err"; then
            sentences "$TMP/cvw-$L/report.html" > "$TMP/cvw-$L.txt"
            case $L$dir in
            svup) want="Skillnaden mellan länen har ökat sedan $y0 (den befolkningsvägda variationskoefficienten från $(num sv $c0) till $(num sv $c1))." ;;
            svdown) want="Skillnaden mellan länen har minskat sedan $y0 (den befolkningsvägda variationskoefficienten från $(num sv $c0) till $(num sv $c1))." ;;
            enup) want="The difference between the counties has increased since $y0 (the population-weighted coefficient of variation from $c0 to $c1)." ;;
            endown) want="The difference between the counties has decreased since $y0 (the population-weighted coefficient of variation from $c0 to $c1)." ;;
            *) want="unchanged: not expected for this series" ;;
            esac
            has "$L: sigma convergence of the share 65+, $y0-$y1 (tests/oracle/dispersion.py)" "$TMP/cvw-$L.txt" "$want"
        else
            bad "$L: weighted CV: run failed: $(head -3 "$TMP/cvw.err")"
        fi
    done
    # per sex: the CV (s with n - 1) of the counties' share 65+, first and
    # latest year, by awk from the same file ("100+" and "-" read as numbers)
    awk -F, 'NR > 1 { a = $5 + 0; k = $1 SUBSEP $2 SUBSEP $4; tot[k] += $6; if (a >= 65) old[k] += $6
                      if (!f || $1 < f) f = $1; if ($1 > l) l = $1 }
             END { for (k in tot) { split(k, p, SUBSEP); if (p[1] != f && p[1] != l) continue
                       y = 100 * old[k] / tot[k]; j = p[1] SUBSEP p[3]; n[j]++; s[j] += y; q[j] += y * y }
                   for (j in n) { split(j, p, SUBSEP); m = s[j] / n[j]; sd = sqrt((q[j] - n[j] * m * m) / (n[j] - 1))
                       printf "%s %s %.4f\n", p[2], p[1], sd / m } }' "$POP" | sort > "$TMP/cvsex"
    for L in sv en; do
        printf '[analysis]\nlanguage = %s\noutputs = report\n[data pop]\nfile = %s\n[indicator s65]\nkind = share\npart = age:65-\nby = region, year, sex\n[indicator cv]\nkind = dispersion\nof = s65\nstatistic = cv\n' \
            "$L" "$POP" > "$TMP/cvs.ini"
        if "$JS" run "$TMP/cvs.ini" -o "$TMP/cvs-$L" 2> "$TMP/cvs.err"; then
            sentences "$TMP/cvs-$L/report.html" > "$TMP/cvs-$L.txt"
            for sx in men women; do
                set -- $(awk -v s=$sx '$1 == s { printf "%s %s ", $2, $3 }' "$TMP/cvsex")
                a=$2 z=$4
                dir=$(awk -v a="$a" -v b="$z" 'BEGIN { print (a == b ? "same" : b > a ? "up" : "down") }')
                case $L$dir in
                svup) verb=ökat ;; svdown) verb=minskat ;; enup) verb=increased ;; endown) verb=decreased ;; *) verb=same ;;
                esac
                if [ $L = sv ]; then
                    w=$([ $sx = women ] && echo kvinnor || echo män)
                    want="För $w har skillnaden mellan länen $verb sedan $1 (variationskoefficienten från $(num sv $a) till $(num sv $z))."
                else
                    want="For $sx, the difference between the counties has $verb since $1 (the coefficient of variation from $a to $z)."
                fi
                has "$L: the CV of the share 65+ over the counties, $sx, $1-$3 (awk)" "$TMP/cvs-$L.txt" "$want"
            done
        else
            bad "$L: CV by sex: run failed: $(head -3 "$TMP/cvs.err")"
        fi
    done
else
    skip "$POP absent: dispersion over time skipped"
fi

# ---- targets: Region Dalarna's employment and long-term unemployment ----------------------
if [ -f "$RUS/sysselsatt.csv" ] && [ -f "$RUS/arbetsloshet.csv" ]; then
    # the pace rule of ind_target.c: endpoint pace from the first to the latest year;
    # reached: since the year after the last year below; else latest + (target - latest) / pace
    tg() { # FILE SEX TARGET: "reached SINCE" | "year Y" | "never"
        awk -F, -v s="\"$2\"" -v g="$3" 'NR > 1 && $2 == s { y[$1] = $4; if (!f || $1 < f) f = $1; if ($1 > l) l = $1 }
            END { up = g > y[f]; met = up ? y[l] >= g : y[l] <= g
                  if (met) { since = f; for (t = f; t <= l; t++) if ((t in y) && (up ? y[t] < g : y[t] > g)) since = t + 1
                             print "reached", since; exit }
                  pace = (y[l] - y[f]) / (l - f)
                  if (up ? pace > 0 : pace < 0) { x = l + (g - y[l]) / pace; c = int(x); if (x > c) c++; print "year", c }
                  else print "never" }' "$1"
    }
    parity() {
        awk -F, 'NR > 1 && $2 == "\"K\"" { k[$1] = $4 } NR > 1 && $2 == "\"M\"" { m[$1] = $4; if (!f || $1 < f) f = $1; if ($1 > l) l = $1 }
            END { g0 = k[f] - m[f]; g1 = k[l] - m[l]; pace = (g1 - g0) / (l - f); x = l - g1 / pace; c = int(x); if (x > c) c++; print c }' "$1"
    }
    set -- $(tg "$RUS/sysselsatt.csv" K 80); wK="$1 ${2:-}"
    set -- $(tg "$RUS/sysselsatt.csv" M 80); wM="$1 ${2:-}"
    set -- $(tg "$RUS/arbetsloshet.csv" K 2.5); wU="$1 ${2:-}"
    P=$(parity "$RUS/sysselsatt.csv")
    check "awk: women's employment reaches 80 % at the pace, men's is above" "${wK% *} ${wM% *} ${wU% *}" "year reached never"
    for L in sv en; do
        cat > "$TMP/rus.ini" <<INI
[analysis]
language = $L
outputs = report
[data emp]
file = $RUS/sysselsatt.csv
unit = %
[data unemp]
file = $RUS/arbetsloshet.csv
unit = %
[indicator t]
kind        = target
data        = emp
target      = 80
target_year = 2030
where       = gender:K,M
by          = region, year, sex
[indicator p]
kind        = target
data        = emp
target      = parity
target_year = 2030
by          = region, year, sex
[indicator u]
kind        = target
data        = unemp
target      = 2.5
target_year = 2030
direction   = down
where       = gender:K
by          = region, year, sex
INI
        if "$JS" run "$TMP/rus.ini" -o "$TMP/rus-$L" 2> "$TMP/rus.err"; then
            sentences "$TMP/rus-$L/report.html" > "$TMP/rus-$L.txt"
            if [ $L = sv ]; then
                has "sv: women's employment, target year (awk)" "$TMP/rus-$L.txt" "För kvinnor i Region Dalarna nås målet 80$NB% år ${wK#year } i nuvarande takt."
                has "sv: men's employment, reached since (awk)" "$TMP/rus-$L.txt" "För män i Region Dalarna är målet 80$NB% redan nått (sedan ${wM#reached })."
                has "sv: parity year (awk), after the target year" "$TMP/rus-$L.txt" "I Region Dalarna når kvinnor och män jämställdhet år $P i nuvarande takt, efter målåret 2030."
                has "sv: unemployment moving away" "$TMP/rus-$L.txt" "För kvinnor i Region Dalarna nås målet 2,5$NB% inte i nuvarande takt (värdet rör sig bort från målet)."
            else
                has "en: women's employment, target year (awk)" "$TMP/rus-$L.txt" "For women in Region Dalarna, the target 80$NB% is reached in ${wK#year } at the current pace."
                has "en: men's employment, reached since (awk)" "$TMP/rus-$L.txt" "For men in Region Dalarna, the target 80$NB% is already reached (since ${wM#reached })."
                has "en: parity year (awk), after the target year" "$TMP/rus-$L.txt" "In Region Dalarna, women and men reach parity in $P at the current pace, after the target year 2030."
                has "en: unemployment moving away" "$TMP/rus-$L.txt" "For women in Region Dalarna, the target 2.5$NB% is not reached at the current pace (the value is moving away from it)."
            fi
        else
            bad "$L: rus-followup targets: run failed: $(head -3 "$TMP/rus.err")"
        fi
    done
else
    skip "$RUS absent: target sentences skipped"
fi

# ---- population change: Dalarna, the latest year --------------------------------------------
BIR="$SHARED/scb-county-births-1968-2015.csv"
DEA="$SHARED/scb-county-deaths-1968-2015.csv"
if [ -f "$POP" ] && [ -f "$BIR" ] && [ -f "$DEA" ]; then
    # the oracle's line: region year population births deaths natural migration growth_pct
    set -- $(awk -F, -f tests/oracle/population_change.awk "$POP" "$BIR" "$DEA" | awk '$1 == "20" && $2 == 2015')
    nat=$6 mig=$7
    chg=$((nat + mig))
    sv_n() { awk -v v="$1" -v nb="$NB" 'BEGIN { s = v < 0 ? "-" : ""; v = v < 0 ? -v : v; t = sprintf("%d", v)
                 while (length(t) > 3) { r = nb substr(t, length(t) - 2) r; t = substr(t, 1, length(t) - 3) }
                 print s t r }'; }
    en_n() { awk -v v="$1" 'BEGIN { s = v < 0 ? "-" : ""; v = v < 0 ? -v : v; t = sprintf("%d", v)
                 while (length(t) > 3) { r = "," substr(t, length(t) - 2) r; t = substr(t, 1, length(t) - 3) }
                 print s t r }'; }
    abs() { echo "$1" | tr -d -; }
    for L in sv en; do
        printf '[analysis]\nlanguage = %s\nfocus = 20\noutputs = report\n[data pop]\nfile = %s\n[data births]\nfile = %s\n[data deaths]\nfile = %s\n[indicator pc]\nkind = population_change\npopulation = pop\nbirths = births\ndeaths = deaths\nwhere = year:2010-2015\nby = region, year\n' \
            "$L" "$POP" "$BIR" "$DEA" > "$TMP/pc.ini"
        if "$JS" run "$TMP/pc.ini" -o "$TMP/pc-$L" 2> "$TMP/pc.err"; then
            sentences "$TMP/pc-$L/report.html" > "$TMP/pc-$L.txt"
            if [ $L = sv ]; then
                verb=$([ "$chg" -ge 0 ] && echo ökade || echo minskade)
                natw=$([ "$nat" -ge 0 ] && echo födelseöverskott || echo födelseunderskott)
                want="I Dalarna $verb befolkningen med $(sv_n "$(abs "$chg")") personer 2015: $natw $(sv_n "$(abs "$nat")"), flyttnetto $(sv_n "$mig")."
            else
                verb=$([ "$chg" -ge 0 ] && echo grew || echo fell)
                natw=$([ "$nat" -ge 0 ] && echo "natural increase" || echo "natural decrease")
                want="In Dalarna, the population $verb by $(en_n "$(abs "$chg")") persons in 2015: $natw $(en_n "$(abs "$nat")"), net migration $(en_n "$mig")."
            fi
            has "$L: Dalarna's population change 2015 (tests/oracle/population_change.awk)" "$TMP/pc-$L.txt" "$want"
        else
            bad "$L: population change: run failed: $(head -3 "$TMP/pc.err")"
        fi
    done
else
    skip "SCB county files absent: the population change sentence skipped"
fi

# ---- shift-share: REAT's Freiburg against Germany, 2008-2014 -----------------------------------
# The components from tests/oracle/shift_share.py over the original file
# (its tidy form is the input, as in followup.sh), rounded to the table's
# 0 decimals and grouped in threes as the report writes them.
FRB="$SHARED/shift-share/Freiburg.csv"
if [ -f "$FRB" ]; then
    /usr/bin/python3 tests/oracle/shift_share.py freiburg "$FRB" tidy > "$TMP/fr.csv"
    set -- $(/usr/bin/python3 tests/oracle/shift_share.py freiburg "$FRB")
    fmt3() { # LANG NUMBER: rounded to a whole number, thousands grouped
        awk -v v="$2" -v sep="$([ "$1" = sv ] && printf '\302\240' || printf ,)" 'BEGIN {
            t = sprintf("%.0f", v); s = ""; if (substr(t, 1, 1) == "-") { s = "-"; t = substr(t, 2) }
            r = ""; while (length(t) > 3) { r = sep substr(t, length(t) - 2) r; t = substr(t, 1, length(t) - 3) }
            print s t r }'
    }
    for L in sv en; do
        printf '[analysis]\nlanguage = %s\noutputs = report\n[data emp]\nfile = fr.csv\n[indicator ss]\nkind = shift_share\nreference = DE\nby = region\n' "$L" > "$TMP/fr.ini"
        if "$JS" run "$TMP/fr.ini" -o "$TMP/fr-$L" 2> "$TMP/fr.err"; then
            sentences "$TMP/fr-$L/report.html" > "$TMP/fr-$L.txt"
            T=$(fmt3 $L "$1") N=$(fmt3 $L "$2") M=$(fmt3 $L "$3") R=$(fmt3 $L "$4")
            [ $L = sv ] && want="I FR ökade antalet med $T: $N om regionen hade vuxit som referensen (nationell effekt), $M av branschstrukturen (strukturell effekt) och $R av branschernas egen utveckling här (regional effekt)."
            [ $L = en ] && want="In FR, the number grew by $T: $N had the region grown as the reference (national share), $M from its mix of industries (industry mix) and $R from its industries' own growth there (regional share)."
            has "$L: Freiburg's shift-share components (tests/oracle/shift_share.py)" "$TMP/fr-$L.txt" "$want"
        else
            bad "$L: Freiburg: run failed: $(head -3 "$TMP/fr.err")"
        fi
    done
else
    skip "$FRB absent: the shift-share sentence skipped"
fi

# ---- escaping, and sentences = no (an invented table, written here) ------------------------
cat > "$TMP/esc.csv" <<'CSV'
year,region,sex,population
2020,"0114 <script>alert(1)</script>",women,10
2020,"0114 <script>alert(1)</script>",men,12
2020,0115 Vallentuna,women,11
2020,0115 Vallentuna,men,9
CSV
printf '[analysis]\nlanguage = en\noutputs = report\n[data p]\nfile = esc.csv\n[indicator r]\nkind = rank\ndata = p\nby = region, sex\n[indicator r2]\nkind = rank\ndata = p\nby = region, sex\n' > "$TMP/esc.ini"
if "$JS" run "$TMP/esc.ini" -o "$TMP/esc" 2> "$TMP/esc.err"; then
    sentences "$TMP/esc/report.html" > "$TMP/esc.txt"
    has "a name with <script> is escaped in the sentence" "$TMP/esc.txt" \
        "Among the municipalities in county 01, the value is highest in Vallentuna for women and in &lt;script&gt;alert(1)&lt;/script&gt; for men, and lowest in &lt;script&gt;alert(1)&lt;/script&gt; for women and in Vallentuna for men."
    check "no <script> anywhere in the report" "$(grep -c '<script' "$TMP/esc/report.html")" 0
else
    bad "escaping: run failed: $(head -3 "$TMP/esc.err")"
fi
if "$JS" run "$TMP/esc.ini" -o "$TMP/esc-off" --set analysis.sentences=no 2> "$TMP/esc.err" &&
    "$JS" run "$TMP/esc.ini" -o "$TMP/esc-one" --set indicator.r.sentences=no 2>> "$TMP/esc.err"; then
    check "[analysis] sentences = no: none" "$(grep -c 'class="sentences"' "$TMP/esc-off/report.html")" 0
    check "[indicator r] sentences = no: only r2's" "$(grep -o 'class="sentences" id="sent-[0-9]*"' "$TMP/esc-one/report.html")" \
        'class="sentences" id="sent-2"'
else
    bad "sentences = no: run failed: $(head -3 "$TMP/esc.err")"
fi

# ---- the rules' other cases, on invented series (written here) -------------------------------
# A target 80 approached by 0.01 a year from 50.1 in 2020 is reached in
# 2020 + 29.9 / 0.01 = 5010: "not before 2100"; a flat series "stands
# still"; a dispersion whose first and latest years print the same is
# unchanged; two municipalities sharing the highest value are both named.
cat > "$TMP/inv.csv" <<'CSV'
year,region,sex,value
2010,0114 Alfa,women,50
2020,0114 Alfa,women,50.1
2010,0114 Alfa,men,60
2020,0114 Alfa,men,60
2010,0115 Beta,women,50
2020,0115 Beta,women,50.1
2010,0115 Beta,men,70
2020,0115 Beta,men,70
2010,0117 Gamma,women,40
2020,0117 Gamma,women,40
2010,0117 Gamma,men,65
2020,0117 Gamma,men,65
CSV
printf '[analysis]\nlanguage = en\nfocus = 0114\noutputs = report\n[data d]\nfile = inv.csv\nmeasure_type = rate\n[indicator v]\nkind = count\nby = region, year, sex\n[indicator t]\nkind = target\nof = v\ntarget = 80\ntarget_year = 2030\n[indicator r]\nkind = dispersion\nof = v\nstatistic = range\n[indicator k]\nkind = rank\nof = v\n' > "$TMP/inv.ini"
if "$JS" run "$TMP/inv.ini" -o "$TMP/inv" 2> "$TMP/inv.err"; then
    sentences "$TMP/inv/report.html" > "$TMP/inv.txt"
    has "target: not before 2100 (2020 + 29.9 / 0.01 = 5010)" "$TMP/inv.txt" \
        "For women in Alfa, the target 80 is not reached before 2100 at the current pace."
    has "target: a flat series stands still" "$TMP/inv.txt" \
        "For men in Alfa, the target 80 is not reached at the current pace (the value is not changing)."
    has "dispersion: the men's range is 10 in 2010 and 2020: unchanged" "$TMP/inv.txt" \
        "For men, the difference between the municipalities in county 01 has not changed since 2010 (the range 10.0 in both 2010 and 2020)."
    has "dispersion: the women's range 10 to 10.1: increased" "$TMP/inv.txt" \
        "For women, the difference between the municipalities in county 01 has increased since 2010 (the range from 10.0 to 10.1)."
    has "rank: a shared highest value names both" "$TMP/inv.txt" \
        "the value is highest in Alfa and Beta for women and in Beta for men, and lowest in Gamma for women and in Alfa for men (2020)."
    has "rank: the focus's place, ties sharing the average rank 1.5" "$TMP/inv.txt" \
        "Alfa ranks 1.5 of 3 for women and 3 of 3 for men (2020)."
    check "one county is the whole country: said once" "$(grep -c 'whole country' "$TMP/inv.txt")" 0
else
    bad "invented series: run failed: $(head -3 "$TMP/inv.err")"
fi

# ---- groups from a key file: every municipality against tests/oracle/groups_rank.awk -----------
if [ -f "$BRP" ] && [ -f "$KEY" ]; then
    for spec in "Kommun_kod_S LandsbKom_3_Namn 3" "Kommun_kod FA15Namn 60"; do
        set -- $spec
        code=$1 group=$2 n_groups=$3
        cat > "$TMP/grp.ini" <<INI
[analysis]
language = en
outputs = indicators
[data brp]
file = $BRP
[indicator v]
kind  = count
where = Del:Livskvalitet Kon:Kvinnor,Män
by    = region, sex
[indicator rk]
kind   = rank
of     = v
groups = $KEY, $code, $group
[indicator rg]
kind      = dispersion
of        = v
statistic = range
groups    = $KEY, $code, $group
INI
        if "$JS" run "$TMP/grp.ini" -o "$TMP/grp" 2> "$TMP/grp.err"; then
            awk -F';' -v part=Livskvalitet -v code="$code" -v group="$group" -f tests/oracle/groups_rank.awk \
                "$KEY" "$BRP" > "$TMP/grp.want"
            out=$(awk -F'|' 'NR == FNR { if ($1 != "RANGE") { r[$1 "|" $2] = $3; n[$1 "|" $2] = $4; m++ } else rg[$2 "|" $3] = $4; next }
                     FNR == 1 { gsub(/"/, ""); for (i = 1; i <= NF; i++) c[$i] = i; next }
                     { split($0, f, ","); k = f[c["Region"]] "|" f[c["Kon"]] }
                     f[1] == "rk" && f[c["statistic"]] == "rank" { seen++; if (!(k in r) || f[c["value"]] != r[k]) { bad++; if (bad < 4) print "rank differs:", k, f[c["value"]], r[k] } }
                     f[1] == "rk" && f[c["statistic"]] == "n" { if (f[c["value"]] != n[k]) { bad++; if (bad < 4) print "n differs:", k } }
                     f[1] == "rg" { g = f[c["Region"]] "|" f[c["Kon"]]; if (g in rg) { ng++; d = f[c["value"]] - rg[g]; if (d < 0) d = -d; if (d > 1e-9 * rg[g]) bad++ } }
                     END { print (bad ? bad " differ" : "ok " seen " " ng), m }' FS='|' "$TMP/grp.want" FS=, "$TMP/grp/indicators.csv")
            check "groups = $code, $group: every municipality's rank and n, every group's range (oracle)" "$out" \
                "ok 580 $((2 * n_groups)) 580"
        else
            bad "groups = $code, $group: run failed: $(head -3 "$TMP/grp.err")"
        fi
    done
else
    skip "BRP+ or its key file absent: groups from a key file skipped"
fi

finish sentences
