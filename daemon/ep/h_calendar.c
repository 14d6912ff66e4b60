/* The calendar API: a year's days off and make-up days, editing a day,
 * importing a file and unloading a year (admins of a top-level body: the
 * calendar is one for the whole deployment), and the desk calculator.  A
 * change recomputes every open request's deadlines in the same transaction,
 * recording a deadline_recomputed event where a date moved, and reaches
 * every ogid at once (NOTIFY from the tables' triggers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "lib/calendar_import.h"
#include "daemon/ep/ep.h"
#include "lib/db/calendar_ops.h"
#include "lib/db/requests.h"

static bool year_param(struct ctx *c, long long year, enum MHD_Result *result)
{
	if (year >= OGI_DATE_MIN_YEAR && year <= OGI_DATE_MAX_YEAR)
		return true;
	struct spec_errors errs = {0};
	spec_date_range_error(&errs, "year");
	*result = reply_invalid(c, &errs);
	return false;
}

/* Every office's deadlines count with the one calendar, so a change moves the due dates of
 * bodies a street office's admin has no say over: only an admin of a top-level body may make
 * one.  Checked before the input is looked at. */
static bool calendar_changer(struct ctx *c, enum MHD_Result *result)
{
	if (auth_calendar_admin(&c->auth))
		return true;
	*result = reply_problem(c, OGI_E_CALENDAR_TOP_LEVEL_ONLY,
				"%s holds the admin role on no top-level body (a body without a parent)",
				c->auth.username);
	return false;
}

enum MHD_Result h_calendar_get(struct ctx *c)
{
	enum MHD_Result result;
	if (!year_param(c, c->id, &result))
		return result;
	int year = (int)c->id;
	struct calendar_ref ref = calendar_acquire();
	json_t *days = json_array();
	int workdays = 0;
	char buf[OGI_DATE_STRLEN];
	for (ogi_date d = ogi_date_from_ymd(year, 1, 1); d < ogi_date_from_ymd(year + 1, 1, 1); d++) {
		const char *name;
		enum ogi_day_kind k = ogi_calendar_day(ref.cal, d, &name);
		if (ogi_is_workday(ref.cal, d))
			workdays++;
		if (k == OGI_DAY_RULE)
			continue;
		json_array_append_new(days, json_pack("{s:s, s:s, s:s}", "date", ogi_date_format(d, buf),
						      "kind", k == OGI_DAY_HOLIDAY ? "holiday" : "workday",
						      "name", name));
	}
	bool loaded = ogi_calendar_year_loaded(ref.cal, year);
	const char *source = ogi_calendar_year_source(ref.cal, year);
	json_t *out = json_pack("{s:i, s:b, s:o, s:i, s:o}", "year", year, "loaded", loaded, "source",
				source ? json_string(source) : json_null(), "workdays", workdays, "days",
				days);
	int years[256];
	int nyears = ogi_calendar_years(ref.cal, years, 256);
	json_t *loaded_years = json_array();
	for (int i = 0; i < nyears; i++)
		json_array_append_new(loaded_years, json_integer(years[i]));
	json_object_set_new(out, "loaded_years", loaded_years);
	calendar_release(ref);
	return reply_json(c, 200, out);
}

struct day_edit {
	struct ctx *c;
	ogi_date day;
	int kind; /* 0 holiday, 1 workday, 2 rule (remove the exception) */
	const char *name;
	int moved;
};

static const char *const edit_kinds[] = {"holiday", "workday", "rule", NULL};

static int after_change(struct ogi_db *db, const struct auth *a, int *moved)
{
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", a->user_id);
	return ogi_db_recompute_open(db, a->user_id ? uid : NULL, a->username, moved);
}

