/* GET /api/v1/bodies/{id}/register-imports: an administrator of the body
 * lists its register imports, newest first (at most 100): the file, who
 * uploaded it and when, its status, its rows and progress, and the result of
 * a run — without the dry runs' reports (GET /register-imports/{id}). */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/register_import_json.h"
#include "lib/db/register_jobs.h"

enum MHD_Result h_register_imports_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !require_body(c, db, c->id, OGI_ROLE_ADMIN, &result))
		return result;
	struct ogi_register_job_list l;
	int rc = ogi_db_register_jobs_list(db, c->id, &l);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *out = wire_register_jobs(&l);
	ogi_register_job_list_free(&l);
	return reply_json(c, 200, out);
}
