#!/usr/bin/env bash
# End-to-end benchmark: `backcheck audit` on the same extract as CSV and as Parquet (a copy DuckDB
# writes: every column VARCHAR, Snappy, DuckDB's row groups). Whole runs from the shell, JVM start
# included, both files in the page cache. Prints both medians and file sizes side by side, and
# checks that the two runs wrote identical matches.csv and rejected.csv.
#
#   bench/parquet-vs-csv.sh            # 5,000,000 rows, 5 runs each
#   ROWS=1000000 RUNS=3 bench/parquet-vs-csv.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
csv="bench/data/opa-${ROWS}.csv"
parquet="bench/data/opa-${ROWS}.parquet"
jar="backcheck-cli/target/backcheck.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "Building the jars..." >&2
mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli,backcheck-bench -am package >/dev/null
mkdir -p bench/data
if [ ! -f "$csv" ]; then
  java -jar "$jar" generate --rows "$ROWS" --seed 5 --out "$csv" >&2
fi
if [ ! -f "$parquet" ] || [ "$csv" -nt "$parquet" ]; then
  echo "Writing $parquet with DuckDB..." >&2
  java -cp backcheck-bench/target/backcheck-bench.jar bench/ParquetCopy.java "$csv" "$parquet"
fi
cat "$csv" "$parquet" > /dev/null   # into the page cache, for both alike

# The JVM flags the launcher uses for inputs under 1.5 GB.
audit() { java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar "$jar" audit --input "$1" --out "$2"; }
seconds() { # runs "$@" once, prints wall seconds
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$out/last.txt" 2>&1
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

csv_times=(); parquet_times=()
for i in $(seq 1 "$RUNS"); do   # alternate the two so that drift hits both alike
  csv_times+=("$(seconds audit "$csv" "$out/csv")")
  parquet_times+=("$(seconds audit "$parquet" "$out/parquet")")
done
c=$(printf '%s\n' "${csv_times[@]}" | median)
p=$(printf '%s\n' "${parquet_times[@]}" | median)
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

echo
echo "backcheck audit, end to end, $ROWS rows, $(nproc) cores, median of $RUNS runs:"
printf '  %-8s %8s MB %9s s   (runs: %s)\n' "CSV" "$(mb "$csv")" "$c" "${csv_times[*]}"
printf '  %-8s %8s MB %9s s   (runs: %s)\n' "Parquet" "$(mb "$parquet")" "$p" "${parquet_times[*]}"
printf '  ratio (Parquet / CSV)   %9s x time, %s x size\n' "$(awk -v p="$p" -v c="$c" 'BEGIN { printf "%.2f", p / c }')" \
  "$(awk -v p="$(stat -c %s "$parquet")" -v c="$(stat -c %s "$csv")" 'BEGIN { printf "%.2f", p / c }')"
if cmp -s "$out/csv/matches.csv" "$out/parquet/matches.csv" && cmp -s "$out/csv/rejected.csv" "$out/parquet/rejected.csv"; then
  echo "  matches.csv and rejected.csv: identical"
else
  echo "  matches.csv or rejected.csv DIFFER between the two inputs" >&2
  exit 1
fi
