#!/usr/bin/env bash
# make bench: mpmd against Debian's Apache httpd 2.4 with the same MPM, on loopback, in one
# invocation, and the table recorded in bench/RESULTS.md.
#
# Two tuning profiles, both applied to both servers:
#   default — Apache's compiled-in defaults (KeepAliveTimeout 5, MaxKeepAliveRequests 100,
#             prefork 5/5/10/256, worker and event 3 × 25 threads, MaxRequestWorkers 400);
#   long    — the same with KeepAliveTimeout 60 and MaxKeepAliveRequests 0 (idle connections
#             stay idle for the pressure tests), and AsyncRequestWorkerFactor 32 for event so
#             that the accept limit allows 10,000 idle clients.
# Throughput (wrk: 1 KiB keep-alive, 1 KiB Connection: close, 100 KiB keep-alive): each run of
# mpmd is followed at once by the same run against Apache, and the table prints the median of
# those back-to-back ratios, so that the noise of a shared machine hits both servers alike.
# Also: socket errors, idle PSS of master + children, idle keep-alive pressure (and, for
# event, PSS with 10,000 parked connections), slowloris (slowhttptest -H -c 1000 on event).
# Every server is started on a free loopback port and stopped at the end, even on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_SECONDS:-5}
RUNS=${BENCH_RUNS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
PROFILES=${BENCH_PROFILES:-"default long"}
MPMS=${BENCH_MPMS:-"prefork worker event"}
MPMD=${MPMD:-.build/release/mpmd}
WORK=$(mktemp -d /tmp/mpmd-bench-XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n 20000 2>/dev/null || true
[ -x /usr/sbin/apache2 ] || { echo "bench: /usr/sbin/apache2 is missing (make deps-bench installs it)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$WORK/htdocs"
head -c 1024 /dev/urandom > "$WORK/htdocs/1k.bin"; head -c 102400 /dev/urandom > "$WORK/htdocs/100k.bin"
echo "<html><body>It works.</body></html>" > "$WORK/htdocs/index.html"

# The directives both servers get: core ones for the profile, then the MPM's section.
settings() {  # profile mpm
  if [ "$1" = long ]; then echo "KeepAliveTimeout 60
MaxKeepAliveRequests 0"; else echo "KeepAliveTimeout 5
MaxKeepAliveRequests 100"; fi
  case "$2" in
    prefork) echo "StartServers 5
MinSpareServers 5
MaxSpareServers 10
MaxRequestWorkers 256" ;;
    *) echo "StartServers 3
ThreadsPerChild 25
MaxRequestWorkers 400" ;;
  esac
  if [ "$1" = long ] && [ "$2" = event ]; then echo "AsyncRequestWorkerFactor 32"; fi
}

start_server() {  # server profile mpm port -> pid of the master
  local dir="$WORK/$1-$2-$3" mods=/usr/lib/apache2/modules; mkdir -p "$dir/conf" "$dir/logs"
  if [ "$1" = mpmd ]; then
    printf 'LoadModule mpm_%s_module\nListen 127.0.0.1:%s\nServerName bench\nDocumentRoot "%s"\nPidFile logs/mpmd.pid\nErrorLog logs/error.log\n%s\n' \
      "$3" "$4" "$WORK/htdocs" "$(settings "$2" "$3")" > "$dir/conf/mpmd.conf"
    "$MPMD" -f "$dir/conf/mpmd.conf" > /dev/null 2> "$dir/logs/stderr.log" &
  else
    cat > "$dir/conf/httpd.conf" <<CONF
ServerRoot "$dir"
LoadModule mpm_$3_module $mods/mod_mpm_$3.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule dir_module $mods/mod_dir.so
Listen 127.0.0.1:$4
ServerName bench
PidFile $dir/logs/httpd.pid
ErrorLog $dir/logs/error.log
TypesConfig /etc/mime.types
DocumentRoot "$WORK/htdocs"
<Directory "$WORK/htdocs">
    Require all granted
</Directory>
$(settings "$2" "$3")
CONF
    # Its own session: Apache's master stops its children with killpg(), which would
    # otherwise reach this script too.
    setsid /usr/sbin/apache2 -f "$dir/conf/httpd.conf" -DFOREGROUND > /dev/null 2> "$dir/logs/stderr.log" &
  fi
  echo $!
}

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# PSS of a master and its children, in KiB (smaps_rollup: shared pages divided among sharers).
pss() { python3 bench/pss.py "$1"; }

wrk_run() {  # url header -> "req/s errors"
  local out
  if [ -n "$2" ]; then out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -H "$2" "$1" 2>&1)
  else out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$1" 2>&1); fi
  local rps errors
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  echo "${rps:-0} ${errors:-0}"
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
THROUGHPUT=(); PRESSURE=(); MEMORY=(); SLOW=()
for profile in $PROFILES; do
  for mpm in $MPMS; do
    pm=$(free_port); pa=$(free_port)
    m=$(start_server mpmd "$profile" "$mpm" "$pm"); a=$(start_server apache "$profile" "$mpm" "$pa"); PIDS+=("$m" "$a")
    if ! wait_port "$pm" || ! wait_port "$pa"; then echo "bench: a server did not start ($profile $mpm)" >&2; continue; fi
    sleep 2
    idle_m=$(pss "$m"); idle_a=$(pss "$a")
    row="| $profile | $mpm"
    for scenario in "1k.bin|" "1k.bin|Connection: close" "100k.bin|"; do
      path=${scenario%%|*}; header=${scenario#*|}
      rm_list=""; ra_list=""; ratio_list=""; err_m=0; err_a=0
      for _ in $(seq "$RUNS"); do
        read -r r1 e1 <<<"$(wrk_run "http://127.0.0.1:$pm/$path" "$header")"
        read -r r2 e2 <<<"$(wrk_run "http://127.0.0.1:$pa/$path" "$header")"
        rm_list+=" $r1"; ra_list+=" $r2"; err_m=$((err_m + e1)); err_a=$((err_a + e2))
        ratio_list+=" $(awk -v a="$r1" -v b="$r2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}')"
      done
      row+=" | **$(median <<<"$ratio_list")×** ($(median <<<"$rm_list") / $(median <<<"$ra_list"), errors $err_m / $err_a)"
    done
    THROUGHPUT+=("$row |"); echo "${THROUGHPUT[-1]}"
    if [ "$profile" = long ]; then
      n=300; [ "$mpm" = event ] && n=10000
      for s in "mpmd $m $pm" "apache $a $pa"; do
        read -r name pid port <<<"$s"
        result=$(timeout 120 python3 bench/idle.py "$port" "$n" "$pid" 2>/dev/null || echo "held=? fresh_ms=? pss_kib=?")
        PRESSURE+=("| $name | $mpm | $n | $result |"); echo "${PRESSURE[-1]}"
      done
    fi
    MEMORY+=("| $profile | $mpm | $((idle_m / 1024)).$(((idle_m % 1024) * 10 / 1024)) MiB | $((idle_a / 1024)).$(((idle_a % 1024) * 10 / 1024)) MiB |")
    echo "${MEMORY[-1]}"
    if [ "$profile" = default ] && [ "$mpm" = event ] && command -v slowhttptest >/dev/null; then
      for s in "mpmd $pm" "apache $pa"; do
        read -r name port <<<"$s"
        (cd "$WORK" && timeout 90 slowhttptest -H -c 1000 -r 200 -i 10 -l 40 -p 3 -g -o "$WORK/slow-$name" \
          -u "http://127.0.0.1:$port/index.html" > "$WORK/slow-$name.out" 2>&1)
        result=$(python3 bench/slowloris.py "$WORK/slow-$name.csv")
        SLOW+=("| $name | event | $result |"); echo "${SLOW[-1]}"
      done
    fi
    kill "$m" "$a" 2>/dev/null; wait "$m" "$a" 2>/dev/null
  done
done

{
  echo "## mpmd against Apache (make bench)"
  echo
  echo "Recorded by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB, Linux $(uname -r); load average before the run: $LOAD_BEFORE."
  echo "mpmd: release build. Apache: Debian's apache2 $(/usr/sbin/apache2 -v 2>/dev/null | awk -F/ '/version/ {print $2}' | awk '{print $1}'), same MPM and settings. wrk: 2 threads, $CONNECTIONS connections, ${DURATION} s per run, $RUNS runs per scenario, client and servers on the same cores: the machine is shared with other builds, so absolute numbers are noisy; each mpmd run is followed at once by the same Apache run, and the ratio is the median of those back-to-back ratios."
  echo "Profiles: **default** is Apache's compiled-in tuning (KeepAliveTimeout 5, MaxKeepAliveRequests 100, prefork 5/5/10/256, worker and event 3 × 25 threads, MaxRequestWorkers 400); **long** adds KeepAliveTimeout 60, MaxKeepAliveRequests 0 and, for event, AsyncRequestWorkerFactor 32."
  echo
  echo "## Throughput: mpmd / Apache (median req/s mpmd / Apache, socket errors mpmd / Apache)"
  echo
  echo "| profile | MPM | 1 KiB keep-alive | 1 KiB Connection: close | 100 KiB keep-alive |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${THROUGHPUT[@]}"
  echo
  echo "## Memory: idle PSS of master + children"
  echo
  echo "| profile | MPM | mpmd | Apache |"
  echo "|---|---|---|---|"
  printf '%s\n' "${MEMORY[@]}"
  echo
  echo "## Idle keep-alive pressure (long profile)"
  echo
  echo "N connections each get one response and stay open; held counts those answered within 30 s and still open; fresh_ms is the latency of one more request on a new connection (nan: no answer); pss_kib is the PSS of master + children while the N connections are held, and per_conn_b the growth over idle divided by N."
  echo
  echo "| server | MPM | N | result |"
  echo "|---|---|---|---|"
  printf '%s\n' "${PRESSURE[@]}"
  echo
  echo "## Slowloris (default profile, event, MaxRequestWorkers 400)"
  echo
  echo "slowhttptest -H -c 1000 -r 200 -i 10 -l 40 -p 3: 1,000 connections sending one header line every 10 s; the probe asks for a page every second and the server counts as unavailable when the probe gets no answer within 3 s."
  echo
  echo "| server | MPM | result |"
  echo "|---|---|---|"
  printf '%s\n' "${SLOW[@]}"
} | python3 bench/record.py "make bench"
echo; echo "recorded in bench/RESULTS.md"
