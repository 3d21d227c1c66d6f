#!/usr/bin/env bash
# The load engine's speed, side by side in one run against Debian's nginx serving a small JSON file on this machine
# (docs/benchmarks.md):
#   - closed model: ITF's virtual users against wrk at the same number of connections (16 and 64);
#   - open model: ITF at a requested rate against wrk2 (constant throughput, latency corrected for coordinated
#     omission) at the same rate and connection count: completed/s, dropped, p50 and p99 of each; at 20,000/s and at
#     a rate the machine cannot hold (40,000/s), where only a corrected measurement shows the queue;
#   - autocannon (npm) at the closed model's connection counts, with peak RSS of every tool;
#   - agreement: ITF's open model and wrk2 at a modest rate against `itf demo-target`'s /latency endpoint, whose
#     delays have a known median and 99th percentile (AGREE="p50=5&p99=50", AGREE_RATE=1000, AGREE_CONNECTIONS=100;
#     AGREE= leaves it out).
#
#   bench/load-engine.sh                          # 10 s per measurement, about 5 minutes in all
#   SECONDS_EACH=5 VUS="16" RATES="10000" bench/load-engine.sh
#   WARMUP=10s bench/load-engine.sh               # ITF measured after the JIT compiler is done (the JVM warms slowly on busy cores)
#   WRK2_SRC=<a clone or URL of wrk2> bench/load-engine.sh
#   VUS=64 RATES= ITF_JAVA_OPTS=-XX:StartFlightRecording=filename=itf.jfr bench/load-engine.sh   # profile ITF (jfr print)
#
# ITF runs with the JVM's default flags (java -jar), the way a long load step should run. Installs what it needs when
# missing (apt-get: wrk nginx time; npm into $TOOLS: autocannon), builds wrk2 into $TOOLS/wrk2 from WRK2_SRC (git
# and a C compiler needed; without them wrk2 is left out) and builds ITF when its jar is missing.
set -euo pipefail

SECONDS_EACH="${SECONDS_EACH:-10}"
WARMUP="${WARMUP:-2s}"
VUS="${VUS-16 64}"
RATES="${RATES-${RATE:-20000} 40000}"
# the open model's connections: ITF's maxInFlight (each request outstanding holds one) and wrk2's -c
OPEN_CONNECTIONS="${OPEN_CONNECTIONS:-100}"
WRK2_SRC="${WRK2_SRC:-https://github.com/giltene/wrk2.git}"
AGREE="${AGREE-p50=5&p99=50}"
AGREE_RATE="${AGREE_RATE:-1000}"
AGREE_CONNECTIONS="${AGREE_CONNECTIONS:-100}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${ITF_APP:-$here/target/quarkus-app}"
TOOLS="${TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/itf-bench}"
work="${BENCH_DIR:-$(mktemp -d -t itf-load-bench.XXXXXX)}"
mkdir -p "$work"

say() { printf '%s\n' "$*" >&2; }

missing=()
for pair in wrk=wrk nginx=nginx-light time=time; do
  command -v "${pair%%=*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pair%%=*}" ] || [ -x "/usr/bin/${pair%%=*}" ] || missing+=("${pair#*=}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "bench: missing ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run again"
    exit 2
  fi
  say "installing ${missing[*]} with apt-get..."
  apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if [ ! -x "$TOOLS/node_modules/.bin/autocannon" ] && command -v npm >/dev/null 2>&1; then
  say "installing autocannon with npm into $TOOLS..."
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent autocannon >/dev/null) || say "bench: autocannon not installable; left out"
fi
wrk2="$TOOLS/wrk2/wrk"
if [ ! -x "$wrk2" ] && [ -n "$RATES" ]; then
  say "building wrk2 from $WRK2_SRC into $TOOLS/wrk2..."
  mkdir -p "$TOOLS"
  rm -rf "$TOOLS/wrk2"
  if ! { git clone -q "$WRK2_SRC" "$TOOLS/wrk2" && make -C "$TOOLS/wrk2" >"$TOOLS/wrk2-build.log" 2>&1; }; then
    say "bench: wrk2 not built (see $TOOLS/wrk2-build.log); left out"
  fi
