#!/bin/sh
# The output folder: a run replaces it whole, so it may replace only a
# folder that is new, empty or written by jamstat (it holds .jamstat-output),
# never a file, a link, "/", or a folder with one of the run's inputs in it;
# output names never leave the folder; a killed run loses nothing and its
# staging folder is cleaned up by the next run.  Every expectation is the
# rule in src/core/outdir.h; the inputs are compared byte for byte (cmp)
# with copies made before the run.
# Closes with "outdir: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"

# A tiny input (invented: two areas, two years) and its analysis file.
mk_case() { # DIR: writes DIR/a.ini and DIR/pop.csv
    mkdir -p "$1"
    cat > "$1/pop.csv" <<CSV
year,region,sex,age,population
2020,A,women,0,10
2020,A,men,0,12
2020,B,women,0,7
2020,B,men,0,9
2021,A,women,0,11
2021,A,men,0,12
2021,B,women,0,8
2021,B,men,0,9
CSV
    count_ini "$1/a.ini" pop.csv
}

# expect NAME STATUS MESSAGE-PART cmd...: exit status and a part of stderr
# (MESSAGE-PART "": stderr has no error at all)
expect() {
    name=$1 want=$2 msg=$3
    shift 3
    "$@" > "$TMP/out.txt" 2> "$TMP/err.txt"
    check "$name: exit" "$?" "$want"
    if [ -z "$msg" ]; then
        if grep -q "error" "$TMP/err.txt"; then bad "$name: $(cat "$TMP/err.txt")"; else ok; fi
    elif grep -qF -- "$msg" "$TMP/err.txt"; then ok
    else bad "$name: stderr lacks '$msg': $(cat "$TMP/err.txt")"; fi
}

# ---- the reported data loss: -o names the folder holding the inputs -----------
mk_case "$TMP/v"
echo x > "$TMP/v/keep"
cp -r "$TMP/v" "$TMP/v.before"
expect "inputs' folder" 73 "lies inside the output folder" "$JS" run "$TMP/v/a.ini" -o "$TMP/v"
# a folder of the user's (no inputs in it) is refused as well
mkdir "$TMP/mine"
echo x > "$TMP/mine/keep"
expect "user's folder" 73 "holds files that jamstat did not write" "$JS" run "$TMP/v/a.ini" -o "$TMP/mine"
check "user's file kept" "$(cat "$TMP/mine/keep")" x
if diff -r "$TMP/v" "$TMP/v.before" > /dev/null; then ok; else bad "the inputs' folder changed"; fi
check "no staging left" "$(ls -d "$TMP"/v.tmp-* 2> /dev/null | wc -l)" 0

# -o names the data file itself
expect "-o data file" 73 "exists and is not a folder" "$JS" run "$TMP/v/a.ini" -o "$TMP/v/pop.csv"
if cmp -s "$TMP/v/pop.csv" "$TMP/v.before/pop.csv"; then ok; else bad "-o pop.csv changed the input"; fi

# the root folder, and a symbolic link to a folder
expect "-o /" 73 "output folder of its own" "$JS" run "$TMP/v/a.ini" -o /
mkdir "$TMP/elsewhere"
echo precious > "$TMP/elsewhere/f"
ln -s "$TMP/elsewhere" "$TMP/link"
expect "-o symlink" 73 "symbolic link" "$JS" run "$TMP/v/a.ini" -o "$TMP/link"
check "link target kept" "$(cat "$TMP/elsewhere/f")" precious
if [ -L "$TMP/link" ]; then ok; else bad "the link was replaced"; fi

# ---- what may be replaced: new, empty, or an earlier run's ---------------------
expect "new folder" 0 "" "$JS" run "$TMP/v/a.ini" -o "$TMP/new/deep"
if [ -f "$TMP/new/deep/.jamstat-output" ] && [ -f "$TMP/new/deep/indicators.csv" ]; then ok
else bad "a new folder lacks the marker or the results"; fi
mkdir "$TMP/empty"
expect "empty folder" 0 "" "$JS" run "$TMP/v/a.ini" -o "$TMP/empty"
expect "an earlier run's" 0 "" "$JS" run "$TMP/v/a.ini" -o "$TMP/new/deep"
# the trailing slash names the same folder
expect "trailing slash" 0 "" "$JS" run "$TMP/v/a.ini" -o "$TMP/new/deep/"
check "no stray folder" "$(ls "$TMP/new" | tr '\n' ' ')" "deep "

