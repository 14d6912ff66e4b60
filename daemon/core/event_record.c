/* Recording an event on a request (see event_record.h): the path of POST
 * /api/v1/requests/{id}/events, shared with the confirmation of an online 补正. */
#include "daemon/core/event_record.h"

#include <stdio.h>
#include <string.h>

#include "daemon/core/assign_tx.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/event_effects.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/visible.h"
#include "daemon/wire/request_json.h"
#include "lib/db/events.h"
#include "lib/db/requests.h"
#include "lib/projection.h"
#include "lib/refuse.h"
#include "lib/report.h"
#include "lib/roles.h"

struct record {
	struct ctx *c;
	long long request_id;
	long long if_match; /* 0: no If-Match */
	const struct event_input *in;
	struct event_recorded *out;
};

/* The request as the event sees it, copied before the row is freed. */
struct target {
	long long body_id;
	ogi_date received_on;
	bool closed;
	char id_number[64]; /* empty when not recorded */
	char tracking_no[64];
	long long path[OGI_BODY_DEPTH_MAX]; /* the body's, for an assignment or transfer */
	int npath;
};

/* The locked request the caller may record this event on, into t. */
static int target_load(struct ogi_db *db, struct record *r, struct target *t)
{
	struct ctx *c = r->c;
	enum ogi_role role = ogi_event_least_role(r->in->type);
	struct ogi_request req;
	int rc = request_for(c, db, r->request_id, true, role, &req);
	if (rc == OGI_E_FORBIDDEN)
		return ogi_refuse(c->detail, sizeof c->detail, OGI_E_FORBIDDEN,
		                  "recording %s needs the %s role",
		                  ogi_event_type_names[r->in->type], ogi_role_names[role]);
	if (rc != 0)
		return rc;
	if (r->if_match > 0 && r->if_match != req.version) {
		ctx_detail(c, "you had version %lld; the request is now at version %lld",
		           r->if_match == IF_MATCH_NO_VERSION ? 0 : r->if_match, req.version);
		ogi_request_free(&req);
		return OGI_E_PRECONDITION_FAILED;
	}
	t->body_id = req.body_id;
	t->received_on = req.received_on;
	t->closed = !ogi_request_open(&req);
	snprintf(t->id_number, sizeof t->id_number, "%s",
	         req.applicant.id_number ? req.applicant.id_number : "");
	snprintf(t->tracking_no, sizeof t->tracking_no, "%s", req.tracking_no);
	memcpy(t->path, req.body_path, sizeof t->path);
	t->npath = req.npath;
	ogi_request_free(&req);
	return 0;
}

/* A published (locked) year's figures change only by an admin's override;
 * the amendment names the event as completed (a fee's amount). */
static int year_lock(struct ogi_db *db, struct record *r, const struct target *t,
                     const struct ogi_event *next)
{
	if (!ogi_event_alters_report(next->type))
		return 0;
	char what[256];
	event_detail(t->tracking_no, next, what, sizeof what);
	struct lock_change ch = {.body_id = t->body_id,
	                         .on = next->on,
	                         .override_reason = r->in->override_reason,
	                         .request_id = r->request_id,
	                         .subject = "event",
	                         .detail = what};
	return lock_guard(db, r->c, &ch, r->c->detail, sizeof r->c->detail);
}

/* The event appended: the projection recomputed over the history with it,
 * stored, and the request after it as the answer. */
static int project(struct ogi_db *db, struct record *r, const struct ogi_calendar *cal,
                   ogi_date received_on, struct ogi_event_list *events, struct ogi_event *next)
{
	/* the list takes a reference of its own to the payload */
	next->payload = json_incref(next->payload);
	if (!ogi_event_list_push(events, next))
		return OGI_DB_HARD;
	struct ogi_projection pr;
	ogi_projection_compute(cal, received_on, events->e, events->n, &pr);
	struct ogi_request row;
	int rc = ogi_db_request_store_projection(db, r->request_id, &pr, &row);
	ogi_projection_free(&pr);
	if (rc != 0)
		return rc;
	json_decref(r->out->request);
	r->out->request = wire_request(&row, request_shows_full_id(r->c, &row));
	r->out->version = row.version;
	ogi_request_free(&row);
	return 0;
}

static int record_attempt(struct ogi_db *db, struct record *r, json_t *payload)
{
	struct ctx *c = r->c;
	struct target t;
	int rc = target_load(db, r, &t);
	if (rc != 0)
		return rc;
	struct ogi_event_list events = {0};
	if ((rc = ogi_db_events_load(db, r->request_id, &events)) != 0)
		return rc;
	struct calendar_ref cal = calendar_acquire();
	struct event_effects w = {.request_id = r->request_id,
	                          .body_id = t.body_id,
	                          .received_on = t.received_on,
	                          .id_number = t.id_number[0] ? t.id_number : NULL,
	                          .closed = t.closed,
	                          .type = r->in->type,
	                          .on = r->in->on,
	                          .payload = payload,
	                          .cal = cal.cal,
	                          .errs = c->errs,
	                          .detail = c->detail,
	                          .detail_len = sizeof c->detail};
	struct ogi_event next = {.type = r->in->type, .on = r->in->on, .payload = payload};
	rc = event_effects_resolve(db, &w);
	if (rc == 0)
		rc = ogi_projection_check(cal.cal, t.received_on, events.e, events.n, &next,
		                          c->detail, sizeof c->detail);
	struct assign_target at = {
	    .request_id = r->request_id, .body_id = t.body_id, .path = t.path, .npath = t.npath};
	if (rc == 0)
		rc = assign_check(db, c, &at, next.type, payload);
	if (rc == 0)
		rc = event_effects_complete(db, &w);
	if (rc == 0)
		rc = year_lock(db, r, &t, &next);
	long long event_id = 0;
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	if (rc == 0)
		rc = ogi_db_event_insert(db, r->request_id, t.body_id, next.type, next.on, payload,
		                         &actor, &event_id);
	if (rc == OGI_E_HISTORY_FULL)
		ctx_detail(c, "request %lld already has %d events", r->request_id, OGI_EVENTS_MAX);
	if (rc == 0)
		rc = event_effects_apply(db, &w, event_id);
	if (rc == 0)
		rc = assign_apply(db, &at, next.type, payload, event_id, next.on);
	if (rc == 0)
		rc = project(db, r, cal.cal, t.received_on, &events, &next);
	if (rc == 0)
		r->out->event_id = event_id;
	calendar_release(cal);
	ogi_event_list_free(&events);
	return rc;
}

int event_record(struct ogi_db *db, struct ctx *c, long long request_id,
                 const struct event_input *in, long long if_match, struct event_recorded *out)
{
	struct record r = {
	    .c = c, .request_id = request_id, .if_match = if_match, .in = in, .out = out};
	if (c->errs != NULL)
		c->errs->n = 0;
	/* each attempt completes a copy of the payload as the client sent it */
	json_t *payload = json_deep_copy(in->payload);
	if (payload == NULL)
		return OGI_DB_HARD;
	int rc = record_attempt(db, &r, payload);
	json_decref(payload);
	return rc;
}
