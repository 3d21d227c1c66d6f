#!/usr/bin/env bash
# Runs CASES simple HTTP cases (GET /health, expect 200) with `itf run --parallel N` against the demo target, then
# sends the same number of requests with wrk at the same concurrency, and reports both side by side.
#
#   bench/http-cases.sh                  # 10000 cases, --parallel 8
#   CASES=2000 PARALLEL=4 bench/http-cases.sh
#
# Needs a build (./mvnw -B package -DskipTests) and wrk (Debian/Ubuntu: apt-get install wrk; installed here
# when running as root).
set -euo pipefail

CASES="${CASES:-10000}"
PARALLEL="${PARALLEL:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
itf="$here/bin/itf"
work="${BENCH_DIR:-$(mktemp -d -t itf-bench.XXXXXX)}"
mkdir -p "$work"

if [ ! -f "$here/target/quarkus-app/quarkus-run.jar" ]; then
  echo "building itf (./mvnw -B package -DskipTests)..."
  (cd "$here" && ./mvnw -B -q package -DskipTests)
fi
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk with apt-get..."
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else
    echo "bench: wrk is missing; install it (Debian/Ubuntu: sudo apt-get install wrk) and run again" >&2
    exit 2
  fi
fi
if [ "$PARALLEL" -lt "$WRK_THREADS" ]; then
  WRK_THREADS="$PARALLEL"
fi

# the demo target on a free port; the port is read from the line it prints
"$itf" demo-target --port 0 >"$work/demo-target.log" 2>&1 &
demo_pid=$!
trap 'kill "$demo_pid" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's#.*listening on http://localhost:\([0-9]*\).*#\1#p' "$work/demo-target.log")"
  [ -n "$port" ] && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo-target.log" >&2; exit 2; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench: the demo target did not start; see $work/demo-target.log" >&2; exit 2; }
url="http://localhost:$port/health"

# the suite: CASES cases of one step each
suite="$work/suite.yaml"
{
  printf 'apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: bench-health}\nspec:\n'
  printf '  variables: {baseUrl: "http://localhost:%s"}\n  cases:\n' "$port"
  for i in $(seq -w 1 "$CASES"); do
    printf '    - {id: C%s, title: health %s, steps: [{http: {method: GET, url: "${baseUrl}/health"}, expect: {status: 200}}]}\n' "$i" "$i"
  done
} >"$suite"

# the same warm-up for both: the server's JIT compiles its request path before either measurement
warm_rps=$(wrk -t "$WRK_THREADS" -c "$PARALLEL" -d 3s "$url" | awk '/^Requests\/sec:/ {print $2}')

echo "itf run: $CASES cases, --parallel $PARALLEL"
start_ns=$(date +%s%N)
set +e
"$itf" run "$suite" --parallel "$PARALLEL" --report-dir "$work/reports" --format json >"$work/itf-run.log" 2>&1
itf_exit=$?
set -e
itf_process_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
report="$work/reports/itf-results.json"
if [ "$itf_exit" != 0 ] || [ ! -f "$report" ]; then
  tail -20 "$work/itf-run.log" >&2
  echo "bench: itf run exited $itf_exit; see $work/itf-run.log" >&2
  exit 1
fi
itf_run_ms=$(grep -m1 '"durationMs"' "$report" | tr -dc '0-9')
passed=$(grep -m1 '"passed"' "$report" | tr -dc '0-9')

# wrk sends exactly CASES requests: each thread stops after its share and notes when it got its last response
# (wrk itself always runs for its whole -d, so its own requests/sec would count the idle tail)
lua="$work/count.lua"
cat >"$lua" <<'LUA'
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } itf_timespec;
int clock_gettime(int clk_id, itf_timespec *tp);
]]
local function now_ms()
  local ts = ffi.new("itf_timespec")
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
count = 0
elapsed_ms = 0
local limit, started
function init(args) limit = tonumber(args[1]); started = now_ms() end
function response(status, headers, body)
  count = count + 1
  if count == limit then
    elapsed_ms = now_ms() - started
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local total, elapsed = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("count")
    elapsed = math.max(elapsed, t:get("elapsed_ms"))
  end
  io.write(string.format("ITF_COUNT %d\nITF_ELAPSED_MS %.3f\nITF_MEAN_LATENCY_MS %.4f\nITF_ERRORS %d\n", total, elapsed,
    latency.mean / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
LUA
per_thread=$(( CASES / WRK_THREADS ))
# long enough for every thread to reach its share: twice the time the warm-up rate predicts, at least 5 s
wrk_seconds=$(awk -v n="$CASES" -v r="$warm_rps" 'BEGIN { s = (r > 0) ? 2 * n / r : 60; if (s < 5) s = 5; printf "%d", s + 1 }')
echo "wrk: $((per_thread * WRK_THREADS)) requests, $WRK_THREADS threads, $PARALLEL connections"
wrk -t "$WRK_THREADS" -c "$PARALLEL" -d "${wrk_seconds}s" -s "$lua" "$url" -- "$per_thread" >"$work/wrk.log"
wrk_requests=$(awk '$1 == "ITF_COUNT" {print $2}' "$work/wrk.log")
wrk_elapsed_ms=$(awk '$1 == "ITF_ELAPSED_MS" {print $2}' "$work/wrk.log")
wrk_latency_ms=$(awk '$1 == "ITF_MEAN_LATENCY_MS" {print $2}' "$work/wrk.log")
wrk_errors=$(awk '$1 == "ITF_ERRORS" {print $2}' "$work/wrk.log")
wrk_rps=$(awk -v n="$wrk_requests" -v ms="$wrk_elapsed_ms" 'BEGIN { printf "%.0f", (ms > 0) ? n / (ms / 1000) : 0 }')

awk -v cases="$CASES" -v passed="$passed" -v par="$PARALLEL" -v run_ms="$itf_run_ms" -v proc_ms="$itf_process_ms" \
    -v wrk_rps="$wrk_rps" -v wrk_n="$wrk_requests" -v wrk_ms="$wrk_elapsed_ms" -v wrk_err="$wrk_errors" -v lat="$wrk_latency_ms" 'BEGIN {
  itf_cps = cases / (run_ms / 1000)
  per_case = run_ms * par / cases          # time one case holds one of the N workers
  printf "\n"
  printf "%-44s %s\n", "cases run / passed", cases " / " passed
  printf "%-44s %.0f ms (process, incl. JVM start and reports: %.0f ms)\n", "itf run wall time", run_ms, proc_ms
  printf "%-44s %.0f\n", "itf cases per second", itf_cps
  printf "%-44s %.0f (%s requests in %.0f ms, %s errors)\n", "wrk requests per second", wrk_rps, wrk_n, wrk_ms, wrk_err
  printf "%-44s %.3f ms\n", "wrk mean latency", lat
  printf "%-44s %.3f ms\n", "itf time per case (wall x parallel / cases)", per_case
  printf "%-44s %.3f ms\n", "itf overhead per case (minus wrk latency)", per_case - lat
}'
echo
echo "files: $work (suite.yaml, reports/, itf-run.log, wrk.log)"
