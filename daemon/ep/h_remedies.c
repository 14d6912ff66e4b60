/* Reconsideration (行政复议) and litigation (行政诉讼) records of a request:
 * POST to file, PATCH to record what happened next (acceptance, decision,
 * service, court instances), GET with the dates that follow and the
 * record's history.  Every change is written to audit_log (who, when, old
 * and new value) in the same transaction; nothing is deleted.  The rules
 * (lib/remedies.h): a decision is not dated before its filing, instances
 * follow each other in a lawful order, a recorded decision is changed only
 * with a correction_reason, a suit after reconsideration follows the
 * reconsideration's decision or the end of its period, and a direct suit is
 * not filed while a reconsideration of the request runs (行政复议法 2023
 * art. 29).  Late filings are accepted and flagged, and from 2024-01-01 a
 * direct suit against a withholding reply is flagged as needing
 * reconsideration first (art. 23). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_dates.h"
#include "daemon/ep/fees_remedies.h"
#include "daemon/ep/ep.h"
#include "lib/db/request_columns.h"
#include "lib/refuse.h"
#include "lib/remedies.h"
#include "lib/db/remedy_records.h"
#include "lib/report.h"
#include "daemon/core/lock_guard.h"
#include "daemon/ep/request_rows.h"
#include "lib/db/requests.h"

static const char *const procedure_names[] = {"ordinary", "simple", NULL};

#define MAX_INSTANCES 16

/* ---- records as C structs ---------------------------------------------- */

struct rc {
	long long id, request_id, body_id, version;
	ogi_date filed_on, accepted_on, decided_on, served_on;
	char authority[1024], case_no[512], notes[8192];
	bool has_case_no, has_notes;
	int procedure, extension_days, decision; /* decision −1: none */
	bool late_filing;
	ogi_date redo_due, redone_on; /* an order to reply anew, and the new reply */
	char created_at[40];
	long long created_by;
};

struct inst {
	long long id;
	int seq, kind, procedure, judgment; /* judgment −1: none */
	char court[1024], case_no[512];
	bool has_court, has_case_no;
	ogi_date filed_on, served_on, hearing_on, decided_on, judgment_served_on;
	ogi_date redo_due, redone_on;
	enum ogi_remedy_result result;
};

struct lit {
	long long id, request_id, body_id, version, reconsideration_id; /* 0: none */
	ogi_date filed_on;
	char court[1024], case_no[512], notes[8192];
	bool has_case_no, has_notes;
	int route;
	bool late_filing, needs_reconsideration;
	char created_at[40];
	long long created_by;
	int ninst;
	struct inst inst[MAX_INSTANCES];
};

static void copy_text(char *dst, size_t len, bool *has, const char *src)
{
	if (has)
		*has = src != NULL;
	snprintf(dst, len, "%s", src ? src : "");
}

static void rc_load(PGresult *res, int i, struct rc *r)
{
	memset(r, 0, sizeof *r);
	r->id = ogi_db_int(res, i, RCC_ID);
	r->request_id = ogi_db_int(res, i, RCC_REQUEST_ID);
	r->body_id = ogi_db_int(res, i, RCC_BODY_ID);
	r->version = ogi_db_int(res, i, RCC_VERSION);
	r->filed_on = date_column(res, i, RCC_FILED_ON);
	r->accepted_on = date_column(res, i, RCC_ACCEPTED_ON);
	r->decided_on = date_column(res, i, RCC_DECIDED_ON);
	r->served_on = date_column(res, i, RCC_SERVED_ON);
	r->redo_due = date_column(res, i, RCC_REDO_DUE);
	r->redone_on = date_column(res, i, RCC_REDONE_ON);
	copy_text(r->authority, sizeof r->authority, NULL, ogi_db_str(res, i, RCC_AUTHORITY));
	copy_text(r->case_no, sizeof r->case_no, &r->has_case_no, ogi_db_str(res, i, RCC_CASE_NO));
	copy_text(r->notes, sizeof r->notes, &r->has_notes, ogi_db_str(res, i, RCC_NOTES));
	r->procedure = ogi_enum_parse(procedure_names, ogi_db_str(res, i, RCC_PROCEDURE));
	r->extension_days = (int)ogi_db_int(res, i, RCC_EXTENSION_DAYS);
	r->decision = ogi_enum_parse(ogi_rc_decision_names, ogi_db_str(res, i, RCC_DECISION));
	r->late_filing = ogi_db_bool(res, i, RCC_LATE_FILING);
	copy_text(r->created_at, sizeof r->created_at, NULL, ogi_db_str(res, i, RCC_CREATED_AT));
	r->created_by = ogi_db_int(res, i, RCC_CREATED_BY);
}

static void inst_load(PGresult *res, int i, struct inst *x)
{
	memset(x, 0, sizeof *x);
	x->id = ogi_db_int(res, i, IC_ID);
	x->seq = (int)ogi_db_int(res, i, IC_SEQ);
	x->kind = ogi_enum_parse(ogi_instance_kind_names, ogi_db_str(res, i, IC_INSTANCE));
	x->procedure = ogi_enum_parse(procedure_names, ogi_db_str(res, i, IC_PROCEDURE));
	x->judgment = ogi_enum_parse(ogi_judgment_names, ogi_db_str(res, i, IC_JUDGMENT));
	copy_text(x->court, sizeof x->court, &x->has_court, ogi_db_str(res, i, IC_COURT));
	copy_text(x->case_no, sizeof x->case_no, &x->has_case_no, ogi_db_str(res, i, IC_CASE_NO));
	x->filed_on = date_column(res, i, IC_FILED_ON);
	x->served_on = date_column(res, i, IC_SERVED_ON);
	x->hearing_on = date_column(res, i, IC_HEARING_ON);
	x->decided_on = date_column(res, i, IC_DECIDED_ON);
	x->judgment_served_on = date_column(res, i, IC_JUDGMENT_SERVED_ON);
	x->redo_due = date_column(res, i, IC_REDO_DUE);
	x->redone_on = date_column(res, i, IC_REDONE_ON);
	int r = ogi_enum_parse(ogi_remedy_result_names, ogi_db_str(res, i, IC_RESULT));
	x->result = r >= 0 ? (enum ogi_remedy_result)r : OGI_RESULT_PENDING;
}

static void lit_load(PGresult *res, int i, struct lit *l)
{
	memset(l, 0, offsetof(struct lit, inst));
	l->id = ogi_db_int(res, i, LC_ID);
	l->request_id = ogi_db_int(res, i, LC_REQUEST_ID);
	l->body_id = ogi_db_int(res, i, LC_BODY_ID);
	l->version = ogi_db_int(res, i, LC_VERSION);
	l->reconsideration_id = ogi_db_int(res, i, LC_RECONSIDERATION_ID);
	l->filed_on = date_column(res, i, LC_FILED_ON);
	copy_text(l->court, sizeof l->court, NULL, ogi_db_str(res, i, LC_COURT));
	copy_text(l->case_no, sizeof l->case_no, &l->has_case_no, ogi_db_str(res, i, LC_CASE_NO));
	copy_text(l->notes, sizeof l->notes, &l->has_notes, ogi_db_str(res, i, LC_NOTES));
	l->route = ogi_enum_parse(ogi_litigation_route_names, ogi_db_str(res, i, LC_ROUTE));
	l->late_filing = ogi_db_bool(res, i, LC_LATE_FILING);
	l->needs_reconsideration = ogi_db_bool(res, i, LC_RECONSIDERATION_REQUIRED);
	copy_text(l->created_at, sizeof l->created_at, NULL, ogi_db_str(res, i, LC_CREATED_AT));
	l->created_by = ogi_db_int(res, i, LC_CREATED_BY);
}

/* The instances of litigation l from an inst_of / inst_of_request(s) result. */
static void lit_instances(PGresult *insts, struct lit *l)
{
	l->ninst = 0;
	for (int i = 0; insts != NULL && i < PQntuples(insts) && l->ninst < MAX_INSTANCES; i++)
		if (ogi_db_int(insts, i, IC_LITIGATION_ID) == l->id)
			inst_load(insts, i, &l->inst[l->ninst++]);
}

static struct ogi_reconsideration_dates rc_dates(const struct rc *r)
{
	return (struct ogi_reconsideration_dates){
	    r->filed_on,       r->accepted_on,    r->decided_on, r->served_on,
	    r->procedure == 1, r->extension_days, r->redo_due,   r->redone_on};
}

static struct ogi_instance inst_lib(const struct inst *x)
{
	return (struct ogi_instance){.kind = (enum ogi_instance_kind)x->kind,
	                             .filed_on = x->filed_on,
	                             .decided_on = x->decided_on,
	                             .judgment = x->judgment,
	                             .result = x->result,
	                             .simple = x->procedure == 1,
	                             .served_on = x->served_on,
	                             .hearing_on = x->hearing_on,
	                             .judgment_served_on = x->judgment_served_on,
	                             .redo_due = x->redo_due,
	                             .redone_on = x->redone_on};
}

/* The instances in lib/remedies.h's terms; an order to reply anew is in
 * force only while no later instance was filed against it. */
static int lit_lib(const struct lit *l, struct ogi_instance *v)
{
	for (int i = 0; i < l->ninst; i++) {
		v[i] = inst_lib(&l->inst[i]);
		v[i].superseded = i + 1 < l->ninst;
	}
	return l->ninst;
}

/* ---- how a record counts in the annual report ------------------------------ */

/* The annual report (table 四) of the year a record was filed counts it in
 * one block with its result as of 31 December: lib/remedies.h's rule, the
 * one the report itself applies (lib/report.c). */
struct counted {
	int year, block;
	enum ogi_remedy_result result;
	ogi_date decisive_on; /* the decision that gives the result, or OGI_DATE_NONE */
};

static const char *const block_zh[] = {"行政复议", "行政诉讼（未经复议直接起诉）",
                                       "行政诉讼（复议后起诉）"};

static struct counted rc_counted(const struct rc *r)
{
	enum ogi_remedy_result res =
	    ogi_reconsideration_report_result(r->filed_on, r->decided_on, r->decision);
	return (struct counted){ogi_date_year(r->filed_on), OGI_REPORT_RECONSIDERATION, res,
	                        res == OGI_RESULT_PENDING ? OGI_DATE_NONE : r->decided_on};
}

