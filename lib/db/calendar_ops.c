/* Statements of the working-day calendar and its typed functions (see calendar_ops.h). */
#include "lib/db/calendar_ops.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api/errors.h"
#include "lib/db/audit.h"
#include "lib/db/events.h"
#include "lib/db/pq.h"
#include "lib/db/requests.h"
#include "lib/projection.h"

/* the days of the year $1 */
#define IN_YEAR "day >= make_date($1::int, 1, 1) AND day < make_date($1::int + 1, 1, 1)"

const struct ogi_statement ogi_db_statements_calendar[] = {
    {"calendar_years_all", "SELECT year, source FROM calendar_years ORDER BY year"},
    {"calendar_days_all", "SELECT day, kind, name FROM calendar_days ORDER BY day"},
    {"calendar_year_get", "SELECT source FROM calendar_years WHERE year = $1::int"},
    {"calendar_year_days",
     "SELECT day, kind, name FROM calendar_days WHERE " IN_YEAR " ORDER BY day"},
    {"calendar_day_get", "SELECT kind, name FROM calendar_days WHERE day = $1::date"},
    {"calendar_day_upsert",
     "INSERT INTO calendar_days (day, kind, name, source) VALUES ($1::date, $2, $3, $4) "
     "ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, "
     "source = EXCLUDED.source"},
    {"calendar_day_delete", "DELETE FROM calendar_days WHERE day = $1::date"},
    {"calendar_year_clear", "DELETE FROM calendar_days WHERE " IN_YEAR},
    {"calendar_year_delete", "DELETE FROM calendar_years WHERE year = $1::int RETURNING source"},
    {"calendar_year_days_delete",
     "WITH gone AS (DELETE FROM calendar_days WHERE " IN_YEAR " RETURNING day, kind, name) "
     "SELECT day, kind, name FROM gone ORDER BY day"},
    {"calendar_year_upsert",
     "INSERT INTO calendar_years (year, source) VALUES ($1::int, $2) ON CONFLICT (year) "
     "DO UPDATE SET source = EXCLUDED.source, loaded_at = now()"},
    {"open_requests_lock",
     "SELECT id, body_id, received_on, due_on, provisional_deadline, correction_notice_due, "
     "       next_subdeadline, clock::text AS clock "
     "FROM requests WHERE status <> 'closed' ORDER BY id FOR UPDATE"},
    {NULL, NULL},
};

/* A copy of a text column that is never NULL (NOT NULL in the schema). */
static char *dup_text(const char *s)
{
	return strdup(s ? s : "");
}

/* A stored kind ('holiday' or 'workday'); OGI_DAY_RULE for anything else. */
static enum ogi_day_kind kind_of(const char *text)
{
	int k = text ? ogi_enum_parse(ogi_day_kind_names, text) : -1;
	return k == OGI_DAY_HOLIDAY || k == OGI_DAY_WORKDAY ? (enum ogi_day_kind)k : OGI_DAY_RULE;
}

struct ogi_calendar *ogi_db_calendar_load(struct ogi_db *db)
{
	PGresult *years, *days;
	int nyears = pq_run(db, "calendar_years_all", NULL, &years);
	if (nyears < 0)
		return NULL;
	int ndays = pq_run(db, "calendar_days_all", NULL, &days);
	if (ndays < 0) {
		PQclear(years);
		return NULL;
	}
	struct ogi_calendar *cal = ogi_calendar_new();
	bool ok = cal != NULL;
	for (int i = 0; ok && i < nyears; i++)
		ok = ogi_calendar_add_year(cal, (int)pq_getint(years, i, "year"),
		                           pq_get(years, i, "source"));
	for (int i = 0; ok && i < ndays; i++) {
		ogi_date d = pq_getdate(days, i, "day");
		ok = d != OGI_DATE_NONE &&
		     ogi_calendar_set_day(cal, d, kind_of(pq_get(days, i, "kind")),
		                          pq_get(days, i, "name"));
	}
	PQclear(years);
	PQclear(days);
	if (!ok || !ogi_calendar_finish(cal)) {
		ogi_calendar_free(cal);
		return NULL;
	}
	return cal;
}

