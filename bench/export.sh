#!/usr/bin/env bash
# ogictl export and import-export at scale: BENCH_REQUESTS requests (default 100000) of 2024
# across BENCH_BODIES bodies (100), each with its registered event and, when closed, its reply,
# the applicants' phones in them (sealed again by the import), made in SQL; then the whole
# database exported and imported into a fresh one, each timed against pg_dump of the same
# database in the same run (the ratio: how many times pg_dump's time the export takes).
# Run inside a throwaway cluster:  scripts/pgtmp bench/export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
n=${BENCH_REQUESTS:-100000}
bodies=${BENCH_BODIES:-100}
db=ogi_bench_export_$$
dst=ogi_bench_import_$$
dir=$(mktemp -d)
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; dropdb --if-exists "$dst" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
for d in "$db" "$dst"; do
  createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 "$d"
done
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/src.key"; echo >> "$dir/src.key"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/dst.key"; echo >> "$dir/dst.key"
chmod 600 "$dir"/*.key
ctl() { "$build/clients/cli/ogictl" --database "dbname=$1" --key-file "$2" "${@:3}"; }
ctl "$db" "$dir/src.key" migrate >/dev/null
ctl "$dst" "$dir/dst.key" migrate >/dev/null

echo "making $n requests across $bodies bodies, with their events…"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
SELECT setseed(0.2024) \g /dev/null
INSERT INTO bodies (name, code) VALUES ('某区人民政府', 'QU');
INSERT INTO bodies (parent_id, name, code)
  SELECT 1, '街道或部门' || g, 'B' || g FROM generate_series(2, $bodies) g;
INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, regime,
                      applicant_kind, applicant_name, applicant_phone, description, status,
                      closed_on, outcome)
SELECT 2 + (g % ($bodies - 1)), 2024, g, 'R' || g, 'online', DATE '2024-01-01' + g % 300, '2019',
       'natural_person', '申请人', '138' || lpad((g % 100000000)::text, 8, '0'),
       '某项政府信息', CASE WHEN g % 10 = 0 THEN 'registered' ELSE 'closed' END,
       CASE WHEN g % 10 = 0 THEN NULL ELSE DATE '2024-01-01' + g % 300 + 10 END,
       CASE WHEN g % 10 = 0 THEN NULL ELSE 'disclosed' END
FROM generate_series(1, $n) g;
INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor)
  SELECT id, body_id, 'registered', received_on, '{}', 'bench' FROM requests ORDER BY id;
INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor)
  SELECT id, body_id, 'replied', closed_on, '{"outcome":"disclosed"}', 'bench' FROM requests
  WHERE closed_on IS NOT NULL ORDER BY id;
VACUUM ANALYZE;
SQL
rows=$(psql -X -A -t -d "$db" -c "SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM request_events)")
t0=$(date +%s.%N)
pg_dump --format=custom --file "$dir/dump" "dbname=$db"
t1=$(date +%s.%N)
ctl "$db" "$dir/src.key" export --body 1 --subtree --output "$dir/ogi.jsonl" 2>/dev/null
t2=$(date +%s.%N)
ctl "$dst" "$dir/dst.key" import-export "$dir/ogi.jsonl" >/dev/null 2>&1
t3=$(date +%s.%N)
size=$(stat -c %s "$dir/ogi.jsonl")
awk -v rows="$rows" -v d="$t0" -v e="$t1" -v x="$t2" -v i="$t3" -v size="$size" 'BEGIN {
  td = e - d; te = x - e; ti = i - x
  printf "%d rows (requests and events), export file %.1f MB\n", rows, size / 1048576
  printf "pg_dump        %7.2f s\n", td
  printf "export         %7.2f s  %8.0f rows/s  %.1f x pg_dump\n", te, rows / te, te / td
  printf "import-export  %7.2f s  %8.0f rows/s  %.1f x pg_dump\n", ti, rows / ti, ti / td
}'
same=$(psql -X -A -t -d "$dst" -c "SELECT count(*) FROM requests WHERE applicant_phone LIKE 'ogi1:%'")
echo "imported: $same requests with the phone sealed under the target's key"
