#!/usr/bin/env bash
# Side-by-side JMH run of two revisions: builds the benchmarks jar of REF (default: the commit
# before issue 11's restructuring) in a temporary worktree, then runs the same JMH command on it
# and on this working tree, alternating, ROUNDS times. Run it on a quiet machine: every figure is
# only comparable within one run. Usage: benchmarks/compare.sh [REF] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ref="${1:-e6f2cc8}"
rounds="${2:-2}"
jmh_opts="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
pattern="${PATTERN:-ValidationBenchmark.(jcaFloor|jweUncached|jweCached|sha256Token)\$}"
out="$root/benchmarks/results/compare"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

git -C "$root" worktree add -q --detach "$tmp/old" "$ref"
(cd "$tmp/old" && mvn -B -q -pl benchmarks -am package -DskipTests)
(cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
cp "$tmp/old/benchmarks/target/benchmarks.jar" "$tmp/old.jar"
cp "$root/benchmarks/target/benchmarks.jar" "$tmp/new.jar"

for round in $(seq 1 "$rounds"); do
    for v in old new; do
        # shellcheck disable=SC2086 # word splitting of the JMH options is intended
        java -jar "$tmp/$v.jar" "$pattern" $jmh_opts -rf json -rff "$out/$v-$round.json" > "$out/$v-$round.txt"
    done
done

python3 - "$out" "$rounds" <<'PY'
import json, sys, collections
out, rounds = sys.argv[1], int(sys.argv[2])
score = collections.defaultdict(dict)
for r in range(1, rounds + 1):
    for v in ("old", "new"):
        for b in json.load(open(f"{out}/{v}-{r}.json")):
            score[(b["params"]["suite"], b["benchmark"].rsplit(".", 1)[1])][(v, r)] = b["primaryMetric"]["score"]
for suite in sorted({k[0] for k in score}):
    print(suite)
    for r in range(1, rounds + 1):
        for v in ("old", "new"):
            g = lambda m: score[(suite, m)][(v, r)]
            print(f"  round {r} {v}: jweUncached/jcaFloor {g('jweUncached') / g('jcaFloor'):.2f}x,"
                  f" jweCached/sha256Token {g('jweCached') / g('sha256Token'):.2f}x")
PY
