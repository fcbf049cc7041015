#!/usr/bin/env bash
# JMH: the signature check of a CDS Hooks bearer token (TokenSignatureBenchmark in backcheck-bench),
# ES384 and RS384, each with the JDK's provider and with BouncyCastle's, each with a verifier built
# per token (the service before issue 11) and one kept per key (the service now). One thread.
# Prints operations per second side by side.
#
#   bench/cds-verify.sh                       # 3 x 2 s warm-up, 5 x 2 s measured, one fork
#   JMH_ARGS="-wi 5 -i 10 -f 2" bench/cds-verify.sh   # longer, for a quiet machine
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
echo "Building the bench jar..." >&2
mvn -q -B -Dstyle.color=never -DskipTests -pl backcheck-bench -am package >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2086
java -jar backcheck-bench/target/backcheck-bench.jar TokenSignatureBenchmark -rf csv -rff "$out" ${JMH_ARGS:-} >&2
echo
echo "Token signature checks per second, one thread, $(nproc) cores ($(java -version 2>&1 | head -1)):"
python3 - "$out" <<'PY'
import csv, sys
rows = {}
for r in csv.DictReader(open(sys.argv[1])):
    rows[(r["Benchmark"].rsplit(".", 1)[1], r["Param: variant"])] = float(r["Score"])
variants = ["ES384-JDK", "ES384-BC", "RS384-JDK", "RS384-BC"]
print("  %-24s" % "" + "".join("%12s" % v for v in variants))
for b in ["verifyWithNewVerifier", "verifyWithKeptVerifier", "parse"]:
    print("  %-24s" % b + "".join("%12.0f" % rows.get((b, v), float("nan")) for v in variants))
es = rows.get(("verifyWithKeptVerifier", "ES384-BC"), 0) / max(rows.get(("verifyWithNewVerifier", "ES384-JDK"), 1), 1)
print("  ES384: BouncyCastle with a kept verifier / JDK with a verifier per token = %.1fx" % es)
PY
