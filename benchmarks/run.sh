#!/usr/bin/env bash
# Builds the benchmarks jar, runs a short JMH pass over every suite, a CPU-time cross-check
# (CpuTime), measures the cache footprint, and writes BENCHMARKS.md at the repository root
# (keeping the HTTP load section of benchmarks/http-load.sh). About 7 minutes on 2 cores.
# Override the JMH options with JMH_OPTS, e.g. JMH_OPTS="-f 3 -wi 5 -w 2s -i 10 -r 2s" for a careful run;
# CPUTIME=0 skips the cross-check, CPUTIME_OPTS="<seconds> <rounds>" sets it (default "2 4").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

jmh_opts="${JMH_OPTS:--f 1 -wi 4 -w 1s -i 5 -r 1s}"
cputime_opts="${CPUTIME_OPTS:-2 4}"
results=benchmarks/results
mkdir -p "$results"

mvn -B -q -pl benchmarks -am package -DskipTests

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
# shellcheck disable=SC2086 # word splitting of the JMH options is intended
java -jar benchmarks/target/benchmarks.jar ValidationBenchmark $jmh_opts \
    -rf json -rff "$results/jmh.json" | tee "$results/jmh.txt"
rm -f "$results/cputime.txt"
if [ "${CPUTIME:-1}" != 0 ]; then
    for suite in RSA-OAEP-256+A256GCM+RS256 ECDH-ES+A256KW+A256GCM+ES256 dir+A256GCM; do
        echo "suite $suite" | tee -a "$results/cputime.txt"
        # shellcheck disable=SC2086
        java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.jwe.benchmarks.CpuTime "$suite" $cputime_opts \
            | tee -a "$results/cputime.txt"
    done
fi
java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.jwe.benchmarks.CacheFootprint 20000 \
    | tee "$results/cache-footprint.txt"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

COMMAND="benchmarks/run.sh  (java -jar benchmarks/target/benchmarks.jar ValidationBenchmark $jmh_opts)" \
CPUTIME_DESC="CpuTime SUITE $cputime_opts: seconds of CPU per method and round, rounds including the warm-up" \
DATE="$started" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" \
python3 - "$results/jmh-run.json" <<'EOF'
import json, os, sys
with open(sys.argv[1], "w") as f:
    json.dump({"command": os.environ["COMMAND"], "date": os.environ["DATE"], "cputime": os.environ["CPUTIME_DESC"],
               "load_before": os.environ["LOAD_BEFORE"], "load_after": os.environ["LOAD_AFTER"]}, f, indent=1)
EOF

python3 benchmarks/report.py --results "$results" > "$results/BENCHMARKS.md.tmp"
mv "$results/BENCHMARKS.md.tmp" BENCHMARKS.md
echo "wrote BENCHMARKS.md"
