/* GET /api/v1/requests/{id}/litigations: the request's litigations
 * (行政诉讼), each with its instances and the dates that follow from them,
 * its result and state today and how the annual report counts it. */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/litigation_json.h"
#include "lib/db/litigations.h"

enum MHD_Result h_litigations_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_remedy_owner o;
	struct ogi_litigation_list lits = {0};
	int rc = remedy_owner_load(db, c, false, OGI_ROLE_AUDITOR, &o);
	if (rc == 0)
		rc = ogi_db_litigations_of(db, c->id, &lits);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	struct calendar_ref cal = calendar_acquire();
	for (size_t i = 0; i < lits.n; i++)
		json_array_append_new(list, wire_litigation(cal.cal, &lits.v[i], &o));
	calendar_release(cal);
	ogi_litigation_list_free(&lits);
	return reply_json(
	    c, 200, json_pack("{s:I, s:o}", "request_id", (json_int_t)c->id, "litigations", list));
}
