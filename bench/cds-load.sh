#!/usr/bin/env bash
# Load benchmark for the CDS Hooks service: `backcheck serve` with a trusted issuer, driven by
# signed order-sign requests (each with its own ES384 JWT) from a second process on loopback.
# Uses wrk (Debian's package; installed if missing) with pre-signed tokens, one per request.
# Prints p50/p90/p99 latency at a fixed rate and the sustained throughput flat out.
#
#   bench/cds-load.sh                 # 1,000 requests/s for 20 s, then 10 s flat out
#   RATE=500 SECONDS_AT_RATE=10 bench/cds-load.sh
#   ALG=RS384 bench/cds-load.sh      # tokens signed RS384 instead of ES384 (both are allowed by the spec)
#   SERVE_JAR=/tmp/old/backcheck.jar SKIP_BUILD=1 bench/cds-load.sh   # serve from that jar (e.g. an earlier
#                                    # build, for a before/after comparison under the same conditions)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RATE=${RATE:-1000}
SECONDS_AT_RATE=${SECONDS_AT_RATE:-20}
MAX_SECONDS=${MAX_SECONDS:-10}
CONCURRENCY=${CONCURRENCY:-16}
PORT=${PORT:-18181}
ISS=https://ehr.example.org/bench
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
if [ -z "${SKIP_BUILD:-}" ]; then  # SKIP_BUILD=1: use the jars already built
  echo "Building the jars..." >&2
  mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-cli,backcheck-bench -am package >/dev/null
fi
load=(java -cp backcheck-bench/target/backcheck-bench.jar org.backcheck.bench.CdsLoad)
ALG=${ALG:-ES384}
"${load[@]}" keys "$work" "$ISS" "$ALG"
serve=(./backcheck serve)
[ -n "${SERVE_JAR:-}" ] && serve=(java -XX:+UseG1GC -jar "$SERVE_JAR" serve)
"${serve[@]}" --port "$PORT" --trusted-issuers "$work/issuers.json" --db-url "jdbc:sqlite:$work/feedback.db" \
  > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
url="http://127.0.0.1:$PORT/cds-services/lumbar-imaging-order-sign"
body=backcheck-service/src/test/resources/cds/order-sign-request.json

run_wrk() { # connections seconds delay_ms tokens
  "${load[@]}" tokens "$url" "$work" "$ISS" "$4" "$work/tokens.txt"
  TOKENS="$work/tokens.txt" BODY="$body" DELAY_MS="$3" wrk -t1 -c"$1" -d"$2"s --latency -s bench/cds-wrk.lua "$url"
}
echo "Warming the server (JIT) for 15 s..." >&2
run_wrk 16 15 0 60000 >/dev/null
echo
echo "CDS Hooks order-sign, each request with its own $ALG JWT, $(nproc) cores, server and wrk on one machine."
echo "At a fixed rate of about $RATE/s (wrk paced by a per-connection delay; wrk measures service time, so this"
echo "is not corrected for coordinated omission, which matters little while latency is far below the pacing):"
conns=11  # with about 1 ms service time, 11 connections each pausing 11 ms give about 1,000/s
delay=$(( conns * 1000 / RATE ))
run_wrk "$conns" "$SECONDS_AT_RATE" "$delay" $(( RATE * SECONDS_AT_RATE * 2 )) | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Latency " | sed 's/^/  /'
echo "Flat out, $CONCURRENCY connections:"
run_wrk "$CONCURRENCY" "$MAX_SECONDS" 0 60000 | grep -E "Requests/sec|50%|99%|Non-2xx" | sed 's/^/  /'
echo "  goals: p99 <= 10 ms at 1,000 requests/s; >= 10,000 requests/s"
