#!/bin/sh
# Follow-up kinds on real data (METHODS 8; README "Follow-up and regional
# comparison"):
#   - BRP+ 2025 per municipality (Livskvalitet and Hållbarhet, women and
#     men): every dispersion statistic per county and for the country, and
#     every municipality's rank within its county and in the country, equal
#     tests/oracle/dispersion.py's independent computation to 1e-9;
#   - the highest and lowest municipality of each county per sex (rank 1
#     and rank n) equal the oracle's max and min, and the suite says in how
#     many counties women's and men's highest coincide.
# Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

BRP="$SHARED/brp-plus/1.kolada_totalindex_kommun2025.csv"
if [ -f "$BRP" ]; then
    for part in Livskvalitet Hållbarhet; do
        {
            printf '[analysis]\nlanguage = en\n[data brp]\nfile = %s\n' "$BRP"
            printf '[indicator v]\nkind = count\nwhere = Del:%s Kon:Kvinnor,Män\nby = region, sex\n' "$part"
            printf '[indicator rk]\nkind = rank\nof = v\n'
            for st in cv max_min range iqr theil_t theil_l gini; do
                printf '[indicator %s]\nkind = dispersion\nof = v\nstatistic = %s\n' "$st" "$st"
            done
        } > "$TMP/brp.ini"
        if "$JS" run "$TMP/brp.ini" -o "$TMP/brp" --set analysis.outputs=indicators 2> "$TMP/brp.err"; then
            CSV="$TMP/brp/indicators.csv"
            out=$($PY tests/oracle/dispersion.py brp "$BRP" "$CSV" "$part")
            echo "followup: BRP+ $part: oracle: $out"
            case $out in
            ok\ *) ok ;;
            *) bad "BRP+ $part: dispersion and ranks against tests/oracle/dispersion.py: $out" ;;
            esac
            # rank 1 and rank n per county and sex, from the result, against the oracle's max and min
            awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                     $1 == "rk" && $(c["statistic"]) == "rank" { r[$2 SUBSEP $(c["Kon"])] = $(c["value"]) }
                     $1 == "rk" && $(c["statistic"]) == "n" { n[$2 SUBSEP $(c["Kon"])] = $(c["value"]) }
                     END { for (k in r) { split(k, p, SUBSEP); cty = substr(p[1], 1, 2)
                               if (r[k] == 1) hi[cty " " p[2]] = p[1]
                               if (r[k] == n[k]) lo[cty " " p[2]] = p[1] }
                           for (k in hi) print k, hi[k], lo[k] }' "$CSV" | sort > "$TMP/ext.got"
            $PY tests/oracle/dispersion.py extremes "$BRP" "$part" | sort > "$TMP/ext.want"
            check "BRP+ $part: highest and lowest municipality per county and sex" \
                "$(cmp -s "$TMP/ext.got" "$TMP/ext.want" && echo same || diff "$TMP/ext.got" "$TMP/ext.want" | head -5)" same
            check "BRP+ $part: counties with a highest and lowest per sex" "$(wc -l < "$TMP/ext.want" | tr -d ' ')" 42
            same=$(awk '{ k = $1; if ($2 == "Kvinnor") w[k] = $3; else m[k] = $3 }
                        END { n = 0; for (k in w) n += (w[k] == m[k]); print n }' "$TMP/ext.want")
            echo "followup: BRP+ $part: women's and men's highest municipality coincide in $same of 21 counties"
        else
            bad "BRP+ $part: run failed: $(head -3 "$TMP/brp.err")"
        fi
    done
else
    skip "$BRP absent: ranks and dispersion on BRP+ skipped"
fi

finish followup
