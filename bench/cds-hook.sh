#!/usr/bin/env bash
# JMH: the CDS Hooks call in process (CdsHookBenchmark in backcheck-bench): request body to cards JSON
# through CdsHooksService, no HTTP and no token check, for the order-sign and order-select test
# requests. One thread; prints microseconds per call. With BENCH_JAR, runs that bench jar instead
# (e.g. one built at an earlier commit, to compare builds in alternation).
#
#   bench/cds-hook.sh                                  # 3 x 2 s warm-up, 5 x 2 s measured, one fork
#   JMH_ARGS="-prof jfr" bench/cds-hook.sh             # with a flight recording per request kind
#   BENCH_JAR=/tmp/before-bench.jar bench/cds-hook.sh  # another build of the bench jar
# On a busy machine JMH's wall-clock figures swing widely; bench/CdsHookCpu.java gives the calling
# thread's CPU time per call instead:
#   java -cp backcheck-bench/target/backcheck-bench.jar bench/CdsHookCpu.java order-sign 20000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=${BENCH_JAR:-}
if [ -z "$jar" ]; then
  echo "Building the bench jar..." >&2
  mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-bench -am package >/dev/null
  jar=backcheck-bench/target/backcheck-bench.jar
fi
# shellcheck disable=SC2086
java -jar "$jar" CdsHookBenchmark ${JMH_ARGS:-}