static struct counted lit_counted(const struct lit *l)
{
	struct ogi_instance v[MAX_INSTANCES];
	int n = lit_lib(l, v);
	enum ogi_remedy_result res = ogi_litigation_report_result(l->filed_on, v, (size_t)n);
	ogi_date as_of = ogi_remedy_report_as_of(l->filed_on), decisive = OGI_DATE_NONE;
	for (int i = 0; i < n; i++)
		if (v[i].filed_on <= as_of)
			decisive = v[i].decided_on != OGI_DATE_NONE && v[i].decided_on <= as_of
			               ? v[i].decided_on
			               : OGI_DATE_NONE;
	return (struct counted){ogi_date_year(l->filed_on),
	                        l->route == OGI_ROUTE_DIRECT ? OGI_REPORT_LITIGATION_DIRECT
	                                                     : OGI_REPORT_LITIGATION_AFTER,
	                        res, decisive};
}

static json_t *counted_json(const struct counted *k)
{
	return json_pack("{s:i, s:s, s:s, s:s}", "year", k->year, "block",
	                 ogi_report_remedy_names[k->block], "result",
	                 ogi_remedy_result_names[k->result], "result_zh",
	                 ogi_remedy_result_labels_zh[k->result]);
}

/* ---- the request a record belongs to -------------------------------------- */

struct owner {
	long long id, body_id;
	char tracking_no[64];
	ogi_date received_on;
	int outcome;                    /* −1 while open */
	ogi_date rc_window, lit_window; /* the applicant's windows after a reply, or NONE */
};

/* ---- JSON --------------------------------------------------------------- */

static json_t *text_or_null(bool has, const char *s)
{
	return has ? json_string(s) : json_null();
}

static json_t *deadline_json(const struct ogi_remedy_deadline *d, ogi_date today)
{
	json_t *o = json_pack("{s:s, s:o, s:s, s:s, s:b, s:b, s:b, s:b}", "kind",
	                      ogi_remedy_deadline_names[d->kind], "due_on", date_or_null(d->due_on),
	                      "label_zh", ogi_remedy_deadline_labels_zh[d->kind], "label_en",
	                      ogi_remedy_deadline_labels_en[d->kind], "provisional", d->provisional,
	                      "estimated", d->estimated, "done", d->done, "pending",
	                      ogi_remedy_deadline_pending(d, today));
	return o;
}

static json_t *deadlines_json(const struct ogi_remedy_deadline *dl, int n, ogi_date today)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, deadline_json(&dl[i], today));
	return list;
}

/* What a record's JSON says besides its stored fields: first where it
 * belongs and until when it could be filed ... */
static void record_ids_json(json_t *o, long long id, long long request_id, long long body_id,
                            ogi_date window)
{
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "request_id", json_integer(request_id));
	json_object_set_new(o, "body_id", json_integer(body_id));
	json_object_set_new(o, "filing_window_ends", date_or_null(window));
}

/* ... last its state today, how the annual report counts it and its version. */
static void record_state_json(json_t *o, enum ogi_remedy_result now, const struct counted *k,
                              long long version, const char *created_at)
{
	json_object_set_new(o, "status",
	                    json_string(now == OGI_RESULT_PENDING ? "pending" : "decided"));
	json_object_set_new(o, "annual_report", counted_json(k));
	json_object_set_new(o, "version", json_integer(version));
	json_object_set_new(o, "created_at", json_string(created_at));
}

/* The stored fields only: what the audit log compares. */
static json_t *rc_fields(const struct rc *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "filed_on", date_or_null(r->filed_on));
	json_object_set_new(o, "authority", json_string(r->authority));
	json_object_set_new(o, "case_no", text_or_null(r->has_case_no, r->case_no));
	json_object_set_new(o, "accepted_on", date_or_null(r->accepted_on));
	json_object_set_new(o, "procedure", json_string(procedure_names[r->procedure]));
	json_object_set_new(o, "extension_days", json_integer(r->extension_days));
	json_object_set_new(o, "decided_on", date_or_null(r->decided_on));
	json_object_set_new(o, "decision",
	                    r->decision >= 0 ? json_string(ogi_rc_decision_names[r->decision])
	                                     : json_null());
	json_object_set_new(o, "result",
	                    r->decision >= 0
	                        ? json_string(ogi_remedy_result_names[ogi_rc_decision_result(
	                              (enum ogi_rc_decision)r->decision)])
	                        : json_null());
	json_object_set_new(o, "served_on", date_or_null(r->served_on));
	json_object_set_new(o, "redo_due", date_or_null(r->redo_due));
	json_object_set_new(o, "redone_on", date_or_null(r->redone_on));
	json_object_set_new(o, "late_filing", json_boolean(r->late_filing));
	json_object_set_new(o, "notes", text_or_null(r->has_notes, r->notes));
	return o;
}

/* A reconsideration as the API shows it; o: the request it belongs to. */
/* A reconsideration as the API shows it; own: the request it belongs to. */
static json_t *rc_json(const struct ogi_calendar *cal, const struct rc *r, const struct owner *own)
{
	json_t *o = rc_fields(r);
	ogi_date today = ogi_today();
	record_ids_json(o, r->id, r->request_id, r->body_id, own->rc_window);
	struct ogi_reconsideration_dates d = rc_dates(r);
	bool estimated = false;
	ogi_date accepted = ogi_reconsideration_accepted(cal, &d, &estimated);
	json_object_set_new(o, "accepted_or_deemed_on", date_or_null(accepted));
	json_object_set_new(o, "acceptance_deemed", json_boolean(estimated));
	enum ogi_remedy_result now = ogi_reconsideration_result_as_of(
	    r->decided_on,
	    r->decision >= 0 ? ogi_rc_decision_result((enum ogi_rc_decision)r->decision)
	                     : OGI_RESULT_PENDING,
	    today);
	struct ogi_remedy_deadline dl[4];
	int n = ogi_reconsideration_deadlines(cal, &d, dl, 4);
	json_object_set_new(o, "deadlines", deadlines_json(dl, n, today));
	struct counted k = rc_counted(r);
	record_state_json(o, now, &k, r->version, r->created_at);
	return o;
}

static json_t *inst_fields(const struct inst *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(x->seq));
	json_object_set_new(o, "instance", json_string(ogi_instance_kind_names[x->kind]));
	json_object_set_new(o, "court", text_or_null(x->has_court, x->court));
	json_object_set_new(o, "case_no", text_or_null(x->has_case_no, x->case_no));
	json_object_set_new(o, "filed_on", date_or_null(x->filed_on));
	json_object_set_new(o, "procedure", json_string(procedure_names[x->procedure]));
	json_object_set_new(o, "served_on", date_or_null(x->served_on));
	json_object_set_new(o, "hearing_on", date_or_null(x->hearing_on));
	json_object_set_new(o, "decided_on", date_or_null(x->decided_on));
	json_object_set_new(o, "judgment",
	                    x->judgment >= 0 ? json_string(ogi_judgment_names[x->judgment])
	                                     : json_null());
	json_object_set_new(o, "result",
	                    x->decided_on != OGI_DATE_NONE && x->result != OGI_RESULT_PENDING
	                        ? json_string(ogi_remedy_result_names[x->result])
	                        : json_null());
	json_object_set_new(o, "judgment_served_on", date_or_null(x->judgment_served_on));
	json_object_set_new(o, "redo_due", date_or_null(x->redo_due));
	json_object_set_new(o, "redone_on", date_or_null(x->redone_on));
	return o;
}

static json_t *lit_fields(const struct lit *l)
{
	json_t *o = json_object();
	json_object_set_new(o, "filed_on", date_or_null(l->filed_on));
	json_object_set_new(o, "court", json_string(l->court));
	json_object_set_new(o, "case_no", text_or_null(l->has_case_no, l->case_no));
	json_object_set_new(o, "route", json_string(ogi_litigation_route_names[l->route]));
	json_object_set_new(o, "reconsideration_id",
	                    l->reconsideration_id ? json_integer(l->reconsideration_id)
	                                          : json_null());
	json_object_set_new(o, "late_filing", json_boolean(l->late_filing));
	json_object_set_new(o, "reconsideration_required", json_boolean(l->needs_reconsideration));
	json_object_set_new(o, "notes", text_or_null(l->has_notes, l->notes));
	return o;
}

/* A litigation as the API shows it; own: the request it belongs to (a direct
 * suit's window is the applicant's after the reply). */
static json_t *lit_json(const struct ogi_calendar *cal, const struct lit *l,
                        const struct owner *own)
{
	json_t *o = lit_fields(l);
	ogi_date today = ogi_today();
	record_ids_json(o, l->id, l->request_id, l->body_id,
	                l->route == 0 ? own->lit_window : OGI_DATE_NONE);
	json_t *list = json_array();
	struct ogi_instance v[MAX_INSTANCES];
	int n = lit_lib(l, v);
	for (int i = 0; i < l->ninst; i++) {
		json_t *x = inst_fields(&l->inst[i]);
		struct ogi_remedy_deadline dl[6];
		int nd = ogi_instance_deadlines(cal, &v[i], dl, 6);
		json_object_set_new(x, "deadlines", deadlines_json(dl, nd, today));
		json_array_append_new(list, x);
	}
	json_object_set_new(o, "instances", list);
	enum ogi_remedy_result now = ogi_litigation_result_as_of(v, (size_t)n, today);
	json_object_set_new(o, "result",
	                    now == OGI_RESULT_PENDING ? json_null()
	                                              : json_string(ogi_remedy_result_names[now]));
	struct counted k = lit_counted(l);
	record_state_json(o, now, &k, l->version, l->created_at);
	return o;
}

/* ---- loading the request a record belongs to ----------------------------- */

/* Loads the request {id} (locked when lock) and checks the caller's role on
 * its body: OGI_E_NOT_FOUND / OGI_E_FORBIDDEN, a db status, or 0. */