static int day_edit_tx(struct ogi_db *db, void *cls)
{
	struct day_edit *in = cls;
	char day[OGI_DATE_STRLEN];
	ogi_date_format(in->day, day);
	const char *p[] = {day};
	PGresult *old;
	int n = ogi_db_exec(db, "calendar_day_get", 1, p, &old);
	if (n < 0)
		return n;
	json_t *old_value = n ? json_pack("{s:s, s:s}", "kind", ogi_db_str(old, 0, 0), "name",
					  ogi_db_str(old, 0, 1))
			      : json_null();
	PQclear(old);
	if (in->kind == 2) {
		n = ogi_db_exec(db, "calendar_day_delete", 1, p, NULL);
	} else {
		char source[96];
		snprintf(source, sizeof source, "edited by %s", in->c->auth.username);
		const char *up[] = {day, edit_kinds[in->kind], in->name, source};
		n = ogi_db_exec(db, "calendar_day_upsert", 4, up, NULL);
	}
	if (n < 0) {
		json_decref(old_value);
		return n;
	}
	json_t *new_value = json_pack("{s:s, s:s, s:s}", "day", day, "kind", edit_kinds[in->kind],
				      "name", in->name ? in->name : "");
	n = audit_record(db, &in->c->auth, "calendar", ogi_date_year(in->day), "edit day", old_value,
			 new_value);
	json_decref(old_value);
	json_decref(new_value);
	return n < 0 ? n : after_change(db, &in->c->auth, &in->moved);
}

/* The body of PUT …/days/{date}: {kind, name}; the date is the path's. */
static bool day_edit_parse(json_t *body, struct day_edit *in, struct spec_errors *errs)
{
	bool has_name = false;
	struct spec spec[] = {
		SPEC_ENUM("kind", edit_kinds, &in->kind),
		SPEC_OPT(&has_name, SPEC_F_STRING("name", &in->name, 60)),
		SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (in->kind != 2 && (!has_name || in->name[0] == '\0'))
		spec_error_add(errs, "name", "required", "请填写节日名称", "name the holiday");
	return errs->n == 0;
}

bool in_calendar_day_put(json_t *body, struct spec_errors *errs)
{
	struct day_edit in = {.name = ""};
	return day_edit_parse(body, &in, errs);
}

enum MHD_Result h_calendar_day_put(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_changer(c, &result))
		return result;
	struct day_edit in = {.c = c, .name = ""};
	struct spec_errors errs = {0};
	if (!ogi_date_parse(c->param, &in.day)) {
		spec_error_add(&errs, "date", "date", "不是有效日期（格式 YYYY-MM-DD）",
			       "not a valid date (YYYY-MM-DD)");
		return reply_invalid(c, &errs);
	}
	if (!year_param(c, ogi_date_year(in.day), &result))
		return result;
	if (!day_edit_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (ogi_db_tx(db, "edit calendar day", day_edit_tx, &in) != 0)
		return reply_db_error(c, db);
	calendar_reload(db);
	return reply_json(c, 200, json_pack("{s:s, s:s, s:i}", "date", c->param, "kind",
					    edit_kinds[in.kind], "requests_moved", in.moved));
}

struct import_tx {
	struct ctx *c;
	struct ogi_import imp;
	int moved, stored;
};

static int import_tx(struct ogi_db *db, void *cls)
{
	struct import_tx *in = cls;
	char source[160];
	snprintf(source, sizeof source, "imported by %s", in->c->auth.username);
	int rc = ogi_db_calendar_store(db, &in->imp, source, &in->stored);
	if (rc != 0)
		return rc;
	json_t *years = json_array();
	for (int y = 0; y < in->imp.nyears; y++)
		json_array_append_new(years, json_integer(in->imp.years[y]));
	json_t *v = json_pack("{s:o, s:i}", "years", years, "days", in->stored);
	rc = audit_record(db, &in->c->auth, "calendar", in->imp.years[0], "import", NULL, v);
	json_decref(v);
	return rc < 0 ? rc : after_change(db, &in->c->auth, &in->moved);
}

enum MHD_Result h_calendar_import(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_changer(c, &result))
		return result;
	struct import_tx in = {.c = c};
	struct spec_errors errs = {0};
	if (!ogi_calendar_import_parse(c->body ? c->body : "", c->body_len, &in.imp)) {
		spec_error_add(&errs, "file", "calendar_import_invalid", in.imp.error, in.imp.error);
		return reply_invalid(c, &errs);
	}
	/* a well-formed file that is no year's arrangement (an empty days array) would mark the
	   year loaded and every deadline into it certain */
	struct ogi_import_check check;
	if (!ogi_calendar_import_plausible(&in.imp, &check)) {
		for (int i = 0; i < check.nmessages; i++)
			spec_error_add(&errs, "file", "calendar_import_implausible", check.message[i].zh,
				       check.message[i].en);
		ogi_import_free(&in.imp);
		return reply_invalid(c, &errs);
	}
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL) {
		ogi_import_free(&in.imp);
		return result;
	}
	int rc = ogi_db_tx(db, "import calendar", import_tx, &in);
	json_t *years = json_array();
	for (int y = 0; y < in.imp.nyears; y++)
		json_array_append_new(years, json_integer(in.imp.years[y]));
	ogi_import_free(&in.imp);
	if (rc != 0) {
		json_decref(years);
		return reply_db_error(c, db);
	}
	calendar_reload(db);
	return reply_json(c, 200, json_pack("{s:o, s:i, s:i}", "years", years, "days_stored",
					    in.stored, "requests_moved", in.moved));
}

