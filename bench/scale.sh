#!/usr/bin/env bash
# Province-scale reads (issue 17 item 2): makes a city of 50 districts and 5 001 bodies with
# OGI_SCALE million requests over five years and about four events each (bench/scale_data.sql),
# then drives each interactive path with wrk at 64 connections against pgbench running the
# SQL ogid ran for that path — captured from the server's log (log_statement = all) for one
# request of each path, parameters put in as literals (bench/scale_capture.py) — with as many
# clients as wrk has connections.  Prints per path: ogid req/s, pgbench tx/s, the ratio, p50/p99,
# errors, then the targets; and the city's annual report against count(*) (bench_report).
#   scripts/pgtmp bench/scale.sh        (after ./build is built)
# OGI_SCALE (1 = 1 M requests; 5 = 5 M; 0.02 for a quick check), BENCH_SECONDS (10 per side),
# BENCH_CONNECTIONS (64), BENCH_ROUNDS (5, the city report), BENCH_KEEP=DIR keeps the outputs
# and the captured SQL and ogid's log, OGID_ARGS more ogid options.  Each path's line ends with
# ogid's answers by status (its access log), so a non-2xx cannot hide.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
scale=${OGI_SCALE:-1}
n=$(awk -v s="$scale" 'BEGIN { printf "%d", s * 1000000 }')
secs=${BENCH_SECONDS:-10}
c=${BENCH_CONNECTIONS:-64}
rounds=${BENCH_ROUNDS:-5}
today=$(TZ=Asia/Shanghai date +%F)
year=$(($(TZ=Asia/Shanghai date +%Y) - 1)) # the last whole year, for the reports
db=ogi_scale_$$
conn="dbname=$db host=${PGHOST:-localhost} port=${PGPORT:-5432} user=${PGUSER:-postgres}"
ctl() { "$build/clients/cli/ogictl" --database "$conn" "$@"; }
log=${OGI_TEST_PGLOG:-}
[ -n "$log" ] && [ -f "$log" ] || { echo "scale.sh: run it under scripts/pgtmp (it reads the server's log)" >&2; exit 2; }
psql -X -q -d "dbname=postgres" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
data=$(mktemp -d)
ogid_pid=
stop_ogid() { [ -n "$ogid_pid" ] && kill "$ogid_pid" 2>/dev/null && wait "$ogid_pid" 2>/dev/null; ogid_pid=; }
trap 'stop_ogid; [ -n "${BENCH_KEEP:-}" ] && mkdir -p "$BENCH_KEEP" && cp -r "$data"/wrk_* "$data"/pg_* "$data"/sql "$data"/ogid.log "$BENCH_KEEP"/ 2>/dev/null; rm -rf "$data"; psql -X -q -d dbname=postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
ctl migrate >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "making 5 001 bodies, $n requests over five years up to $today and their events…"
start=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 -v n="$n" -v today="$today" -d "$conn" -f bench/scale_data.sql
made=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
echo "a good long password" | ctl user add admin --role admin --body 1 --password-stdin >/dev/null
psql -X -t -A -F' ' -d "$conn" -c "SELECT (SELECT count(*) FROM bodies), (SELECT count(*) FROM requests),
  (SELECT count(*) FROM request_events), (SELECT count(*) FROM requests WHERE status <> 'closed'),
  pg_size_pretty(pg_database_size(current_database()))" |
  { read -r b r e o size; echo "  made in $made s: $b bodies, $r requests ($o open), $e events, $size"; }
echo "  (load average now $(cut -d' ' -f1-3 /proc/loadavg))"

