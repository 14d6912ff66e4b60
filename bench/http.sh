#!/usr/bin/env bash
# Intake and read throughput of ogid over HTTP (wrk) against PostgreSQL doing the
# same SQL directly (pgbench), measured in the same run on the same cluster.
# Prints the ratio daemon/pgbench, ogid's p99 latency and its peak RSS.
#   scripts/pgtmp bench/http.sh        (after scripts/test has built ./build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
secs=${BENCH_SECONDS:-15}
conns=${BENCH_CONNECTIONS:-32}
db=ogi_bench_$$
conn="dbname=$db host=${PGHOST:-localhost} port=${PGPORT:-5432} user=${PGUSER:-postgres}"
psql -X -q -d "dbname=postgres" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
trap 'kill $ogid_pid 2>/dev/null; wait $ogid_pid 2>/dev/null; psql -X -q -d dbname=postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
"$build/clients/cli/ogictl" --database "$conn" migrate >/dev/null
data=$(mktemp -d)
"$build/daemon/ogid" --database "$conn" --data-dir "$data" --listen 127.0.0.1:0 >"$data/out" 2>/dev/null &
ogid_pid=$!
for _ in $(seq 100); do grep -q listening "$data/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$data/out")
export OGI_TOKEN=$("$build/clients/cli/ogictl" --database "$conn" token create admin)

rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
p99() { sed -n 's/^ *99% *\(.*\)$/\1/p'; }
tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1; }

wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/intake.lua "$url/api/v1/requests" >"$data/wrk_intake"
export OGI_MAX_ID=$(psql -X -t -A -d "$conn" -c "SELECT max(id) FROM requests")
wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/read.lua "$url" >"$data/wrk_read"
# pgbench gets as many connections as ogid holds (one per worker thread: 2 x cores)
dbconns=$(( 2 * $(nproc) ))
pgbench -n -c"$dbconns" -j2 -T"$secs" -f bench/pgbench_intake.sql "$conn" >"$data/pg_intake" 2>&1
pgbench -n -c"$dbconns" -j2 -T"$secs" -D max_id="$OGI_MAX_ID" -f bench/pgbench_read.sql "$conn" >"$data/pg_read" 2>&1
rss=$(awk '/VmHWM/ {print $2 " " $3}' /proc/$ogid_pid/status)

awk -v a="$(rate <"$data/wrk_intake")" -v b="$(tps <"$data/pg_intake")" -v p="$(p99 <"$data/wrk_intake")" \
  'BEGIN { printf "intake: ogid %.0f req/s, pgbench %.0f tx/s, ratio %.2f, ogid p99 %s\n", a, b, a / b, p }'
awk -v a="$(rate <"$data/wrk_read")" -v b="$(tps <"$data/pg_read")" -v p="$(p99 <"$data/wrk_read")" \
  'BEGIN { printf "read:   ogid %.0f req/s, pgbench %.0f tx/s, ratio %.2f, ogid p99 %s\n", a, b, a / b, p }'
grep -E "Non-2xx|Socket errors" "$data/wrk_intake" "$data/wrk_read" || true
echo "ogid peak RSS: $rss"
rm -rf "$data"
