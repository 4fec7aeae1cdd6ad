# bench/lib.sh - what the bench scripts share; sourced, not run.  Needs JS
# (the binary), TMP (a scratch folder) and REPEAT (runs per measurement).

# median_wall INI: the median wall time of REPEAT runs of INI, in seconds
# (indicators only; the last run's output stays in $TMP/out)
median_wall() {
    i=0
    : > "$TMP/times"
    while [ "$i" -lt "$REPEAT" ]; do
        /usr/bin/time -f "%e" -o "$TMP/t" "$JS" run "$1" -o "$TMP/out" --set analysis.outputs=indicators \
            > /dev/null 2>&1
        cat "$TMP/t" >> "$TMP/times"
        i=$((i + 1))
    done
    sort -n "$TMP/times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}
