#!/usr/bin/env bash
# HTTP load comparison of the servlet filter: one trivial endpoint in embedded Jetty 12 (ee10)
# without the filter, with the filter and one repeated token (audit off, and audit lines written
# to a file), and with the filter and many distinct tokens (all in the verified-token cache, and
# never cached), driven by wrk over loopback. Writes benchmarks/results/http-load.json and
# regenerates BENCHMARKS.md (benchmarks/report.py). About 2 minutes; installs wrk (Debian) when
# missing, which needs root.
# Environment: ROUNDS (default 2), DURATION (per measured run, default 10s), WARMUP (default 5s),
# THREADS (2), CONNECTIONS (32), DISTINCT (distinct tokens, 2000), SKIP_BUILD=1 to reuse the jar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

rounds="${ROUNDS:-2}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-5s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
distinct="${DISTINCT:-2000}"
results=benchmarks/results
mkdir -p "$results"

if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "wrk and curl are needed: apt-get install wrk curl (as root)" >&2
        exit 1
    fi
    apt-get update -qq && apt-get install -y -qq wrk curl >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -pl benchmarks -am package -DskipTests
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

server_jvm="-Xms512m -Xmx512m"
# shellcheck disable=SC2086 # word splitting of the JVM options is intended
java $server_jvm -Dbenchmarks.audit.file="$work/audit.log" \
    -cp benchmarks/target/benchmarks.jar dev.jwe.benchmarks.HttpLoadServer 0 "$work" "$distinct" \
    >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
    grep -q '^listening on ' "$work/server.out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.out" >&2; exit 1; }
    sleep 0.5
done
base="$(sed -n 's/^listening on //p' "$work/server.out")"
[ -n "$base" ] || { echo "server did not start" >&2; cat "$work/server.out" >&2; exit 1; }
token="$(cat "$work/token.txt")"

# Each endpoint answers as it should before anything is measured.
expect() { # expected-status expected-body path [token]
    local args=(-s -o "$work/body" -w '%{http_code}' "$base$3")
    [ $# -ge 4 ] && args+=(-H "Authorization: Bearer $4")
    local status
    status="$(curl "${args[@]}")"
    if [ "$status" != "$1" ] || { [ -n "$2" ] && [ "$(cat "$work/body")" != "$2" ]; }; then
        echo "GET $3: expected $1 '$2', got $status '$(cat "$work/body")'" >&2
        exit 1
    fi
}
expect 200 "hello anonymous" /plain/hello "$token"
for p in /api/hello /audited/hello /uncached/hello; do
    expect 200 "hello alice" "$p" "$token"
    expect 401 "" "$p"
done
expect 200 "hello alice" /uncached/hello "$(tail -n 1 "$work/tokens.txt")"

# name path token-file. The plain run sends the same header as the others (ignored there), so
# that every request has the same bytes and only the filter differs.
scenarios=(
    "no-filter /plain/hello token.txt"
    "repeated-token /api/hello token.txt"
    "repeated-token-audit-log /audited/hello token.txt"
    "distinct-tokens-cached /api/hello tokens.txt"
    "distinct-tokens-uncached /uncached/hello tokens.txt"
)
wrk_opts="-t$threads -c$connections --latency"
run_wrk() { # duration path token-file
    # shellcheck disable=SC2086
    wrk $wrk_opts -d"$1" -s benchmarks/http-load.lua "$base" -- "$2" "$work/$3" | sed -n 's/^RESULT //p'
}
# CPU time (user + system, clock ticks) the server process has used so far.
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
runs="$work/runs.jsonl"
: >"$runs"
for s in "${scenarios[@]}"; do
    read -r name path file <<<"$s"
    echo "warm-up $name ($warmup)"
    out="$(run_wrk "$warmup" "$path" "$file")"
    if [ "$name" = distinct-tokens-cached ]; then
        # Every distinct token must have been seen once, so that the measured runs hit the cache.
        while [ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests"])' "$out")" -lt "$distinct" ]; do
            out="$(run_wrk "$warmup" "$path" "$file")"
        done
    fi
done
for round in $(seq 1 "$rounds"); do
    # Odd rounds in the listed order, even rounds reversed, so that drift favours no scenario.
    order=("${scenarios[@]}")
    if [ $((round % 2)) -eq 0 ]; then
        order=()
        for ((k = ${#scenarios[@]} - 1; k >= 0; k--)); do order+=("${scenarios[k]}"); done
    fi
    for s in "${order[@]}"; do
        read -r name path file <<<"$s"
        before="$(server_ticks)"
        TIMEFORMAT='%U %S'
        { time run_wrk "$duration" "$path" "$file" >"$work/out"; } 2>"$work/wrk-cpu"
        out="$(cat "$work/out")"
        after="$(server_ticks)"
        [ -n "$out" ] || { echo "wrk gave no result for $name" >&2; exit 1; }
        read -r wrk_user wrk_sys <"$work/wrk-cpu"
        echo "round $round $name $out"
        echo "{\"scenario\":\"$name\",\"path\":\"$path\",\"round\":$round,\"result\":$out," \
            "\"server_cpu_s\":$(awk -v a="$before" -v b="$after" -v t="$ticks_per_second" 'BEGIN { printf "%.3f", (b - a) / t }')," \
            "\"wrk_cpu_s\":$(awk -v u="$wrk_user" -v s="$wrk_sys" 'BEGIN { printf "%.3f", u + s }')}" >>"$runs"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
# Stop the server first: its shutdown hook drains Logback's async queue and flushes the file.
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
audit_lines="$(grep -c '"outcome":"accepted"' "$work/audit.log" || true)"

RUNS="$runs" DATE="$started" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" \
AUDIT_LINES="$audit_lines" DISTINCT="$distinct" SERVER_JVM="$server_jvm" \
COMMAND="benchmarks/http-load.sh  (wrk $wrk_opts -d$duration -s benchmarks/http-load.lua; $rounds round(s), order reversed in even rounds, after a $warmup warm-up per scenario)" \
WRK_VERSION="$(wrk -v 2>&1 | head -n 1 || true)" \
python3 - "$results/http-load.json" <<'EOF'
import json, os, sys
runs = [json.loads(l) for l in open(os.environ["RUNS"]) if l.strip()]
meta = {k.lower(): os.environ[k] for k in
        ("DATE", "LOAD_BEFORE", "LOAD_AFTER", "COMMAND", "WRK_VERSION", "SERVER_JVM")}
meta["distinct_tokens"] = int(os.environ["DISTINCT"])
meta["audit_lines_accepted"] = int(os.environ["AUDIT_LINES"] or 0)
with open(sys.argv[1], "w") as f:
    json.dump({"meta": meta, "runs": runs}, f, indent=1)
EOF

python3 benchmarks/report.py --results "$results" >"$results/BENCHMARKS.md.tmp"
mv "$results/BENCHMARKS.md.tmp" BENCHMARKS.md
echo "wrote $results/http-load.json and BENCHMARKS.md"