static int load_owner(struct ctx *c, struct ogi_db *db, bool lock, enum ogi_role role,
                      struct owner *o, char *detail, size_t len)
{
	PGresult *res;
	int n = request_load(c, db, c->id, lock, role, &res);
	if (n == OGI_E_NOT_FOUND)
		return ogi_refuse(detail, len, OGI_E_NOT_FOUND, "no request %lld", c->id);
	if (n == OGI_E_FORBIDDEN)
		return ogi_refuse(detail, len, OGI_E_FORBIDDEN, "needs the %s role",
		                  ogi_role_names[role]);
	if (n != 0)
		return n;
	memset(o, 0, sizeof *o);
	o->id = c->id;
	o->body_id = ogi_db_int(res, 0, RC_BODY_ID);
	snprintf(o->tracking_no, sizeof o->tracking_no, "%s", ogi_db_str(res, 0, RC_TRACKING_NO));
	ogi_date_parse(ogi_db_str(res, 0, RC_RECEIVED_ON), &o->received_on);
	o->outcome = ogi_enum_parse(ogi_outcome_names, ogi_db_str(res, 0, RC_OUTCOME));
	o->rc_window = o->lit_window = OGI_DATE_NONE;
	json_t *clock = json_loads(ogi_db_str(res, 0, RC_CLOCK), 0, NULL);
	json_t *subs = json_object_get(clock, "subdeadlines");
	size_t i;
	json_t *s;
	json_array_foreach(subs, i, s)
	{
		const char *kind = json_string_value(json_object_get(s, "kind"));
		ogi_date d;
		if (kind == NULL ||
		    !ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
			continue;
		if (strcmp(kind, "reconsideration") == 0)
			o->rc_window = d;
		else if (strcmp(kind, "litigation") == 0)
			o->lit_window = d;
	}
	json_decref(clock);
	PQclear(res);
	return 0;
}

/* ---- input ---------------------------------------------------------------- */

/* What a POST or PATCH body gives for a field: absent, null or a value. */
static bool given(struct ctx *c, const char *name)
{
	return json_object_get(c->json, name) != NULL;
}

static bool cleared(struct ctx *c, const char *name)
{
	return json_is_null(json_object_get(c->json, name));
}

static void set_date(struct ctx *c, const char *name, ogi_date value, ogi_date *field)
{
	if (cleared(c, name))
		*field = OGI_DATE_NONE;
	else if (given(c, name))
		*field = value;
}

static void set_text(struct ctx *c, const char *name, const char *value, char *field, size_t len,
                     bool *has)
{
	if (cleared(c, name)) {
		field[0] = '\0';
		if (has)
			*has = false;
	} else if (given(c, name)) {
		copy_text(field, len, has, value);
	}
}

static void not_future(struct spec_errors *errs, const char *field, ogi_date d)
{
	if (d != OGI_DATE_NONE && d > ogi_today())
		spec_error_add(errs, field, "date_in_future", "日期不能晚于今天",
		               "the date cannot be in the future");
}

static void not_before(struct spec_errors *errs, const char *field, ogi_date d, ogi_date floor,
                       const char *floor_name_zh, const char *floor_name)
{
	if (d == OGI_DATE_NONE || floor == OGI_DATE_NONE || d >= floor)
		return;
	char zh[160], en[160];
	snprintf(zh, sizeof zh, "不能早于%s", floor_name_zh);
	snprintf(en, sizeof en, "cannot be before %s", floor_name);
	spec_error_add(errs, field, "range", zh, en);
}

static void needs_both(struct spec_errors *errs, ogi_date decided_on, int decision,
                       const char *date_field, const char *type_field)
{
	if (decided_on != OGI_DATE_NONE && decision < 0)
		spec_error_add(errs, type_field, "required", "记录决定日期时须同时记录决定类型",
		               "a decision date needs the decision type");
	if (decided_on == OGI_DATE_NONE && decision >= 0)
		spec_error_add(errs, date_field, "required", "记录决定类型时须同时记录决定日期",
		               "a decision type needs its date");
}

/* A transaction's outcome for the handler. */
struct remedy_tx {
	struct ctx *c;
	bool create;
	long long if_match;
	struct spec_errors errs;
	char detail[512];
	json_t *out;
	long long version, record_id;
	int seq; /* of the instance created */
	const char *correction_reason;
	const char *override_reason; /* an admin's reason to record into a locked year */
	/* parsed input */
	struct {
		ogi_date filed_on, accepted_on, decided_on, served_on, hearing_on,
		    judgment_served_on, redo_due, redone_on;
		const char *authority, *case_no, *notes, *court;
		long long extension_days, reconsideration_id;
		int procedure, decision, route, judgment, instance;
	} in;
};

/* Writes the audit row of a change: the fields that differ, old and new. */
static int audit_change(struct ogi_db *db, struct ctx *c, const char *entity, long long id,
                        json_t *before, json_t *after, const char *reason)
{
	json_t *old_v = json_object(), *new_v = json_object();
	const char *key;
	json_t *value;
	json_object_foreach(after, key, value)
	{
		json_t *was = before ? json_object_get(before, key) : NULL;
		if (before == NULL || was == NULL || !json_equal(was, value)) {
			if (before)
				json_object_set(old_v, key, was ? was : json_null());
			json_object_set(new_v, key, value);
		}
	}
	int rc = 0;
	if (json_object_size(new_v) > 0 || before == NULL) {
		if (reason != NULL)
			json_object_set_new(new_v, "correction_reason", json_string(reason));
		rc = audit_record(db, &c->auth, entity, id, before ? "update" : "create",
		                  before ? old_v : NULL, new_v);
	}
	json_decref(old_v);
	json_decref(new_v);
	return rc;
}

/* Locks record {id2} of request {id} with stmt: 0 with its row in *res (the
 * caller PQclears it), 404 naming the entity, or a database status. */
static int record_lock(struct ogi_db *db, struct remedy_tx *t, const char *stmt, const char *entity,
                       PGresult **res)
{
	struct ctx *c = t->c;
	char id[24], req[24];
	snprintf(id, sizeof id, "%lld", c->id2);
	snprintf(req, sizeof req, "%lld", c->id);
	const char *p[] = {id, req};
	int n = ogi_db_exec(db, stmt, 2, p, res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(*res);
		*res = NULL;
		return ogi_refuse(t->detail, sizeof t->detail, OGI_E_NOT_FOUND,
		                  "no %s %lld of request %lld", entity, c->id2, c->id);
	}
	return 0;
}

/* The transaction's answer: the record as GET shows it, its version and id. */
static void answer(struct remedy_tx *t, json_t *record, long long version, long long id)
{
	json_decref(t->out);
	t->out = record;
	t->version = version;
	t->record_id = id;
}

/* 412 when the client's If-Match names another version than the record's. */
static int stale(struct remedy_tx *t, long long version)
{
	if (t->if_match <= 0 || t->if_match == version)
		return 0;
	return ogi_refuse(t->detail, sizeof t->detail, OGI_E_PRECONDITION_FAILED,
	                  "you had version %lld; the record is at version %lld", t->if_match,
	                  version);
}

static bool decision_changed(ogi_date old_on, int old_type, ogi_date new_on, int new_type)
{
	return old_on != OGI_DATE_NONE && (old_on != new_on || old_type != new_type);
}

/* ---- the year lock ------------------------------------------------------------- */

static bool counted_same(const struct counted *a, const struct counted *b)
{
	return a->year == b->year && a->block == b->block && a->result == b->result;
}

/* A change that alters table 四 of a year (a record filed into it, moved out
 * of it, or whose result as of its 31 December changes) goes through the
 * year lock (report_lock.h) for each year it alters: refused in a locked
 * year unless an admin gives override_reason, then listed in that report's
 * amendment.  A change that alters no report (a decision after the year's
 * end, a case number, a hearing) is not refused.  before is NULL for a new
 * record. */
static int guard_change(struct ogi_db *db, struct remedy_tx *t, const struct owner *o,
                        const char *subject, const struct counted *before, ogi_date before_filed,
                        const struct counted *after, ogi_date after_filed)
{
	if (before != NULL && counted_same(before, after))
		return 0;
	char detail[256], d1[OGI_DATE_STRLEN];
	if (before != NULL && before->year != after->year) {
		/* the year it leaves */
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）改为%d年，移出本年度：%s",
		         o->tracking_no, block_zh[before->block], ogi_date_format(before_filed, d1),
		         after->year, ogi_remedy_result_labels_zh[before->result]);
		struct lock_change ch = {.body_id = o->body_id,
		                         .on = before_filed,
		                         .override_reason = t->override_reason,
		                         .request_id = o->id,
		                         .subject = subject,
		                         .detail = detail};
		int rc = lock_guard(db, t->c, &ch, t->detail, sizeof t->detail);
		if (rc != 0)
			return rc;
		before = NULL;
	}
	ogi_date_format(after_filed, d1);
	if (before == NULL)
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）计入本年度：%s",
		         o->tracking_no, block_zh[after->block], d1,
		         ogi_remedy_result_labels_zh[after->result]);
	else if (before->block != after->block)
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）改计为%s：%s", o->tracking_no,
		         block_zh[before->block], d1, block_zh[after->block],
		         ogi_remedy_result_labels_zh[after->result]);
	else
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）结果由%s改为%s",
		         o->tracking_no, block_zh[after->block], d1,
		         ogi_remedy_result_labels_zh[before->result],
		         ogi_remedy_result_labels_zh[after->result]);
	/* dated by what changed: the decision that gives (or gave) the result, else the filing */
	ogi_date on = after->decisive_on != OGI_DATE_NONE                      ? after->decisive_on
	              : before != NULL && before->decisive_on != OGI_DATE_NONE ? before->decisive_on
	                                                                       : after_filed;
	if (before == NULL || before->block != after->block)
		on = after_filed;
	struct lock_change ch = {.body_id = o->body_id,
	                         .on = on,
	                         .override_reason = t->override_reason,
	                         .request_id = o->id,
	                         .subject = subject,
	                         .detail = detail};
	return lock_guard(db, t->c, &ch, t->detail, sizeof t->detail);
}

/* ---- an order to reply anew (reconsiderations and court instances) ---------- */

/* The two fields of an order to reply anew: the date it sets and the date
 * of the new reply; 2 specs. */
static int redo_spec(struct remedy_tx *t, struct spec *s)
{
	s[0] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("redo_due", &t->in.redo_due));
	s[1] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("redone_on", &t->in.redone_on));
	return 2;
}

/* Applies them to a record decided on decided_on and checks what needs no
 * result: the dates' order, and a new reply only after an order. */
static void redo_apply(struct remedy_tx *t, ogi_date decided_on, ogi_date *redo_due,
                       ogi_date *redone_on)
{
	struct spec_errors *e = &t->errs;
	set_date(t->c, "redo_due", t->in.redo_due, redo_due);
	set_date(t->c, "redone_on", t->in.redone_on, redone_on);
	not_future(e, "redone_on", *redone_on);
	if (*redo_due != OGI_DATE_NONE && decided_on == OGI_DATE_NONE)
		spec_error_add(e, "redo_due", "unexpected", "尚无决定或裁判，不能记录重新答复期限",
		               "there is no decision or judgment to set a new reply's date");
	not_before(e, "redo_due", *redo_due, decided_on, "决定（裁判）日期（decided_on）",
	           "decided_on");
	if (*redone_on != OGI_DATE_NONE && *redo_due == OGI_DATE_NONE)
		spec_error_add(e, "redone_on", "unexpected",
		               "先记录决定或裁判所定的重新答复期限（redo_due）",
		               "record the new reply's due date (redo_due) first");
	not_before(e, "redone_on", *redone_on, decided_on, "决定（裁判）日期（decided_on）",
	           "decided_on");
}

