/* GET /api/v1/register-imports/{id}: an administrator of the import's body
 * reads it: its status (checked, queued, running, done, failed), the rows
 * the run has gone through of the register's rows (the page's progress bar
 * polls this), the last dry run's report and, once run, the result (new
 * requests, those already there, refused rows). */
#include "daemon/core/dbconn.h"
#include "daemon/core/register_work.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/register_import_json.h"
#include "lib/db/register_jobs.h"

enum MHD_Result h_register_import_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_register_job j;
	c->detail[0] = '\0';
	int rc = register_job_for(c, db, c->id, false, &j);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *out = wire_register_job(&j, true);
	ogi_register_job_free(&j);
	return reply_json(c, 200, out);
}