struct unload_tx {
	struct ctx *c;
	int year, removed, moved;
};

static int unload_tx(struct ogi_db *db, void *cls)
{
	struct unload_tx *in = cls;
	json_t *old;
	int rc = ogi_db_calendar_unload(db, in->year, &old, &in->removed);
	if (rc == OGI_DB_CALENDAR_NOT_LOADED)
		return OGI_E_NOT_FOUND;
	if (rc != 0)
		return rc;
	rc = audit_record(db, &in->c->auth, "calendar", in->year, "unload", old, NULL);
	json_decref(old);
	return rc < 0 ? rc : after_change(db, &in->c->auth, &in->moved);
}

enum MHD_Result h_calendar_delete(struct ctx *c)
{
	enum MHD_Result result;
	if (!calendar_changer(c, &result) || !year_param(c, c->id, &result))
		return result;
	struct unload_tx in = {.c = c, .year = (int)c->id};
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_tx(db, "unload calendar year", unload_tx, &in);
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "the calendar of %d is not loaded", in.year);
	if (rc != 0)
		return reply_db_error(c, db);
	calendar_reload(db);
	return reply_json(c, 200, json_pack("{s:i, s:i, s:i}", "year", in.year, "days_removed",
					    in.removed, "requests_moved", in.moved));
}

enum MHD_Result h_workdays_add(struct ctx *c)
{
	struct spec_errors errs = {0};
	const char *from_text = query(c, "from"), *days_text = query(c, "days");
	ogi_date from = 0;
	long days = -1;
	if (from_text == NULL || !ogi_date_parse(from_text, &from))
		spec_error_add(&errs, "from", "date", "不是有效日期（格式 YYYY-MM-DD）",
			       "not a valid date (YYYY-MM-DD)");
	else if (!ogi_date_in_range(from))
		spec_date_range_error(&errs, "from");
	char *end = NULL;
	if (days_text != NULL)
		days = strtol(days_text, &end, 10);
	if (days_text == NULL || *days_text == '\0' || *end != '\0' || days < 0 || days > 10000)
		spec_error_add(&errs, "days", "range", "工作日数须为 0 至 10000 的整数",
			       "days must be an integer from 0 to 10000");
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	struct calendar_ref ref = calendar_acquire();
	bool provisional = false;
	ogi_date date = ogi_add_workdays(ref.cal, from, (int)days, &provisional);
	json_t *skipped = json_array(), *counted = json_array();
	struct ogi_day_note notes[400];
	int n = date - from <= 560 ? ogi_calendar_notes(ref.cal, from, date, notes, 400) : 0;
	char buf[OGI_DATE_STRLEN], fbuf[OGI_DATE_STRLEN];
	for (int i = 0; i < n; i++) {
		if (notes[i].kind == OGI_DAY_WORKDAY)
			json_array_append_new(counted, json_pack("{s:s, s:s}", "date",
								 ogi_date_format(notes[i].day, buf),
								 "name", notes[i].name));
		else
			json_array_append_new(
				skipped, json_pack("{s:s, s:s, s:o}", "date", ogi_date_format(notes[i].day, buf),
						   "reason", notes[i].kind == OGI_DAY_HOLIDAY ? "holiday" : "weekend",
						   "name", notes[i].name ? json_string(notes[i].name) : json_null()));
	}
	calendar_release(ref);
	return reply_json(c, 200, json_pack("{s:s, s:i, s:s, s:b, s:o, s:o}", "from",
					    ogi_date_format(from, fbuf), "days", (int)days, "date",
					    ogi_date_format(date, buf), "provisional", provisional,
					    "skipped", skipped, "makeup_counted", counted));
}