/* A date for a new reply only where the decision or judgment can order one. */
static void redo_ordered(struct remedy_tx *t, ogi_date redo_due, bool orders)
{
	if (redo_due != OGI_DATE_NONE && !orders)
		spec_error_add(
		    &t->errs, "redo_due", "not_ordered",
		    "该决定（裁判）未纠正答复，不会责令重新答复（变更、维持、驳回等无需记录）",
		    "this decision or judgment does not correct the reply, so it orders no "
		    "new reply (变更, 维持, dismissals)");
}

/* ---- reconsiderations ------------------------------------------------------ */

static struct spec *rc_spec(struct remedy_tx *t, bool create, struct spec *s)
{
	int n = 0;
	if (create) {
		s[n++] = (struct spec)SPEC_DATE("filed_on", &t->in.filed_on);
		s[n++] = (struct spec)SPEC_STRING("authority", &t->in.authority, 200);
	} else {
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_DATE("filed_on", &t->in.filed_on));
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_STRING("authority", &t->in.authority, 200));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_STRING("correction_reason", &t->correction_reason, 500));
	}
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("case_no", &t->in.case_no, 100));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("accepted_on", &t->in.accepted_on));
	s[n++] = (struct spec)SPEC_OPT(NULL,
	                               SPEC_F_ENUM("procedure", procedure_names, &t->in.procedure));
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_INT("extension_days", &t->in.extension_days, 0, 30));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("decided_on", &t->in.decided_on));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_ENUM("decision", ogi_rc_decision_names, &t->in.decision));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("served_on", &t->in.served_on));
	n += redo_spec(t, &s[n]);
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("notes", &t->in.notes, 2000));
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("override_reason", &t->override_reason, 500));
	s[n] = (struct spec)SPEC_END;
	return s;
}

/* Applies the body to r; checks the merged record (400 in t->errs, or a rule). */
static int rc_apply(struct remedy_tx *t, const struct owner *o, struct rc *r)
{
	struct ctx *c = t->c;
	struct rc before = *r;
	set_date(c, "filed_on", t->in.filed_on, &r->filed_on);
	if (given(c, "authority") && !cleared(c, "authority"))
		copy_text(r->authority, sizeof r->authority, NULL, t->in.authority);
	else if (cleared(c, "authority"))
		spec_error_add(&t->errs, "authority", "required", "须写明复议机关",
		               "the authority is required");
	set_text(c, "case_no", t->in.case_no, r->case_no, sizeof r->case_no, &r->has_case_no);
	set_date(c, "accepted_on", t->in.accepted_on, &r->accepted_on);
	if (given(c, "procedure") && !cleared(c, "procedure"))
		r->procedure = t->in.procedure;
	if (given(c, "extension_days") && !cleared(c, "extension_days"))
		r->extension_days = (int)t->in.extension_days;
	set_date(c, "decided_on", t->in.decided_on, &r->decided_on);
	if (cleared(c, "decision"))
		r->decision = -1;
	else if (given(c, "decision"))
		r->decision = t->in.decision;
	set_date(c, "served_on", t->in.served_on, &r->served_on);
	set_text(c, "notes", t->in.notes, r->notes, sizeof r->notes, &r->has_notes);
	redo_apply(t, r->decided_on, &r->redo_due, &r->redone_on);
	if (r->decision >= 0)
		redo_ordered(t, r->redo_due, ogi_rc_decision_orders_redo(r->decision));

	struct spec_errors *e = &t->errs;
	not_future(e, "filed_on", r->filed_on);
	not_future(e, "accepted_on", r->accepted_on);
	not_future(e, "decided_on", r->decided_on);
	not_future(e, "served_on", r->served_on);
	not_before(e, "accepted_on", r->accepted_on, r->filed_on, "申请日期（filed_on）",
	           "filed_on");
	needs_both(e, r->decided_on, r->decision, "decided_on", "decision");
	if (r->served_on != OGI_DATE_NONE && r->decided_on == OGI_DATE_NONE)
		spec_error_add(e, "served_on", "unexpected", "尚无复议决定",
		               "there is no decision to serve");
	not_before(e, "served_on", r->served_on, r->decided_on, "决定日期（decided_on）",
	           "decided_on");
	if (r->procedure == 1 && !ogi_reconsideration_simple_allowed(r->filed_on))
		spec_error_add(
		    e, "procedure", "range", "简易程序自2024年1月1日起适用（行政复议法第五十三条）",
		    "the simple procedure exists from 2024-01-01 (行政复议法 2023 art. 53)");
	if (r->procedure == 1 && r->extension_days > 0)
		spec_error_add(e, "extension_days", "range", "简易程序不得延长审理期限",
		               "the simple procedure is not extended");
	if (e->n > 0)
		return OGI_E_INVALID_INPUT;
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	if (r->filed_on < o->received_on)
		return ogi_refuse(t->detail, sizeof t->detail, OGI_E_DATE_BEFORE_RECEIPT,
		                  "the request was received on %s",
		                  ogi_date_format(o->received_on, d1));
	if (r->decided_on != OGI_DATE_NONE && r->decided_on < r->filed_on)
		return ogi_refuse(t->detail, sizeof t->detail, OGI_E_DECISION_BEFORE_FILING,
		                  "decided on %s, filed on %s", ogi_date_format(r->decided_on, d1),
		                  ogi_date_format(r->filed_on, d2));
	if (!t->create &&
	    decision_changed(before.decided_on, before.decision, r->decided_on, r->decision) &&
	    (t->correction_reason == NULL || t->correction_reason[0] == '\0'))
		return ogi_refuse(
		    t->detail, sizeof t->detail, OGI_E_ALREADY_DECIDED,
		    "a decision (%s, %s) is recorded; to correct it give correction_reason",
		    ogi_rc_decision_names[before.decision], ogi_date_format(before.decided_on, d1));
	/* 行政复议法 art. 20: 60 days from the reply's delivery; a later filing is accepted and
	 * flagged */
	r->late_filing = o->rc_window != OGI_DATE_NONE && r->filed_on > o->rc_window;
	return 0;
}

static const char *date_param(ogi_date d, char buf[OGI_DATE_STRLEN])
{
	return d == OGI_DATE_NONE ? NULL : ogi_date_format(d, buf);
}

#define MAX_PARAMS 24

/* A record's insert and its update take the same stored fields after
 * different keys: runs stmt with the parameters keys[0..nkeys-1], then
 * fields[0..nfields-1], then tail when not NULL (the creating user). */
static int write_fields(struct ogi_db *db, const char *stmt, const char *const *keys, int nkeys,
                        const char *const *fields, int nfields, const char *tail, PGresult **res)
{
	const char *p[MAX_PARAMS];
	int n = 0;
	if (nkeys + nfields + (tail != NULL) > MAX_PARAMS)
		return OGI_DB_HARD; /* never with the statements here: MAX_PARAMS is theirs */
	for (int i = 0; i < nkeys; i++)
		p[n++] = keys[i];
	for (int i = 0; i < nfields; i++)
		p[n++] = fields[i];
	if (tail != NULL)
		p[n++] = tail;
	return ogi_db_exec(db, stmt, n, p, res);
}

static int rc_write(struct ogi_db *db, struct remedy_tx *t, const struct owner *o, struct rc *r,
                    PGresult **res)
{
	char req[24], body[24], id[24], ext[8], uid[24], dates[6][OGI_DATE_STRLEN];
	snprintf(req, sizeof req, "%lld", o->id);
	snprintf(body, sizeof body, "%lld", o->body_id);
	snprintf(id, sizeof id, "%lld", r->id);
	snprintf(ext, sizeof ext, "%d", r->extension_days);
	snprintf(uid, sizeof uid, "%lld", t->c->auth.user_id);
	const char *decision = r->decision >= 0 ? ogi_rc_decision_names[r->decision] : NULL;
	const char *result =
	    r->decision >= 0
	        ? ogi_remedy_result_names[ogi_rc_decision_result((enum ogi_rc_decision)r->decision)]
	        : NULL;
	const char *fields[] = {date_param(r->filed_on, dates[0]),
	                        r->authority,
	                        r->has_case_no ? r->case_no : NULL,
	                        date_param(r->accepted_on, dates[1]),
	                        procedure_names[r->procedure],
	                        ext,
	                        r->late_filing ? "true" : "false",
	                        date_param(r->decided_on, dates[2]),
	                        decision,
	                        result,
	                        date_param(r->served_on, dates[3]),
	                        r->has_notes ? r->notes : NULL,
	                        date_param(r->redo_due, dates[4]),
	                        date_param(r->redone_on, dates[5])};
	int nfields = (int)(sizeof fields / sizeof fields[0]);
	if (t->create)
		return write_fields(db, "rc_insert", (const char *[]){req, body}, 2, fields,
		                    nfields, uid, res);
	return write_fields(db, "rc_update", (const char *[]){id, req}, 2, fields, nfields, NULL,
	                    res);
}

static int rc_tx(struct ogi_db *db, void *cls)
{
	struct remedy_tx *t = cls;
	struct ctx *c = t->c;
	t->errs.n = 0;
	struct owner o;
	int rc = load_owner(c, db, true, OGI_ROLE_CLERK, &o, t->detail, sizeof t->detail);
	if (rc != 0)
		return rc;
	struct rc *r = calloc(1, sizeof *r);
	if (r == NULL)
		return OGI_DB_HARD;
	json_t *before = NULL;
	PGresult *res = NULL;
	if (t->create) {
		r->request_id = o.id;
		r->body_id = o.body_id;
		r->filed_on = r->accepted_on = r->decided_on = r->served_on = OGI_DATE_NONE;
		r->redo_due = r->redone_on = OGI_DATE_NONE;
		r->decision = -1;
	} else {
		rc = record_lock(db, t, "rc_lock", "reconsideration", &res);
		if (rc != 0)
			goto out;
		rc_load(res, 0, r);
		PQclear(res);
		res = NULL;
		rc = stale(t, r->version);
		if (rc != 0)
			goto out;
		before = rc_fields(r);
	}
	struct counted was = {0};
	ogi_date was_filed = r->filed_on;
	if (!t->create)
		was = rc_counted(r);
	rc = rc_apply(t, &o, r);
	if (rc != 0)
		goto out;
	json_t *after = rc_fields(r);
	bool unchanged = before != NULL && json_equal(before, after);
	json_decref(after);
	if (!unchanged) {
		/* a PATCH that changes nothing writes nothing (no new version, no history) */
		struct counted now = rc_counted(r);
		rc = guard_change(db, t, &o, "reconsideration", t->create ? NULL : &was, was_filed,
		                  &now, r->filed_on);
		if (rc != 0)
			goto out;
		rc = rc_write(db, t, &o, r, &res);
		if (rc < 0)
			goto out;
		rc_load(res, 0, r);
		after = rc_fields(r);
		rc = audit_change(db, c, "reconsideration", r->id, before, after,
		                  t->correction_reason);
		json_decref(after);
		if (rc != 0)
			goto out;
	}
	struct calendar_ref cal = calendar_acquire();
	answer(t, rc_json(cal.cal, r, &o), r->version, r->id);
	calendar_release(cal);
out:
	PQclear(res);
	json_decref(before);
	free(r);
	return rc;
}

