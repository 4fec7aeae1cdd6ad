#!/bin/sh
# The record of a run: manifest.json names the analysis file with its
# SHA-256 (compared with sha256sum's) and every --set in order, and the
# report's sources show both, so that a published figure can be made again
# from the manifest alone: the test makes it again from what the manifest
# says and compares the two indicators.csv byte for byte.
# Closes with "record: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"

cp tests/mistakes/pop.csv "$TMP/pop.csv"
cp tests/mistakes/pop.csv "$TMP/pop2.csv"
sed -i 's/^2021,01,women,65-,10$/2021,01,women,65-,15/' "$TMP/pop2.csv"
cat > "$TMP/a.ini" <<INI
[analysis]
title = t
[data pop]
file = pop.csv
[indicator share]
kind = share
part = sex:women
by = year
INI
"$JS" run "$TMP/a.ini" -o "$TMP/out" --set data.pop.file=pop2.csv --set indicator.share.decimals=3 2> /dev/null
check "run exit" "$?" 0
M="$TMP/out/manifest.json"
sha=$(sha256sum "$TMP/a.ini" | cut -d' ' -f1)
got=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["analysis_sha256"])' "$M")
check "analysis_sha256 is sha256sum's" "$got" "$sha"
got=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["set"]))' "$M")
check "every --set, in order" "$got" "data.pop.file=pop2.csv indicator.share.decimals=3"
if grep -q "$sha" "$TMP/out/report.html" && grep -q -- "--set data.pop.file=pop2.csv" "$TMP/out/report.html"; then ok
else bad "the report's sources lack the checksum or the --set"; fi
# the share of women in 2021 with pop2.csv: (11+29+15) / (11+29+15+12+32+8) = 55/107 (hand)
check "the --set file was read" "$(value "$TMP/out/indicators.csv" share year=2021)" \
    "$(awk 'BEGIN { printf "%.17g", 100 * 55 / 107 }')"
# again from the manifest alone
set --
for a in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["set"]))' "$M"); do
    set -- "$@" --set "$a"
done
"$JS" run "$TMP/a.ini" -o "$TMP/again" "$@" 2> /dev/null
if cmp -s "$TMP/out/indicators.csv" "$TMP/again/indicators.csv"; then ok; else bad "not reproduced from the manifest"; fi
finish record
