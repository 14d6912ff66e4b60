/* The calendar in the database (see calendar_ops.h). */
#include "lib/db/calendar_ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/events.h"
#include "lib/db/requests.h"
#include "lib/projection.h"

struct ogi_calendar *ogi_db_calendar_load(struct ogi_db *db)
{
	PGresult *years, *days;
	if (ogi_db_exec(db, "calendar_years_all", 0, NULL, &years) < 0)
		return NULL;
	if (ogi_db_exec(db, "calendar_days_all", 0, NULL, &days) < 0) {
		PQclear(years);
		return NULL;
	}
	struct ogi_calendar *cal = ogi_calendar_new();
	bool ok = cal != NULL;
	for (int i = 0; ok && i < PQntuples(years); i++)
		ok = ogi_calendar_add_year(cal, (int)ogi_db_int(years, i, 0), ogi_db_str(years, i, 1));
	for (int i = 0; ok && i < PQntuples(days); i++) {
		ogi_date d;
		ok = ogi_date_parse(ogi_db_str(days, i, 0), &d) &&
		     ogi_calendar_set_day(cal, d,
					  strcmp(ogi_db_str(days, i, 1), "holiday") == 0 ? OGI_DAY_HOLIDAY
											: OGI_DAY_WORKDAY,
					  ogi_db_str(days, i, 2));
	}
	PQclear(years);
	PQclear(days);
	if (!ok || !ogi_calendar_finish(cal)) {
		ogi_calendar_free(cal);
		return NULL;
	}
	return cal;
}


int ogi_db_calendar_store(struct ogi_db *db, const struct ogi_import *imp, const char *source,
			  int *stored)
{
	*stored = 0;
	for (int y = 0; y < imp->nyears; y++) {
		char year[8];
		snprintf(year, sizeof year, "%d", imp->years[y]);
		const char *p[] = {year, source};
		int rc;
		if ((rc = ogi_db_exec(db, "calendar_year_clear", 1, p, NULL)) < 0 ||
		    (rc = ogi_db_exec(db, "calendar_year_upsert", 2, p, NULL)) < 0)
			return rc;
	}
	for (size_t i = 0; i < imp->ndays; i++) {
		const struct ogi_import_day *d = &imp->days[i];
		bool weekend = ogi_date_weekday(d->day) >= 6;
		/* only what changes the weekday rule is stored, and only for the years imported */
		bool ours = false;
		for (int y = 0; y < imp->nyears; y++)
			ours = ours || ogi_date_year(d->day) == imp->years[y];
		if (!ours || (d->kind == OGI_DAY_HOLIDAY) == weekend)
			continue;
		char day[OGI_DATE_STRLEN];
		const char *p[] = {ogi_date_format(d->day, day),
				   d->kind == OGI_DAY_HOLIDAY ? "holiday" : "workday", d->name, source};
		int rc = ogi_db_exec(db, "calendar_day_upsert", 4, p, NULL);
		if (rc < 0)
			return rc;
		(*stored)++;
	}
	return 0;
}

int ogi_db_calendar_unload(struct ogi_db *db, int year, json_t **old, int *removed)
{
	*old = NULL;
	*removed = 0;
	char year_text[8];
	snprintf(year_text, sizeof year_text, "%d", year);
	const char *p[] = {year_text};
	PGresult *loaded, *days;
	/* the row first: a second unload at the same time waits for this one and finds none */
	int n = ogi_db_exec(db, "calendar_year_delete", 1, p, &loaded);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(loaded);
		return OGI_DB_CALENDAR_NOT_LOADED;
	}
	json_t *was = json_pack("{s:i, s:s}", "year", year, "source", ogi_db_str(loaded, 0, 0));
	PQclear(loaded);
	if ((n = ogi_db_exec(db, "calendar_year_days_delete", 1, p, &days)) < 0) {
		json_decref(was);
		return n;
	}
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "day", ogi_db_str(days, i, 0),
						      "kind", ogi_db_str(days, i, 1), "name",
						      ogi_db_str(days, i, 2)));
	PQclear(days);
	json_object_set_new(was, "days", list);
	*old = was;
	*removed = n;
	return 0;
}

