#!/usr/bin/env bash
# Simple HTTP cases, side by side in one run: ITF against wrk (the raw request rate at the same concurrency), and
# against other API test runners (Newman, Bruno's CLI) running the same requests with the same checks.
#
#   bench/http-cases.sh                       # 10,000 cases; --parallel 1 and 8; nginx and the demo target
#   CASES=2000 PARALLEL="1 4" TARGETS=nginx bench/http-cases.sh
#   BASELINE=/path/to/other/quarkus-app bench/http-cases.sh   # also runs another ITF build, for before/after
#   PROFILE=1 bench/http-cases.sh             # also where a cold run's CPU goes, per 50 ms (perf; Linux)
#
# ITF runs through bin/itf (its JVM flags and its class archive per command, written by a command's first run after a
# build: the script makes it first and times that run); a BASELINE build runs with `java -jar` and BASELINE_JAVA_OPTS
# (default none, as bin/itf ran before it chose flags).
#
# Every case is one request and two checks: status 200 and one jsonPath equality on the JSON body. Targets: nginx
# (Debian's package, on a free loopback port with its own configuration under the work directory) serving a small
# JSON file, and `itf demo-target` (GET /health). Installs what it needs when missing (apt-get: wrk nginx hyperfine;
# npm into $TOOLS: newman @usebruno/cli) and builds ITF when its jar is missing. See docs/benchmarks.md.
set -euo pipefail

CASES="${CASES:-10000}"
PARALLEL="${PARALLEL:-1 8}"
TARGETS="${TARGETS:-nginx demo}"
OTHERS="${OTHERS-newman bru}"              # other runners, run on nginx at concurrency 1 (they run requests one by one)
SMALL_RUNS="${SMALL_RUNS:-10}"               # hyperfine runs of the start-up figures
PROFILE="${PROFILE:-}"                       # 1: also profile where one itf run's case threads spend their CPU (perf)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${ITF_APP:-$here/target/quarkus-app}"
baseline="${BASELINE:-}"
TOOLS="${TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/itf-bench}"
work="${BENCH_DIR:-$(mktemp -d -t itf-bench.XXXXXX)}"
mkdir -p "$work"
# the flags bin/itf gives every command but the operator
itf_flags="$(sed -n 's/^quick="\(.*\)"$/\1/p' "$here/bin/itf") ${ITF_JAVA_OPTS:-}"
baseline_flags="${BASELINE_JAVA_OPTS:-}"

say() { printf '%s\n' "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------------------------------
apt_install() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pair%%=*}" ] || missing+=("${pair#*=}")
  done
  [ "${#missing[@]}" = 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "bench: missing ${missing[*]}; install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run again"
    exit 2
  fi
  say "installing ${missing[*]} with apt-get..."
  apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
}
apt_install wrk=wrk nginx=nginx hyperfine=hyperfine time=time
[ -n "$PROFILE" ] && apt_install perf=linux-perf
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

others=()
for o in $OTHERS; do others+=("$o"); done
if [ "${#others[@]}" -gt 0 ]; then
  command -v npm >/dev/null 2>&1 || { say "bench: npm is missing (Debian: apt-get install npm); or run with OTHERS="; exit 2; }
  if [ ! -x "$TOOLS/node_modules/.bin/newman" ] || [ ! -x "$TOOLS/node_modules/.bin/bru" ]; then
    say "installing newman and @usebruno/cli with npm into $TOOLS..."
    mkdir -p "$TOOLS"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent newman @usebruno/cli >/dev/null)
  fi
fi

if [ ! -f "$app/quarkus-run.jar" ]; then
  say "building itf (./mvnw -B package -DskipTests)..."
  (cd "$here" && ./mvnw -B -q package -DskipTests)
fi

# ---- targets -----------------------------------------------------------------------------------------------------
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_nginx() {
  local dir="$work/nginx" port
  mkdir -p "$dir/www" "$dir/tmp"
  printf '{"id":1,"status":"NEW","item":"book","quantity":2,"price":12.5}\n' >"$dir/www/item.json"
  # nginx's worker may run as another user (nobody, when started as root): it must read the file
  chmod a+rx "$work" "$dir" "$dir/www" && chmod a+r "$dir/www/item.json"
  for _ in $(seq 1 20); do
    port=$(( 20000 + RANDOM % 40000 ))
    port_free "$port" || continue
    cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  types { application/json json; }
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
  }
}
CONF
    "$nginx_bin" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 50); do
      if curl -fsS "http://127.0.0.1:$port/item.json" >/dev/null 2>&1; then
        target_port="$port"
        return 0
      fi
      kill -0 "${pids[-1]}" 2>/dev/null || break
      sleep 0.1
    done
  done
  say "bench: nginx did not start; see $dir/error.log"
  exit 2
}

