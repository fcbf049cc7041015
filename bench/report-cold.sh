#!/usr/bin/env bash
# The report's cold start: CPU (user+sys, not wall, so that other load on a shared machine counts
# less) of `backcheck audit` with the launcher's JVM flags and a class-data archive made per jar
# exactly as ./backcheck makes it, alternating two jars run by run. Prints the median and the
# quartiles of each. Outputs of the last runs are compared: report.html, aggregates.csv/json and
# summary.json (its elapsed_seconds aside) must be byte-identical. Extra audit options (e.g.
# --population FILE --period 2024-04..2025-03) go in AUDIT_ARGS.
#
#   bench/report-cold.sh BEFORE.jar AFTER.jar [input.csv]     # default input: 4,500 generated rows
#   RUNS=21 bench/report-cold.sh before.jar after.jar bench/data/opa-5000000.csv
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar [input.csv]" >&2; exit 2; }
RUNS=${RUNS:-15}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jars=("$(realpath "$1")" "$(realpath "$2")")
input="${3:-}"
opts="-XX:+UseParallelGC -XX:TieredStopAtLevel=1"   # the launcher's flags for inputs under 1.5 GB
heap="-Xmx$((64 + 8 * $(nproc) + 3 * 64))m"          # and its audit heap, default --threads and --max-record-bytes
if [ -z "$input" ]; then
  input="$work/opa-4500.csv"
  java $opts -jar "${jars[0]}" generate --rows 4500 --seed 5 --out "$input" >/dev/null
fi
cat "$input" > /dev/null            # into the page cache for both jars alike

for k in 0 1; do  # one class-data archive per jar, made from the launcher's small demo run
  mkdir -p "$work/demo$k"
  java -XX:ArchiveClassesAtExit="$work/$k.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off $opts \
    -jar "${jars[$k]}" demo --rows 2000 --out "$work/demo$k" --data-dir "$work/demo$k/data" >/dev/null 2>&1
done

cpu() { # prints user+sys seconds of one run of `audit` with jar $1 and extra arguments
  local k=$1; shift
  local t="$work/time.txt"
  /usr/bin/time -f '%U %S' -o "$t" java -XX:SharedArchiveFile="$work/$k.jsa" -Xlog:cds=off \
    -Xlog:cds+dynamic=off $opts $heap -jar "${jars[$k]}" audit --input "$input" --out "$work/out$k" \
    "$@" >"$work/stdout$k.txt" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  awk '{ printf "%.3f\n", $1 + $2 }' "$t"
}
stats() { sort -n | awk '{a[NR]=$1} END { printf "median %.3f s  (quartiles %.3f-%.3f, n=%d)", a[int((NR+1)/2)], a[int((NR+3)/4)], a[int((3*NR+3)/4)], NR }'; }

read -r -a extra <<< "${AUDIT_ARGS:-}"
: > "$work/0.cpu"; : > "$work/1.cpu"
for i in $(seq 1 "$RUNS"); do   # alternate, so that drift in the machine's load hits both alike
  for k in 0 1; do cpu "$k" "${extra[@]}" >> "$work/$k.cpu"; done
done
for f in report.html aggregates.csv aggregates.json summary.json; do
  [ -s "$work/out0/$f" ] && [ -s "$work/out1/$f" ] || { echo "MISSING: $f" >&2; exit 1; }
  if ! cmp -s <(grep -v '"elapsed_seconds"' "$work/out0/$f") <(grep -v '"elapsed_seconds"' "$work/out1/$f"); then
    echo "DIFFERENT: $f" >&2; exit 1
  fi
done
# The closing lines too, but for the time taken and the output folder's name.
if ! cmp -s <(grep -v '^  took ' "$work/stdout0.txt" | sed "s|$work/out0|OUT|g") \
            <(grep -v '^  took ' "$work/stdout1.txt" | sed "s|$work/out1|OUT|g"); then
  echo "DIFFERENT: the audit's closing lines" >&2; exit 1
fi
echo "CPU (user+sys) of audit on $input ${AUDIT_ARGS:-}, $RUNS alternating runs each, flags: $opts"
printf '  before %s   %s\n' "$(stats < "$work/0.cpu")" "${jars[0]}"
printf '  after  %s   %s\n' "$(stats < "$work/1.cpu")" "${jars[1]}"
echo "  outputs identical: report.html, aggregates.csv, aggregates.json, summary.json (elapsed_seconds aside),"
echo "  and the closing lines on stdout (the time taken aside)"
