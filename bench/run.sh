#!/usr/bin/env bash
# make bench: load mpmd with each MPM on loopback, with wrk, and Apache httpd 2.4 with the
# same MPM when it is installed, then print a table and record it in bench/RESULTS.md.
# Scenarios: 1 KiB keep-alive, 1 KiB Connection: close, 100 KiB keep-alive, and idle
# keep-alive pressure (N idle kept-alive connections, latency of a fresh request).
# Every server is started on a free loopback port and stopped at the end, even on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
MPMD=${MPMD:-.build/release/mpmd}
WORK=$(mktemp -d /tmp/mpmd-bench-XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 20000 2>/dev/null || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
head -c 1024 /dev/urandom > "$WORK/1k.bin"; head -c 102400 /dev/urandom > "$WORK/100k.bin"
mkdir -p "$WORK/htdocs" && mv "$WORK"/*.bin "$WORK/htdocs/"

# The MPM sections: Apache's defaults, except KeepAliveTimeout 60 (idle connections must stay
# idle during the pressure test) and, for event, AsyncRequestWorkerFactor 32 so that the
# accept limit — (factor + 1) × MaxRequestWorkers connections — allows 10,000 idle clients.
mpm_config() {
  case "$1" in
    prefork) echo "StartServers 5
MinSpareServers 5
MaxSpareServers 10
MaxRequestWorkers 256" ;;
    worker) echo "StartServers 3
ThreadsPerChild 25
MaxRequestWorkers 400" ;;
    event) echo "StartServers 3
ThreadsPerChild 25
MaxRequestWorkers 400
AsyncRequestWorkerFactor 32" ;;
  esac
}

start_mpmd() {  # mpm port -> pid
  local dir="$WORK/mpmd-$1"; mkdir -p "$dir/conf" "$dir/logs"
  cat > "$dir/conf/mpmd.conf" <<CONF
LoadModule mpm_$1_module
Listen 127.0.0.1:$2
ServerName bench
DocumentRoot "$WORK/htdocs"
PidFile logs/mpmd.pid
KeepAliveTimeout 60
MaxKeepAliveRequests 0
$(mpm_config "$1")
CONF
  "$MPMD" -f "$dir/conf/mpmd.conf" > /dev/null 2> "$dir/logs/error.log" &
  echo $!
}

start_apache() {  # mpm port -> pid
  local dir="$WORK/apache-$1" mods=/usr/lib/apache2/modules; mkdir -p "$dir/logs"
  cat > "$dir/httpd.conf" <<CONF
ServerRoot "$dir"
LoadModule mpm_$1_module $mods/mod_mpm_$1.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule dir_module $mods/mod_dir.so
Listen 127.0.0.1:$2
ServerName bench
PidFile $dir/logs/httpd.pid
ErrorLog $dir/logs/error.log
TypesConfig /etc/mime.types
DocumentRoot "$WORK/htdocs"
<Directory "$WORK/htdocs">
    Require all granted
</Directory>
KeepAliveTimeout 60
MaxKeepAliveRequests 0
$(mpm_config "$1")
CONF
  # Its own session: Apache's master stops its children with killpg(), which would
  # otherwise reach this script too.
  setsid /usr/sbin/apache2 -f "$dir/httpd.conf" -DFOREGROUND > /dev/null 2> "$dir/logs/stderr.log" &
  echo $!
}

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }

wrk_rps() {  # url [header] -> "req/s p99"
  local out
  if [ -n "${2:-}" ]; then out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$2" "$1" 2>&1)
  else out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" 2>&1); fi
  local rps p99
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "${rps:-n/a} ${p99:-n/a}"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
bench_one() {  # server mpm
  local server=$1 mpm=$2 port pid
  port=$(free_port)
  if [ "$server" = mpmd ]; then pid=$(start_mpmd "$mpm" "$port"); else pid=$(start_apache "$mpm" "$port"); fi
  PIDS+=("$pid")
  if ! wait_port "$port"; then echo "$server $mpm did not start" >&2; return; fi
  sleep 1
  local base="http://127.0.0.1:$port"
  read -r ka ka99 <<<"$(wrk_rps "$base/1k.bin")"
  read -r cl cl99 <<<"$(wrk_rps "$base/1k.bin" "Connection: close")"
  read -r big big99 <<<"$(wrk_rps "$base/100k.bin")"
  local idle_n=300; [ "$mpm" = event ] && idle_n=10000
  local idle; idle=$(timeout 90 python3 bench/idle.py "$port" "$idle_n" 2>/dev/null || echo "held=? fresh_ms=?")
  local rss; rss=$(ps -o rss= --ppid "$pid" -p "$pid" 2>/dev/null | awk '{s+=$1} END {printf "%.0f", s/1024}')
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  ROWS+=("| $server | $mpm | $ka ($ka99) | $cl ($cl99) | $big ($big99) | $idle_n: $idle | ${rss} MiB |")
  echo "${ROWS[-1]}"
}

echo "| server | MPM | 1 KiB keep-alive req/s (p99) | 1 KiB close req/s (p99) | 100 KiB keep-alive req/s (p99) | idle keep-alive: N held, fresh request | RSS after |"
echo "|---|---|---|---|---|---|---|"
for mpm in prefork worker event; do
  bench_one mpmd "$mpm"
  [ -x /usr/sbin/apache2 ] && bench_one apache "$mpm"
done

{
  echo "# Benchmark results"
  echo
  echo "Recorded by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB, Linux $(uname -r)."
  echo "wrk: 2 threads, $CONNECTIONS connections, ${DURATION} s per scenario, loopback; client and server share the machine (load average before the run: $LOAD_BEFORE)."
  echo "mpmd: release build. Apache: Debian's apache2 $(/usr/sbin/apache2 -v 2>/dev/null | awk -F/ '/version/ {print $2}' | awk '{print $1}') with the same MPM settings (Apache's defaults; KeepAliveTimeout 60, MaxKeepAliveRequests 0; event: AsyncRequestWorkerFactor 32)."
  echo "Idle keep-alive pressure: N connections each get one response and stay open; then the latency of one fresh request on a new connection (nan: no answer within 30 s). N is 300 for prefork and worker, whose MaxRequestWorkers is 256/400, and 10,000 for event; held counts the connections answered within 30 s and still open."
  echo
  echo "| server | MPM | 1 KiB keep-alive req/s (p99) | 1 KiB close req/s (p99) | 100 KiB keep-alive req/s (p99) | idle keep-alive: N held, fresh request | RSS after |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} > bench/RESULTS.md
echo; echo "recorded in bench/RESULTS.md"
