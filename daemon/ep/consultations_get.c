/* GET /api/v1/requests/{id}/consultations: the request's consultations
 * (条例 arts. 32, 34), each with the party's window and its answer. */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/consultation_json.h"
#include "lib/db/consultations.h"

enum MHD_Result h_consultations_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req;
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	bool open = ogi_request_open(&req);
	ogi_request_free(&req);
	struct ogi_consultation_record *v;
	size_t n;
	if ((rc = ogi_db_consultations_of(db, c->id, &v, &n)) != 0)
		return reply_status(c, db, rc);
	struct calendar_ref cal = calendar_acquire();
	ogi_date today = ogi_today();
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, wire_consultation(&v[i], cal.cal, open, today));
	calendar_release(cal);
	ogi_consultation_records_free(v, n);
	return reply_json(
	    c, 200,
	    json_pack("{s:I, s:o}", "request_id", (json_int_t)c->id, "consultations", list));
}
