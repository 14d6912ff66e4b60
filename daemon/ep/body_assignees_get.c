/* GET /api/v1/bodies/{id}/assignees: the users a request of the body may be
 * assigned to (承办人) — active, holding a role other than auditor on the
 * body or a body above it — as {users: [{id, name}]} by name, for anyone
 * holding a role on the body (the request page's 承办 form offers them;
 * GET /users is an admin's). */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/assignment.h"

enum MHD_Result h_body_assignees_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, c->id, OGI_ROLE_AUDITOR, &result))
		return result;
	json_t *users;
	int rc = ogi_db_assignees(db, c->id, &users);
	if (rc != 0)
		return reply_status(c, db, rc);
	return reply_json(c, 200, json_pack("{s:o}", "users", users));
}
