#!/usr/bin/env bash
# Spark scaling benchmark: the same generated SUS-like extract audited by the single-machine engine
# (`backcheck audit`, one worker per core; its jar run with the launcher's JVM flags, so that a
# source edited meanwhile never makes the launcher rebuild inside a timed run) and by the Spark job
# in local mode with one and with two worker threads (local[1], local[2]). Whole runs from the
# shell, JVM start included, the file in the page cache. Prints the medians side by side and each
# run's reconciliation line, which must be the same for all three.
#
#   bench/spark-scaling.sh                    # 5,000,000 rows, 3 runs each
#   ROWS=1000000 RUNS=1 bench/spark-scaling.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${ROWS:-5000000}
RUNS=${RUNS:-3}
data="bench/data/opa-${ROWS}.csv"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export SPARK_LOCAL_IP=127.0.0.1   # Spark binds here; this machine's host name has no reachable address

echo "Building the jars..." >&2
mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli,backcheck-spark -am package >/dev/null
mkdir -p bench/data
if [ ! -f "$data" ]; then
  ./backcheck generate --rows "$ROWS" --seed 5 --out "$data" >&2
fi
cat "$data" > /dev/null

seconds() { # runs "$@" once, prints wall seconds; output to $out/last.txt
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$out/last.txt" 2>&1 || { cat "$out/last.txt" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
single() { # the single-machine audit with the launcher's JVM flags, but never a rebuild inside a timed run
  java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar backcheck-cli/target/backcheck.jar audit --input "$data" --out "$out/single"
}

# The Spark runs get the same JVM flags (C1 only, a throughput collector) and, like the launcher's
# runs, a class-data-sharing archive, made here by one small run: Spark loads some 20,000 classes
# at start-up, and on two cores C2's compiles of Spark's own start-up code cost more than they save.
jvm="-XX:+UseParallelGC -XX:TieredStopAtLevel=1"
jsa="$out/spark.jsa"
./backcheck generate --rows 1000 --seed 5 --out "$out/small.csv" >/dev/null
# shellcheck disable=SC2086
java $jvm -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off @backcheck-spark/target/spark-local.args \
  org.backcheck.spark.SparkAudit --input "$out/small.csv" --output "$out/small" --master "local[2]" >/dev/null 2>&1 || rm -f "$jsa"
share=()
[ -f "$jsa" ] && share=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
spark() { # spark THREADS [INPUT]: the job in local mode, as a plain JVM (see the README, "On Apache Spark")
  # shellcheck disable=SC2086
  java $jvm "${share[@]}" @backcheck-spark/target/spark-local.args org.backcheck.spark.SparkAudit \
    --input "${2:-$data}" --output "$out/spark$1" --master "local[$1]"
}

single=(); one=(); two=(); fixed=()
for i in $(seq 1 "$RUNS"); do   # interleaved, so that drift hits all three alike
  single+=("$(seconds single)")
  grep -o "rows_read [0-9]* = .*rejected [0-9]*" "$out/last.txt" | head -1 > "$out/single.txt"
  one+=("$(seconds spark 1)")
  grep -o "rows_read [0-9]* = .*rejected [0-9]*" "$out/last.txt" > "$out/one.txt"
  two+=("$(seconds spark 2)")
  grep -o "rows_read [0-9]* = .*rejected [0-9]*" "$out/last.txt" > "$out/two.txt"
  fixed+=("$(seconds spark 2 "$out/small.csv")")
done
s=$(printf '%s\n' "${single[@]}" | median)
a=$(printf '%s\n' "${one[@]}" | median)
b=$(printf '%s\n' "${two[@]}" | median)
f=$(printf '%s\n' "${fixed[@]}" | median)
size=$(du -m "$data" | cut -f1)

echo
echo "$data: $ROWS rows, ${size} MB; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);"
echo "median of $RUNS runs, JVM start included:"
printf '  %-42s %8s s   (runs: %s)\n' "backcheck audit (single machine)" "$s" "${single[*]}"
printf '  %-42s %8s s   (runs: %s)\n' "Spark $(ls backcheck-spark/target/lib | sed -n 's/^spark-core_2.13-\(.*\)\.jar$/\1/p') local[1]" "$a" "${one[*]}"
printf '  %-42s %8s s   (runs: %s)\n' "Spark local[2]" "$b" "${two[*]}"
printf '  %-42s %8s s   (runs: %s)\n' "Spark local[2] on 1,000 rows (fixed costs)" "$f" "${fixed[*]}"
printf '  %-42s %8s x\n' "Spark scaling, local[1] / local[2]" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
printf '  %-42s %8s x\n' "Spark local[2] / single machine" "$(awk -v s="$s" -v b="$b" 'BEGIN { printf "%.2f", b / s }')"
echo
echo "Reconciliation, to show all three gave the same answer:"
sed 's/^/  single machine  /' "$out/single.txt"
sed 's/^/  Spark local[1]  /' "$out/one.txt"
sed 's/^/  Spark local[2]  /' "$out/two.txt"
if [ "$(sort -u "$out/single.txt" "$out/one.txt" "$out/two.txt" | wc -l)" != 1 ]; then
  echo "  THE ENGINES DISAGREE" >&2
  exit 1
fi