fi
if [ ! -f "$app/quarkus-run.jar" ]; then
  say "building itf (./mvnw -B package -DskipTests)..."
  (cd "$here" && ./mvnw -B -q package -DskipTests)
fi

nginx_pid=""
demo_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
}
trap cleanup EXIT

port=$(( 20000 + RANDOM % 40000 ))
mkdir -p "$work/nginx/tmp" "$work/www"
printf '{"id":42,"name":"widget","price":9.99,"tags":["a","b"],"inStock":true}\n' >"$work/www/item.json"
# nginx's worker may run as another user (nobody, when started as root): it must read the file
chmod a+rx "$work" "$work/www" && chmod a+r "$work/www/item.json"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  keepalive_requests 10000000;
  types { application/json json; }
  server {
    listen 127.0.0.1:$port;
    root $work/www;
  }
}
CONF
"$nginx_bin" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" >/dev/null 2>&1 &
nginx_pid=$!
url="http://127.0.0.1:$port/item.json"
warmup_s="$(python3 -c "import re; m = re.fullmatch(r'([0-9.]+)(ms|s|m)', '$WARMUP'); print(float(m[1]) * {'ms': 0.001, 's': 1, 'm': 60}[m[2]] if m else 0)")"
for _ in $(seq 1 50); do curl -fsS "$url" >/dev/null 2>&1 && break; sleep 0.1; done

# peak RSS in MiB of a command, from GNU time; the command's output goes to $2
rss() { awk '/Maximum resident set size/ {printf "%.0f", $NF/1024}' "$1"; }

suite() { # file load-lines
  cat >"$1" <<YAML
apiVersion: itf.dev/v1alpha1
kind: TestSuite
metadata: {name: load-bench}
spec:
  defaults: {timeout: 120s}
  cases:
    - id: LOAD
      title: load engine bench
      steps:
        - load:
            request: {http: {url: "${target:-$url}"}}
$2
            warmup: $WARMUP
            duration: ${SECONDS_EACH}s
          expect: {status: 200}
YAML
}

