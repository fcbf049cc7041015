#!/usr/bin/env bash
# Load benchmark for the CDS Hooks service: `backcheck serve` with a trusted issuer, driven by
# signed order-sign requests (each with its own JWT) from wrk on loopback (Debian's package;
# installed if missing). For each token algorithm it prints p50/p99 latency at a fixed rate and
# the sustained throughput flat out, and, given a second build to compare with, both builds side
# by side, run in alternation (before, after, before, after, ...) under the same conditions, with
# the same keys and the same pre-signed tokens.
#
#   bench/cds-load.sh                          # this tree, RS384 and ES384: 1,000 requests/s for 20 s, then 10 s flat out
#   BEFORE_REF=a8d791b bench/cds-load.sh       # also the build of that commit (issue 11's starting point), alternated
#   BEFORE_JAR=/path/backcheck.jar bench/cds-load.sh   # or any other backcheck.jar
#   ALGS=ES384 ROUNDS=3 RATE=500 SECONDS_AT_RATE=10 MAX_SECONDS=5 bench/cds-load.sh
#
# Server and wrk share the machine; figures from a busy machine (other builds running) are noisy:
# compare builds only within one run of this script, and prefer ROUNDS >= 2 on a quiet machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RATE=${RATE:-1000}
SECONDS_AT_RATE=${SECONDS_AT_RATE:-20}
MAX_SECONDS=${MAX_SECONDS:-10}
WARM_SECONDS=${WARM_SECONDS:-15}
CONCURRENCY=${CONCURRENCY:-16}
ROUNDS=${ROUNDS:-1}
ALGS=${ALGS:-RS384 ES384}
PORT=${PORT:-18181}
# Tokens for the flat-out phase: enough for 12,000 requests/s. A token is accepted once per server
# start; should they run out, the replays are refused and show as "non-2xx" below.
MAX_TOKENS=${MAX_TOKENS:-$(( MAX_SECONDS * 12000 ))}
ISS=https://ehr.example.org/bench
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
echo "Building the jars..." >&2
mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli,backcheck-bench -am package >/dev/null
cp backcheck-cli/target/backcheck.jar "$work/after.jar"
sides=(after)
if [ -n "${BEFORE_REF:-}" ] && [ -z "${BEFORE_JAR:-}" ]; then
  echo "Building $BEFORE_REF for comparison..." >&2
  mkdir "$work/before-src"
  git archive "$BEFORE_REF" | tar -x -C "$work/before-src"
  (cd "$work/before-src" && mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli -am package >/dev/null)
  BEFORE_JAR="$work/before-src/backcheck-cli/target/backcheck.jar"
fi
if [ -n "${BEFORE_JAR:-}" ]; then
  cp "$BEFORE_JAR" "$work/before.jar"
  sides=(before after)
fi
load=(java -cp backcheck-bench/target/backcheck-bench.jar org.backcheck.bench.CdsLoad)
url="http://127.0.0.1:$PORT/cds-services/lumbar-imaging-order-sign"
body=backcheck-service/src/test/resources/cds/order-sign-request.json
conns=11  # with about 1 ms service time, 11 connections each pausing 11 ms give about 1,000/s
delay=$(( conns * 1000 / RATE ))

start_server() { # jar
  # As the launcher runs `serve` (G1, full tiered compilation); --public-url fixes the audience.
  java -XX:+UseG1GC -jar "$1" serve --port "$PORT" --public-url "http://127.0.0.1:$PORT" \
    --trusted-issuers "$work/issuers.json" --db-url "jdbc:sqlite:$work/feedback-$RANDOM.db" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "the server did not start; its log:" >&2; cat "$work/serve.log" >&2; exit 1
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }
run_wrk() { # connections seconds delay_ms tokens-file
  TOKENS="$4" BODY="$body" DELAY_MS="$3" wrk -t1 -c"$1" -d"$2"s --latency -s bench/cds-wrk.lua "$url"
}
cpu_ticks() { # pid -> user + system CPU time of the process so far, in clock ticks (proc(5))
  awk '{print $14 + $15}' "/proc/$1/stat"
}
field() { # wrk-output pattern -> the value after it
  awk -v p="$2" '$1 == p {print $2; exit}' "$1"
}
rows=()
for alg in $ALGS; do
  echo "Keys and pre-signed $alg tokens..." >&2
  "${load[@]}" keys "$work" "$ISS" "$alg"
  "${load[@]}" tokens "$url" "$work" "$ISS" 20000 "$work/warm.txt"
  "${load[@]}" tokens "$url" "$work" "$ISS" $(( RATE * SECONDS_AT_RATE * 2 )) "$work/rate.txt"
  "${load[@]}" tokens "$url" "$work" "$ISS" "$MAX_TOKENS" "$work/max.txt"
  for round in $(seq 1 "$ROUNDS"); do
    for side in "${sides[@]}"; do
      echo "$alg, $side, round $round..." >&2
      start_server "$work/$side.jar"
      run_wrk "$CONCURRENCY" "$WARM_SECONDS" 0 "$work/warm.txt" > /dev/null   # JIT warm-up
      run_wrk "$conns" "$SECONDS_AT_RATE" "$delay" "$work/rate.txt" > "$work/rate.out"
      t0=$(cpu_ticks "$server")
      run_wrk "$CONCURRENCY" "$MAX_SECONDS" 0 "$work/max.txt" > "$work/max.out"
      t1=$(cpu_ticks "$server")
      stop_server
      # The server's CPU time per request while flat out: unlike requests/s, hardly changed by other
      # processes competing for the cores, so comparable between builds on a busy machine.
      done_requests=$(awk '/requests in/ {print $1; exit}' "$work/max.out")
      cpu_us=$(( (t1 - t0) * 1000000 / $(getconf CLK_TCK) / (done_requests > 0 ? done_requests : 1) ))
      bad=$(( $(awk '/Non-2xx/ {print $NF}' "$work/rate.out" | head -1 || true) + 0 ))
      bad=$(( bad + $(awk '/Non-2xx/ {print $NF}' "$work/max.out" | head -1 || true) + 0 ))
      rows+=("$(printf '%-6s %-7s %5s %12s %9s %9s %14s %13s %8s' "$alg" "$side" "$round" \
        "$(field "$work/rate.out" Requests/sec:)" "$(field "$work/rate.out" 50%)" "$(field "$work/rate.out" 99%)" \
        "$(field "$work/max.out" Requests/sec:)" "$cpu_us" "$bad")")
    done
  done
done
echo
echo "CDS Hooks order-sign, each request with its own JWT; $(nproc) cores, server and wrk on one machine;"
echo "$(java -version 2>&1 | head -1). Paced at about $RATE/s for $SECONDS_AT_RATE s (wrk measures service time,"
echo "not corrected for coordinated omission, which matters little while latency is far below the pacing),"
echo "then $MAX_SECONDS s flat out with $CONCURRENCY connections, after a ${WARM_SECONDS} s warm-up per server start."
printf '%-6s %-7s %5s %12s %9s %9s %14s %13s %8s\n' alg build round "paced req/s" p50 p99 "flat-out req/s" "server CPU/req" non-2xx
printf '%s\n' "${rows[@]}"
echo "server CPU/req: the server process's CPU time (user + system, all its threads) per request while flat out, in"
echo "microseconds; $(nproc) cores / that time bounds the throughput the server alone could reach on this machine."
echo "goals (issue 11): p99 <= 10 ms at 1,000 requests/s; >= 10,000 requests/s RS384; ES384 >= 3x the starting point"
