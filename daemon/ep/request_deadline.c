/* GET /api/v1/requests/{id}/deadline: the request's due date explained as
 * of today (lib/projection over its events: every step, the days skipped
 * and why), its remedy records' dates, and the events the caller may
 * record now (the clock's rules and the caller's role on its body). */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/remedy_dates.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "lib/db/events.h"
#include "lib/projection.h"
#include "lib/roles.h"

enum MHD_Result h_request_deadline(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request r;
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &r);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct ogi_event_list events = {0};
	if ((rc = ogi_db_events_load(db, c->id, &events)) != 0) {
		ogi_request_free(&r);
		return reply_status(c, db, rc);
	}
	struct calendar_ref cal = calendar_acquire();
	json_t *out = ogi_projection_explain(cal.cal, r.received_on, events.e, events.n);
	unsigned allowed = ogi_projection_allowed(cal.cal, r.received_on, events.e, events.n);
	ogi_event_list_free(&events);
	/* the remedy records' dates: the authority's decision, court dates, appeal windows */
	rc = remedy_dates_of_request(db, cal.cal, c->id, json_object_get(out, "subdeadlines"),
	                             json_object_get(out, "steps"));
	calendar_release(cal);
	if (rc != 0) {
		json_decref(out);
		ogi_request_free(&r);
		return reply_status(c, db, rc);
	}
	/* what this caller may record now: the clock's rules and the caller's
	   role on the request's body, so a client offers only these */
	json_t *list = json_array();
	for (int t = 0; t < OGI_EV_TYPE_COUNT; t++)
		if ((allowed & (1u << t)) &&
		    request_allows(c, &r, ogi_event_least_role((enum ogi_event_type)t)))
			json_array_append_new(list, json_string(ogi_event_type_names[t]));
	long long version = r.version;
	ogi_request_free(&r);
	json_object_set_new(out, "allowed_events", list);
	json_object_set_new(out, "request_id", json_integer(c->id));
	return reply_json_etag(c, 200, out, version, NULL);
}
