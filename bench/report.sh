#!/usr/bin/env bash
# The annual report at district scale: a year of one million requests across a thousand
# bodies (a district and 999 offices under it), then build/bench/bench_report times the
# district-wide export against a plain SELECT count(*) over the same rows in the same run.
# Run inside a throwaway cluster:  scripts/pgtmp bench/report.sh
#   BENCH_REQUESTS (default 1000000), BENCH_BODIES (1000), BENCH_ROUNDS (7)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${OGI_BUILD_DIR:-build}
n=${BENCH_REQUESTS:-1000000}
bodies=${BENCH_BODIES:-1000}
rounds=${BENCH_ROUNDS:-7}
db=ogi_bench_report_$$
createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
conn="dbname=$db"
"$build/clients/cli/ogictl" --database "$conn" migrate >/dev/null

echo "making $n requests of 2024 (and the open ones of 2023 they carry in) across $bodies bodies…"
start=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
SELECT setseed(0.2024) \g /dev/null
INSERT INTO bodies (name, code) VALUES ('某区人民政府', 'QU');
INSERT INTO bodies (parent_id, name, code)
  SELECT 1, '街道或部门' || g, 'B' || g FROM generate_series(2, $bodies) g;
-- 2024: received every day of the year; about 6% still open at the year's end, the rest
-- closed 1 to 45 days after receipt (some in 2025); every outcome and applicant kind
INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, regime,
                      applicant_kind, applicant_name, description, status, closed_on, outcome)
SELECT body, 2024, g, 'R' || g, ch, rec, '2019', kind, '申请人', '某项政府信息',
       CASE WHEN open THEN 'registered' ELSE 'closed' END,
       CASE WHEN open THEN NULL ELSE rec + 1 + (random() * 44)::int END,
       CASE WHEN open THEN NULL ELSE outcome END
FROM (SELECT g,
             2 + (g % ($bodies - 1)) AS body,
             DATE '2024-01-01' + (random() * 365)::int AS rec,
             (ARRAY['in_person','oral','post_registered','post_ordinary','online','fax','email'])[1 + (random() * 6)::int] AS ch,
             (ARRAY['natural_person','natural_person','natural_person','commercial_enterprise',
                    'research_institution','social_welfare_org','legal_service_org','other_org'])[1 + (random() * 7)::int] AS kind,
             random() < 0.06 AS open,
             (ARRAY['already_public','disclosed','partial','withheld_state_secret','withheld_law_prohibited',
                    'withheld_security_stability','withheld_third_party','withheld_internal_affairs',
                    'withheld_process_info','withheld_enforcement_file','withheld_query_matter',
                    'not_held_not_exist','not_held_other_body','needs_creation','still_unclear',
                    'not_government_info','rejected_petition','rejected_repeat','rejected_publication',
                    'rejected_excessive','rejected_confirm_reissue','lapsed_correction','lapsed_fee',
                    'withdrawn','other'])[1 + (random() * 24)::int] AS outcome
      FROM generate_series(1, $n) g) s;
-- 2023: the applications still open on 1 January 2024 (and some closed long before)
INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, regime,
                      applicant_kind, applicant_name, description, status, closed_on, outcome)
SELECT 2 + (g % ($bodies - 1)), 2023, g, 'P' || g, 'online', DATE '2023-12-01' + (g % 31), '2019',
       'natural_person', '申请人', '某项政府信息', 'closed',
       CASE WHEN g % 5 = 0 THEN DATE '2023-12-20' ELSE DATE '2024-01-10' + (g % 40) END, 'disclosed'
FROM generate_series(1, $n / 50) g;
VACUUM ANALYZE;
SQL
echo "  made in $(( $(date +%s) - start )) s"
"$build/bench/bench_report" "$conn" 1 2024 "$rounds"
