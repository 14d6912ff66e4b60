/* POST /api/v1/requests/{id}/events: append an event.  The body is checked
 * against its type's payload spec (daemon/wire/event_json.h); then in one
 * transaction: lock the request, check If-Match against its version, name
 * the consultation the event is about, check the event against the rules of
 * lib/clock (409 naming the rule), complete a fee event's payload, check the
 * year lock, append the event (409 history_full once the request has
 * OGI_EVENTS_MAX), bring the fee and consultation records up to date
 * (daemon/core/event_effects.h) and the assignee, unit or body of an
 * assignment or transfer (daemon/core/assign_tx.h), recompute the projection and store it with
 * version + 1 — daemon/core/event_record.h, the path every event takes.  201 with the request
 * after it. */
#include <stdio.h>

#include "daemon/core/event_record.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/event_json.h"

struct record {
	struct ctx *c;
	long long if_match;    /* 0: no If-Match */
	struct event_input in; /* its payload as the client sent it */
	struct event_recorded out;
};

static int record_tx(struct ogi_db *db, void *cls)
{
	struct record *r = cls;
	return event_record(db, r->c, r->c->id, &r->in, r->if_match, &r->out);
}

bool in_events_post(json_t *body, struct spec_errors *errs)
{
	struct event_input in;
	if (!wire_event_parse(body, &in, errs))
		return false;
	json_decref(in.payload);
	return true;
}

enum MHD_Result h_events_post(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct record r = {.c = c};
	if (!wire_event_parse(c->json, &r.in, &errs))
		return reply_invalid(c, &errs);
	r.if_match = if_match(c, &errs, "请求", "the request's");
	if (r.if_match < 0) {
		json_decref(r.in.payload);
		return reply_invalid(c, &errs);
	}
	c->errs = &errs;
	enum MHD_Result result;
	bool done = tx(c, "record event", record_tx, &r, &result);
	json_decref(r.in.payload);
	if (!done) {
		json_decref(r.out.request);
		return result;
	}
	char location[80];
	snprintf(location, sizeof location, "/api/v1/requests/%lld", c->id);
	return reply_json_etag(c, 201, r.out.request, r.out.version, location);
}