/* ---- litigations ------------------------------------------------------------ */

static void lit_spec(struct remedy_tx *t, bool create, struct spec *s)
{
	int n = 0;
	if (create) {
		s[n++] = (struct spec)SPEC_DATE("filed_on", &t->in.filed_on);
		s[n++] = (struct spec)SPEC_STRING("court", &t->in.court, 200);
		s[n++] = (struct spec)SPEC_ENUM("route", ogi_litigation_route_names, &t->in.route);
		/* the first instance's own facts may come with the filing */
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_ENUM("procedure", procedure_names, &t->in.procedure));
		s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("served_on", &t->in.served_on));
		s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("hearing_on", &t->in.hearing_on));
		s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("decided_on", &t->in.decided_on));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_ENUM("judgment", ogi_judgment_names, &t->in.judgment));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_DATE("judgment_served_on", &t->in.judgment_served_on));
	} else {
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_DATE("filed_on", &t->in.filed_on));
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_STRING("court", &t->in.court, 200));
		s[n++] = (struct spec)SPEC_PATCH(
		    SPEC_F_ENUM("route", ogi_litigation_route_names, &t->in.route));
	}
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("case_no", &t->in.case_no, 100));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_INT("reconsideration_id", &t->in.reconsideration_id, 1, INT64_MAX / 2));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("notes", &t->in.notes, 2000));
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("override_reason", &t->override_reason, 500));
	s[n] = (struct spec)SPEC_END;
}

static void inst_spec(struct remedy_tx *t, bool create, struct spec *s)
{
	int n = 0;
	if (create) {
		s[n++] =
		    (struct spec)SPEC_ENUM("instance", ogi_instance_kind_names, &t->in.instance);
		s[n++] = (struct spec)SPEC_DATE("filed_on", &t->in.filed_on);
	} else {
		s[n++] = (struct spec)SPEC_PATCH(
		    SPEC_F_ENUM("instance", ogi_instance_kind_names, &t->in.instance));
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_DATE("filed_on", &t->in.filed_on));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_STRING("correction_reason", &t->correction_reason, 500));
	}
	/* an instance's court may be unrecorded (null), never an empty name */
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("court", &t->in.court, 200), SPEC_F_NONEMPTY);
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("case_no", &t->in.case_no, 100));
	s[n++] = (struct spec)SPEC_OPT(NULL,
	                               SPEC_F_ENUM("procedure", procedure_names, &t->in.procedure));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("served_on", &t->in.served_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("hearing_on", &t->in.hearing_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("decided_on", &t->in.decided_on));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_ENUM("judgment", ogi_judgment_names, &t->in.judgment));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_DATE("judgment_served_on", &t->in.judgment_served_on));
	n += redo_spec(t, &s[n]);
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("override_reason", &t->override_reason, 500));
	s[n] = (struct spec)SPEC_END;
}

/* Applies an instance's fields from the body to x (and the checks of one instance). */
static void inst_apply(struct remedy_tx *t, struct inst *x)
{
	struct ctx *c = t->c;
	if (given(c, "instance") && !cleared(c, "instance"))
		x->kind = t->in.instance;
	set_date(c, "filed_on", t->in.filed_on, &x->filed_on);
	set_text(c, "court", t->in.court, x->court, sizeof x->court, &x->has_court);
	set_text(c, "case_no", t->in.case_no, x->case_no, sizeof x->case_no, &x->has_case_no);
	if (given(c, "procedure") && !cleared(c, "procedure"))
		x->procedure = t->in.procedure;
	set_date(c, "served_on", t->in.served_on, &x->served_on);
	set_date(c, "hearing_on", t->in.hearing_on, &x->hearing_on);
	set_date(c, "decided_on", t->in.decided_on, &x->decided_on);
	if (cleared(c, "judgment"))
		x->judgment = -1;
	else if (given(c, "judgment"))
		x->judgment = t->in.judgment;
	set_date(c, "judgment_served_on", t->in.judgment_served_on, &x->judgment_served_on);
	redo_apply(t, x->decided_on, &x->redo_due, &x->redone_on);
	struct spec_errors *e = &t->errs;
	not_future(e, "filed_on", x->filed_on);
	not_future(e, "served_on", x->served_on);
	not_future(e, "decided_on", x->decided_on);
	not_future(e, "judgment_served_on", x->judgment_served_on);
	not_before(e, "served_on", x->served_on, x->filed_on, "立案日期（filed_on）", "filed_on");
	not_before(e, "hearing_on", x->hearing_on, x->filed_on, "立案日期（filed_on）", "filed_on");
	needs_both(e, x->decided_on, x->judgment, "decided_on", "judgment");
	if (x->judgment_served_on != OGI_DATE_NONE && x->decided_on == OGI_DATE_NONE)
		spec_error_add(e, "judgment_served_on", "unexpected", "尚无裁判",
		               "there is no decision to serve");
	not_before(e, "judgment_served_on", x->judgment_served_on, x->decided_on,
	           "裁判日期（decided_on）", "decided_on");
	if (x->procedure == 1 && x->kind != OGI_INSTANCE_FIRST)
		spec_error_add(e, "procedure", "range",
		               "简易程序仅适用于第一审（行政诉讼法第八十二条）",
		               "the simple procedure is for first instances (行政诉讼法 art. 82)");
}

/* The checks of a whole litigation after a change, and its derived fields. */
static int lit_check(struct ogi_db *db, struct remedy_tx *t, const struct owner *o, struct lit *l)
{
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	struct spec_errors *e = &t->errs;
	bool dated = false;
	for (int i = 0; i < e->n; i++)
		dated = dated || strcmp(e->e[i].field, "filed_on") == 0;
	if (!dated)
		not_future(e, "filed_on", l->filed_on);
	if (l->route == 0 && l->reconsideration_id != 0)
		spec_error_add(e, "reconsideration_id", "unexpected", "直接起诉不关联行政复议",
		               "a direct suit has no reconsideration");
	if (e->n > 0)
		return OGI_E_INVALID_INPUT;
	if (l->filed_on < o->received_on)
		return ogi_refuse(t->detail, sizeof t->detail, OGI_E_DATE_BEFORE_RECEIPT,
		                  "the request was received on %s",
		                  ogi_date_format(o->received_on, d1));
	if (l->route == 1 && l->reconsideration_id == 0)
		return ogi_refuse(
		    t->detail, sizeof t->detail, OGI_E_RECONSIDERATION_REQUIRED,
		    "a suit after reconsideration names its reconsideration (reconsideration_id)");
	/* the reconsiderations of this request, for both routes */
	char req[24];
	snprintf(req, sizeof req, "%lld", o->id);
	const char *p[] = {req};
	PGresult *res;
	int n = ogi_db_exec(db, "rc_of", 1, p, &res);
	if (n < 0)
		return n;
	struct calendar_ref cal = calendar_acquire();
	int rc = 0;
	bool found = false;
	l->late_filing = false;
	for (int i = 0; i < n && rc == 0; i++) {
		struct rc *r = malloc(sizeof *r);
		if (r == NULL) {
			rc = OGI_DB_HARD;
			break;
		}
		rc_load(res, i, r);
		struct ogi_reconsideration_dates d = rc_dates(r);
		ogi_date due = ogi_reconsideration_decision_due(cal.cal, &d, NULL);
		bool decided_by_then =
		    r->decided_on != OGI_DATE_NONE && r->decided_on <= l->filed_on;
		bool running = r->filed_on <= l->filed_on && !decided_by_then && l->filed_on <= due;
		if (l->route == 1 && r->id == l->reconsideration_id) {
			found = true;
			if (r->filed_on > l->filed_on || running)
				rc = ogi_refuse(
				    t->detail, sizeof t->detail, OGI_E_RECONSIDERATION_PENDING,
				    "reconsideration %lld (filed %s) was not decided by %s and its "
				    "period runs to %s (行政诉讼法 art. 45)",
				    r->id, ogi_date_format(r->filed_on, d1),
				    ogi_date_format(l->filed_on, d2), ogi_date_format(due, d1));
			/* 15 days from the decision's service, or from the end of the period */
			ogi_date window = ogi_suit_after_reconsideration_due(cal.cal, &d, NULL);
			l->late_filing = l->filed_on > window;
		} else if (l->route == 0 && running) {
			rc = ogi_refuse(
			    t->detail, sizeof t->detail, OGI_E_RECONSIDERATION_PENDING,
			    "reconsideration %lld of this request (filed %s) runs to %s: "
			    "no suit meanwhile "
			    "(行政复议法 2023 art. 29); a suit after it is filed with "
			    "route after_reconsideration",
			    r->id, ogi_date_format(r->filed_on, d1), ogi_date_format(due, d2));
		}
		free(r);
	}
	calendar_release(cal);
	PQclear(res);
	if (rc != 0)
		return rc;
	if (l->route == 1 && !found) {
		spec_error_add(e, "reconsideration_id", "not_found", "该申请没有这一行政复议记录",
		               "no such reconsideration of this request");
		return OGI_E_INVALID_INPUT;
	}
	if (l->route == 0)
		l->late_filing = o->lit_window != OGI_DATE_NONE && l->filed_on > o->lit_window;
	l->needs_reconsideration =
	    ogi_litigation_needs_reconsideration(l->route == 0, l->filed_on, o->outcome);
	/* the first instance is filed with the litigation */
	if (l->ninst > 0)
		l->inst[0].filed_on = l->filed_on;
	struct ogi_instance v[MAX_INSTANCES];
	int ni = lit_lib(l, v);
	rc = ogi_litigation_check(v, (size_t)ni, t->detail, sizeof t->detail);
	if (rc != 0)
		return rc;
	ogi_litigation_results(v, (size_t)ni);
	for (int i = 0; i < ni; i++) {
		l->inst[i].result = v[i].result;
		redo_ordered(t, v[i].redo_due,
		             ogi_judgment_orders_redo(v[i].judgment, v[i].result));
	}
	return e->n > 0 ? OGI_E_INVALID_INPUT : 0;
}

