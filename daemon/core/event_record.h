/* Recording an event on a request, in the caller's transaction: the one path
 * every event takes (POST /api/v1/requests/{id}/events, and a clerk's
 * confirmation of an online 补正 as correction_received).  Locks the request,
 * checks If-Match against its version, names the consultation the event is
 * about, checks the event against the rules of lib/clock (409 naming the rule),
 * completes a fee event's payload, checks the year lock, appends the event
 * (409 history_full once the request has OGI_EVENTS_MAX), brings the fee and
 * consultation records up to date (daemon/core/event_effects.h) and the
 * assignee, unit or body of an assignment or transfer (daemon/core/assign_tx.h),
 * recomputes the projection and stores it with version + 1. */
#ifndef OGI_DAEMON_EVENT_RECORD_H
#define OGI_DAEMON_EVENT_RECORD_H

#include <jansson.h>

#include "daemon/core/ctx.h"
#include "daemon/wire/event_json.h"
#include "lib/db/db.h"

struct event_recorded {
	json_t *request;    /* the request after it (owned by the caller), or NULL */
	long long version;  /* the request's version after it */
	long long event_id; /* the event appended */
};

/* One attempt (the caller's tx() reruns it on serialization failures): records
 * in (its payload copied, never changed) on request request_id as the caller c
 * (c->errs receives field errors, c->detail the sentence of a refusal);
 * if_match 0 for no If-Match.  0, a database status (< 0) or an error code. */
int event_record(struct ogi_db *db, struct ctx *c, long long request_id,
                 const struct event_input *in, long long if_match, struct event_recorded *out);

#endif
