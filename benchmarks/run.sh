#!/usr/bin/env bash
# Builds the benchmarks jar, runs a short JMH pass over every suite, measures the cache footprint,
# and writes BENCHMARKS.md at the repository root. About 4-5 minutes on 2 cores.
# Override the JMH options with JMH_OPTS, e.g. JMH_OPTS="-f 3 -wi 5 -w 2s -i 10 -r 2s" for a careful run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

jmh_opts="${JMH_OPTS:--f 1 -wi 4 -w 1s -i 5 -r 1s}"
results=benchmarks/results
mkdir -p "$results"

mvn -B -q -pl benchmarks -am package -DskipTests

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
# shellcheck disable=SC2086 # word splitting of the JMH options is intended
java -jar benchmarks/target/benchmarks.jar ValidationBenchmark $jmh_opts \
    -rf json -rff "$results/jmh.json" | tee "$results/jmh.txt"
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.jwe.benchmarks.CacheFootprint 20000 \
    | tee "$results/cache-footprint.txt"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 benchmarks/report.py \
    --jmh "$results/jmh.json" \
    --footprint "$results/cache-footprint.txt" \
    --command "benchmarks/run.sh  (java -jar benchmarks/target/benchmarks.jar ValidationBenchmark $jmh_opts)" \
    --load "$load_before" --load-after "$load_after" --date "$started" \
    > "$results/BENCHMARKS.md.tmp"
mv "$results/BENCHMARKS.md.tmp" BENCHMARKS.md
echo "wrote BENCHMARKS.md"