# CPU seconds (user + system) a process has used so far
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# ITF's CPU over its measured period: once its event loop runs, past the warm-up, for all but the last second
itf_cpu() { # pid-of-time -> "cpu-seconds wall-seconds" ("- -" when not seen)
  local jpid="" c0 c1 t0 t1
  for _ in $(seq 1 600); do
    jpid="$(pgrep -P "$1" java || true)"
    [ -n "$jpid" ] && grep -qs itf-load-loop /proc/"$jpid"/task/*/comm && break
    jpid=""
    sleep 0.1
  done
  [ -n "$jpid" ] || { echo "- -"; return; }
  sleep "$warmup_s"
  c0="$(cpu_of "$jpid")"; t0="$(date +%s.%N)"
  sleep $(( SECONDS_EACH > 2 ? SECONDS_EACH - 1 : 1 ))
  c1="$(cpu_of "$jpid")"; t1="$(date +%s.%N)"
  python3 -c "print(round($c1 - $c0, 2), round($t1 - $t0, 2))"
}

itf() { # name load-lines -> prints "throughput dropped requests errors p50 p99 rss cpu-us-per-request"
  local dir="$work/$1" tpid
  mkdir -p "$dir"
  suite "$dir/suite.yaml" "$2"
  # shellcheck disable=SC2086 # ITF_JAVA_OPTS: JVM flags, split on spaces
  /usr/bin/time -v java ${ITF_JAVA_OPTS:-} -jar "$app/quarkus-run.jar" run "$dir/suite.yaml" --report-dir "$dir/out" --format json \
    >"$dir/stdout.log" 2>"$dir/time.log" &
  tpid=$!
  itf_cpu "$tpid" >"$dir/cpu"
  wait "$tpid" || true
  python3 - "$dir/out/itf-results.json" "$(rss "$dir/time.log")" $(cat "$dir/cpu") <<'PY'
import json, sys
l = json.load(open(sys.argv[1]))["cases"][0]["steps"][0]["load"]
cpu, wall = sys.argv[3], sys.argv[4]
# requests completed in the CPU window: the measured throughput over the window's length
per = "-" if cpu == "-" or not l.get("throughput") else round(float(cpu) / (l["throughput"] * float(wall)) * 1e6, 1)
print(l.get("throughput"), l.get("dropped", 0), l["requests"], l["errors"], l["latencyMs"].get("p50"), l["latencyMs"].get("p99"), sys.argv[2], per)
PY
}

# CPU microseconds per request of a C tool, from GNU time's log and the tool's "N requests in" line
cpu_per_request() { # time-log tool-log
  awk '/User time|System time/ {cpu += $NF} END {printf "%s ", cpu}' "$1"
  awk '/requests in/ {print $1}' "$2"
}

wrk_rps() { # connections -> "rps errors rss cpu-us-per-request"
  /usr/bin/time -v wrk -t2 -c"$1" -d"${SECONDS_EACH}s" --latency "$url" >"$work/wrk-$1.log" 2>"$work/wrk-$1.time"
  printf '%s %s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.log")" \
    "$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {for (i = 4; i <= NF; i += 2) n += $i} END {print n + 0}' "$work/wrk-$1.log")" \
    "$(rss "$work/wrk-$1.time")" "$(per_request "$work/wrk-$1.time" "$work/wrk-$1.log")"
}

per_request() { # time-log tool-log -> CPU microseconds per request
  read -r cpu n < <(cpu_per_request "$1" "$2")
  python3 -c "print(round($cpu / max(1, $n) * 1e6, 1) if '$n' else '-')"
}

autocannon_rps() { # connections -> "rps errors rss"
  local bin="$TOOLS/node_modules/.bin/autocannon"
  [ -x "$bin" ] || { echo "- - -"; return; }
  /usr/bin/time -v "$bin" -c "$1" -d "$SECONDS_EACH" -j "$url" >"$work/autocannon-$1.json" 2>"$work/autocannon-$1.time"
  printf '%s %s\n' "$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print(round(r["requests"]["average"]), r["errors"] + r["non2xx"])' "$work/autocannon-$1.json")" \
    "$(rss "$work/autocannon-$1.time")"
}

wrk2_run() { # rate -> "completed/s errors p50ms p99ms rss cpu-us-per-request" ("-" each when wrk2 is missing)
  [ -x "$wrk2" ] || { echo "- - - - - -"; return; }
  # wrk2 calibrates for 10 s (and 5 ms per connection of a thread, connected one after the other), then measures
  local d=$(( SECONDS_EACH + 10 + (OPEN_CONNECTIONS / 2 * 5 + 999) / 1000 ))
  /usr/bin/time -v "$wrk2" -t2 -c"$OPEN_CONNECTIONS" -d"${d}s" -R"$1" --latency "${target:-$url}" >"$work/wrk2-$1.log" 2>"$work/wrk2-$1.time"
  python3 - "$work/wrk2-$1.log" "$(rss "$work/wrk2-$1.time")" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
unit = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}
# the corrected percentiles: latency from each request's intended send time at the constant rate
pct = {m.group(1): round(float(m.group(2)) * unit[m.group(3)], 3)
       for m in re.finditer(r"^\s*(50|99)\.000%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = sum(int(n) for line in re.findall(r"Socket errors:.*", text) for n in re.findall(r"\d+", line))
errors += sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", text))
print(rps.group(1) if rps else "-", errors, pct.get("50", "-"), pct.get("99", "-"), sys.argv[2], end=" ")
PY
  per_request "$work/wrk2-$1.time" "$work/wrk2-$1.log"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1); nginx $("$nginx_bin" -v 2>&1 | sed 's#.*/##')"
echo
echo "| closed model | connections | requests/s | % of wrk | errors | CPU µs/request | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for c in $VUS; do
  read -r wrk_r wrk_e wrk_m wrk_cpu < <(wrk_rps "$c")
  read -r itf_r _ _ itf_e itf_p50 itf_p99 itf_m itf_cpu < <(itf "closed-$c" "            vus: $c")
  read -r ac_r ac_e ac_m < <(autocannon_rps "$c")
  pct="$(python3 -c "print(round(100*$itf_r/$wrk_r))")"
  echo "| wrk -t2 | $c | $wrk_r | 100 | $wrk_e | $wrk_cpu | $wrk_m |"
  echo "| ITF vus: $c | $c | $itf_r | $pct | $itf_e | $itf_cpu | $itf_m |"
  [ "$ac_r" != "-" ] && echo "| autocannon | $c | $ac_r | $(python3 -c "print(round(100*$ac_r/$wrk_r))") | $ac_e | - | $ac_m |"
done
echo
if [ -n "$RATES" ]; then
  echo "| open model | requested | connections | completed/s | dropped | errors | p50 ms | p99 ms | CPU µs/request | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
fi
for r in $RATES; do
  read -r o_r o_d o_n o_e o_p50 o_p99 o_m o_cpu < <(itf "open-$r" "            rate: $r/s
            maxInFlight: $OPEN_CONNECTIONS")
  read -r w_r w_e w_p50 w_p99 w_m w_cpu < <(wrk2_run "$r")
  echo "| ITF rate: $r/s, maxInFlight: $OPEN_CONNECTIONS | $r/s | at most $OPEN_CONNECTIONS | $o_r | $o_d of $((o_n + o_d)) ($(python3 -c "print(round(100*$o_d/max(1,$o_n+$o_d),2))")%) | $o_e | $o_p50 | $o_p99 | $o_cpu | $o_m |"
  [ "$w_r" != "-" ] && echo "| wrk2 -t2 -c$OPEN_CONNECTIONS -R$r | $r/s | $OPEN_CONNECTIONS | $w_r | none (it queues) | $w_e | $w_p50 | $w_p99 | $w_cpu | $w_m |"
done
if [ -n "$AGREE" ] && [ -x "$wrk2" ]; then
  # a server whose latency is known: both tools, each counting from the intended send time, should find it
  demo_port=$(( 20000 + RANDOM % 40000 ))
  java -jar "$app/quarkus-run.jar" demo-target --port "$demo_port" >"$work/demo-target.log" 2>&1 &
  demo_pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$demo_port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  target="http://127.0.0.1:$demo_port/latency?$AGREE"
  open_connections="$OPEN_CONNECTIONS"
  OPEN_CONNECTIONS="$AGREE_CONNECTIONS"
  # the demo target warms up too: a few seconds of the same requests first
  wrk -t1 -c16 -d3s "$target" >/dev/null 2>&1 || true
  echo
  echo "| agreement: /latency?$AGREE at $AGREE_RATE/s | completed/s | dropped | errors | p50 ms | p99 ms |"
  echo "|---|---|---|---|---|---|"
  read -r a_r a_d a_n a_e a_p50 a_p99 _ _ < <(itf "agree" "            rate: $AGREE_RATE/s
            maxInFlight: $OPEN_CONNECTIONS")
  read -r b_r b_e b_p50 b_p99 _ _ < <(wrk2_run "$AGREE_RATE")
  echo "| ITF rate: $AGREE_RATE/s, maxInFlight: $OPEN_CONNECTIONS | $a_r | $a_d of $((a_n + a_d)) | $a_e | $a_p50 | $a_p99 |"
  echo "| wrk2 -t2 -c$OPEN_CONNECTIONS -R$AGREE_RATE (corrected) | $b_r | none (it queues) | $b_e | $b_p50 | $b_p99 |"
  echo "| the server's delays, by construction | | | | $(sed 's/.*p50=\([0-9.]*\).*/\1/' <<<"$AGREE") | $(sed 's/.*p99=\([0-9.]*\).*/\1/' <<<"$AGREE") |"
  unset target
  OPEN_CONNECTIONS="$open_connections"
fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); logs in $work"
