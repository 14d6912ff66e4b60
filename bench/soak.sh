#!/usr/bin/env bash
# The soak: ten minutes of mixed traffic (intake, events, queue, search, reads and the
# annual report when the build has it) against one ogid at a steady rate; prints the
# errors (there must be none), p50/p99 latency minute by minute and ogid's resident
# memory at the start and the end (bench/soak.py).
#   scripts/pgtmp bench/soak.sh [SECONDS] [REQUESTS_PER_SECOND]     (600 s, 200/s)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
secs=${1:-600}
rate=${2:-200}
db=ogi_soak_$$
conn="dbname=$db host=${PGHOST:-localhost} port=${PGPORT:-5432} user=${PGUSER:-postgres}"
ctl() { "$build/clients/cli/ogictl" --database "$conn" "$@"; }
psql -X -q -d "dbname=postgres" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
data=$(mktemp -d)
trap 'kill $ogid_pid 2>/dev/null; wait $ogid_pid 2>/dev/null; rm -rf "$data"; psql -X -q -d dbname=postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
ctl migrate >/dev/null
"$build/daemon/ogid" --database "$conn" --data-dir "$data" --listen 127.0.0.1:0 >"$data/out" 2>"$data/err" &
ogid_pid=$!
for _ in $(seq 100); do grep -q 'listening on http://[^ ]*/ with' "$data/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\)\/.*/\1/p' "$data/out")
body=$(ctl body add "压力测试街道" --parent 1)
echo "a good long password" | ctl user add soakclerk --role clerk --body "$body" --password-stdin >/dev/null
echo "a good long password" | ctl user add soakapprover --role approver --body "$body" --password-stdin >/dev/null
clerk=$(ctl token create soakclerk)
approver=$(ctl token create soakapprover)
status=0
python3 bench/soak.py "$port" "$ogid_pid" "$clerk" "$approver" "$body" "$secs" "$rate" || status=$?
echo "soak: ogid logged $(grep -c ' 5[0-9][0-9] ' "$data/err" || true) 5xx answers and $(wc -l <"$data/err") lines"
exit $status