static int inst_write(struct ogi_db *db, const struct lit *l, const struct inst *x, bool create)
{
	char lid[24], body[24], seq[12], dates[7][OGI_DATE_STRLEN];
	snprintf(lid, sizeof lid, "%lld", l->id);
	snprintf(body, sizeof body, "%lld", l->body_id);
	snprintf(seq, sizeof seq, "%d", x->seq);
	const char *judgment = x->judgment >= 0 ? ogi_judgment_names[x->judgment] : NULL;
	const char *result = x->decided_on != OGI_DATE_NONE && x->result != OGI_RESULT_PENDING
	                         ? ogi_remedy_result_names[x->result]
	                         : NULL;
	const char *fields[] = {ogi_instance_kind_names[x->kind],
	                        x->has_court ? x->court : NULL,
	                        x->has_case_no ? x->case_no : NULL,
	                        date_param(x->filed_on, dates[0]),
	                        procedure_names[x->procedure],
	                        date_param(x->served_on, dates[1]),
	                        date_param(x->hearing_on, dates[2]),
	                        date_param(x->decided_on, dates[3]),
	                        judgment,
	                        result,
	                        date_param(x->judgment_served_on, dates[4]),
	                        date_param(x->redo_due, dates[5]),
	                        date_param(x->redone_on, dates[6])};
	int nfields = (int)(sizeof fields / sizeof fields[0]);
	int n = create ? write_fields(db, "inst_insert", (const char *[]){lid, body, seq}, 3,
	                              fields, nfields, NULL, NULL)
	               : write_fields(db, "inst_update", (const char *[]){lid, seq}, 2, fields,
	                              nfields, NULL, NULL);
	return n < 0 ? n : 0;
}

/* Loads litigation {id2} of request {id}, locked, with its instances. */
static int lit_fetch(struct ogi_db *db, struct remedy_tx *t, struct lit *l)
{
	PGresult *res;
	int n = record_lock(db, t, "lit_lock", "litigation", &res);
	if (n != 0)
		return n;
	lit_load(res, 0, l);
	PQclear(res);
	char id[24];
	snprintf(id, sizeof id, "%lld", l->id);
	const char *p[] = {id};
	n = ogi_db_exec(db, "inst_of", 1, p, &res);
	if (n < 0)
		return n;
	lit_instances(res, l);
	PQclear(res);
	return stale(t, l->version);
}

enum lit_op { LIT_CREATE, LIT_PATCH, INST_CREATE, INST_PATCH };

struct lit_tx {
	struct remedy_tx t;
	enum lit_op op;
};

static int lit_tx(struct ogi_db *db, void *cls)
{
	struct lit_tx *lt = cls;
	struct remedy_tx *t = &lt->t;
	struct ctx *c = t->c;
	t->errs.n = 0;
	struct owner o;
	int rc = load_owner(c, db, true, OGI_ROLE_CLERK, &o, t->detail, sizeof t->detail);
	if (rc != 0)
		return rc;
	struct lit *l = calloc(1, sizeof *l), *old = NULL;
	if (l == NULL)
		return OGI_DB_HARD;
	json_t *before = NULL;
	struct inst *x = NULL;
	PGresult *res = NULL;
	if (lt->op == LIT_CREATE) {
		l->request_id = o.id;
		l->body_id = o.body_id;
		l->filed_on = t->in.filed_on;
		copy_text(l->court, sizeof l->court, NULL, t->in.court);
		l->route = t->in.route;
		l->ninst = 1;
		x = &l->inst[0];
		*x = (struct inst){.seq = 1,
		                   .kind = OGI_INSTANCE_FIRST,
		                   .judgment = -1,
		                   .filed_on = l->filed_on,
		                   .served_on = OGI_DATE_NONE,
		                   .hearing_on = OGI_DATE_NONE,
		                   .decided_on = OGI_DATE_NONE,
		                   .judgment_served_on = OGI_DATE_NONE,
		                   .redo_due = OGI_DATE_NONE,
		                   .redone_on = OGI_DATE_NONE};
		copy_text(x->court, sizeof x->court, &x->has_court, t->in.court);
		inst_apply(t, x);
	} else {
		rc = lit_fetch(db, t, l);
		if (rc != 0)
			goto out;
		old = malloc(sizeof *old);
		if (old == NULL) {
			rc = OGI_DB_HARD;
			goto out;
		}
		*old = *l;
		before = lit_fields(l);
	}
	if (lt->op == LIT_CREATE || lt->op == LIT_PATCH) {
		set_date(c, "filed_on", t->in.filed_on, &l->filed_on);
		if (given(c, "court") && !cleared(c, "court"))
			copy_text(l->court, sizeof l->court, NULL, t->in.court);
		else if (cleared(c, "court"))
			spec_error_add(&t->errs, "court", "required", "须写明人民法院",
			               "the court is required");
		if (given(c, "route") && !cleared(c, "route"))
			l->route = t->in.route;
		set_text(c, "case_no", t->in.case_no, l->case_no, sizeof l->case_no,
		         &l->has_case_no);
		set_text(c, "notes", t->in.notes, l->notes, sizeof l->notes, &l->has_notes);
		if (cleared(c, "reconsideration_id"))
			l->reconsideration_id = 0;
		else if (given(c, "reconsideration_id"))
			l->reconsideration_id = t->in.reconsideration_id;
		if (lt->op == LIT_CREATE)
			copy_text(x->case_no, sizeof x->case_no, &x->has_case_no,
			          l->has_case_no ? l->case_no : NULL);
	} else if (lt->op == INST_CREATE) {
		if (l->ninst >= MAX_INSTANCES) {
			rc = ogi_refuse(t->detail, sizeof t->detail, OGI_E_INSTANCE_ORDER,
			                "at most %d instances", MAX_INSTANCES);
			goto out;
		}
		x = &l->inst[l->ninst++];
		t->seq = l->ninst;
		*x = (struct inst){.seq = l->ninst,
		                   .judgment = -1,
		                   .served_on = OGI_DATE_NONE,
		                   .hearing_on = OGI_DATE_NONE,
		                   .decided_on = OGI_DATE_NONE,
		                   .judgment_served_on = OGI_DATE_NONE,
		                   .redo_due = OGI_DATE_NONE,
		                   .redone_on = OGI_DATE_NONE};
		inst_apply(t, x);
	} else {
		for (int i = 0; i < l->ninst; i++)
			if (l->inst[i].seq == c->id3)
				x = &l->inst[i];
		if (x == NULL) {
			rc = ogi_refuse(t->detail, sizeof t->detail, OGI_E_NOT_FOUND,
			                "no instance %lld of litigation %lld", c->id3, l->id);
			goto out;
		}
		if (x->seq == 1 && given(c, "filed_on")) {
			spec_error_add(&t->errs, "filed_on", "unexpected",
			               "第一审的立案日期即诉讼的起诉日期，请修改诉讼记录",
			               "the first instance is filed with the litigation: change "
			               "the litigation's filed_on");
			rc = OGI_E_INVALID_INPUT;
			goto out;
		}
		struct inst was = *x;
		inst_apply(t, x);
		char d1[OGI_DATE_STRLEN];
		if (t->errs.n == 0 &&
		    decision_changed(was.decided_on, was.judgment, x->decided_on, x->judgment) &&
		    (t->correction_reason == NULL || t->correction_reason[0] == '\0')) {
			rc = ogi_refuse(
			    t->detail, sizeof t->detail, OGI_E_ALREADY_DECIDED,
			    "instance %d is decided (%s, %s); to correct it give correction_reason",
			    was.seq, ogi_judgment_names[was.judgment],
			    ogi_date_format(was.decided_on, d1));
			goto out;
		}
	}
	if (t->errs.n > 0) {
		rc = OGI_E_INVALID_INPUT;
		goto out;
	}
	rc = lit_check(db, t, &o, l);
	if (rc != 0)
		goto out;
	if (old != NULL && lt->op != INST_CREATE) {
		/* a PATCH that changes nothing writes nothing (no new version, no history) */
		json_t *now = lit_fields(l);
		bool same = json_equal(before, now);
		json_decref(now);
		for (int i = 0; same && i < l->ninst; i++) {
			json_t *a = inst_fields(&old->inst[i]), *b = inst_fields(&l->inst[i]);
			same = json_equal(a, b);
			json_decref(a);
			json_decref(b);
		}
		if (same) {
			struct calendar_ref cal = calendar_acquire();
			answer(t, lit_json(cal.cal, l, &o), l->version, l->id);
			calendar_release(cal);
			goto out;
		}
	}

	struct counted now = lit_counted(l);
	if (old != NULL) {
		struct counted was = lit_counted(old);
		rc = guard_change(db, t, &o, "litigation", &was, old->filed_on, &now, l->filed_on);
	} else {
		rc = guard_change(db, t, &o, "litigation", NULL, OGI_DATE_NONE, &now, l->filed_on);
	}
	if (rc != 0)
		goto out;

	/* write the litigation, then every instance that is new or changed */
	char id[24], req[24], body[24], rcid[24], uid[24], filed[OGI_DATE_STRLEN];
	snprintf(id, sizeof id, "%lld", l->id);
	snprintf(req, sizeof req, "%lld", o.id);
	snprintf(body, sizeof body, "%lld", o.body_id);
	snprintf(rcid, sizeof rcid, "%lld", l->reconsideration_id);
	snprintf(uid, sizeof uid, "%lld", c->auth.user_id);
	const char *fields[] = {
	    ogi_date_format(l->filed_on, filed),         l->court,
	    l->has_case_no ? l->case_no : NULL,          ogi_litigation_route_names[l->route],
	    l->reconsideration_id ? rcid : NULL,         l->late_filing ? "true" : "false",
	    l->needs_reconsideration ? "true" : "false", l->has_notes ? l->notes : NULL};
	int nfields = (int)(sizeof fields / sizeof fields[0]);
	if (lt->op == LIT_CREATE) {
		rc = write_fields(db, "lit_insert", (const char *[]){req, body}, 2, fields, nfields,
		                  uid, &res);
	} else if (lt->op == LIT_PATCH) {
		rc = write_fields(db, "lit_update", (const char *[]){id, req}, 2, fields, nfields,
		                  NULL, &res);
	} else {
		const char *p[] = {id};
		rc = ogi_db_exec(db, "lit_touch", 1, p, &res);
	}
	if (rc < 0)
		goto out;
	rc = 0;
	long long lit_id = ogi_db_int(res, 0, LC_ID);
	l->id = lit_id;
	l->version = ogi_db_int(res, 0, LC_VERSION);
	copy_text(l->created_at, sizeof l->created_at, NULL, ogi_db_str(res, 0, LC_CREATED_AT));
	PQclear(res);
	res = NULL;
	json_t *after = lit_fields(l);
	if (lt->op == LIT_CREATE || lt->op == LIT_PATCH)
		rc = audit_change(db, c, "litigation", l->id, before, after, NULL);
	json_decref(after);
	if (rc != 0)
		goto out;
	for (int i = 0; i < l->ninst && rc == 0; i++) {
		struct inst *y = &l->inst[i];
		bool is_new = lt->op == LIT_CREATE || (lt->op == INST_CREATE && y == x);
		json_t *was = NULL;
		if (!is_new) {
			was = inst_fields(&old->inst[i]);
			json_t *now = inst_fields(y);
			bool same = json_equal(was, now);
			json_decref(now);
			if (same) {
				json_decref(was);
				continue;
			}
		}
		rc = inst_write(db, l, y, is_new);
		if (rc == 0) {
			/* an instance's id, for its audit rows */
			char lid[24];
			snprintf(lid, sizeof lid, "%lld", l->id);
			const char *pi[] = {lid};
			PGresult *ir;
			int n = ogi_db_exec(db, "inst_of", 1, pi, &ir);
			if (n < 0) {
				rc = n;
			} else {
				long long iid = 0;
				for (int k = 0; k < n; k++)
					if (ogi_db_int(ir, k, IC_SEQ) == y->seq)
						iid = ogi_db_int(ir, k, IC_ID);
				PQclear(ir);
				json_t *now = inst_fields(y);
				rc = audit_change(db, c, "litigation_instance", iid, was, now,
				                  y == x ? t->correction_reason : NULL);
				json_decref(now);
			}
		}
		json_decref(was);
	}
	if (rc != 0)
		goto out;
	struct calendar_ref cal = calendar_acquire();
	answer(t, lit_json(cal.cal, l, &o), l->version, l->id);
	calendar_release(cal);
out:
	PQclear(res);
	json_decref(before);
	free(old);
	free(l);
	return rc;
}

