/* GET /api/v1/requests/{id}/events: the timeline, every event of the
 * request in order (the one load of lib/db/events.h: never cut short). */
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/event_json.h"
#include "lib/db/events.h"

enum MHD_Result h_events_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req;
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	ogi_request_free(&req);
	struct ogi_event_list events = {0};
	if ((rc = ogi_db_events_load(db, c->id, &events)) != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < events.n; i++)
		json_array_append_new(list, wire_event(&events.e[i]));
	ogi_event_list_free(&events);
	return reply_json(c, 200, json_pack("{s:o}", "events", list));
}
