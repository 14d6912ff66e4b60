#!/usr/bin/env bash
# ogictl import of an office's register at scale (issue 20 item 5): a generated CSV of
# BENCH_ROWS rows (default 100000) — receipt dates over 2025, nine in ten replied with an
# outcome label of the preset's table, half with a phone (sealed at rest), one in fifty with a
# reconsideration — checked (--dry-run) and imported in one transaction, each timed against a
# baseline measured in the same run: the same rows loaded by psql (\copy into a scratch table,
# then one INSERT … SELECT of the requests and one of their events, in one transaction, rolled
# back): the ratio says how many times the plain load's time the import takes.
# Run inside a throwaway cluster:  scripts/pgtmp bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
n=${BENCH_ROWS:-100000}
db=ogi_bench_register_$$
dir=$(mktemp -d)
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 "$db"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/ogi.key"; echo >> "$dir/ogi.key"
chmod 600 "$dir/ogi.key"
export OGI_TODAY=2026-03-02
ctl() { "$build/clients/cli/ogictl" --database "dbname=$db" --key-file "$dir/ogi.key" "$@"; }
ctl migrate >/dev/null
body=$(ctl body add 东城街道 --code DC)

echo "making a register of $n rows…"
python3 - "$n" "$dir/register.csv" <<'PY'
import datetime, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(2025)
labels = ["予以公开", "部分公开", "不予公开（第三方合法权益）", "信息不存在", "非本机关",
          "不予处理（重复申请）", "已主动公开", "撤回"]
kinds = ["自然人"] * 8 + ["商业企业", "法律服务机构"]
ways = ["当面", "网上申请", "邮寄", "电子邮件"]
start = datetime.date(2025, 1, 2)
with open(path, "w", encoding="utf-8") as f:
    f.write("序号,收到日期,申请人,申请人类型,联系电话,申请方式,申请内容,答复日期,答复类型,复议/诉讼,备注\n")
    for i in range(1, n + 1):
        got = start + datetime.timedelta(days=random.randrange(350))
        phone = f"139{i:08d}" if i % 2 else ""
        if i % 10:
            rep = (got + datetime.timedelta(days=random.randrange(5, 40))).isoformat()
            out = random.choice(labels)
        else:
            rep = out = ""
        remedy = f"复议 {rep}" if rep and i % 50 == 0 else ""
        f.write(f"{i},{got.isoformat()},申请人{i},{random.choice(kinds)},{phone},{random.choice(ways)},"
                f"第{i}号政府信息,{rep},{out},{remedy},\n")
PY
size=$(stat -c %s "$dir/register.csv")

# the baseline: the same rows by psql, requests and their events, in one transaction
t0=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
BEGIN;
CREATE TEMP TABLE reg (serial int, received date, name text, kind text, phone text, way text,
                       description text, replied date, outcome text, remedy text, notes text);
\copy reg FROM '$dir/register.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, regime,
                      applicant_kind, applicant_name, applicant_phone, description, status,
                      closed_on, outcome)
SELECT $body, 2025, serial, 'B-' || serial, 'in_person', received, '2019', 'natural_person', name,
       nullif(phone, ''), description, CASE WHEN replied IS NULL THEN 'registered' ELSE 'closed' END,
       replied, CASE WHEN replied IS NULL THEN NULL ELSE 'disclosed' END
FROM reg;
INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor)
SELECT id, body_id, 'registered', received_on, '{}', 'bench' FROM requests;
INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor)
SELECT id, body_id, 'replied', closed_on, '{"outcome":"disclosed"}', 'bench' FROM requests
WHERE closed_on IS NOT NULL;
ROLLBACK;
SQL
t1=$(date +%s.%N)
ctl import "$dir/register.csv" --body "$body" --dry-run >"$dir/dry.out" 2>/dev/null
t2=$(date +%s.%N)
ctl import "$dir/register.csv" --body "$body" >"$dir/real.out" 2>"$dir/real.err"
t3=$(date +%s.%N)
ctl import "$dir/register.csv" --body "$body" >"$dir/again.out" 2>/dev/null
t4=$(date +%s.%N)
made=$(psql -X -A -t -d "$db" -c "SELECT count(*) FROM requests")
events=$(psql -X -A -t -d "$db" -c "SELECT count(*) FROM request_events")
sealed=$(psql -X -A -t -d "$db" -c "SELECT count(*) FROM requests WHERE applicant_phone LIKE 'ogi1:%'")
awk -v n="$n" -v size="$size" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" 'BEGIN {
  tb = b - a; tc = c - b; ti = d - c; ta = e - d
  printf "%d rows, register %.1f MB\n", n, size / 1048576
  printf "psql baseline  %7.2f s  %8.0f rows/s\n", tb, n / tb
  printf "dry run        %7.2f s  %8.0f rows/s  %.1f x baseline\n", tc, n / tc, tc / tb
  printf "import         %7.2f s  %8.0f rows/s  %.1f x baseline\n", ti, n / ti, ti / tb
  printf "same again     %7.2f s  %8.0f rows/s  %.1f x baseline\n", ta, n / ta, ta / tb
}'
echo "imported: $made requests, $events events, $sealed phones sealed"
tail -n 1 "$dir/real.out"
tail -n 1 "$dir/again.out"