/* Whether a stored date column (text or NULL) differs from d. */
static bool date_moved(const char *stored, ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	if (stored == NULL || d == OGI_DATE_NONE)
		return (stored == NULL) != (d == OGI_DATE_NONE);
	return strcmp(stored, ogi_date_format(d, buf)) != 0;
}

static json_t *date_or_null(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

/* Recomputes the open requests with cal (the calendar as this transaction
 * sees it).  A request whose projection changed is stored again (version + 1):
 * where one of its dates moved, with a deadline_recomputed event saying from
 * what to what; where only the provisional flag or a window changed, without. */
static int recompute_with(struct ogi_db *db, const struct ogi_calendar *cal, const char *actor_id,
			  const char *actor, int *moved)
{
	PGresult *open;
	int n = ogi_db_exec(db, "open_requests_lock", 0, NULL, &open);
	if (n < 0)
		return n;
	int rc = 0;
	*moved = 0;
	struct ogi_actor who = {.user_id = actor_id ? strtoll(actor_id, NULL, 10) : 0, .name = actor};
	struct ogi_event_list events = {0};
	ogi_date today = ogi_today();
	for (int i = 0; i < n && rc == 0; i++) {
		long long id = ogi_db_int(open, i, 0);
		ogi_date received_on;
		ogi_date_parse(ogi_db_str(open, i, 2), &received_on);
		if ((rc = ogi_db_events_load(db, id, &events)) != 0)
			break;
		struct ogi_projection pr;
		ogi_projection_compute(cal, received_on, events.e, events.n, &pr);
		const char *old_due = ogi_db_str(open, i, 3), *old_notice = ogi_db_str(open, i, 6),
			   *old_next = ogi_db_str(open, i, 7);
		bool dates_moved = date_moved(old_due, pr.due_on) ||
				   date_moved(old_notice, pr.correction_notice_due) ||
				   date_moved(old_next, pr.next_subdeadline);
		json_t *old_clock = json_loads(ogi_db_str(open, i, 8), 0, NULL);
		bool changed = dates_moved || ogi_db_bool(open, i, 5) != pr.provisional ||
			       !json_equal(old_clock, pr.clock);
		json_decref(old_clock);
		if (dates_moved) {
			json_t *payload = json_pack(
				"{s:o, s:o, s:o, s:o, s:o, s:o}", "from",
				old_due ? json_string(old_due) : json_null(), "to", date_or_null(pr.due_on),
				"correction_notice_due_from",
				old_notice ? json_string(old_notice) : json_null(),
				"correction_notice_due_to", date_or_null(pr.correction_notice_due),
				"next_subdeadline_from", old_next ? json_string(old_next) : json_null(),
				"next_subdeadline_to", date_or_null(pr.next_subdeadline));
			rc = ogi_db_event_insert(db, id, ogi_db_int(open, i, 1), OGI_EV_DEADLINE_RECOMPUTED,
						 today, payload, &who, NULL);
			json_decref(payload);
			(*moved)++;
		}
		if (rc == 0 && changed) {
			struct ogi_request row;
			rc = ogi_db_request_store_projection(db, id, &pr, &row);
			if (rc == 0)
				ogi_request_free(&row);
		}
		ogi_projection_free(&pr);
	}
	ogi_event_list_free(&events);
	PQclear(open);
	return rc;
}

int ogi_db_recompute_open(struct ogi_db *db, const char *actor_id, const char *actor, int *moved)
{
	struct ogi_calendar *cal = ogi_db_calendar_load(db);
	if (cal == NULL)
		return OGI_DB_HARD;
	int rc = recompute_with(db, cal, actor_id, actor, moved);
	ogi_calendar_free(cal);
	return rc;
}
