#!/usr/bin/env bash
# Intake and read throughput of ogid over HTTP (wrk) against PostgreSQL doing the
# same SQL directly (pgbench), measured in the same run on the same cluster, with
# pgbench given as many clients as wrk has connections (a fair baseline).  For each
# point (64 and 256 connections by default) and path: ogid req/s, pgbench tx/s, the
# ratio, ogid's p50/p99, errors (socket errors and non-2xx answers) and ogid's peak
# RSS over that run; then the targets of issue 17 at 64 connections with the figures.
#   scripts/pgtmp bench/http.sh        (after scripts/test has built ./build)
# BENCH_SECONDS (15), BENCH_CONNECTIONS ("64 256"), OGID_ARGS (more ogid options).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
secs=${BENCH_SECONDS:-15}
points=${BENCH_CONNECTIONS:-64 256}
db=ogi_bench_$$
conn="dbname=$db host=${PGHOST:-localhost} port=${PGPORT:-5432} user=${PGUSER:-postgres}"
psql -X -q -d "dbname=postgres" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
data=$(mktemp -d)
# BENCH_KEEP=DIR keeps wrk's and pgbench's own outputs there
trap 'kill $ogid_pid 2>/dev/null; wait $ogid_pid 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] && mkdir -p "$BENCH_KEEP" && cp "$data"/wrk_* "$data"/pg_* "$BENCH_KEEP"/ 2>/dev/null; rm -rf "$data"; psql -X -q -d dbname=postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
"$build/clients/cli/ogictl" --database "$conn" migrate >/dev/null
max_points=$(tr ' ' '\n' <<<"$points" | sort -n | tail -1)
# the bench is one client address: let it open every connection it asks for
# shellcheck disable=SC2086
"$build/daemon/ogid" --database "$conn" --data-dir "$data" --listen 127.0.0.1:0 \
  --max-connections-per-address 0 --max-connections $((max_points + 64)) ${OGID_ARGS:-} \
  >"$data/out" 2>"$data/ogid.log" &
ogid_pid=$!
for _ in $(seq 100); do grep -q 'listening on http://[^ ]*/ with' "$data/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$data/out")
export OGI_TOKEN=$("$build/clients/cli/ogictl" --database "$conn" token create admin)
sed -n 's/^ogid: listening on [^ ]* /ogid /p' "$data/out"

rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
pct() { sed -n "s/^ *$2% *\([0-9.]*\)\(us\|ms\|s\|m\) *$/\1 \2/p" "$1" |
  awk '{ v = $1; if ($2 == "us") v /= 1000; if ($2 == "s") v *= 1000; if ($2 == "m") v *= 60000; printf "%.1f", v }'; }
tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$1" | head -1; }
errors() { # socket errors (connect, read, write: a reset), timeouts (over wrk's 2 s) and non-2xx
  awk '/Socket errors/ { gsub(",", ""); s += $4 + $6 + $8; t += $10 }
       /Non-2xx/ { n += $5 } END { printf "%d %d %d\n", s, t, n }' "$1"; }
reset_peak() { echo 5 >/proc/$ogid_pid/clear_refs 2>/dev/null || true; }
peak_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$ogid_pid/status; }
# ogid's answers by status from its access log (METHOD PATH STATUS TIMEus) from byte $1 on:
# "201:2990,503:3", and the non-2xx among them (wrk counts only 4xx/5xx), so none hides
statuses() {
  tail -c +"$(($1 + 1))" "$data/ogid.log" | awk '$1 ~ /^[A-Z]+$/ && $3 ~ /^[0-9][0-9][0-9]$/ { n[$3]++ }
    END { s = ""; x = 0; for (k in n) { s = s (s == "" ? "" : ",") k ":" n[k]; if (k !~ /^2/) x += n[k] }
          printf "%s %d\n", (s == "" ? "none" : s), x }'; }

run() { # path connections
  local path=$1 c=$2 wrk_out=$data/wrk_$1_$2 pg_out=$data/pg_$1_$2
  reset_peak
  local off
  off=$(stat -c %s "$data/ogid.log")
  if [ "$path" = intake ]; then
    wrk -t2 -c"$c" -d"${secs}s" --timeout 10s --latency -s bench/intake.lua "$url/api/v1/requests" >"$wrk_out"
    OGI_MAX_ID=$(psql -X -t -A -d "$conn" -c "SELECT max(id) FROM requests")
    export OGI_MAX_ID
  else
    wrk -t2 -c"$c" -d"${secs}s" --timeout 10s --latency -s bench/read.lua "$url" >"$wrk_out"
  fi
  local rss answers logged
  rss=$(peak_mb)
  sleep 0.2 # the last answers' log lines
  read -r answers logged < <(statuses "$off")
  pgbench -n -c"$c" -j2 -T"$secs" -D max_id="${OGI_MAX_ID:-1}" -f "bench/pgbench_$path.sql" \
    "$conn" >"$pg_out" 2>&1
  read -r sock timeouts non2xx < <(errors "$wrk_out")
  awk -v p="$path" -v c="$c" -v a="$(rate "$wrk_out")" -v b="$(tps "$pg_out")" \
    -v p50="$(pct "$wrk_out" 50)" -v p99="$(pct "$wrk_out" 99)" -v s="$sock" -v t="$timeouts" -v n="$non2xx" \
    -v r="$rss" -v st="$answers" -v lx="$logged" 'BEGIN { pg = b > 0 ? sprintf("%5.0f", b) : "  n/a"; ra = b > 0 ? sprintf("%.2f", a / b) : "n/a"
      printf "%-6s c=%-3d ogid %5.0f req/s  pgbench %s tx/s  ratio %s  " \
      "p50 %5.1f ms  p99 %6.1f ms  socket errors %d  timeouts %d  non-2xx %d  peak RSS %.1f MB  logged non-2xx %d  statuses %s\n",
      p, c, a, pg, ra, p50, p99, s, t, n, r, lx, st }' | tee -a "$data/lines"
}

for c in $points; do
  run intake "$c"
  run read "$c"
done

# the targets (issue 17 item 1) against the figures at 64 connections (wrk waits up to 10 s for an answer: slower ones count as timeouts)
if grep -q " c=64 " "$data/lines"; then
  echo "targets at 64 connections:"
  awk '$2 == "c=64" {
    ratio = $10; p99 = $15; sock = $19 + $21; n = $23 + $30; rss = $26
    want = ($1 == "intake") ? 50 : 20
    printf "  %-6s ratio >= 0.80: %.2f %s;  p99 < %d ms: %.1f %s;  0 socket errors or timeouts: %d %s;  0 non-2xx: %d %s;  RSS < 50 MB: %.1f %s\n",
      $1, ratio, (ratio >= 0.8) ? "ok" : "MISSED", want, p99, (p99 < want) ? "ok" : "MISSED",
      sock, (sock == 0) ? "ok" : "MISSED", n, (n == 0) ? "ok" : "MISSED", rss, (rss < 50) ? "ok" : "MISSED" }' "$data/lines"
fi