/* ---- handlers ----------------------------------------------------------------- */

/* A POST or PATCH of a record of the request's collection
 * ("reconsiderations", "litigations"): the body was parsed (parsed false: its
 * errors in t->errs); reads If-Match, runs fn in the transaction called what
 * and answers with the record, its ETag and, for a new one, its Location. */
static enum MHD_Result run(struct ctx *c, struct remedy_tx *t, bool parsed, const char *collection,
                           const char *what, int (*fn)(struct ogi_db *, void *), void *cls)
{
	if (!parsed)
		return reply_invalid(c, &t->errs);
	t->if_match = if_match(c, &t->errs, "记录", "the record's");
	if (t->if_match < 0)
		return reply_invalid(c, &t->errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_tx(db, what, fn, cls);
	if (rc != 0)
		json_decref(t->out);
	if (rc == OGI_E_INVALID_INPUT)
		return reply_invalid(c, &t->errs);
	if (rc > 0)
		return reply_problem(c, (enum ogi_error)rc, "%s", t->detail);
	if (rc < 0)
		return reply_db_error(c, db);
	/* an instance is answered with its litigation (the ETag is the litigation's version) */
	char location[160];
	int n = snprintf(location, sizeof location, "/api/v1/requests/%lld/%s/%lld", c->id,
	                 collection, t->record_id);
	if (t->seq > 0)
		snprintf(location + n, sizeof location - (size_t)n, "/instances/%d", t->seq);
	return reply_json_etag(c, t->create ? 201 : 200, t->out, t->version,
	                       t->create ? location : NULL);
}

/* The body of a reconsideration (filing or change), before the stored record
 * is read: the spec.  The handler runs it first; so does the fuzzer. */
static bool rc_parse(struct remedy_tx *t, bool create, json_t *body, struct spec_errors *errs)
{
	t->in.procedure = t->in.decision = -1;
	struct spec spec[16];
	rc_spec(t, create, spec);
	return spec_parse(body, spec, errs);
}

bool in_reconsiderations_post(json_t *body, struct spec_errors *errs)
{
	struct remedy_tx t = {0};
	return rc_parse(&t, true, body, errs);
}

bool in_reconsideration_patch(json_t *body, struct spec_errors *errs)
{
	struct remedy_tx t = {0};
	return rc_parse(&t, false, body, errs);
}

static enum MHD_Result run_rc(struct ctx *c, bool create)
{
	struct remedy_tx *t = calloc(1, sizeof *t);
	if (t == NULL)
		return MHD_NO;
	t->c = c;
	t->create = create;
	bool parsed = rc_parse(t, create, c->json, &t->errs);
	if (create)
		t->in.procedure = given(c, "procedure") ? t->in.procedure : 0;
	enum MHD_Result result =
	    run(c, t, parsed, "reconsiderations",
	        create ? "file reconsideration" : "change reconsideration", rc_tx, t);
	free(t);
	return result;
}

enum MHD_Result h_reconsiderations_post(struct ctx *c)
{
	return run_rc(c, true);
}

enum MHD_Result h_reconsideration_patch(struct ctx *c)
{
	return run_rc(c, false);
}

/* The body of a litigation or an instance (filing or change), before the
 * stored record is read: the spec.  The handler runs it first; so does the
 * fuzzer. */
static bool lit_parse(struct remedy_tx *t, enum lit_op op, json_t *body, struct spec_errors *errs)
{
	t->in.procedure = t->in.judgment = t->in.route = t->in.instance = -1;
	struct spec spec[20];
	if (op == LIT_CREATE || op == LIT_PATCH)
		lit_spec(t, op == LIT_CREATE, spec);
	else
		inst_spec(t, op == INST_CREATE, spec);
	return spec_parse(body, spec, errs);
}

static bool lit_input(enum lit_op op, json_t *body, struct spec_errors *errs)
{
	struct remedy_tx t = {0};
	return lit_parse(&t, op, body, errs);
}

bool in_litigations_post(json_t *body, struct spec_errors *errs)
{
	return lit_input(LIT_CREATE, body, errs);
}

bool in_litigation_patch(json_t *body, struct spec_errors *errs)
{
	return lit_input(LIT_PATCH, body, errs);
}

bool in_instances_post(json_t *body, struct spec_errors *errs)
{
	return lit_input(INST_CREATE, body, errs);
}

bool in_instance_patch(json_t *body, struct spec_errors *errs)
{
	return lit_input(INST_PATCH, body, errs);
}

static enum MHD_Result run_lit(struct ctx *c, enum lit_op op)
{
	struct lit_tx *lt = calloc(1, sizeof *lt);
	if (lt == NULL)
		return MHD_NO;
	struct remedy_tx *t = &lt->t;
	lt->op = op;
	t->c = c;
	t->create = op == LIT_CREATE || op == INST_CREATE;
	bool parsed = lit_parse(t, op, c->json, &t->errs);
	enum MHD_Result result = run(c, t, parsed, "litigations", "record litigation", lit_tx, lt);
	free(lt);
	return result;
}

enum MHD_Result h_litigations_post(struct ctx *c)
{
	return run_lit(c, LIT_CREATE);
}

enum MHD_Result h_litigation_patch(struct ctx *c)
{
	return run_lit(c, LIT_PATCH);
}

enum MHD_Result h_instances_post(struct ctx *c)
{
	return run_lit(c, INST_CREATE);
}

enum MHD_Result h_instance_patch(struct ctx *c)
{
	return run_lit(c, INST_PATCH);
}

/* ---- reading ------------------------------------------------------------------- */

static json_t *history_json(struct ogi_db *db, const char *entity, long long id, int *status)
{
	char text[24];
	snprintf(text, sizeof text, "%lld", id);
	const char *p[] = {entity, text};
	PGresult *res;
	int n = ogi_db_exec(db, "remedy_history", 2, p, &res);
	*status = n;
	if (n < 0)
		return NULL;
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		json_t *old_v =
		    ogi_db_str(res, i, 5) ? json_loads(ogi_db_str(res, i, 5), 0, NULL) : NULL;
		json_t *new_v =
		    ogi_db_str(res, i, 6) ? json_loads(ogi_db_str(res, i, 6), 0, NULL) : NULL;
		json_array_append_new(
		    list,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "at", ogi_db_str(res, i, 0),
		              "actor", ogi_db_str(res, i, 1), "entity", ogi_db_str(res, i, 2),
		              "entity_id", ogi_db_str(res, i, 3), "action", ogi_db_str(res, i, 4),
		              "old_value", old_v ? old_v : json_null(), "new_value",
		              new_v ? new_v : json_null()));
	}
	PQclear(res);
	return list;
}

/* The records of one kind as GET returns them. */
struct record_kind {
	const char *entity;     /* "reconsideration": audit_log's entity, the 404's noun */
	const char *collection; /* "reconsiderations": the list's key */
	const char *get, *of;   /* statements: one record of a request, all of a request */
	/* appends the JSON of res's records to list, the last one's version in *version;
	 * a database status (< 0) on failure */
	int (*rows)(struct ogi_db *db, const struct owner *o, PGresult *res, json_t *list,
	            long long *version);
};

static int rc_rows(struct ogi_db *db, const struct owner *o, PGresult *res, json_t *list,
                   long long *version)
{
	(void)db;
	struct calendar_ref cal = calendar_acquire();
	struct rc *r = malloc(sizeof *r);
	for (int i = 0; r != NULL && i < PQntuples(res); i++) {
		rc_load(res, i, r);
		*version = r->version;
		json_array_append_new(list, rc_json(cal.cal, r, o));
	}
	free(r);
	calendar_release(cal);
	return 0;
}

static int lit_rows(struct ogi_db *db, const struct owner *o, PGresult *res, json_t *list,
                    long long *version)
{
	char req[24];
	snprintf(req, sizeof req, "%lld", o->id);
	const char *p[] = {req};
	PGresult *insts;
	int n = ogi_db_exec(db, "inst_of_request", 1, p, &insts);
	if (n < 0)
		return n;
	struct calendar_ref cal = calendar_acquire();
	struct lit *l = malloc(sizeof *l);
	for (int i = 0; l != NULL && i < PQntuples(res); i++) {
		lit_load(res, i, l);
		lit_instances(insts, l);
		*version = l->version;
		json_array_append_new(list, lit_json(cal.cal, l, o));
	}
	free(l);
	calendar_release(cal);
	PQclear(insts);
	return 0;
}

static const struct record_kind reconsiderations = {.entity = "reconsideration",
                                                    .collection = "reconsiderations",
                                                    .get = "rc_get",
                                                    .of = "rc_of",
                                                    .rows = rc_rows};
