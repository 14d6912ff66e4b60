/* GET /api/v1/requests/{id}/litigations/{litigation_id}: one litigation as
 * the list shows it, with its history (every change of it and of its
 * instances in the audit log) and its version as ETag. */
#include <stdlib.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/litigation_json.h"
#include "daemon/wire/remedy_json.h"
#include "lib/db/litigations.h"
#include "lib/db/remedy_reads.h"

enum MHD_Result h_litigation_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_litigation *l = malloc(sizeof *l);
	if (l == NULL)
		return MHD_NO;
	struct ogi_remedy_owner o;
	struct ogi_remedy_history h = {0};
	int rc = remedy_owner_load(db, c, false, OGI_ROLE_AUDITOR, &o);
	if (rc == 0 && (rc = ogi_db_litigation_get(db, c->id, c->id2, false, l)) == OGI_E_NOT_FOUND)
		ctx_detail(c, "no litigation %lld of request %lld", c->id2, c->id);
	if (rc == 0)
		rc = ogi_db_remedy_history(db, "litigation", c->id2, &h);
	if (rc != 0) {
		free(l);
		return reply_status(c, db, rc);
	}
	struct calendar_ref cal = calendar_acquire();
	json_t *out = wire_litigation(cal.cal, l, &o);
	calendar_release(cal);
	json_object_set_new(out, "history", wire_remedy_history(&h));
	ogi_remedy_history_free(&h);
	long long version = l->version;
	free(l);
	return reply_json_etag(c, 200, out, version, NULL);
}
