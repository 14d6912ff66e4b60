/* Statements of the working-day calendar. */
#include "lib/db/db.h"

const struct ogi_statement ogi_db_statements_calendar[] = {
	{"calendar_years_all", "SELECT year, source FROM calendar_years ORDER BY year"},
	{"calendar_days_all", "SELECT day, kind, name FROM calendar_days ORDER BY day"},
	{"calendar_day_get", "SELECT kind, name, source FROM calendar_days WHERE day = $1::date"},
	{"calendar_day_upsert",
	 "INSERT INTO calendar_days (day, kind, name, source) VALUES ($1::date, $2, $3, $4) "
	 "ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, "
	 "source = EXCLUDED.source"},
	{"calendar_day_delete", "DELETE FROM calendar_days WHERE day = $1::date"},
	{"calendar_year_clear",
	 "DELETE FROM calendar_days WHERE day >= make_date($1::int, 1, 1) "
	 "AND day < make_date($1::int + 1, 1, 1)"},
	{"calendar_year_delete", "DELETE FROM calendar_years WHERE year = $1::int RETURNING source"},
	{"calendar_year_days_delete",
	 "WITH gone AS (DELETE FROM calendar_days WHERE day >= make_date($1::int, 1, 1) "
	 "  AND day < make_date($1::int + 1, 1, 1) RETURNING day, kind, name) "
	 "SELECT day::text, kind, name FROM gone ORDER BY day"},
	{"calendar_year_upsert",
	 "INSERT INTO calendar_years (year, source) VALUES ($1::int, $2) ON CONFLICT (year) "
	 "DO UPDATE SET source = EXCLUDED.source, loaded_at = now()"},
	{"open_requests_lock",
	 "SELECT id, body_id, received_on, due_on, version, provisional_deadline, "
	 "       correction_notice_due, next_subdeadline, clock::text "
	 "FROM requests WHERE status <> 'closed' ORDER BY id FOR UPDATE"},
	{NULL, NULL},
};
