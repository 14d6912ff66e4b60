/* GET /api/v1/bodies/{id}/units: the body's units (科室 / 社区) a request is
 * assigned to, {units: [name, …]} in their order, for anyone holding a role
 * on the body or above it (issue 16). */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/assignment.h"

enum MHD_Result h_body_units_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, c->id, OGI_ROLE_AUDITOR, &result))
		return result;
	json_t *units;
	int rc = ogi_db_units_get(db, c->id, &units);
	if (rc != 0)
		return reply_status(c, db, rc);
	return reply_json(c, 200, json_pack("{s:o}", "units", units));
}