start_ogid() {
  # emptied here, not by the background job's redirection: that may run after the wait
  # below has already read the previous start's "listening" line
  : >"$data/out"
  # shellcheck disable=SC2086
  "$build/daemon/ogid" --database "$conn" --data-dir "$data" --listen 127.0.0.1:0 \
    --max-connections-per-address 0 --max-connections $((c + 64)) ${OGID_ARGS:-} >"$data/out" 2>>"$data/ogid.log" &
  ogid_pid=$!
  # the first start seals and indexes the generated rows' personal data (they are stored
  # plain, as rows from before 0021 were) before it listens: wait for it however long that
  # takes, while it runs, and stop the run if it never listens
  while ! grep -q 'listening on http://[^ ]*/ with' "$data/out" 2>/dev/null; do
    kill -0 "$ogid_pid" 2>/dev/null || { echo "scale.sh: ogid exited before listening:" >&2; cat "$data/ogid.log" >&2; exit 1; }
    sleep 0.1
  done
  url=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$data/out")
  [ -n "$url" ] || { echo "scale.sh: no address in ogid's output" >&2; exit 1; }
}
export OGI_TOKEN
OGI_TOKEN=$(ctl token create admin)
# ogid's first start seals the personal data of the rows made in SQL and hashes their numbers
# (what it does for rows stored before 0019/0021): done here, before the capture below logs
# every statement, and timed apart from the generation
start=$(date +%s.%N)
start_ogid
stop_ogid
echo "  ogid's first start sealed and indexed them in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s:" \
  "$(grep -c '^ogid: \(sealed\|indexed\)' "$data/ogid.log") passes"

# the paths: name, the URL (an id of the request path is ID), wrk's script
street=52    # 第1区第1街道办事处
district=2   # 第1区人民政府, with its 99 streets and departments
probe_id=$(psql -X -t -A -d "$conn" -c "SELECT id FROM requests WHERE id % 7 = 0 AND status = 'closed' AND id > $n / 2 ORDER BY id LIMIT 1")
q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("王秀英"))')
month_from=$(date -d "$today -1 month" +%Y-%m-01)
month_to=$(date -d "$month_from +1 month -1 day" +%F)
paths=(
  "street_queue /api/v1/queue?body_id=$street"
  "district_queue /api/v1/queue?body_id=$district"
  "list /api/v1/requests?body_id=$district&subtree=true&status=closed&outcome=disclosed&received_from=$year-01-01&received_to=$year-12-31&limit=50"
  "search /api/v1/requests?body_id=$district&subtree=true&q=$q&limit=50"
  "request /api/v1/requests/ID"
  "month_csv /api/v1/requests.csv?body_id=$district&subtree=true&received_from=$month_from&received_to=$month_to"
  "district_report /api/v1/reports/annual?year=$year&body_id=$district&subtree=true"
  "city_report /api/v1/reports/annual?year=$year&body_id=1&subtree=true"
)

# capture the SQL of one request of each path (the request path: the request and its timeline)
mkdir -p "$data/sql"
psql -X -q -d "$conn" <<SQL
ALTER SYSTEM SET log_line_prefix = '%m [%p] %a ';
ALTER SYSTEM SET log_error_verbosity = 'default';
ALTER DATABASE $db SET log_statement = 'all';
SELECT pg_reload_conf() \g /dev/null
SQL
# one GET the capture records; anything but a 2xx stops the run (the SQL would be an error's)
probe() {
  local code
  code=$(curl -s -o "$data/probe" -w '%{http_code}' -H "Authorization: Bearer $OGI_TOKEN" "$url$1") || code=000
  case $code in 2??) ;; *)
    echo "scale.sh: GET $1 answered $code (000: no answer), not 2xx:" >&2; head -c 600 "$data/probe" >&2; echo >&2; exit 1 ;;
  esac
}
start_ogid
for p in "${paths[@]}"; do
  read -r name path <<<"$p"
  sleep 0.3
  off=$(stat -c %s "$log")
  if [ "$name" = request ]; then
    probe "${path/ID/$probe_id}"
    probe "${path/ID/$probe_id}/events"
    sleep 0.5
    k=$(python3 bench/scale_capture.py "$log" "$off" "$data/sql/$name.sql" "$probe_id" id "$n")
  else
    probe "$path"
    sleep 0.5
    k=$(python3 bench/scale_capture.py "$log" "$off" "$data/sql/$name.sql")
  fi
  echo "  captured $name: $k statements"
done
stop_ogid
psql -X -q -d "$conn" <<SQL
ALTER DATABASE $db RESET log_statement;
ALTER SYSTEM RESET log_line_prefix;
ALTER SYSTEM RESET log_error_verbosity;
SELECT pg_reload_conf() \g /dev/null
SQL
start_ogid

rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
pct() { sed -n "s/^ *$2% *\([0-9.]*\)\(us\|ms\|s\|m\) *$/\1 \2/p" "$1" |
  awk '{ v = $1; if ($2 == "us") v /= 1000; if ($2 == "s") v *= 1000; if ($2 == "m") v *= 60000; printf "%.1f", v }'; }
tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$1" | head -1; }
errors() {
  awk '/Socket errors/ { gsub(",", ""); s += $4 + $6 + $8; t += $10 }
       /Non-2xx/ { n += $5 } END { printf "%d %d %d\n", s, t, n }' "$1"; }
pg_errors() { sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$1" | head -1; }
# ogid's answers by status from its access log (METHOD PATH STATUS TIMEus) from byte $1 on:
# "200:2330,503:12", and the non-2xx among them (wrk counts only 4xx and 5xx, and not
# what a connection dropped); every status is printed so a non-2xx cannot hide
statuses() {
  tail -c +"$(($1 + 1))" "$data/ogid.log" | awk '$1 ~ /^[A-Z]+$/ && $3 ~ /^[0-9][0-9][0-9]$/ { n[$3]++ }
    END { s = ""; x = 0; for (k in n) { s = s (s == "" ? "" : ",") k ":" n[k]; if (k !~ /^2/) x += n[k] }
          printf "%s %d\n", (s == "" ? "none" : s), x }'; }

echo "at $c connections, $secs s a side (the request path: two HTTP requests a page, its req/s halved):"
for p in "${paths[@]}"; do
  read -r name path <<<"$p"
  w=$data/wrk_$name g=$data/pg_$name
  off=$(stat -c %s "$data/ogid.log")
  OGI_PATH=$path OGI_MAX_ID=$n wrk -t2 -c"$c" -d"${secs}s" --timeout 10s --latency -s bench/scale.lua "$url" >"$w"
  sleep 0.2 # the last answers' log lines
  read -r answers logged_non2xx < <(statuses "$off")
  pgbench -n -c"$c" -j2 -T"$secs" -f "$data/sql/$name.sql" "$conn" >"$g" 2>&1 || true
  read -r sock timeouts non2xx < <(errors "$w")
  awk -v p="$name" -v a="$(rate "$w")" -v b="$(tps "$g")" -v half="$([ "$name" = request ] && echo 2 || echo 1)" \
    -v p50="$(pct "$w" 50)" -v p99="$(pct "$w" 99)" -v s="$sock" -v t="$timeouts" -v x="$non2xx" \
    -v pe="$(pg_errors "$g")" -v st="$answers" -v lx="$logged_non2xx" \
    'BEGIN { a /= half; pg = b > 0 ? sprintf("%7.1f", b) : "    n/a"
      ra = b > 0 ? sprintf("%.2f", a / b) : "n/a"
      printf "%-15s ogid %7.1f req/s  pgbench %s tx/s  ratio %s  p50 %6.1f ms  p99 %7.1f ms  " \
        "socket errors %d  timeouts %d  non-2xx %d  pgbench failed %d  logged non-2xx %d  statuses %s\n",
        p, a, pg, ra, p50, p99, s, t, x, pe + 0, lx, st }' |
    tee -a "$data/lines"
done
stop_ogid

echo "the city's annual report of $year (body 1, its subtree) against count(*) of its rows, $rounds rounds:"
"$build/bench/bench_report" "$conn" 1 "$year" "$rounds" | tee "$data/report"

echo "targets (issue 17 item 2), at $c connections:"
awk '$1 !~ /_report$/ { ratio = $9; p99 = $14
    printf "  %-15s ratio >= 0.50: %s %s;  p99 < 100 ms: %.1f %s;  errors: %d %s\n", $1, ratio,
      (ratio != "n/a" && ratio >= 0.5) ? "ok" : "MISSED", p99, (p99 < 100) ? "ok" : "MISSED",
      $18 + $20 + $22 + $25 + $28, ($18 + $20 + $22 + $25 + $28 == 0) ? "ok" : "MISSED" }' "$data/lines"
awk '{ x += $18 + $20 + $22 + $25 + $28 } END { printf "  every path (the reports too): 0 errors, non-2xx or failed transactions: %d %s\n", x, (x == 0) ? "ok" : "MISSED" }' "$data/lines"
awk '/report.*ratio/ && !done { for (i = 1; i <= NF; i++) if ($i == "ratio") r = $(i + 1); gsub(/[^0-9.]/, "", r)
       printf "  city report <= 3 x count(*): %s %s\n", r, (r + 0 <= 3) ? "ok" : "MISSED"; done = 1 }' "$data/report"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
