/* POST /api/v1/requests/{id}/supervisions {note, report_by}: 督办 — an
 * administrator of a body above the request's body (lib/assign_rules.h's
 * ogi_supervising_body) marks an open request for supervision with a note
 * and the date by which its body must report (today or later).  One open
 * supervision a request (409 supervision_open); a closed request is not
 * supervised (409 request_closed).  The mark shows on the request and on
 * every queue that lists it until the body answers (…/answer).  Recorded as a
 * `supervised` event on the request's timeline (both bodies read it) and in
 * the audit log.  201 with the request. */
#include <stdio.h>

#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_json.h"
#include "lib/assign_rules.h"
#include "lib/db/assignment.h"
#include "lib/db/events.h"
#include "lib/db/requests.h"
#include "lib/refuse.h"

struct supervise {
	struct ctx *c;
	const char *note;
	ogi_date report_by;
	json_t *out;
};

static bool parse(json_t *body, struct supervise *s, struct spec_errors *errs)
{
	struct spec spec[] = {SPEC_STRING("note", &s->note, 2000),
	                      SPEC_DATE("report_by", &s->report_by), SPEC_END};
	if (!spec_parse(body, spec, errs))
		return false;
	if (s->note[0] == '\0')
		spec_error_add(errs, "note", "required", "请写明督办事项",
		               "say what is to be done");
	if (s->report_by < ogi_today())
		spec_error_add(errs, "report_by", "range", "报告期限不能早于今天",
		               "the report-by date cannot be before today");
	return errs->n == 0;
}

bool in_supervisions_post(json_t *body, struct spec_errors *errs)
{
	struct supervise s = {0};
	return parse(body, &s, errs);
}

/* The timeline's `supervised` event and the audit row of supervision id. */
static int record(struct ogi_db *db, struct supervise *s, const struct ogi_request *r, long long by,
                  long long id)
{
	struct ctx *c = s->c;
	char name[256];
	long long path[OGI_BODY_DEPTH_MAX];
	int npath = 0;
	int rc = ogi_db_body_name_path(db, by, name, sizeof name, path, &npath);
	if (rc != 0)
		return rc;
	char report_by[OGI_DATE_STRLEN];
	json_t *payload = json_pack("{sI sI ss ss ss}", "supervision_id", (json_int_t)id,
	                            "by_body_id", (json_int_t)by, "by_body_name", name, "note",
	                            s->note, "report_by", ogi_date_format(s->report_by, report_by));
	if (payload == NULL)
		return OGI_DB_HARD;
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	rc = ogi_db_event_insert(db, r->id, r->body_id, OGI_EV_SUPERVISED, ogi_today(), payload,
	                         &actor, NULL);
	if (rc == OGI_E_HISTORY_FULL)
		ctx_detail(c, "request %lld already has %d events", r->id, OGI_EVENTS_MAX);
	if (rc == 0) {
		json_object_set_new(payload, "request_id", json_integer(r->id));
		json_object_set_new(payload, "body_id", json_integer(r->body_id));
		rc = audit_record(db, &c->auth, "supervision", id, "create", NULL, payload);
	}
	json_decref(payload);
	return rc;
}

static int supervise_tx(struct ogi_db *db, void *cls)
{
	struct supervise *s = cls;
	struct ctx *c = s->c;
	struct ogi_request r;
	int rc = request_for(c, db, c->id, true, OGI_ROLE_AUDITOR, &r);
	if (rc != 0)
		return rc;
	long long by =
	    ogi_supervising_body(c->auth.grants, (size_t)c->auth.ngrants, r.body_path, r.npath);
	long long id = 0;
	if (by == 0)
		rc = ogi_refuse(c->detail, sizeof c->detail, OGI_E_SUPERVISION_NOT_PARENT,
		                "you administer no body above body %lld", r.body_id);
	else if (!ogi_request_open(&r))
		rc = ogi_refuse(c->detail, sizeof c->detail, OGI_E_REQUEST_CLOSED,
		                "the request is closed");
	else
		rc = ogi_db_supervision_insert(db, r.id, r.body_id, by, s->note, s->report_by,
		                               c->auth.user_id, &id);
	if (rc == OGI_E_SUPERVISION_OPEN)
		ctx_detail(c, "request %lld already has an open supervision", r.id);
	if (rc == 0)
		rc = record(db, s, &r, by, id);
	ogi_request_free(&r);
	if (rc == 0 && (rc = ogi_db_request_get(db, c->id, false, &r)) == 0) {
		json_decref(s->out);
		s->out = wire_request(&r, request_shows_full_id(c, &r));
		ogi_request_free(&r);
	}
	return rc;
}

enum MHD_Result h_supervisions_post(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct supervise s = {.c = c};
	if (!parse(c->json, &s, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!tx(c, "supervise", supervise_tx, &s, &result)) {
		json_decref(s.out);
		return result;
	}
	char location[80];
	snprintf(location, sizeof location, "/api/v1/requests/%lld", c->id);
	return reply_json_etag(c, 201, s.out, json_integer_value(json_object_get(s.out, "version")),
	                       location);
}