static const struct record_kind litigations = {.entity = "litigation",
                                               .collection = "litigations",
                                               .get = "lit_get",
                                               .of = "lit_of",
                                               .rows = lit_rows};

/* GET …/{collection}: the request's records; GET …/{collection}/{id2}: one,
 * with its history and ETag. */
static enum MHD_Result records_get(struct ctx *c, const struct record_kind *k)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct owner o;
	char detail[256];
	int rc = load_owner(c, db, false, OGI_ROLE_AUDITOR, &o, detail, sizeof detail);
	if (rc != 0)
		return rc < 0 ? reply_db_error(c, db)
		              : reply_problem(c, (enum ogi_error)rc, "%s", detail);
	char req[24], id[24];
	snprintf(req, sizeof req, "%lld", c->id);
	snprintf(id, sizeof id, "%lld", c->id2);
	PGresult *res;
	int n;
	if (c->id2 > 0) {
		const char *p[] = {id, req};
		n = ogi_db_exec(db, k->get, 2, p, &res);
	} else {
		const char *p[] = {req};
		n = ogi_db_exec(db, k->of, 1, p, &res);
	}
	if (n < 0)
		return reply_db_error(c, db);
	if (c->id2 > 0 && n == 0) {
		PQclear(res);
		return reply_problem(c, OGI_E_NOT_FOUND, "no %s %lld of request %lld", k->entity,
		                     c->id2, c->id);
	}
	json_t *list = json_array();
	long long version = 0;
	rc = k->rows(db, &o, res, list, &version);
	PQclear(res);
	if (rc < 0) {
		json_decref(list);
		return reply_db_error(c, db);
	}
	if (c->id2 == 0)
		return reply_json(
		    c, 200,
		    json_pack("{s:I, s:o}", "request_id", (json_int_t)c->id, k->collection, list));
	json_t *one = json_incref(json_array_get(list, 0));
	json_decref(list);
	int status;
	json_t *history = history_json(db, k->entity, c->id2, &status);
	if (history == NULL) {
		json_decref(one);
		return reply_db_error(c, db);
	}
	json_object_set_new(one, "history", history);
	return reply_json_etag(c, 200, one, version, NULL);
}

enum MHD_Result h_reconsiderations_get(struct ctx *c)
{
	return records_get(c, &reconsiderations);
}

enum MHD_Result h_reconsideration_get(struct ctx *c)
{
	return records_get(c, &reconsiderations);
}

enum MHD_Result h_litigations_get(struct ctx *c)
{
	return records_get(c, &litigations);
}

enum MHD_Result h_litigation_get(struct ctx *c)
{
	return records_get(c, &litigations);
}

/* ---- dates for the deadline explanation and the queue ---------------------------- */

static void add_date(json_t *subs, const struct ogi_remedy_deadline *d, ogi_date today,
                     long long request_id, const char *ref, long long id, int seq)
{
	json_t *o = deadline_json(d, today);
	json_object_set_new(o, "request_id", json_integer(request_id));
	json_object_set_new(o, ref, json_integer(id));
	if (seq > 0)
		json_object_set_new(o, "instance", json_integer(seq));
	json_array_append_new(subs, o);
}

static void add_step(json_t *steps, ogi_date from, ogi_date to, const char *zh, const char *en)
{
	if (steps != NULL)
		json_array_append_new(steps,
		                      json_pack("{s:o, s:o, s:i, s:s, s:s}", "from",
		                                date_or_null(from), "to", date_or_null(to),
		                                "workdays", 0, "text_zh", zh, "text_en", en));
}

/* The step of an order to reply anew: what by (zh_by: 复议决定 or the instance's
 * 一审/二审/再审 with 裁判), due when, and done when. */
static void add_redo_step(json_t *steps, const char *by_zh, const char *by_en, ogi_date decided_on,
                          ogi_date due, ogi_date done, bool superseded)
{
	char zh[512], en[512], d2[OGI_DATE_STRLEN], d3[OGI_DATE_STRLEN];
	if (due == OGI_DATE_NONE)
		return;
	ogi_date_format(due, d2);
	if (done != OGI_DATE_NONE) {
		ogi_date_format(done, d3);
		snprintf(zh, sizeof zh, "%s责令重新答复（期限 %s）；本机关已于 %s 重新答复。",
		         by_zh, d2, d3);
		snprintf(en, sizeof en,
		         "The %s ordered a new reply by %s; the body replied anew on %s.", by_en,
		         d2, d3);
	} else if (superseded) {
		snprintf(zh, sizeof zh, "%s责令于 %s 前重新答复；已提起上诉或再审，尚未生效。",
		         by_zh, d2);
		snprintf(en, sizeof en,
		         "The %s ordered a new reply by %s; appealed or retried, so not in force.",
		         by_en, d2);
	} else {
		snprintf(zh, sizeof zh, "%s责令重新答复：本机关应于 %s 前重新答复。", by_zh, d2);
		snprintf(en, sizeof en, "The %s ordered a new reply: the body replies anew by %s.",
		         by_en, d2);
	}
	add_step(steps, decided_on, done != OGI_DATE_NONE ? done : due, zh, en);
}

void remedy_dates_json(const struct ogi_calendar *cal, PGresult *rcs, PGresult *lits,
                       PGresult *insts, long long request_id, json_t *subs, json_t *steps)
{
	ogi_date today = ogi_today();
	char zh[512], en[512], d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	struct rc *r = malloc(sizeof *r);
	for (int i = 0; r != NULL && rcs != NULL && i < PQntuples(rcs); i++) {
		rc_load(rcs, i, r);
		if (request_id > 0 && r->request_id != request_id)
			continue;
		struct ogi_reconsideration_dates d = rc_dates(r);
		struct ogi_remedy_deadline dl[4];
		int n = ogi_reconsideration_deadlines(cal, &d, dl, 4);
		for (int k = 0; k < n; k++)
			add_date(subs, &dl[k], today, r->request_id, "reconsideration", r->id, 0);
		snprintf(
		    zh, sizeof zh,
		    "%s 申请人向%s申请行政复议%s%s；复议机关应于 %s 前作出决定（受理后%d日%s）%s。",
		    ogi_date_format(r->filed_on, d1), r->authority, r->has_case_no ? "，案号 " : "",
		    r->has_case_no ? r->case_no : "", ogi_date_format(dl[0].due_on, d2),
		    r->procedure == 1 ? 30 : 60 + r->extension_days,
		    r->extension_days ? "，含延长" : "",
		    r->late_filing ? "（晚于申请期限60日）" : "");
		snprintf(en, sizeof en,
		         "%s reconsideration filed with %s%s%s; the authority decides by %s "
		         "(%d days after acceptance)%s.",
		         d1, r->authority, r->has_case_no ? ", case " : "",
		         r->has_case_no ? r->case_no : "", d2,
		         r->procedure == 1 ? 30 : 60 + r->extension_days,
		         r->late_filing ? " (filed after the 60 days)" : "");
		add_step(steps, r->filed_on, dl[0].due_on, zh, en);
		if (r->decided_on != OGI_DATE_NONE) {
			enum ogi_remedy_result res =
			    ogi_rc_decision_result((enum ogi_rc_decision)r->decision);
			snprintf(
			    zh, sizeof zh, "%s 复议决定：%s（%s）；申请人可于 %s 前提起行政诉讼。",
			    ogi_date_format(r->decided_on, d1), ogi_rc_decision_names[r->decision],
			    ogi_remedy_result_labels_zh[res], ogi_date_format(dl[1].due_on, d2));
			snprintf(
			    en, sizeof en,
			    "%s reconsideration decided: %s (%s); the applicant may sue until %s.",
			    d1, ogi_rc_decision_names[r->decision], ogi_remedy_result_names[res],
			    d2);
			add_step(steps, r->decided_on, dl[1].due_on, zh, en);
			add_redo_step(steps, "复议决定", "reconsideration decision", r->decided_on,
			              r->redo_due, r->redone_on, false);
		}
	}
	free(r);
	struct lit *l = malloc(sizeof *l);
	for (int i = 0; l != NULL && lits != NULL && i < PQntuples(lits); i++) {
		lit_load(lits, i, l);
		if (request_id > 0 && l->request_id != request_id)
			continue;
		lit_instances(insts, l);
		struct ogi_instance v[MAX_INSTANCES];
		int ni = lit_lib(l, v);
		snprintf(zh, sizeof zh, "%s 申请人向%s提起行政诉讼（%s）%s%s%s。",
		         ogi_date_format(l->filed_on, d1), l->court,
		         l->route == 0 ? "未经复议直接起诉" : "复议后起诉",
		         l->late_filing ? "，晚于起诉期限" : "",
		         l->needs_reconsideration
		             ? "，不予公开答复依法应先申请行政复议（行政复议法第二十三条）"
		             : "",
		         l->has_case_no ? "" : "");
		snprintf(en, sizeof en, "%s suit filed with %s (%s)%s%s.", d1, l->court,
		         l->route == 0 ? "direct" : "after reconsideration",
		         l->late_filing ? ", after the time limit" : "",
		         l->needs_reconsideration
		             ? "; a withholding reply goes to reconsideration first (art. 23)"
		             : "");
		add_step(steps, l->filed_on, l->filed_on, zh, en);
		for (int k = 0; k < ni; k++) {
			struct ogi_remedy_deadline dl[6];
			int nd = ogi_instance_deadlines(cal, &v[k], dl, 6);
			for (int j = 0; j < nd; j++)
				add_date(subs, &dl[j], today, l->request_id, "litigation", l->id,
				         l->inst[k].seq);
			if (v[k].decided_on != OGI_DATE_NONE) {
				snprintf(zh, sizeof zh, "%s %s裁判：%s（%s）。",
				         ogi_date_format(v[k].decided_on, d1),
				         ogi_instance_kind_labels_zh[v[k].kind],
				         ogi_judgment_names[v[k].judgment],
				         ogi_remedy_result_labels_zh[v[k].result]);
				snprintf(en, sizeof en, "%s %s instance decided: %s (%s).", d1,
				         ogi_instance_kind_names[v[k].kind],
				         ogi_judgment_names[v[k].judgment],
				         ogi_remedy_result_names[v[k].result]);
				add_step(steps, v[k].decided_on, v[k].decided_on, zh, en);
				snprintf(zh, sizeof zh, "%s裁判",
				         ogi_instance_kind_labels_zh[v[k].kind]);
				snprintf(en, sizeof en, "%s instance's judgment",
				         ogi_instance_kind_names[v[k].kind]);
				add_redo_step(steps, zh, en, v[k].decided_on, v[k].redo_due,
				              v[k].redone_on, v[k].superseded);
			}
		}
	}
	free(l);
}
