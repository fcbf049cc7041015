#!/usr/bin/env bash
# End-to-end benchmark: `backcheck audit` against DuckDB (in-process, JDBC) applying the same rule
# as SQL and counting by provider and month, on the same generated SUS-like extract. Both are whole
# runs from the shell, JVM start included, with the file in the page cache. Prints both medians,
# the ratio and each engine's totals.
#
#   bench/audit-vs-duckdb.sh            # 5,000,000 rows, 5 runs each
#   ROWS=1000000 RUNS=3 bench/audit-vs-duckdb.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
data="bench/data/opa-${ROWS}.csv"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "Building the jars..." >&2
mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli,backcheck-bench -am package >/dev/null
./backcheck --version >/dev/null 2>&1   # makes the launcher's class-data-sharing archive
mkdir -p bench/data
if [ ! -f "$data" ]; then
  ./backcheck generate --rows "$ROWS" --seed 5 --out "$data" >&2
fi
cat "$data" > /dev/null            # into the page cache, for both engines alike

seconds() { # runs "$@" once, prints wall seconds; output to $out/last.txt
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$out/last.txt" 2>&1
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

backcheck_times=(); duckdb_times=()
for i in $(seq 1 "$RUNS"); do   # alternate the two so that drift hits both alike
  backcheck_times+=("$(seconds ./backcheck audit --input "$data" --out "$out/audit")")
  cp "$out/last.txt" "$out/backcheck.txt"
  duckdb_times+=("$(seconds java -cp backcheck-bench/target/backcheck-bench.jar org.backcheck.bench.DuckDbPeer "$data")")
  cp "$out/last.txt" "$out/duckdb.txt"
done
b=$(printf '%s\n' "${backcheck_times[@]}" | median)
d=$(printf '%s\n' "${duckdb_times[@]}" | median)
size=$(du -m "$data" | cut -f1)

echo
echo "End to end on $data ($ROWS rows, ${size} MB, $(nproc) cores), median of $RUNS runs:"
printf '  %-34s %8s s   (runs: %s)\n' "backcheck audit" "$b" "${backcheck_times[*]}"
printf '  %-34s %8s s   (runs: %s)\n' "DuckDB $(awk '/^duckdb / {print $2}' "$out/duckdb.txt") JDBC, same rule as SQL" "$d" "${duckdb_times[*]}"
printf '  ratio (DuckDB / backcheck)        %8s x\n' "$(awk -v d="$d" -v b="$b" 'BEGIN { printf "%.2f", d / b }')"
echo
echo "Totals, to show both applied the same rule:"
grep -E "^  (counted|excluded|rejected)" "$out/backcheck.txt" | sed 's/^/  backcheck /'
grep '^duckdb ' "$out/duckdb.txt" | sed 's/^/  /'
echo "  (DuckDB's TRY_CAST reads an unreadable age as NULL and falls back to the other age column;"
echo "   Backcheck rejects such rows instead, so DuckDB counts a handful more.)"