start_demo() {
  java $itf_flags -jar "$app/quarkus-run.jar" demo-target --port 0 >"$work/demo-target.log" 2>&1 &
  pids+=($!)
  local port=""
  for _ in $(seq 1 100); do
    port="$(sed -n 's#.*listening on http://localhost:\([0-9]*\).*#\1#p' "$work/demo-target.log")"
    [ -n "$port" ] && { target_port="$port"; return 0; }
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  say "bench: the demo target did not start; see $work/demo-target.log"
  exit 2
}

# ---- the same cases for every tool ---------------------------------------------------------------------------
write_suite() { # file url path value count
  local file="$1" url="$2" path="$3" value="$4" count="$5"
  {
    printf 'apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: bench}\nspec:\n'
    printf '  variables: {url: "%s"}\n  cases:\n' "$url"
    for i in $(seq -w 1 "$count"); do
      printf '    - {id: C%s, title: get %s, steps: [{http: {method: GET, url: "${url}"}, expect: {status: 200, jsonPath: [{path: "%s", equals: %s}]}}]}\n' \
        "$i" "$i" "$path" "$value"
    done
  } >"$file"
}

write_postman() { # file url field value count
  node -e '
    const [file, url, field, value, count] = process.argv.slice(1);
    const test = [
      "pm.test(\"status\", () => pm.response.to.have.status(200));",
      `pm.test("${field}", () => pm.expect(pm.response.json().${field}).to.eql(${JSON.stringify(value)}));`];
    const item = [];
    for (let i = 1; i <= Number(count); i++) {
      item.push({name: "C" + i, request: {method: "GET", url}, event: [{listen: "test", script: {type: "text/javascript", exec: test}}]});
    }
    require("fs").writeFileSync(file, JSON.stringify({info: {name: "bench",
      schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, item}));
  ' "$@"
}

write_bruno() { # dir url field value count
  node -e '
    const fs = require("fs"), path = require("path");
    const [dir, url, field, value, count] = process.argv.slice(1);
    fs.rmSync(dir, {recursive: true, force: true});
    fs.mkdirSync(dir, {recursive: true});
    fs.writeFileSync(path.join(dir, "bruno.json"), JSON.stringify({version: "1", name: "bench", type: "collection"}));
    const width = String(count).length;
    for (let i = 1; i <= Number(count); i++) {
      const n = String(i).padStart(width, "0");
      fs.writeFileSync(path.join(dir, `C${n}.bru`),
        `meta {\n  name: C${n}\n  type: http\n  seq: ${i}\n}\n\nget {\n  url: ${url}\n  body: none\n  auth: none\n}\n\n` +
        `assert {\n  res.status: eq 200\n  res.body.${field}: eq ${value}\n}\n`);
    }
  ' "$@"
}

# ---- wrk: exactly N requests, to the last response -------------------------------------------------------------
cat >"$work/count.lua" <<'LUA'
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

wrk_exact() { # url connections -> "rps elapsed_ms mean_latency_ms count errors"
  local url="$1" c="$2" threads=$(( $2 < 2 ? $2 : 2 ))
  local per=$(( CASES / threads ))
  wrk -t "$threads" -c "$c" -d 60s -s "$work/count.lua" "$url" -- "$per" >"$work/wrk.log"
  awk '$1 ~ /^ITF_/ { v[$1] = $2 } END {
    printf "%.0f %.1f %.4f %d %d\n", v["ITF_COUNT"] / (v["ITF_ELAPSED_MS"] / 1000), v["ITF_ELAPSED_MS"], v["ITF_MEAN_LATENCY_MS"],
      v["ITF_COUNT"], v["ITF_ERRORS"] }' "$work/wrk.log"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
iso_ms() { date -d "$1" +%s%3N; }

# itf run; prints "run_ms process_ms startup_ms reports_ms passed"
itf_run() { # jar-dir flags suite parallel label
  local jar="$1/quarkus-run.jar" flags="$2" suite="$3" par="$4" label="$5-p$4"
  local out="$work/reports-$label" log="$work/itf-$label.log"
  rm -rf "$out"
  local t0 t1 rc=0
  t0=$(date +%s%N)
  itf_cmd "$1" "$flags" run "$suite" --parallel "$par" --report-dir "$out" >"$log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  local report="$out/itf-results.json"
  if [ "$rc" != 0 ] || [ ! -f "$report" ]; then
    tail -5 "$log" >&2
    say "bench: itf run ($label) exited $rc; see $log"
    exit 1
  fi
  local started finished written passed
  started=$(iso_ms "$(grep -m1 '"startedAt"' "$report" | cut -d'"' -f4)")
  finished=$(iso_ms "$(grep -m1 '"finishedAt"' "$report" | cut -d'"' -f4)")
  written=$(stat -c %.3Y "$out"/* | sort -n | tail -1 | tr -d . )
  passed=$(grep -m1 '"passed"' "$report" | tr -dc '0-9')
  echo "$(( finished - started )) $(( (t1 - t0) / 1000000 )) $(( started - t0 / 1000000 )) $(( written - finished )) $passed"
}

# CPU time per request of wrk (user + system, all its threads), over 5 s at the given concurrency
wrk_cpu() { # url connections -> "cpu_us_per_request requests"
  local threads=$(( $2 < 2 ? $2 : 2 ))
  /usr/bin/time -f "ITF_CPU %U %S" -o "$work/wrk-time.log" wrk -t "$threads" -c "$2" -d 5s "$1" >"$work/wrk-cpu.log"
  local n
  n=$(awk '/requests in/ {print $1}' "$work/wrk-cpu.log")
  awk -v n="$n" '$1 == "ITF_CPU" { printf "%.1f %d\n", ($2 + $3) * 1e6 / n, n }' "$work/wrk-time.log"
}

# CPU and wall time per case of the engine alone, warmed up (bench/CaseCpu.java in the build's JVM): best of rounds 2-4
itf_cpu() { # app-dir flags suite parallel -> "cpu_us_per_case wall_us_per_case"
  local cp
  cp="$(ls "$1"/app/*.jar "$1"/lib/main/*.jar | tr '\n' ':')"
  java $2 -cp "$cp" "$here/bench/CaseCpu.java" "$3" "$4" 4 2>/dev/null >"$work/case-cpu.log"
  awk '$1 == "ROUND" && $2 > 1 { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         if (best == "" || v["cpu_us_per_case"] + 0 < best) { best = v["cpu_us_per_case"] + 0; wall = v["wall_us_per_case"] } }
       END { print best, wall }' "$work/case-cpu.log"
}

timed() { # command... -> wall ms; output to $work/last.log
  local t0 t1 rc=0
  t0=$(date +%s%N)
  "$@" >"$work/last.log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $rc"
}

# this checkout's build runs as bin/itf runs it; another build with java -jar and the given flags
itf_cmd() { # app-dir flags args...
  local dir="$1" flags="$2"
  shift 2
  if [ "$dir" = "$app" ]; then
    ITF_APP="$app" "$here/bin/itf" "$@"
  else
    java $flags -jar "$dir/quarkus-run.jar" "$@"
  fi
}

itf_builds=("itf=$app")
[ -n "$baseline" ] && itf_builds+=("itf-baseline=$baseline")
flags_of() { if [ "$1" = itf ]; then echo "$itf_flags"; else echo "$baseline_flags"; fi; }

# Where a cold itf run's threads spend their CPU, per 50 ms from its first case to its last: the case threads in the
# interpreter, in compiled code, in the kernel or in the JVM's runtime; the JIT compiler's threads; the VM thread (the
# serial collector's pauses). perf samples every thread at 4 kHz; the JVM writes the map of its generated code (the
# interpreter and each compiled method) at exit so that perf can name it.
itf_profile() { # suite parallel target
  local data="$work/perf-$3-p$2.data" out="$work/reports-profile-$3-p$2" label="$3 c=$2 itf"
  rm -rf "$out"
  ITF_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit ${ITF_JAVA_OPTS:-}" \
    perf record -q -F 4000 -o "$data" -- env ITF_APP="$app" "$here/bin/itf" run "$1" --parallel "$2" --report-dir "$out" \
    >"$work/itf-profile-$3-p$2.log" 2>&1 || { say "bench: perf record failed; see $work/itf-profile-$3-p$2.log"; return 0; }
  perf script -i "$data" -F comm,time,ip,sym,dso 2>/dev/null | awk -v label="$label" '
    {
      # comm (may hold spaces), time followed by a colon, ip, symbol, (dso)
      for (i = 1; i <= NF && $i !~ /^[0-9]+\.[0-9]+:$/; i++) {}
      if (i > NF) next
      comm = $1; for (j = 2; j < i; j++) comm = comm " " $j
      t = substr($i, 1, length($i) - 1) + 0
      dso = $NF
      if (comm ~ /^itf-case/) {
        if (dso ~ /kernel/) what = "kernel"
        else if ($(i + 2) == "Interpreter") what = "interpreted"
        else if (dso ~ /perf-[0-9]+\.map/) what = "compiled"
        else if (dso ~ /libjvm/) what = "jvm"
        else what = "other"
        if (first == "" || t < first) first = t
        if (t > last) last = t
      } else if (comm ~ /^C[12] CompilerThre/) what = "compiler"
      else if (comm == "VM Thread") what = "gc"
      else next
      n++; ts[n] = t; ws[n] = what
    }
    END {
      if (first == "") { print label " profile: no samples of case threads"; exit }
      split("interpreted compiled kernel jvm other compiler gc", kinds, " ")
      for (k = 1; k <= n; k++) if (ts[k] >= first && ts[k] <= last) { b = int((ts[k] - first) / 0.05); c[b, ws[k]]++; tot[ws[k]]++; if (b > max) max = b }
      for (b = 0; b <= max; b++) {
        line = sprintf("%s profile ms=%d-%d cpu_ms:", label, b * 50, b * 50 + 50)
        for (k = 1; k <= 7; k++) line = line sprintf(" %s=%.1f", kinds[k], c[b, kinds[k]] / 4)
        print line
      }
      line = sprintf("%s profile whole run (%.0f ms) cpu_ms:", label, (last - first) * 1000)
      for (k = 1; k <= 7; k++) line = line sprintf(" %s=%.1f", kinds[k], tot[kinds[k]] / 4)
      print line
    }'
  # the JVM's code map, named by its process id under /tmp, is perf's convention; it is not needed any more
  local pid
  pid="$(perf script -i "$data" -F comm,pid 2>/dev/null | awk '$1 ~ /^itf-case/ && p == "" {p = $2} END {print p}')" || pid=""
  [ -n "$pid" ] && rm -f "/tmp/perf-$pid.map"
  return 0
}

# ---- run -----------------------------------------------------------------------------------------------------------
results="$work/results.txt"
: >"$results"
row() { printf '%s\n' "$*" | tee -a "$results"; }

for target in $TARGETS; do
  case "$target" in
    nginx) start_nginx; url="http://127.0.0.1:$target_port/item.json"; field=status; value=NEW ;;
    demo) start_demo; url="http://127.0.0.1:$target_port/health"; field=status; value=UP ;;
    *) say "bench: unknown target $target (nginx, demo)"; exit 2 ;;
  esac
  write_suite "$work/suite-$target.yaml" "$url" "\$.$field" "$value" "$CASES"
  write_suite "$work/suite-small.yaml" "$url" "\$.$field" "$value" 5
  say "== $target: $url"
  if ! ls "$app"/cds/run-*.jsa >/dev/null 2>&1; then
    # the first run after a build writes the class archive that later runs map
    read -r ms rc < <(timed itf_cmd "$app" "" run "$work/suite-small.yaml" --report-dir "$work/reports-first")
    row "$target itf first run after the build (5 cases, writes the class archive) wall_ms=$ms exit=$rc"
  fi
  # the same warm-up for everyone: the server's JIT (demo target) and caches before any measurement
  wrk -t 2 -c 8 -d 3s "$url" >/dev/null

  for c in $PARALLEL; do
    read -r wrk_rps wrk_ms wrk_lat wrk_n wrk_err < <(wrk_exact "$url" "$c")
    row "$target c=$c wrk rps=$wrk_rps elapsed_ms=$wrk_ms per_request_ms=$(awk -v ms="$wrk_ms" -v n="$wrk_n" 'BEGIN{printf "%.4f", ms/n}') mean_latency_ms=$wrk_lat requests=$wrk_n errors=$wrk_err"
    for b in "${itf_builds[@]}"; do
      name="${b%%=*}"
      read -r run_ms proc_ms start_ms rep_ms passed < <(itf_run "${b#*=}" "$(flags_of "$name")" "$work/suite-$target.yaml" "$c" "$name-$target")
      row "$target c=$c $name cases_per_s=$(awk -v n="$CASES" -v ms="$run_ms" 'BEGIN{printf "%.0f", n/(ms/1000)}') run_ms=$run_ms per_case_ms=$(awk -v n="$CASES" -v ms="$run_ms" -v c="$c" 'BEGIN{printf "%.4f", ms*c/n}') process_ms=$proc_ms startup_ms=$start_ms reports_ms=$rep_ms passed=$passed of_wrk=$(awk -v n="$CASES" -v ms="$run_ms" -v w="$wrk_rps" 'BEGIN{printf "%.0f%%", 100*n/(ms/1000)/w}')"
    done
  done

  # CPU per case or request: a figure that holds on a machine busy with other work, where wall times do not
  for c in $PARALLEL; do
    read -r wrk_cpu_us wrk_cpu_n < <(wrk_cpu "$url" "$c")
    row "$target c=$c wrk cpu_us_per_request=$wrk_cpu_us requests=$wrk_cpu_n"
    for b in "${itf_builds[@]}"; do
      name="${b%%=*}"
      read -r cpu_us wall_us < <(itf_cpu "${b#*=}" "$(flags_of "$name")" "$work/suite-$target.yaml" "$c")
      row "$target c=$c $name engine cpu_us_per_case=$cpu_us wall_us_per_case=$wall_us (in-process, warm, best of rounds 2-4)"
    done
  done

  if [ -n "$PROFILE" ]; then
    for c in $PARALLEL; do
      itf_profile "$work/suite-$target.yaml" "$c" "$target" | tee -a "$results"
    done
  fi

  if [ "$target" = nginx ]; then
    for o in "${others[@]}"; do
      case "$o" in
        newman)
          write_postman "$work/collection.json" "$url" "$field" "$value" "$CASES"
          read -r ms rc < <(timed "$TOOLS/node_modules/.bin/newman" run "$work/collection.json" -r cli,junit --reporter-junit-export "$work/newman-junit.xml")
          cp "$work/last.log" "$work/newman.log"
          checks=$(grep -E '│ +assertions' "$work/newman.log" | tr -s ' │' ' ' | awk '{print $2 " executed, " $3 " failed"}' || true)
          row "nginx c=1 newman $("$TOOLS/node_modules/.bin/newman" --version) wall_ms=$ms exit=$rc assertions: $checks" ;;
        bru)
          write_bruno "$work/bruno" "$url" "$field" "$value" "$CASES"
          read -r ms rc < <(cd "$work/bruno" && timed "$TOOLS/node_modules/.bin/bru" run --reporter-junit "$work/bru-junit.xml")
          cp "$work/last.log" "$work/bru.log"
          checks=$(grep -iE 'assertions' "$work/bru.log" | tail -1 | tr -d '│' | tr -s ' ' || true)
          row "nginx c=1 bru $("$TOOLS/node_modules/.bin/bru" --version) wall_ms=$ms exit=$rc $checks" ;;
        *) say "bench: unknown runner $o (newman, bru)" ;;
      esac
    done

    # start-up: the JVM alone, the itf command, and a 5-case suite end to end (reports included)
    for b in "${itf_builds[@]}"; do
      name="${b%%=*}"
      jar="${b#*=}/quarkus-run.jar"
      flags="$(flags_of "$name")"
      itf="java $flags -jar $jar"
      [ "$name" = itf ] && itf="env ITF_APP=$app $here/bin/itf"
      hyperfine -N -w 2 -r "$SMALL_RUNS" --export-json "$work/startup-$name.json" \
        -n "$name: java -version" "java $flags -version" \
        -n "$name: itf --version" "$itf --version" \
        -n "$name: itf run (5 cases)" "$itf run $work/suite-small.yaml --report-dir $work/reports-small-$name" \
        >"$work/hyperfine-$name.log" 2>&1
      node -e '
        const r = require(process.argv[1]).results;
        for (const x of r) console.log(`startup ${x.command.replace(/ /g, "_")} mean_ms=${(x.mean * 1000).toFixed(0)} stddev_ms=${(x.stddev * 1000).toFixed(0)} min_ms=${(x.min * 1000).toFixed(0)}`);
      ' "$work/startup-$name.json" | tee -a "$results"
    done
  fi
  cleanup
  pids=()
  rm -f "$work/nginx/nginx.pid"
done

say ""
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
say "figures: $results; files: $work"