int ogi_db_calendar_year_get(struct ogi_db *db, int year, struct ogi_stored_year *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	struct pq_params p = {0};
	pq_int(&p, year);
	PGresult *res;
	int n = pq_run(db, "calendar_year_get", &p, &res);
	if (n < 0)
		return n;
	out->loaded = n > 0;
	out->source = n > 0 ? dup_text(pq_get(res, 0, "source")) : NULL;
	PQclear(res);
	if (out->loaded && out->source == NULL)
		return OGI_DB_HARD;
	if ((n = pq_run(db, "calendar_year_days", &p, &res)) < 0) {
		ogi_stored_year_free(out);
		return n;
	}
	out->days = n > 0 ? calloc((size_t)n, sizeof *out->days) : NULL;
	bool ok = n == 0 || out->days != NULL;
	for (int i = 0; ok && i < n; i++) {
		struct ogi_stored_day *d = &out->days[i];
		d->day = pq_getdate(res, i, "day");
		d->kind = kind_of(pq_get(res, i, "kind"));
		d->name = dup_text(pq_get(res, i, "name"));
		ok = d->name != NULL;
		out->ndays = (size_t)i + 1;
	}
	PQclear(res);
	if (!ok) {
		ogi_stored_year_free(out);
		return OGI_DB_HARD;
	}
	return 0;
}

int ogi_db_calendar_day_set(struct ogi_db *db, ogi_date day, enum ogi_day_kind kind,
                            const char *name, struct ogi_calendar_change *ch)
{
	struct pq_params p = {0};
	pq_date(&p, day);
	PGresult *old;
	int n = pq_run(db, "calendar_day_get", &p, &old);
	if (n < 0)
		return n;
	json_t *old_value = n ? json_pack("{s:s, s:s}", "kind", pq_get(old, 0, "kind"), "name",
	                                  pq_get(old, 0, "name"))
	                      : NULL;
	PQclear(old);
	if (kind == OGI_DAY_RULE) {
		n = pq_run(db, "calendar_day_delete", &p, NULL);
	} else {
		pq_str(&p, ogi_day_kind_names[kind]);
		pq_str(&p, name);
		pq_str(&p, ch->source);
		n = pq_run(db, "calendar_day_upsert", &p, NULL);
	}
	if (n < 0) {
		json_decref(old_value);
		return n;
	}
	char text[OGI_DATE_STRLEN];
	json_t *new_value = json_pack("{s:s, s:s, s:s}", "day", ogi_date_format(day, text), "kind",
	                              ogi_day_kind_names[kind], "name", name ? name : "");
	n = ogi_db_audit_insert(db, ch->actor, "calendar", ogi_date_year(day), "edit day",
	                        old_value, new_value);
	json_decref(old_value);
	json_decref(new_value);
	return n != 0 ? n : ogi_db_recompute_open(db, ch->actor, &ch->moved);
}

/* Whether day lies in one of the years imp loads. */
static bool imported_year(const struct ogi_import *imp, ogi_date day)
{
	for (int y = 0; y < imp->nyears; y++)
		if (ogi_date_year(day) == imp->years[y])
			return true;
	return false;
}

static int store(struct ogi_db *db, const struct ogi_import *imp, const char *source, int *stored)
{
	*stored = 0;
	for (int y = 0; y < imp->nyears; y++) {
		struct pq_params p = {0};
		pq_int(&p, imp->years[y]);
		int rc = pq_run(db, "calendar_year_clear", &p, NULL);
		pq_str(&p, source);
		if (rc < 0 || (rc = pq_run(db, "calendar_year_upsert", &p, NULL)) < 0)
			return rc;
	}
	for (size_t i = 0; i < imp->ndays; i++) {
		const struct ogi_import_day *d = &imp->days[i];
		bool weekend = ogi_date_weekday(d->day) >= 6;
		/* only what changes the weekday rule is stored, and only for the years imported */
		if (!imported_year(imp, d->day) || (d->kind == OGI_DAY_HOLIDAY) == weekend)
			continue;
		struct pq_params p = {0};
		pq_date(&p, d->day);
		pq_str(&p, d->kind == OGI_DAY_HOLIDAY ? "holiday" : "workday");
		pq_str(&p, d->name);
		pq_str(&p, source);
		int rc = pq_run(db, "calendar_day_upsert", &p, NULL);
		if (rc < 0)
			return rc;
		(*stored)++;
	}
	return 0;
}

int ogi_db_calendar_import(struct ogi_db *db, const struct ogi_import *imp,
                           struct ogi_calendar_change *ch)
{
	int rc = store(db, imp, ch->source, &ch->days);
	if (rc != 0)
		return rc;
	json_t *years = json_array();
	for (int y = 0; y < imp->nyears; y++)
		json_array_append_new(years, json_integer(imp->years[y]));
	json_t *v = json_pack("{s:o, s:i}", "years", years, "days", ch->days);
	rc = ogi_db_audit_insert(db, ch->actor, "calendar", imp->years[0], "import", NULL, v);
	json_decref(v);
	return rc != 0 ? rc : ogi_db_recompute_open(db, ch->actor, &ch->moved);
}

