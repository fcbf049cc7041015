#!/usr/bin/env bash
# End-to-end benchmark, one run for four readings of the same rows: `backcheck audit` on the extract
# as CSV, `backcheck audit` on a Parquet copy of it (DuckDB writes it: every column VARCHAR, Snappy,
# DuckDB's row groups), and DuckDB (bench DuckDbPeer, in-process JDBC) applying the same rule as SQL
# to the CSV file and to the Parquet file. Whole runs from the shell, JVM start included, both files in the page cache,
# the three alternated so that drift hits all alike. Prints each median with its runs, wall and CPU
# (user + system: on a shared machine the steadier figure), and checks that the two audits wrote
# identical matches.csv and rejected.csv.
#
#   bench/parquet-vs-csv.sh            # 5,000,000 rows, 5 runs each
#   ROWS=1000000 RUNS=3 bench/parquet-vs-csv.sh
#   JAR=/tmp/backcheck-before.jar NO_BUILD=1 bench/parquet-vs-csv.sh   # another build of the CLI, e.g. for before/after
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
csv="bench/data/opa-${ROWS}.csv"
parquet="bench/data/opa-${ROWS}.parquet"
jar="${JAR:-backcheck-cli/target/backcheck.jar}"
bench_jar="backcheck-bench/target/backcheck-bench.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if [ -z "${NO_BUILD:-}" ]; then
  echo "Building the jars..." >&2
  mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli,backcheck-bench -am package >/dev/null
fi
mkdir -p bench/data
if [ ! -f "$csv" ]; then
  java -jar "$jar" generate --rows "$ROWS" --seed 5 --out "$csv" >&2
fi
if [ ! -f "$parquet" ] || [ "$csv" -nt "$parquet" ]; then
  echo "Writing $parquet with DuckDB..." >&2
  java -cp "$bench_jar" bench/ParquetCopy.java "$csv" "$parquet"
fi
cat "$csv" "$parquet" > /dev/null   # into the page cache, for all alike

# The JVM flags the launcher uses for inputs under 1.5 GB.
audit=(java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar "$jar" audit)
duckdb=(java -cp "$bench_jar" org.backcheck.bench.DuckDbPeer)
run() { # runs "$@" once; prints "wall cpu" in seconds; output to $out/last.txt
  if ! /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$@" > "$out/last.txt" 2>&1; then
    echo "failed: $*" >&2
    tail -5 "$out/last.txt" >&2
    exit 1
  fi
  tail -1 "$out/time.txt" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A wall cpu
for i in $(seq 1 "$RUNS"); do
  for what in csv parquet duckdb duckdbcsv; do
    case $what in
      csv) r=$(run "${audit[@]}" --input "$csv" --out "$out/csv") ;;
      parquet) r=$(run "${audit[@]}" --input "$parquet" --out "$out/parquet") ;;
      duckdb) r=$(run "${duckdb[@]}" "$parquet"); cp "$out/last.txt" "$out/duckdb.txt" ;;
      duckdbcsv) r=$(run "${duckdb[@]}" "$csv"); cp "$out/last.txt" "$out/duckdbcsv.txt" ;;
    esac
    wall[$what]+="${r% *} "
    cpu[$what]+="${r#* } "
  done
done
med() { printf '%s\n' $1 | median; }
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

echo
echo "End to end, $ROWS rows, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), median of $RUNS runs (wall; CPU = user + system):"
printf '  %-34s %8s MB  wall %6s s  CPU %6s s   (wall: %s)\n' "backcheck audit, CSV" "$(mb "$csv")" \
  "$(med "${wall[csv]}")" "$(med "${cpu[csv]}")" "${wall[csv]}"
printf '  %-34s %8s MB  wall %6s s  CPU %6s s   (wall: %s)\n' "backcheck audit, Parquet" "$(mb "$parquet")" \
  "$(med "${wall[parquet]}")" "$(med "${cpu[parquet]}")" "${wall[parquet]}"
printf '  %-34s %8s MB  wall %6s s  CPU %6s s   (wall: %s)\n' "DuckDB $(awk '/^duckdb / {print $2}' "$out/duckdb.txt"), same rule, Parquet" "$(mb "$parquet")" \
  "$(med "${wall[duckdb]}")" "$(med "${cpu[duckdb]}")" "${wall[duckdb]}"
printf '  %-34s %8s MB  wall %6s s  CPU %6s s   (wall: %s)\n' "DuckDB, same rule, CSV" "$(mb "$csv")" \
  "$(med "${wall[duckdbcsv]}")" "$(med "${cpu[duckdbcsv]}")" "${wall[duckdbcsv]}"
printf '  wall ratios: DuckDB on CSV / backcheck on CSV %s x\n' \
  "$(awk -v d="$(med "${wall[duckdbcsv]}")" -v c="$(med "${wall[csv]}")" 'BEGIN { printf "%.2f", d / c }')"
printf '  wall ratios: Parquet / CSV %s x, DuckDB on Parquet / backcheck on Parquet %s x\n' \
  "$(awk -v p="$(med "${wall[parquet]}")" -v c="$(med "${wall[csv]}")" 'BEGIN { printf "%.2f", p / c }')" \
  "$(awk -v d="$(med "${wall[duckdb]}")" -v p="$(med "${wall[parquet]}")" 'BEGIN { printf "%.2f", d / p }')"
echo "  CPU of each run: CSV ${cpu[csv]}| Parquet ${cpu[parquet]}| DuckDB on Parquet ${cpu[duckdb]}| DuckDB on CSV ${cpu[duckdbcsv]}"
echo "  DuckDB's totals: $(grep '^duckdb ' "$out/duckdb.txt")"
if cmp -s "$out/csv/matches.csv" "$out/parquet/matches.csv" && cmp -s "$out/csv/rejected.csv" "$out/parquet/rejected.csv"; then
  echo "  matches.csv and rejected.csv: identical"
else
  echo "  matches.csv or rejected.csv DIFFER between the two inputs" >&2
  exit 1
fi
