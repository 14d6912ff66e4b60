/* GET /api/v1/requests/{id}/fees: the request's fee notices, each with its
 * payment, waiver or lapse. */
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/fee_json.h"
#include "lib/db/fee_notices.h"

enum MHD_Result h_fees_get(struct ctx *c)
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
	struct ogi_fee_notice *v;
	size_t n;
	if ((rc = ogi_db_fee_notices_of(db, c->id, &v, &n)) != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, wire_fee_notice(&v[i]));
	ogi_fee_notices_free(v, n);
	return reply_json(
	    c, 200, json_pack("{s:I, s:o}", "request_id", (json_int_t)c->id, "fee_notices", list));
}
