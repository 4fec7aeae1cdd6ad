# groups_rank.awk - independent oracle for kind = rank and dispersion with
# groups = KEYFILE, CODE_COLUMN, GROUP_COLUMN (issue 13 item 1), in awk,
# written from the definition (METHODS 8: rank 1 = the highest, ties get
# the average rank), not from jamstat's code: the municipalities of BRP+'s
# 1.kolada_totalindex_kommun2025.csv joined with BRP+'s municipality key
# start_kommun_kodnyckel_tbl.csv on the municipality code, ranked within
# the key file's group by counting, per municipality, the values above it
# and the ties:  rank = 1 + #above + (#equal - 1) / 2.
#
#   awk -F';' -v part=Livskvalitet -v code=Kommun_kod_S -v group=LandsbKom_3_Namn \
#       -f groups_rank.awk KEYFILE BRPFILE
#
# prints one line per municipality and sex, "code|sex|rank|n|group", then
# one line per group and sex, "RANGE|group|sex|max - min" (the dispersion
# statistic range, the simplest to check without floating-point doubt).
# Codes in the key file's column are compared as numbers when they are
# digits only (Kommun_kod writes 0114 as 114), as jamstat documents.
FNR == 1 && NR == 1 {
    for (i = 1; i <= NF; i++) { if ($i == code) ci = i; if ($i == group) gi = i }
    if (!ci || !gi) { print "oracle: no column " (ci ? group : code) > "/dev/stderr"; exit 2 }
    next
}
NR == FNR { k = $ci; if (k ~ /^[0-9]+$/) k = k + 0; grp[k] = $gi; next }
FNR == 1 { next }
{
    split($1, a, " "); c = a[1]
    if ($2 != part || length(c) != 4 || c !~ /^[0-9]+$/ || $3 == "Totalt") next
    v = $4; gsub(",", ".", v)
    k = c + 0
    if (!(k in grp)) { print "oracle: " c " has no group" > "/dev/stderr"; exit 3 }
    n++; mc[n] = c; ms[n] = $3; mv[n] = v + 0; mg[n] = grp[k]
}
END {
    for (i = 1; i <= n; i++) {
        above = 0; eq = 0; cnt = 0
        for (j = 1; j <= n; j++) {
            if (ms[j] != ms[i] || mg[j] != mg[i]) continue
            cnt++
            if (mv[j] > mv[i]) above++
            else if (mv[j] == mv[i]) eq++
        }
        printf "%s|%s|%.10g|%d|%s\n", mc[i], ms[i], 1 + above + (eq - 1) / 2, cnt, mg[i]
        key = mg[i] SUBSEP ms[i]
        if (!(key in hi) || mv[i] > hi[key]) hi[key] = mv[i]
        if (!(key in lo) || mv[i] < lo[key]) lo[key] = mv[i]
    }
    for (key in hi) { split(key, p, SUBSEP); printf "RANGE|%s|%s|%.17g\n", p[1], p[2], hi[key] - lo[key] }
}
