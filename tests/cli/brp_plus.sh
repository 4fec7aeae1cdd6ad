#!/bin/sh
# composite preset = brp_plus: BRP+'s index as its published code computes
# it (Analytikernatverket/brp_plus, code/02_stand_BRP_plus_maxmin.R: max-min
# with the sex total's range as every sex's base, 0 without spread, means of
# the components there are, the country as the mean of the regions).
#   - Hand vectors on an invented table (said so below: three regions, the
#     country, women, men and total, three indicators, one reversed, one
#     without spread in the total); the expected values are worked out in
#     the comments.
#   - BRP+ 2025 as published (../shared/datasets/brp-plus/): each part's
#     index (Livskvalitet: the mean of its 12 themes; Hållbarhet: of
#     Ekonomi, Social and, for the total only, Miljö) for every municipality
#     and sex, and for 00 Riket (the mean of the 290 municipalities), from
#     the published theme indices, equals the published total index to
#     1e-9 (awk join of 2.kolada_temaindex_kommun2025.csv's result against
#     1.kolada_totalindex_kommun2025.csv); and the same for the 21 regions
#     (files 4. and 3.).
# The BRP+ part skips when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

# ---- hand vectors (an invented table) ------------------------------------------
# i1 (higher is better), total's range A 10, B 20, C 30 (the country's 100
# is no region of the range): min 10, max 30; women 12 18 35 score
# 100 (x - 10) / 20 = 10 40 125; men 8 22 28: -10 60 90; total 0 50 100.
# i2 (reverse): total 2 4 6, min 2, max 6; 100 (6 - x) / 4: women 3 4 5:
# 75 50 25; men 1 5 7: 125 25 -25; total 100 50 0.
# i3: total 7 7 7, no spread: 0 for every sex (women 9 7 5 too).
# Composite, the mean of the three: women A 85/3, B 90/3 = 30, C 150/3 =
# 50; men A 115/3, B 85/3, C 65/3; total 100/3 each.  The country: the
# mean of A, B, C: women 325/9, men 265/9, total 100/3.
cat > "$TMP/v.csv" <<'EOF'
region,sex,indicator,2025
01 A,Totalt,i1,10
02 B,Totalt,i1,20
03 C,Totalt,i1,30
00 Riket,Totalt,i1,100
01 A,Kvinnor,i1,12
02 B,Kvinnor,i1,18
03 C,Kvinnor,i1,35
00 Riket,Kvinnor,i1,100
01 A,Män,i1,8
02 B,Män,i1,22
03 C,Män,i1,28
00 Riket,Män,i1,100
01 A,Totalt,i2,2
02 B,Totalt,i2,4
03 C,Totalt,i2,6
00 Riket,Totalt,i2,1
01 A,Kvinnor,i2,3
02 B,Kvinnor,i2,4
03 C,Kvinnor,i2,5
00 Riket,Kvinnor,i2,1
01 A,Män,i2,1
02 B,Män,i2,5
03 C,Män,i2,7
00 Riket,Män,i2,1
01 A,Totalt,i3,7
02 B,Totalt,i3,7
03 C,Totalt,i3,7
00 Riket,Totalt,i3,7
01 A,Kvinnor,i3,9
02 B,Kvinnor,i3,7
03 C,Kvinnor,i3,5
00 Riket,Kvinnor,i3,7
01 A,Män,i3,7
02 B,Män,i3,7
03 C,Män,i3,7
00 Riket,Män,i3,7
EOF
cat > "$TMP/v.ini" <<EOF
[analysis]
title = t
[data v]
file = $TMP/v.csv
measure_type = index
[indicator x]
kind = count
by = region, sex, indicator
[indicator brp]
kind = composite
of = x
over = indicator
reverse = i2
preset = brp_plus
EOF
if "$JS" run "$TMP/v.ini" -o "$TMP/v" --set analysis.outputs=indicators > "$TMP/v.log" 2>&1; then
    ok
    for want in "01 women 85/3" "02 women 30" "03 women 50" "01 men 115/3" "02 men 85/3" "03 men 65/3" \
                "01 total 100/3" "02 total 100/3" "03 total 100/3" "00 women 325/9" "00 men 265/9" \
                "00 total 100/3"; do
        set -- $want
        exp=$(awk -v f="$3" 'BEGIN { n = split(f, p, "/"); printf "%.15g", (n > 1 ? p[1] / p[2] : p[1]) }')
        case $2 in women) code=Kvinnor ;; men) code=Män ;; *) code=Totalt ;; esac
        got=$(value "$TMP/v/indicators.csv" brp region="$1" sex="$code")
        close "brp_plus vector region $1 $2" "$got" "$exp"
    done
else
    bad "the hand-vector run failed: $(cat "$TMP/v.log")"
fi

# ---- BRP+ 2025 as published ----------------------------------------------------------
B=$SHARED/brp-plus
if [ ! -f "$B/2.kolada_temaindex_kommun2025.csv" ]; then
    skip "$B absent: BRP+'s published index not recomputed"
    finish brp_plus
fi
# published: REGIONCODE|Del|Kon -> value, decimal comma to point
published() {
    awk -F';' 'NR > 1 { split($1, r, " "); v = $4; sub(",", ".", v); print r[1] "|" $2 "|" $3 "|" v }' "$1"
}
for level in kommun region; do
    case $level in
    kommun) tema=2.kolada_temaindex_kommun2025.csv total=1.kolada_totalindex_kommun2025.csv n_want=1746 ;;
    region) tema=4.kolada_temaindex_region2025.csv total=3.kolada_totalindex_region2025.csv n_want=132 ;;
    esac
    {
        printf '[analysis]\ntitle = t\n[data tema]\nfile = %s\nmeasure_type = index\n' "$B/$tema"
        for part in Livskvalitet Hållbarhet; do
            printf '[indicator t_%s]\nkind = count\ndata = tema\nby = region, Kon, Tema\nwhere = Del:%s\n' "$part" "$part"
            printf '[indicator i_%s]\nkind = composite\nof = t_%s\nover = Tema\nnormalise = none\npreset = brp_plus\n' \
                "$part" "$part"
        done
    } > "$TMP/$level.ini"
    if ! "$JS" run "$TMP/$level.ini" -o "$TMP/$level" --set analysis.outputs=indicators > "$TMP/$level.log" 2>&1; then
        bad "BRP+ $level: run failed: $(head -3 "$TMP/$level.log")"
        continue
    fi
    published "$B/$total" > "$TMP/$level.want"
    r=$(awk -F, 'NR == FNR { split($0, f, "|"); want[f[1] "|" f[2] "|" f[3]] = f[4]; next }
            FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $1 ~ /^i_/ { part = substr($1, 3); key = $(col["Region"]) "|" part "|" $(col["Kon"])
                         if (!(key in want)) next
                         n++; d = $(col["value"]) - want[key]; if (d < 0) d = -d
                         if ($(col["value"]) == "" || d > 1e-9 * want[key]) { bad++; if (bad < 4) print "FAIL: " key ": " $(col["value"]) " against " want[key] > "/dev/stderr" } }
            END { print n + 0, bad + 0 }' "$TMP/$level.want" "$TMP/$level/indicators.csv")
    check "BRP+ $level: every part's index for every area and sex (with 00 Riket) equals the published" "$r" "$n_want 0"
done

finish brp_plus
