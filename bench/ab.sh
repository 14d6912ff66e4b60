#!/usr/bin/env bash
# Two builds of ogid side by side on one database: the read path
# (GET /api/v1/requests/{id}, bench/read.lua) and a filtered list, driven in
# alternating rounds, so a change is measured against the tree before it on the
# same machine at the same moment (a shared machine's load moves every absolute
# figure).  Prints each round's req/s of A and B and the ratio B/A, then the medians.
#   scripts/pgtmp bench/ab.sh BUILD_A BUILD_B
# BENCH_SECONDS (5 a round), BENCH_ROUNDS (4), BENCH_CONNECTIONS (64), BENCH_REQUESTS (2000 made first).
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:?build A}
b=${2:?build B}
secs=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-4}
c=${BENCH_CONNECTIONS:-64}
n=${BENCH_REQUESTS:-2000}
db=ogi_ab_$$
conn="dbname=$db host=${PGHOST:-localhost} port=${PGPORT:-5432} user=${PGUSER:-postgres}"
psql -X -q -d "dbname=postgres" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
data=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"; psql -X -q -d dbname=postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
"$a/clients/cli/ogictl" --database "$conn" migrate >/dev/null
start() { # build name
  mkdir -p "$data/$2"
  # one data directory: the key file the database's personal data is sealed under
  "$1/daemon/ogid" --database "$conn" --data-dir "$data" --listen 127.0.0.1:0 \
    --max-connections-per-address 0 --max-connections $((c + 64)) >"$data/$2/out" 2>"$data/$2/log" &
  pids+=($!)
  for _ in $(seq 600); do grep -q listening "$data/$2/out" 2>/dev/null && break; sleep 0.1; done
  sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$data/$2/out"
  grep -q listening "$data/$2/out" || { echo "ab: ogid of $1 did not start:" >&2; tail -5 "$data/$2/log" >&2; exit 1; }
}
url_a=$(start "$a" a)
url_b=$(start "$b" b)
export OGI_TOKEN=$("$a/clients/cli/ogictl" --database "$conn" token create admin)
# requests to read, made through A's intake
wrk -t1 -c8 -d"$((n / 200 + 2))s" -s bench/intake.lua "$url_a/api/v1/requests" >/dev/null
OGI_MAX_ID=$(psql -X -t -A -d "$conn" -c "SELECT max(id) FROM requests")
export OGI_MAX_ID
echo "requests: $OGI_MAX_ID"
cat >"$data/list.lua" <<'LUA'
local token = os.getenv("OGI_TOKEN")
local q = {"status=registered", "status=closed", "overdue=true", "received_from=2026-01-01", "q=%E6%94%BF%E5%BA%9C"}
request = function()
  return wrk.format("GET", "/api/v1/requests?limit=20&" .. q[math.random(1, #q)], {["Authorization"] = "Bearer " .. token})
end
LUA
rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
for path in read list; do
  script=bench/read.lua
  [ "$path" = list ] && script=$data/list.lua
  : >"$data/ratios_$path"
  for r in $(seq "$rounds"); do
    # A first in odd rounds, B first in even ones: neither always meets the warmer cache
    if [ $((r % 2)) = 1 ]; then order="a b"; else order="b a"; fi
    for x in $order; do
      u=$url_a
      [ "$x" = b ] && u=$url_b
      wrk -t2 -c"$c" -d"${secs}s" --timeout 10s -s "$script" "$u" >"$data/w$x"
    done
    awk -v p="$path" -v r="$r" -v x="$(rate "$data/wa")" -v y="$(rate "$data/wb")" 'BEGIN {
      printf "%-4s round %d  A %6.0f req/s  B %6.0f req/s  B/A %.2f\n", p, r, x, y, y / x }' |
      tee -a "$data/ratios_$path"
  done
  awk '{ print $NF }' "$data/ratios_$path" | sort -n | awk -v p="$path" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%-4s median B/A %.2f over %d rounds\n", p, m, NR }'
done