# an input copied into an earlier run's folder is never deleted with it
mk_case "$TMP/w"
"$JS" run "$TMP/w/a.ini" -o "$TMP/w/out" 2> /dev/null
cp "$TMP/w/pop.csv" "$TMP/w/out/pop.csv"
sed 's|^file = pop.csv|file = out/pop.csv|' "$TMP/w/a.ini" > "$TMP/w/b.ini"
expect "input inside" 73 "lies inside the output folder" "$JS" run "$TMP/w/b.ini" -o "$TMP/w/out"
if cmp -s "$TMP/w/out/pop.csv" "$TMP/w/pop.csv"; then ok; else bad "the input inside was lost"; fi
# and the analysis file inside it likewise
cp "$TMP/w/a.ini" "$TMP/w/out/a.ini"
sed -i "s|^file = pop.csv|file = $TMP/w/pop.csv|" "$TMP/w/out/a.ini"
expect "analysis inside" 73 "lies inside the output folder" "$JS" run "$TMP/w/out/a.ini" -o "$TMP/w/out"
if [ -f "$TMP/w/out/a.ini" ]; then ok; else bad "the analysis file inside was lost"; fi

# ---- output names never leave the folder -------------------------------------
mk_case "$TMP/t"
echo "not to be overwritten" > "$TMP/t/data.csv"
printf '[table ../data]\nindicators = n\nby = region, year\n' >> "$TMP/t/a.ini"
expect "[table ../data]" 64 "becomes a file name" "$JS" run "$TMP/t/a.ini" -o "$TMP/t/out"
check "beside the folder" "$(cat "$TMP/t/data.csv")" "not to be overwritten"
if [ -e "$TMP/t/out" ]; then bad "a refused run made its output folder"; else ok; fi
mk_case "$TMP/t2"
printf '[table x]\nindicators = n\nby = region\nfile = ../x.csv\n' >> "$TMP/t2/a.ini"
expect "table file = ../x.csv" 64 "file must be a plain file name" "$JS" check "$TMP/t2/a.ini"
mk_case "$TMP/t3"
printf '[chart ../c]\nkind = bars\nindicator = n\nwhere = year:2020\n' >> "$TMP/t3/a.ini"
expect "[chart ../c]" 64 "becomes a file name" "$JS" check "$TMP/t3/a.ini"

# ---- a killed run loses nothing; the next run removes its staging folder -------
# A fake gnuplot that sleeps holds the run in its chart stage; SIGKILL then
# stops it with its staging folder half written.
mk_case "$TMP/k"
printf '[chart c]\nkind = bars\nindicator = n\nwhere = year:2020\n' >> "$TMP/k/a.ini"
"$JS" run "$TMP/k/a.ini" -o "$TMP/k/out" --format svg 2> /dev/null
cp "$TMP/k/out/indicators.csv" "$TMP/k/before.csv"
mkdir "$TMP/bin"
printf '#!/bin/sh\nsleep 30\n' > "$TMP/bin/gnuplot"
chmod +x "$TMP/bin/gnuplot"
PATH="$TMP/bin:$PATH" "$JS" run "$TMP/k/a.ini" -o "$TMP/k/out" --format svg 2> /dev/null &
pid=$!
i=0
while [ "$i" -lt 100 ] && ! ls "$TMP"/k/out.tmp-*/charts/c.gp > /dev/null 2>&1; do
    sleep 0.1
    i=$((i + 1))
done
kill -9 "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
pkill -f "$TMP/bin/gnuplot" 2> /dev/null
check "killed: staging left" "$(ls -d "$TMP"/k/out.tmp-* 2> /dev/null | wc -l)" 1
if cmp -s "$TMP/k/out/indicators.csv" "$TMP/k/before.csv"; then ok; else bad "killed run changed the output"; fi
# a staging folder still locked by a live run is left alone
mkdir "$TMP/k/out.tmp-LIVE00"
: > "$TMP/k/out.tmp-LIVE00/.jamstat-output"
flock "$TMP/k/out.tmp-LIVE00" sleep 20 &
holder=$!
sleep 0.3
expect "after the kill" 0 "" "$JS" run "$TMP/k/a.ini" -o "$TMP/k/out" --format svg
check "dead run's staging removed" "$(ls -d "$TMP"/k/out.tmp-* 2> /dev/null | grep -vc LIVE00)" 0
if [ -d "$TMP/k/out.tmp-LIVE00" ]; then ok; else bad "a live run's staging folder was removed"; fi
kill "$holder" 2> /dev/null
wait "$holder" 2> /dev/null
# a folder of the same shape without the marker is not ours: kept
mkdir "$TMP/k/out.tmp-USER00"
expect "unmarked look-alike" 0 "" "$JS" run "$TMP/k/a.ini" -o "$TMP/k/out" --format svg
if [ -d "$TMP/k/out.tmp-USER00" ]; then ok; else bad "an unmarked folder was removed"; fi

finish outdir