int ogi_db_calendar_unload(struct ogi_db *db, int year, struct ogi_calendar_change *ch)
{
	ch->days = 0;
	struct pq_params p = {0};
	pq_int(&p, year);
	PGresult *loaded, *days;
	/* the row first: a second unload at the same time waits for this one and finds none */
	int n = pq_run(db, "calendar_year_delete", &p, &loaded);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(loaded);
		return OGI_E_NOT_FOUND;
	}
	json_t *was = json_pack("{s:i, s:s}", "year", year, "source", pq_get(loaded, 0, "source"));
	PQclear(loaded);
	if ((n = pq_run(db, "calendar_year_days_delete", &p, &days)) < 0) {
		json_decref(was);
		return n;
	}
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
		    list, json_pack("{s:s, s:s, s:s}", "day", pq_get(days, i, "day"), "kind",
		                    pq_get(days, i, "kind"), "name", pq_get(days, i, "name")));
	PQclear(days);
	json_object_set_new(was, "days", list);
	ch->days = n;
	int rc = ogi_db_audit_insert(db, ch->actor, "calendar", year, "unload", was, NULL);
	json_decref(was);
	return rc != 0 ? rc : ogi_db_recompute_open(db, ch->actor, &ch->moved);
}

static json_t *date_or_null(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

/* An open request as the recomputation reads it: what it had stored. */
struct open_request {
	long long id, body_id;
	ogi_date received_on, due_on, correction_notice_due, next_subdeadline;
	bool provisional;
	const char *clock; /* the stored clock as JSON text (in the result) */
};

static void open_read(const PGresult *res, int row, struct open_request *out)
{
	out->id = pq_getint(res, row, "id");
	out->body_id = pq_getint(res, row, "body_id");
	out->received_on = pq_getdate(res, row, "received_on");
	out->due_on = pq_getdate(res, row, "due_on");
	out->correction_notice_due = pq_getdate(res, row, "correction_notice_due");
	out->next_subdeadline = pq_getdate(res, row, "next_subdeadline");
	out->provisional = pq_getbool(res, row, "provisional_deadline");
	out->clock = pq_get(res, row, "clock");
}

/* The one request r with cal: stored again when its projection changed, with
 * a deadline_recomputed event (and *moved counted) when one of its dates moved. */
struct recompute {
	const struct ogi_calendar *cal;
	const struct ogi_actor *actor;
	ogi_date today;               /* the day of the deadline_recomputed events */
	struct ogi_event_list events; /* reused for each request */
	int moved;
};

static int recompute_one(struct ogi_db *db, const struct open_request *r, struct recompute *w)
{
	int rc = ogi_db_events_load(db, r->id, &w->events);
	if (rc != 0)
		return rc;
	struct ogi_projection pr;
	ogi_projection_compute(w->cal, r->received_on, w->events.e, w->events.n, &pr);
	bool dates_moved = r->due_on != pr.due_on ||
	                   r->correction_notice_due != pr.correction_notice_due ||
	                   r->next_subdeadline != pr.next_subdeadline;
	json_t *old_clock = r->clock ? json_loads(r->clock, 0, NULL) : NULL;
	/* where only the provisional flag or a window changed, stored without an event */
	bool changed =
	    dates_moved || r->provisional != pr.provisional || !json_equal(old_clock, pr.clock);
	json_decref(old_clock);
	if (dates_moved) {
		json_t *payload =
		    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "from", date_or_null(r->due_on),
		              "to", date_or_null(pr.due_on), "correction_notice_due_from",
		              date_or_null(r->correction_notice_due), "correction_notice_due_to",
		              date_or_null(pr.correction_notice_due), "next_subdeadline_from",
		              date_or_null(r->next_subdeadline), "next_subdeadline_to",
		              date_or_null(pr.next_subdeadline));
		rc = ogi_db_event_insert(db, r->id, r->body_id, OGI_EV_DEADLINE_RECOMPUTED,
		                         w->today, payload, w->actor, NULL);
		json_decref(payload);
		w->moved++;
	}
	if (rc == 0 && changed) {
		struct ogi_request row;
		rc = ogi_db_request_store_projection(db, r->id, &pr, &row);
		if (rc == 0)
			ogi_request_free(&row);
	}
	ogi_projection_free(&pr);
	return rc;
}

int ogi_db_recompute_open(struct ogi_db *db, const struct ogi_actor *actor, int *moved)
{
	*moved = 0;
	struct recompute w = {.actor = actor, .today = ogi_today()};
	struct ogi_calendar *cal = ogi_db_calendar_load(db);
	if (cal == NULL)
		return OGI_DB_HARD;
	w.cal = cal;
	PGresult *open;
	int n = pq_run(db, "open_requests_lock", NULL, &open);
	int rc = n < 0 ? n : 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct open_request r;
		open_read(open, i, &r);
		rc = recompute_one(db, &r, &w);
	}
	ogi_event_list_free(&w.events);
	if (n >= 0)
		PQclear(open);
	ogi_calendar_free(cal);
	*moved = w.moved;
	return rc;
}
