/* GET /api/v1/requests/{id}/reconsiderations/{reconsideration_id}: one
 * reconsideration as the list shows it, with its history (every change in
 * the audit log) and its version as ETag. */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/reconsideration_json.h"
#include "daemon/wire/remedy_json.h"
#include "lib/db/reconsiderations.h"
#include "lib/db/remedy_reads.h"

enum MHD_Result h_reconsideration_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_remedy_owner o;
	struct ogi_reconsideration r;
	struct ogi_remedy_history h = {0};
	int rc = remedy_owner_load(db, c, false, OGI_ROLE_AUDITOR, &o);
	if (rc == 0 &&
	    (rc = ogi_db_reconsideration_get(db, c->id, c->id2, false, &r)) == OGI_E_NOT_FOUND)
		ctx_detail(c, "no reconsideration %lld of request %lld", c->id2, c->id);
	if (rc == 0)
		rc = ogi_db_remedy_history(db, "reconsideration", c->id2, &h);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct calendar_ref cal = calendar_acquire();
	json_t *out = wire_reconsideration(cal.cal, &r, &o);
	calendar_release(cal);
	json_object_set_new(out, "history", wire_remedy_history(&h));
	ogi_remedy_history_free(&h);
	return reply_json_etag(c, 200, out, r.version, NULL);
}
